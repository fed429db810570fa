import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobspor.audit.models import Event
from jobspor.companies.cadence import add_months, follow_up_due
from jobspor.companies.cvr import cvr_clean
from jobspor.companies.forms import CompanyForm
from jobspor.companies.industries import divisions, industry_clean, industry_name
from jobspor.companies.models import Company, Interaction
from jobspor.companies.services import company_save, interaction_log
from jobspor.followup.sources import tasks_for
from jobspor.testing.factories import EmployeeFactory, make_company, next_cvr

pytestmark = pytest.mark.django_db


def test_cvr_numbers_are_validated_with_danish_messages():
    assert cvr_clean("1358 5628") == "13585628"
    for bad, message in [("12345678", "kontrolcifferet passer ikke"), ("1234", "8 cifre"), ("abcdefgh", "8 cifre")]:
        with pytest.raises(ValidationError) as caught:
            cvr_clean(bad)
        assert message in caught.value.messages[0]


def test_db07_divisions_ship_with_danish_names():
    assert len(divisions()) == 88
    assert industry_name("521000") == "Hjælpevirksomhed i forbindelse med transport"
    assert industry_clean("87.10.00") == "871000"
    with pytest.raises(ValidationError, match="Ukendt DB07-hovedgruppe 04"):
        industry_clean("041000")
    with pytest.raises(ValidationError, match="2, 4 eller 6 cifre"):
        industry_clean("521")


def test_the_company_form_shows_danish_errors_at_the_field(consultant):
    form = CompanyForm({"cvr": "12345678", "name": "X", "industry": "041000", "sector": "privat",
                        "postal_code": "0000", "owner": consultant.pk, "relation_level": "kontakt"})
    assert not form.is_valid()
    assert "kontrolcifferet" in form.errors["cvr"][0]
    assert form.errors["industry"] == ["Ukendt DB07-hovedgruppe 04."]
    assert form.errors["postal_code"] == ["Ukendt postnummer: 0000."]


def test_a_duplicate_cvr_is_refused_and_names_the_existing_company(consultant):
    first = make_company(owner=consultant, name="Nordlager ApS")
    before = Company.objects.count(), Event.objects.count()
    with pytest.raises(ValidationError) as caught:
        make_company(owner=consultant, name="Kopi ApS", cvr=first.cvr)
    assert "allerede registreret: Nordlager ApS" in caught.value.message_dict["cvr"][0]
    assert (Company.objects.count(), Event.objects.count()) == before


def test_a_virksomhedskonsulent_or_a_jobformidler_can_own_a_company(job_broker, consultant):
    mentor = EmployeeFactory(roles=["mentor"])
    with pytest.raises(ValidationError) as caught:
        make_company(owner=mentor)
    assert caught.value.message_dict["owner"] == ["Ejeren skal være en aktiv virksomhedskonsulent eller jobformidler."]
    assert make_company(owner=job_broker, name="Formidlerens ApS").owner == job_broker  # JobFirst: both sides
    company = make_company(owner=consultant)
    other = EmployeeFactory(roles=["virksomhedskonsulent"])
    company_save(actor=None, company=company, owner=other)
    company.refresh_from_db()
    assert company.owner == other  # one owner at a time: the new one replaces the old
    assert Event.objects.filter(verb="company_owner_changed", target_id=company.pk).exists()


def test_add_months_clips_to_the_end_of_the_month():
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 11, 15), 3) == dt.date(2026, 2, 15)
    assert add_months(dt.date(2025, 3, 31), -6) == dt.date(2024, 9, 30)


def test_follow_up_cadence_counts_from_the_last_interaction(consultant):
    today = dt.date.today()
    cooperation = make_company(owner=consultant, name="Samarbejde A/S", relation_level="samarbejde")
    contact = make_company(owner=consultant, name="Kontakt A/S", relation_level="kontakt")
    for company in (cooperation, contact):
        interaction_log(actor=None, company=company, employee=consultant, kind="besoeg",
                        date=today - dt.timedelta(days=95))
        company.refresh_from_db()
    assert follow_up_due(cooperation) == add_months(today - dt.timedelta(days=95), 3) < today
    assert follow_up_due(contact) == add_months(today - dt.timedelta(days=95), 6) > today

    items = tasks_for(consultant, today)
    assert [item.subject for item in items] == ["Samarbejde A/S"]
    assert items[0].case is None and items[0].overdue_on(today)


def test_interactions_keep_the_latest_date_on_the_company(consultant):
    company = make_company(owner=consultant)
    interaction_log(actor=None, company=company, employee=consultant, kind="telefon", date=dt.date(2025, 5, 1))
    interaction_log(actor=None, company=company, employee=consultant, kind="besoeg", date=dt.date(2025, 4, 1))
    company.refresh_from_db()
    assert company.last_interaction_on == dt.date(2025, 5, 1)
    with pytest.raises(ValidationError):
        interaction_log(actor=None, company=company, employee=consultant, kind="besoeg", date=dt.date(2025, 5, 2),
                        next_step_on=dt.date(2025, 5, 1))
    assert Interaction.objects.count() == 2


def test_company_list_query_count_does_not_grow_with_rows(client, consultant):
    client.force_login(consultant.user)
    make_company(owner=consultant, name="Første ApS")
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("companies:list")).status_code == 200
    for n in range(20):
        make_company(owner=consultant, name=f"Firma {n} ApS")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("companies:list"), {"q": "aps"})
    assert response.status_code == 200 and "21 virksomheder" in response.content.decode()
    assert len(many) <= len(few)


def test_company_list_filters(client, consultant):
    client.force_login(consultant.user)
    make_company(owner=consultant, name="Lager Horsens", industry="521000", postal_code="8700")
    make_company(owner=consultant, name="Plejehjemmet", industry="871000", postal_code="8000", sector="offentlig")
    body = client.get(reverse("companies:list"), {"industry": "87"}).content.decode()
    assert "Plejehjemmet" in body and "Lager Horsens" not in body
    body = client.get(reverse("companies:list"), {"municipality": "615"}).content.decode()
    assert "Lager Horsens" in body and "Plejehjemmet" not in body


def test_registering_a_company_through_the_form(client, consultant):
    client.force_login(consultant.user)
    data = {"cvr": "12345678", "name": "Nordlager ApS", "industry": "521000", "sector": "privat",
            "postal_code": "8700", "owner": consultant.pk, "relation_level": "kontakt", "needs": ["rekruttering"]}
    response = client.post(reverse("companies:create"), data)
    assert response.status_code == 400 and "kontrolcifferet passer ikke" in response.content.decode()
    assert not Company.objects.exists()
    response = client.post(reverse("companies:create"), data | {"cvr": "12345674"})
    company = Company.objects.get()
    assert response.status_code == 302 and company.needs == ["rekruttering"]
    response = client.post(reverse("companies:create"), data | {"cvr": "12345674", "name": "Igen"})
    body = response.content.decode()
    assert response.status_code == 400 and "Gå til den eksisterende virksomhed" in body
    assert Company.objects.count() == 1


def test_a_jobformidler_registers_a_company_relation_as_its_owner(client, job_broker):
    client.force_login(job_broker.user)
    form = client.get(reverse("companies:create")).context["form"]
    assert job_broker in form.fields["owner"].queryset
    data = {"cvr": "12345674", "name": "Hansen & Søn VVS ApS", "industry": "432200", "sector": "privat",
            "postal_code": "8700", "owner": job_broker.pk, "relation_level": "kontakt"}
    assert client.post(reverse("companies:create"), data).status_code == 302
    assert Company.objects.get().owner == job_broker
    listed = client.get(reverse("companies:list"), {"owner": job_broker.pk}).content.decode()
    assert "Hansen &amp; Søn VVS ApS" in listed


def test_mentors_and_caseworkers_read_but_do_not_write(client, team, consultant, caseworker):
    company = make_company(owner=consultant)
    client.force_login(caseworker.user)
    assert client.get(reverse("companies:detail", args=[company.pk])).status_code == 200
    assert client.get(reverse("companies:interaction_add", args=[company.pk])).status_code == 403
    assert client.get(reverse("companies:create")).status_code == 403


def test_only_leaders_set_the_contact_strategy(client, consultant, leader):
    client.force_login(consultant.user)
    assert client.post(reverse("companies:strategy_target"), {}).status_code == 403
    client.force_login(leader.user)
    month = dt.date.today().replace(day=1)
    response = client.post(reverse("companies:strategy_target"),
                           {"employee": consultant.pk, "month": f"{month:%Y-%m}", "visits": 10})
    assert response.status_code == 302
    company = make_company(owner=consultant)
    interaction_log(actor=None, company=company, employee=consultant, kind="besoeg", date=dt.date.today())
    client.post(reverse("companies:strategy_industry"), {"division": "52", "reason": "mangel"})
    body = client.get(reverse("companies:strategy")).content.decode()
    assert "Kim Konsulent" in body and "10 %" in body  # 1 of 10 visits
    assert "Hjælpevirksomhed i forbindelse med transport" in body
    response = client.post(reverse("companies:strategy_settings"), {"months_partnership": 2, "months_cooperation": 0,
                                                                    "months_contact": 6, "months_passive": 6})
    assert response.status_code == 302
    from jobspor.companies.cadence import settings_get
    assert settings_get().months_cooperation == 3  # refused: nothing changed


def test_new_vs_known_companies_visited(consultant):
    from jobspor.companies.selectors import visits_against_targets

    today = dt.date.today()  # a visit cannot lie in the future (facts are never in the future)
    known = make_company(owner=consultant, name="Kendt")
    new = make_company(owner=consultant, name="Ny")
    interaction_log(actor=None, company=known, employee=consultant, kind="telefon", date=add_months(today, -2))
    for company in (known, new):
        interaction_log(actor=None, company=company, employee=consultant, kind="besoeg", date=today)
    rows, totals = visits_against_targets(month=today)
    row = next(r for r in rows if r["employee"] == consultant)
    assert (row["visits"], row["known"], row["new"]) == (2, 1, 1)


def test_logging_a_visit_from_the_compact_form(client, consultant):
    company = make_company(owner=consultant)
    client.force_login(consultant.user)
    url = reverse("companies:interaction_add", args=[company.pk])
    response = client.post(url, {"kind": "besoeg", "date": dt.date.today().isoformat(), "outcome": "God snak",
                                 "next": reverse("companies:mine")})
    assert response.status_code == 302 and response.url == reverse("companies:mine")
    interaction = Interaction.objects.get()
    assert (interaction.employee, interaction.outcome) == (consultant, "God snak")
    response = client.post(url, {"kind": "besoeg", "date": "2999-01-01"})
    assert response.status_code == 400 and "fremtiden" in response.content.decode()


def test_next_cvr_passes_modulus_11():
    for _ in range(50):
        assert cvr_clean(next_cvr())


@pytest.mark.django_db
def test_a_dated_next_step_from_a_visit_is_a_task_until_the_next_contact(client, consultant):
    today = dt.date.today()
    company = make_company(owner=consultant, name="Vestbyg ApS")
    interaction_log(company=company, kind="besoeg", date=today, employee=consultant, actor=consultant.user,
                       outcome="God snak.", next_step="Send to kandidater til lageret",
                       next_step_on=today + dt.timedelta(days=5))
    client.force_login(consultant.user)
    page = client.get(reverse("followup:my_tasks")).content.decode()
    assert "Send to kandidater til lageret" in page
    assert "Vestbyg ApS" in page
    assert "Kontakt Vestbyg ApS" not in page  # the agreed step replaces the cadence item
    interaction_log(company=company, kind="telefon", date=today, employee=consultant, actor=consultant.user,
                       outcome="Kandidater sendt.")
    page = client.get(reverse("followup:my_tasks")).content.decode()
    assert "Send to kandidater til lageret" not in page
