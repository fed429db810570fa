import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog
from jobspor.cases.services import case_staff_add
from jobspor.contacts.models import Contact, PlannedAction, StandardText
from jobspor.testing.factories import EmployeeFactory, make_action, make_case, make_contact

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(job_broker):
    return make_case(primary=job_broker, name="Jens Hansen", opened=timezone.localdate() - dt.timedelta(days=200))


def tab(case):
    return reverse("cases:detail", args=[case.pk]) + "?fane=kontakter"


def test_the_quick_form_logs_a_job_conversation_with_the_next_contact(client, case, job_broker, caseworker):
    case_staff_add(actor=None, case=case, employee=caseworker, role="myndighedssagsbehandler")
    client.force_login(job_broker.user)
    today = timezone.localdate()
    response = client.post(reverse("contacts:create", args=[case.pk]), {
        "kind": "jobsamtale", "date": today.isoformat(), "note": "Jobsamtale afholdt – fokus på job.",
        "participants": [caseworker.pk], "other_participants": "borgerens bisidder",
        "next_date": (today + dt.timedelta(days=14)).isoformat(), "next_kind": ""})

    assert response.status_code == 302 and response.url == tab(case)
    contact = Contact.objects.get()
    assert (contact.employee, contact.kind, contact.next_kind) == (job_broker, "jobsamtale", "jobsamtale")
    assert list(contact.participants.all()) == [caseworker]
    page = client.get(tab(case)).content.decode()
    assert "Jobsamtale afholdt – fokus på job." in page and "borgerens bisidder" in page
    assert "Kontakter (1)" in page


@pytest.mark.parametrize("data, field, message", [
    ({"next_date": "2020-01-01"}, "next_date", "Næste kontakt kan ikke ligge før kontaktens dato."),
    ({"kind": "kaffemoede"}, "kind", "Ukendt kontaktform. Vælg en fra listen."),
    ({"date": "2999-01-01"}, "date", "Datoen kan ikke ligge efter i dag."),
    ({"date": ""}, "date", "Angiv datoen for kontakten."),
    ({"next_kind": "telefon"}, "next_date", "Angiv en dato for næste kontakt."),
])
def test_the_quick_form_shows_danish_errors_at_the_field(client, case, job_broker, data, field, message):
    client.force_login(job_broker.user)
    values = {"kind": "jobsamtale", "date": timezone.localdate().isoformat(), "note": "x"} | data
    response = client.post(reverse("contacts:create", args=[case.pk]), values)
    assert response.status_code == 400
    assert response.context["contact_form"].errors[field] == [message]
    assert message in response.content.decode()
    assert not Contact.objects.exists()


def test_a_correction_keeps_the_old_text_visible(client, case, job_broker):
    contact = make_contact(case=case, note="Borgeren udeblev.", date=case.opened)
    client.force_login(job_broker.user)
    response = client.post(reverse("contacts:edit", args=[case.pk, contact.pk]), {
        "kind": "jobsamtale", "date": case.opened.isoformat(), "note": "Borgeren kom for sent, men deltog."})
    assert response.status_code == 302
    page = client.get(tab(case)).content.decode()
    assert "Borgeren kom for sent, men deltog." in page
    assert "Rettet · version 2" in page and "Borgeren udeblev." in page  # the earlier version, under details


def test_the_journal_is_newest_first_and_its_queries_do_not_grow_with_rows(client, case, job_broker, caseworker):
    client.force_login(job_broker.user)
    make_contact(case=case, date=case.opened, note="Første", participants=[caseworker])
    make_action(case=case)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(tab(case)).status_code == 200
        return len(ctx)

    few = queries()
    for days in range(1, 8):
        contact = make_contact(case=case, date=case.opened + dt.timedelta(days=days), note=f"Notat {days}",
                               participants=[caseworker])
        from jobspor.contacts.services import contact_update
        contact_update(actor=None, contact=contact, note=f"Rettet notat {days}")
        make_action(case=case, title=f"Handling {days}")
    assert queries() == few
    page = client.get(tab(case)).content.decode()
    assert page.index("Rettet notat 7") < page.index("Rettet notat 1") < page.index("Første")


def test_a_mentor_never_sees_contacts_or_efforts(client, case):
    mentor = EmployeeFactory(team=case.team, roles=["mentor"])
    case_staff_add(actor=None, case=case, employee=mentor, role="mentor")
    contact = make_contact(case=case, note="Fortroligt notat om helbred.")
    client.force_login(mentor.user)

    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "?fane=kontakter" not in page and "?fane=indsatser" not in page
    assert client.get(tab(case)).status_code == 403
    assert client.get(reverse("cases:detail", args=[case.pk]) + "?fane=indsatser").status_code == 403
    response = client.get(reverse("contacts:edit", args=[case.pk, contact.pk]))
    assert response.status_code == 403 and "Fortroligt" not in response.content.decode()
    assert client.post(reverse("contacts:create", args=[case.pk]), {"kind": "jobsamtale"}).status_code == 403
    assert AccessLog.objects.filter(user_id=mentor.user.pk, action="denied").exists()


def test_planned_actions_are_added_and_done_in_a_click(client, case, job_broker):
    client.force_login(job_broker.user)
    response = client.post(reverse("contacts:action_create", args=[case.pk]),
                           {"title": "Ring til Nordlager", "owner": job_broker.pk, "due": "2030-01-01"})
    assert response.status_code == 302
    action = PlannedAction.objects.get()
    client.post(reverse("contacts:action_toggle", args=[case.pk, action.pk]))
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()
    response = client.post(reverse("contacts:action_create", args=[case.pk]), {"title": "", "owner": "", "due": "x"})
    assert response.status_code == 400
    errors = response.context["action_form"].errors
    assert errors["title"] == ["Skriv hvad der skal gøres."] and errors["owner"] == ["Vælg hvem der er ansvarlig."]


def test_the_short_search_finds_standard_texts_by_title_and_words(client, job_broker):
    client.force_login(job_broker.user)
    url = reverse("contacts:standard_text_search")
    page = client.get(url, {"q": "//udeblev"}, headers={"HX-Request": "true"}).content.decode()
    assert "Borger udeblev" in page and "data-std-text=" in page
    page = client.get(url, {"q": "fokus job"}).content.decode()
    assert "Jobsamtale afholdt – fokus på job" in page
    StandardText.objects.filter(title="Borger udeblev").update(is_active=False)
    assert "Borger udeblev" not in client.get(url, {"q": "udeblev"}).content.decode()
    assert "Ingen standardtekster" in client.get(url, {"q": "zzzz"}).content.decode()
    assert client.get(url, {"q": ""}).content.decode().strip() == ""


def test_the_initial_standard_texts_are_there():
    assert StandardText.objects.filter(is_active=True).count() >= 30
    assert StandardText.objects.filter(title="Opfølgning i virksomhedspraktik").exists()


def test_the_case_history_names_contact_changes_in_danish(client, case, job_broker):
    contact = make_contact(case=case, note="Før.")
    from jobspor.contacts.services import contact_update

    contact_update(actor=None, contact=contact, note="Efter.", kind="telefon")
    client.force_login(job_broker.user)
    page = client.get(reverse("cases:detail", args=[case.pk]) + "?fane=historik").content.decode()
    assert "Kontakt rettet" in page and "Journalnotat" in page and "Telefonsamtale" in page
