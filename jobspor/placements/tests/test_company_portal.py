"""Virksomhedsindgang's placement pages (Aftaler, Timer, Opfølgning) and the staff side of company-reported hours:
the queue, confirm/query, "Mine opgaver", and the KPI."""

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog, Event
from jobspor.followup.sources import tasks_for
from jobspor.placements import reported_hours, services
from jobspor.placements.models import FollowUp, Signature, WeekHours
from jobspor.placements.weeks import iso_week, monday_of
from jobspor.testing.factories import company_login, make_case, make_company, make_company_user

from .conftest import AGREEMENT


@pytest.fixture
def company_user(company):
    return make_company_user(company=company, name="Birthe Berg")


@pytest.fixture
def virk(client, company_user):
    company_login(client, company_user)
    return client


@pytest.fixture
def other_placement(job_broker):
    """A placement at another company (another CVR)."""
    from jobspor.companies.services import contact_save

    case = make_case(primary=job_broker, name="Ole Olsen")
    company = make_company(name="Andet Firma A/S")
    contact = contact_save(actor=None, company=company, name="Kaj Kontakt")
    return services.placement_create(actor=job_broker.user, case=case, company=company, contact=contact,
                                     kind="virksomhedspraktik", purpose=1, start=dt.date(2025, 3, 3),
                                     agreement=dict(AGREEMENT))


def last_week():
    return monday_of(timezone.localdate()) - dt.timedelta(weeks=1)


def denied(user, citizen_id=None):
    rows = AccessLog.objects.filter(user_id=user.pk, action="denied")
    return rows.filter(citizen_id=citizen_id).exists() if citizen_id else rows.exists()


# --- Aftaler ----------------------------------------------------------------------------------------------------

def test_agreements_lists_what_waits_for_the_company_and_logs_the_look_up(virk, placement, company_user):
    response = virk.get(reverse("virk:agreements"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Jens Hansen" in body and reverse("virk:agreement", args=[placement.pk]) in body
    entry = AccessLog.objects.get(user_id=company_user.user.pk, citizen_id=placement.case.citizen_id)
    assert entry.action == "list"
    assert entry.organisation == f"Nordlager ApS (CVR {company_user.company.cvr})" and entry.role == "Virksomhed"


def test_sign_with_mitid_erhverv_records_the_company_user(virk, placement, company_user, client, job_broker):
    url = reverse("virk:agreement", args=[placement.pk])
    page = virk.get(url)
    assert page.status_code == 200 and "Ordinære timer som lagermedarbejder" in page.content.decode()
    content_hash = page.context["hash"]
    response = virk.post(url, {"content_hash": content_hash, "read": "on"})
    assert response.status_code == 302
    signature = Signature.objects.get(agreement__placement=placement)
    assert (signature.role, signature.channel, signature.signer_name) == ("virksomhed", "mitid_erhverv",
                                                                         "Birthe Berg")
    assert signature.created_by_id == company_user.user.pk
    event = Event.objects.filter(verb="work_agreement_signed").latest("id")
    assert event.after["channel"] == "mitid_erhverv"
    # Staff read how it was signed.
    client.force_login(job_broker.user)
    staff = client.get(reverse("placements:agreement", args=[placement.case_id, placement.pk, 1])).content.decode()
    assert "underskrevet med MitID Erhverv af Birthe Berg" in staff
    # Signed: now under "Underskrevne aftaler", as a PDF.
    company_login(client, company_user)
    listing = client.get(reverse("virk:agreements")).content.decode()
    assert "Ingen aftaler venter" in listing
    pdf = client.get(reverse("virk:agreement_pdf", args=[placement.pk, 1]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"


def test_a_signature_on_a_changed_agreement_is_refused_and_logged(virk, placement, company_user, job_broker):
    url = reverse("virk:agreement", args=[placement.pk])
    shown = virk.get(url).context["hash"]
    services.agreement_save(actor=job_broker.user, placement=placement, **(AGREEMENT | {"goal": "Et nyt mål"}))
    response = virk.post(url, {"content_hash": shown, "read": "on"})
    assert response.status_code == 400
    assert "Aftalen er ændret, efter den blev vist" in response.content.decode()
    assert "Et nyt mål" in response.content.decode()  # the page shows the agreement as it is now
    assert not Signature.objects.exists()
    assert denied(company_user.user, placement.case.citizen_id)


def test_a_user_without_the_right_to_sign_cannot(client, placement, company):
    reader = make_company_user(company=company, name="Lone Læser", can_sign=False)
    company_login(client, reader)
    url = reverse("virk:agreement", args=[placement.pk])
    page = client.get(url)
    assert "Du har ikke ret til at underskrive" in page.content.decode()
    response = client.post(url, {"content_hash": page.context["hash"], "read": "on"})
    assert response.status_code == 403 and not Signature.objects.exists()


def test_the_service_refuses_mitid_erhverv_for_another_company(placement, other_placement):
    stranger = make_company_user(company=other_placement.company, name="Fremmed Person")
    agreement = services.current_agreement(placement)
    with pytest.raises(ValidationError, match="Kun virksomheden selv"):
        services.agreement_sign(actor=stranger.user, agreement=agreement, role="virksomhed",
                                signer_name="Fremmed Person", content_hash=services.agreement_hash(agreement),
                                channel="mitid_erhverv")
    assert not Signature.objects.exists()


@pytest.mark.parametrize("name, args, method", [
    ("virk:agreement", [], "get"), ("virk:agreement", [], "post"), ("virk:agreement_pdf", [1], "get"),
    ("virk:hours_report", [], "post"), ("virk:followup", [], "get"), ("virk:followup", [], "post"),
])
def test_another_cvrs_placement_is_404_and_logged(virk, company_user, other_placement, name, args, method):
    response = getattr(virk, method)(reverse(name, args=[other_placement.pk, *args]),
                                     {"week": iso_week(last_week()), "ordinary_hours": "5", "read": "on"})
    assert response.status_code == 404
    assert "Ole Olsen" not in response.content.decode()
    assert denied(company_user.user, other_placement.case.citizen_id)
    assert not WeekHours.objects.exists() and not Signature.objects.exists() and not FollowUp.objects.exists()


def test_lists_show_only_the_companys_own_placements(virk, placement, other_placement):
    for name in ("virk:agreements", "virk:hours", "virk:followups"):
        body = virk.get(reverse(name)).content.decode()
        assert "Jens Hansen" in body and "Ole Olsen" not in body, name


# --- Timer ------------------------------------------------------------------------------------------------------

def report(client, placement, week, internship="", ordinary="", **extra):
    return client.post(reverse("virk:hours_report", args=[placement.pk]),
                       {"week": iso_week(week), "internship_hours": internship, "ordinary_hours": ordinary, **extra})


def test_report_a_week_marks_it_as_the_companys(virk, placement, company_user):
    page = virk.get(reverse("virk:hours"))
    assert page.status_code == 200 and "Jens Hansen" in page.content.decode()
    response = report(virk, placement, last_week(), "10", "4,5")
    assert response.status_code == 302
    row = WeekHours.objects.get(placement=placement)
    assert (row.week, str(row.internship_hours), str(row.ordinary_hours)) == (last_week(), "10.0", "4.5")
    assert row.status == "reported" and row.reported_by_id == company_user.user.pk and row.reported_at
    event = Event.objects.get(verb="placement_hours_reported")
    assert event.user_id == company_user.user.pk and event.citizen_id == placement.case.citizen_id
    assert AccessLog.objects.filter(user_id=company_user.user.pk, citizen_id=placement.case.citizen_id).exists()


@pytest.mark.parametrize("week, internship, ordinary, message", [
    (lambda: monday_of(timezone.localdate()) + dt.timedelta(weeks=1), "", "5", "Vælg en af de viste uger"),
    (lambda: dt.date(2025, 2, 24), "", "5", "Vælg en af de viste uger"),  # before the placement started
    (last_week, "40", "25", "Højst 60 timer i alt i en uge."),
    (last_week, "61", "", "Højst 60 timer."),
    (last_week, "-1", "", "Timer kan ikke være negative."),
    (last_week, "abc", "", "Skriv et tal"),
    (last_week, "", "", "Skriv ugens timer"),
])
def test_bad_hours_are_refused_in_danish_and_logged(virk, placement, company_user, week, internship, ordinary,
                                                    message):
    response = report(virk, placement, week(), internship, ordinary)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not WeekHours.objects.exists()
    assert denied(company_user.user, placement.case.citizen_id)


def test_the_service_refuses_future_weeks_and_weeks_outside_the_period(placement, company_user):
    future = monday_of(timezone.localdate()) + dt.timedelta(weeks=1)
    with pytest.raises(ValidationError, match="ikke begyndt"):
        reported_hours.hours_report(actor=company_user.user, placement=placement, week=future, internship_hours=1,
                                    ordinary_hours=0)
    with pytest.raises(ValidationError, match="uden for forløbets periode"):
        reported_hours.hours_report(actor=company_user.user, placement=placement, week=dt.date(2025, 2, 17),
                                    internship_hours=1, ordinary_hours=0)
    with pytest.raises(ValidationError, match="Højst 60"):
        reported_hours.hours_report(actor=company_user.user, placement=placement, week=last_week(),
                                    internship_hours=31, ordinary_hours=30)
    assert not WeekHours.objects.exists()


def test_a_user_without_the_right_to_report_hours_cannot(client, placement, company):
    viewer = make_company_user(company=company, name="Lone Læser", can_report_hours=False)
    company_login(client, viewer)
    assert "Indberet timer" not in client.get(reverse("virk:hours")).content.decode()
    assert report(client, placement, last_week(), "5").status_code == 403
    assert not WeekHours.objects.exists()


def test_a_week_changed_since_it_was_shown_is_refused(virk, placement, job_broker):
    week = last_week()
    was = f"was-{iso_week(week)}"
    services.hours_save(actor=job_broker.user, placement=placement,
                        weeks=[{"week": week, "internship_hours": 8, "ordinary_hours": 0}])
    response = report(virk, placement, week, "10", "", **{was: "-"})
    assert response.status_code == 400 and "ændret, efter du åbnede siden" in response.content.decode()
    assert WeekHours.objects.get().internship_hours == 8


# --- staff: confirm or query ------------------------------------------------------------------------------------

@pytest.fixture
def reported(placement, company_user):
    return reported_hours.hours_report(actor=company_user.user, placement=placement, week=last_week(),
                                       internship_hours=10, ordinary_hours=5)


def kpi(week):
    out = io.StringIO()
    call_command("kpi", "--from", week.isoformat(), "--to", (week + dt.timedelta(days=6)).isoformat(),
                 "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_staff_confirm_from_the_queue_and_the_hours_count_in_the_kpi(client, job_broker, reported, placement):
    client.force_login(job_broker.user)
    queue = client.get(reverse("placements:reported_hours"))
    body = queue.content.decode()
    assert queue.status_code == 200 and "Jens Hansen" in body and "Birthe Berg" in body
    assert AccessLog.objects.filter(user_id=job_broker.user.pk, citizen_id=placement.case.citizen_id,
                                    action="list").exists()
    url = reverse("placements:hours_review", args=[placement.case_id, placement.pk, reported.pk])
    response = client.post(url, {"action": "confirm", "seen": "10.0;5.0"})
    assert response.status_code == 302
    reported.refresh_from_db()
    assert reported.status == "confirmed" and reported.reviewed_by_id == job_broker.user.pk
    assert Event.objects.filter(verb="placement_hours_confirmed", user_id=job_broker.user.pk).exists()
    result = kpi(reported.week)
    assert result["ordinary_hours"]["numerator"] == 1 and result["companies_with_ordinary_hours"] == 1
    assert "Ingen timer venter" in client.get(reverse("placements:reported_hours")).content.decode()


def test_unconfirmed_company_hours_count_and_are_flagged(client, job_broker, reported, placement):
    """kpi.md's hours record has no confirmation state: a report counts at once; staff see it flagged."""
    assert kpi(reported.week)["ordinary_hours"]["numerator"] == 1
    client.force_login(job_broker.user)
    detail = client.get(reverse("placements:detail", args=[placement.case_id, placement.pk])).content.decode()
    assert "indberettet af virksomheden venter på dig" in detail and "Birthe Berg" in detail


def test_query_sends_a_note_back_to_the_company(client, job_broker, reported, placement, company_user):
    client.force_login(job_broker.user)
    url = reverse("placements:hours_review", args=[placement.case_id, placement.pk, reported.pk])
    client.post(url, {"action": "query", "note": ""})
    reported.refresh_from_db()
    assert reported.status == "reported"  # a query needs a note
    client.post(url, {"action": "query", "note": "Var hun der fredag?"})
    reported.refresh_from_db()
    assert reported.status == "queried" and reported.query_note == "Var hun der fredag?"
    assert Event.objects.filter(verb="placement_hours_queried").exists()
    company_login(client, company_user)
    page = client.get(reverse("virk:hours")).content.decode()
    assert "Var hun der fredag?" in page
    # The company's answer: the week reported again, back in the queue.
    report(client, placement, reported.week, "8", "5")
    reported.refresh_from_db()
    assert reported.status == "reported" and reported.internship_hours == 8


def test_confirming_hours_the_company_changed_meanwhile_is_refused(client, job_broker, reported, placement):
    client.force_login(job_broker.user)
    url = reverse("placements:hours_review", args=[placement.case_id, placement.pk, reported.pk])
    client.post(url, {"action": "confirm", "seen": "9.0;5.0"})
    reported.refresh_from_db()
    assert reported.status == "reported"


def test_the_queue_sends_the_hours_it_showed(client, job_broker, reported, placement, company_user):
    client.force_login(job_broker.user)
    body = client.get(reverse("placements:reported_hours")).content.decode()
    assert 'name="seen" value="10.0;5.0"' in body  # not localised ("10,0"): the check must be able to read it
    reported_hours.hours_report(actor=company_user.user, placement=placement, week=reported.week,
                                internship_hours=12, ordinary_hours=5)
    url = reverse("placements:hours_review", args=[placement.case_id, placement.pk, reported.pk])
    response = client.post(url, {"action": "confirm", "seen": "10.0;5.0"}, follow=True)
    assert "virksomheden har ændret timerne" in response.content.decode()
    reported.refresh_from_db()
    assert reported.status == "reported"


def test_staff_correcting_a_reported_week_makes_it_the_jobcentres(job_broker, reported, placement):
    services.hours_save(actor=job_broker.user, placement=placement,
                        weeks=[{"week": reported.week, "internship_hours": 10, "ordinary_hours": 3}])
    reported.refresh_from_db()
    assert reported.status == "recorded" and reported.ordinary_hours == 3


def test_staff_outside_the_case_cannot_confirm(client, reported, placement, other_team):
    from jobspor.testing.factories import EmployeeFactory

    stranger = EmployeeFactory(team=other_team, roles=["jobformidler"])
    client.force_login(stranger.user)
    url = reverse("placements:hours_review", args=[placement.case_id, placement.pk, reported.pk])
    assert client.post(url, {"action": "confirm"}).status_code == 403
    reported.refresh_from_db()
    assert reported.status == "reported"
    assert denied(stranger.user, placement.case.citizen_id)
    assert "Jens Hansen" not in client.get(reverse("placements:reported_hours") + "?alle=1").content.decode()


# --- Mine opgaver -----------------------------------------------------------------------------------------------

def test_mine_opgaver_holds_reports_to_confirm_and_weeks_not_reported(job_broker, placement, company_user):
    today = timezone.localdate()
    items = [i for i in tasks_for(job_broker, today) if i.kind == "Timer mangler"]
    assert len(items) == 1 and "Nordlager ApS har ikke indberettet timer" in items[0].title
    assert items[0].due < today
    for week in reported_hours.reportable_weeks(placement, today):
        if reported_hours.due_day(week) < today:
            reported_hours.hours_report(actor=company_user.user, placement=placement, week=week,
                                        internship_hours=5, ordinary_hours=0)
    kinds = {i.kind for i in tasks_for(job_broker, today)}
    assert "Timer mangler" not in kinds and "Timer fra virksomhed" in kinds
    waiting = next(i for i in tasks_for(job_broker, today) if i.kind == "Timer fra virksomhed")
    assert waiting.url == reverse("placements:reported_hours")


def test_a_company_without_portal_users_is_not_chased(job_broker, placement):
    assert not [i for i in tasks_for(job_broker, timezone.localdate()) if i.kind == "Timer mangler"]


# --- Opfølgning -------------------------------------------------------------------------------------------------

def test_the_company_rates_each_agreed_task(virk, placement, company_user, client, job_broker):
    assert "Jens Hansen" in virk.get(reverse("virk:followups")).content.decode()
    url = reverse("virk:followup", args=[placement.pk])
    assert "pakke varer" in virk.get(url).content.decode()
    response = virk.post(url, {"date": timezone.localdate().isoformat(), "k0": "8", "k1": "6"})
    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    ratings = {r.task: (r.citizen_rating, r.company_rating) for r in follow_up.ratings.all()}
    assert ratings == {"pakke varer": (None, 8), "rengøre lager": (None, 6)}
    assert follow_up.created_by_id == company_user.user.pk and "Birthe Berg" in follow_up.participants
    assert Event.objects.filter(verb="placement_follow_up", user_id=company_user.user.pk).exists()
    client.force_login(job_broker.user)
    detail = client.get(reverse("placements:detail", args=[placement.case_id, placement.pk]))
    assert detail.status_code == 200 and "Birthe Berg" in detail.content.decode()


@pytest.mark.parametrize("data, message", [
    ({"k0": "11", "k1": "6"}, "Fra 1 til 10."),
    ({"k0": "", "k1": "6"}, "Giv en vurdering fra 1 til 10."),
    ({"k0": "8", "k1": "6", "date": "future"}, "fremtiden"),
])
def test_bad_ratings_are_refused(virk, placement, company_user, data, message):
    data = {"date": timezone.localdate().isoformat()} | data
    if data["date"] == "future":
        data["date"] = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = virk.post(reverse("virk:followup", args=[placement.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not FollowUp.objects.exists()
    assert denied(company_user.user, placement.case.citizen_id)
