"""A form opened before someone else saved is refused: the page says in Danish what changed (field, old → new, who),
nothing is overwritten, and the refused form carries the current version, so saving again is a choice made
knowing what changed. One test per edit form of a record several people edit."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.urls import reverse

from jobspor.cases.models import Case
from jobspor.cases.services import case_update
from jobspor.companies.models import Company, CompanyContact
from jobspor.companies.services import company_save, contact_save
from jobspor.cv.models import Cv
from jobspor.cv.services import cv_details_update
from jobspor.jobs.models import JobOpening
from jobspor.jobs.services import job_save
from jobspor.placements import services as placement_services
from jobspor.placements.models import WeekHours
from jobspor.plans.models import Plan, SubGoal, SubGoalNote
from jobspor.plans.services import plan_save, sub_goal_add, sub_goal_update
from jobspor.testing.factories import EmployeeFactory, make_case, make_company, make_job


@pytest.fixture
def colleague(team):
    return EmployeeFactory(name="Karen Kollega", team=team, roles=["jobformidler", "virksomhedskonsulent"],
                           user__username="karen")


@pytest.fixture
def me(client, team):
    person = EmployeeFactory(name="Mads Mig", team=team, roles=["jobformidler", "virksomhedskonsulent"],
                             user__username="mads")
    client.force_login(person.user)
    return person


@pytest.fixture
def case(colleague):
    return make_case(primary=colleague, opened=dt.date(2025, 1, 10))


def post_data(form, **changes):
    """What the browser would post for this form as shown, with the user's changes."""
    data = {}
    for name, field in form.fields.items():
        value = changes.pop(name) if name in changes else form[name].value()
        key = form.add_prefix(name)
        if isinstance(field, forms.BooleanField):
            if value:
                data[key] = "on"
            continue
        if value is None:
            value = ""
        elif isinstance(value, Decimal):
            value = str(value).replace(".", ",")
        data[key] = [str(v) for v in value] if isinstance(value, list | tuple) else value
    assert not changes, f"not fields of the form: {changes}"
    return data


def refused(response, *expected):
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ikke gemt:" in body and "Karen Kollega" in body and "Intet er overskrevet" in body
    for text in expected:
        assert text in body, text
    return body


def test_case(client, me, colleague, case):
    url = reverse("cases:edit", args=[case.pk])
    shown = client.get(url).context["form"]
    case_update(actor=colleague.user, case=case, benefit="sygedagpenge")
    response = client.post(url, post_data(shown, fsm_group="2"))
    refused(response, "Ydelse: Kontanthjælp, aktivitetsparat → Sygedagpenge")
    case.refresh_from_db()
    assert case.benefit == "sygedagpenge" and case.fsm_group is None
    # Saving the refused form again is a choice made knowing what changed: it goes through.
    again = response.context["form"]
    assert client.post(url, post_data(again)).status_code == 302
    case.refresh_from_db()
    assert case.fsm_group == 2


def test_case_when_only_fields_outside_the_form_changed(client, me, colleague, case):
    url = reverse("cases:edit", args=[case.pk])
    shown = client.get(url).context["form"]
    case_update(actor=colleague.user, case=case, target_group=2)  # not a field of the form
    assert client.post(url, post_data(shown, fsm_group="2")).status_code == 302
    case.refresh_from_db()
    assert case.fsm_group == 2 and case.target_group == 2


def test_cv_details(client, me, colleague, case):
    cv_details_update(actor=None, citizen=case.citizen, hours_now=5, max_commute_km=10)
    page = client.get(reverse("cases:detail", args=[case.pk]) + "?fane=cv")
    shown = page.context["cv_forms"]["details"]
    cv_details_update(actor=colleague.user, citizen=case.citizen, hours_now=5, max_commute_km=25)
    response = client.post(reverse("cv:details", args=[case.pk]), post_data(shown, hours_now=12))
    refused(response, "Højst transport (km): 10 → 25")
    cv = Cv.objects.get(citizen=case.citizen)
    assert (cv.hours_now, cv.max_commute_km) == (5, 25)


def test_plan(client, me, colleague, case):
    plan_save(actor=None, case=case, goal="job", goal_text="Lager", made=dt.date(2025, 1, 20))
    url = reverse("plans:plan_edit", args=[case.pk])
    shown = client.get(url).context["form"]
    plan_save(actor=colleague.user, case=case, goal="job", goal_text="Lager, 25 timer om ugen")
    refused(client.post(url, post_data(shown, goal="uddannelse")),
            "Beskrivelse af målet: Lager → Lager, 25 timer om ugen")
    assert Plan.objects.get(case=case).goal == "job"


def test_plan_made_by_someone_else_meanwhile(client, me, colleague, case):
    url = reverse("plans:plan_edit", args=[case.pk])
    shown = client.get(url).context["form"]
    plan_save(actor=colleague.user, case=case, goal="jobparat", goal_text="Møde stabilt", made=dt.date(2025, 1, 20))
    refused(client.post(url, post_data(shown, goal="job", goal_text="Lager", made="2025-01-21")),
            "Mål: (tomt) → Blive jobparat")
    assert Plan.objects.get(case=case).goal_text == "Møde stabilt"


def test_sub_goal(client, me, colleague, case):
    plan = plan_save(actor=None, case=case, goal="job", made=dt.date(2025, 1, 20))
    sub_goal = sub_goal_add(actor=None, plan=plan, text="Tage bussen selv", due=dt.date(2025, 3, 1))
    url = reverse("plans:sub_goal_edit", args=[case.pk, sub_goal.pk])
    shown = client.get(url).context["form"]
    sub_goal_update(actor=colleague.user, sub_goal=sub_goal, text="Tage bussen selv", due=dt.date(2025, 4, 1))
    refused(client.post(url, post_data(shown, text="Tage toget selv")), "Frist: 01.03.2025 → 01.04.2025")
    sub_goal.refresh_from_db()
    assert (sub_goal.text, sub_goal.due) == ("Tage bussen selv", dt.date(2025, 4, 1))


def test_sub_goal_status_from_a_note(client, me, colleague, case):
    plan = plan_save(actor=None, case=case, goal="job", made=dt.date(2025, 1, 20))
    sub_goal = sub_goal_add(actor=None, plan=plan, text="Tage bussen selv", due=dt.date(2025, 3, 1))
    url = reverse("plans:note_add", args=[case.pk, sub_goal.pk])
    shown = client.get(url).context["form"]
    sub_goal_update(actor=colleague.user, sub_goal=sub_goal, text=sub_goal.text, due=sub_goal.due, status="opgivet")
    refused(client.post(url, post_data(shown, text="Går godt", status="naaet", written_on="2025-02-01")),
            "Status: Åben → Opgivet")
    sub_goal.refresh_from_db()
    assert sub_goal.status == "opgivet" and not SubGoalNote.objects.exists()
    # A note that does not change the status is only added.
    assert client.post(url, post_data(shown, text="Går godt", written_on="2025-02-01")).status_code == 302
    assert SubGoalNote.objects.count() == 1


def test_company(client, me, colleague):
    company = make_company(name="Nordlager ApS", owner=colleague)
    url = reverse("companies:edit", args=[company.pk])
    shown = client.get(url).context["form"]
    company_save(actor=colleague.user, company=company, name="Nordlager A/S")
    refused(client.post(url, post_data(shown, employees=40)), "Navn: Nordlager ApS → Nordlager A/S")
    company.refresh_from_db()
    assert company.name == "Nordlager A/S" and company.employees != 40


def test_company_contact(client, me, colleague):
    company = make_company(name="Nordlager ApS", owner=colleague)
    contact = contact_save(actor=None, company=company, name="Mette Lund", phone="20304050")
    url = reverse("companies:part_edit", args=[company.pk, "kontaktperson", contact.pk])
    shown = client.get(url).context["form"]
    contact_save(actor=colleague.user, company=company, contact=contact, name="Mette Lund", phone="99887766")
    refused(client.post(url, post_data(shown, role="Lagerchef")), "20304050 → 99887766")
    assert CompanyContact.objects.get(pk=contact.pk).role == ""


def test_job_opening(client, me, colleague):
    company = make_company(name="Nordlager ApS", owner=colleague)
    job = make_job(company=company, title="Lagerhjælp", hours_per_week=8)
    url = reverse("jobs:edit", args=[job.pk])
    shown = client.get(url).context["form"]
    job_save(actor=colleague.user, company=company, job=job, hours_per_week=12)
    refused(client.post(url, post_data(shown, title="Lagermedarbejder")), ": 8 → 12")
    job.refresh_from_db()
    assert (job.title, job.hours_per_week) == ("Lagerhjælp", 12)


@pytest.fixture
def placement(case, colleague):
    company = make_company(name="Nordlager ApS", owner=colleague)
    contact = contact_save(actor=None, company=company, name="Mette Lund")
    return placement_services.placement_create(actor=None, case=case, company=company, contact=contact,
                                               kind="ordinaere_timer", start=dt.date(2025, 1, 13))


def _hours(placement):
    return {h.week: (h.internship_hours, h.ordinary_hours) for h in WeekHours.objects.filter(placement=placement)}


def test_hours_grid_saves_only_the_weeks_changed_and_refuses_a_stale_week(client, me, colleague, placement):
    url = reverse("placements:hours", args=[placement.case_id, placement.pk]) + "?maaned=2025-03"
    w10, w11 = dt.date(2025, 3, 3), dt.date(2025, 3, 10)
    placement_services.hours_save(actor=None, placement=placement,
                                  weeks=[{"week": w10, "internship_hours": 5, "ordinary_hours": 0}])
    shown = client.get(url).context["form"]
    placement_services.hours_save(actor=colleague.user, placement=placement,
                                  weeks=[{"week": w10, "internship_hours": 8, "ordinary_hours": 2}])
    # Another week changed from the stale grid: saved, and the colleague's week 10 is kept.
    response = client.post(url, post_data(shown, **{"i-2025-W11": "6"})
                           | {"maaned": "2025-03"})
    assert response.status_code == 302
    assert _hours(placement) == {w10: (8, 2), w11: (6, 0)}
    # Week 10 changed from the stale grid: refused, named, nothing overwritten.
    response = client.post(url, post_data(shown, **{"i-2025-W10": "7"}) | {"maaned": "2025-03"})
    body = refused(response, "Uge 10 (2025): 5 praktiktimer, 0 ordinære → 8 praktiktimer, 2 ordinære")
    assert _hours(placement) == {w10: (8, 2), w11: (6, 0)}
    assert 'value="8,0"' in body or 'value="8"' in body  # the grid now shows what is stored


def test_hours_grid_never_deletes_a_week_by_an_empty_field(client, me, placement):
    url = reverse("placements:hours", args=[placement.case_id, placement.pk]) + "?maaned=2025-03"
    w10 = dt.date(2025, 3, 3)
    placement_services.hours_save(actor=None, placement=placement,
                                  weeks=[{"week": w10, "internship_hours": 5, "ordinary_hours": 1}])
    shown = client.get(url).context["form"]
    response = client.post(url, post_data(shown, **{"i-2025-W10": "", "o-2025-W10": ""}) | {"maaned": "2025-03"})
    assert response.status_code == 400 and "Ryd ugen" in response.context["form"].errors["i-2025-W10"][0]
    assert _hours(placement) == {w10: (5, 1)}
    response = client.post(url, post_data(shown, **{"clear-2025-W10": True}) | {"maaned": "2025-03"})
    assert response.status_code == 302 and _hours(placement) == {}


def test_a_form_without_a_version_is_still_saved(client, me, case):
    """Imports, commands and old pages that send no version are not compared (the services' own callers)."""
    response = client.post(reverse("cases:edit", args=[case.pk]), {
        "benefit": "sygedagpenge", "opened": "2025-01-10", "fsm_group": "", "public_support_since": "",
        "closed": "", "close_reason": ""})
    assert response.status_code == 302 and Case.objects.get(pk=case.pk).benefit == "sygedagpenge"


def test_versions_count_every_save_in_sql(case):
    version = case.lock_version
    Case.objects.get(pk=case.pk).save()
    stale = Case.objects.get(pk=case.pk)
    Case.objects.get(pk=case.pk).save()
    stale.save()  # a writer that does not compare still moves the version on
    assert Case.objects.get(pk=case.pk).lock_version == version + 3 == stale.lock_version
    assert Company.objects.model.lock_version.field.default == 1
    assert JobOpening.objects.model.lock_version.field.default == 1 and SubGoal is not None
