"""Issue 14, point 2: the seeds' own measures, each against the population it was defined for."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.cases.models import Case
from jobspor.contacts.models import Contact
from jobspor.kpi import measures, services
from jobspor.kpi.engine import KpiQuery
from jobspor.kpi.models import PlannedVisitation
from jobspor.placements.models import Placement
from jobspor.testing.factories import EmployeeFactory, make_case, make_company

_serial = itertools.count(1)


def placement(case, company, start, end=None, kind="virksomhedspraktik"):
    return Placement.objects.create(external_id=f"PM-{next(_serial)}", case=case, company=company, kind=kind,
                                    start=start, end=end, status="ended" if end else "active",
                                    end_reason="andet" if end else "")


def contact(case, day, kind="jobsamtale"):
    return Contact.objects.create(external_id=f"KM-{next(_serial)}", case=case, employee=case.staff.get(
        is_primary=True).employee, date=day, kind=kind)


# --- 'Flere skal med' criterion 2, per calendar quarter, group 1 only --------------------------------------

def test_quarters():
    assert measures.quarters_overlapping(dt.date(2025, 2, 10), dt.date(2025, 7, 1)) == [(2025, 1), (2025, 2),
                                                                                           (2025, 3)]
    assert measures.quarter_bounds(2025, 4) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert measures.is_calendar_quarter(dt.date(2025, 4, 1), dt.date(2025, 6, 30))
    assert not measures.is_calendar_quarter(dt.date(2025, 4, 1), dt.date(2025, 6, 29))


def test_fsm_criterion_counts_group_1_per_whole_quarter(job_broker):
    company = make_company()
    placed = make_case(primary=job_broker, name="Placeret", fsm_group=1, opened=dt.date(2025, 1, 5))
    placement(placed, company, dt.date(2025, 5, 20), dt.date(2025, 6, 2))  # in Q2 only
    make_case(primary=job_broker, name="Ikke placeret", fsm_group=1, opened=dt.date(2025, 1, 5))
    group2 = make_case(primary=job_broker, name="Gruppe 2", fsm_group=2, opened=dt.date(2025, 1, 5))
    placement(group2, company, dt.date(2025, 1, 6))  # never counted: not group 1
    utility = make_case(primary=job_broker, name="Nytte", fsm_group=1, opened=dt.date(2025, 1, 5))
    placement(utility, company, dt.date(2025, 4, 1), kind="nytteindsats")  # not a company placement
    # A period inside Q2 and a filter on group 2: the criterion is still group 1 over the whole quarters.
    figures = measures.fsm_criterion_by_quarter(KpiQuery(start=dt.date(2025, 5, 1), end=dt.date(2025, 7, 10),
                                                         fsm_group=2), today=dt.date(2025, 8, 1))
    assert [(f.label, f.figure["numerator"], f.figure["denominator"]) for f in figures] == [
        ("2. kvt. 2025", 1, 3), ("3. kvt. 2025", 0, 3)]
    assert figures[0].meets is False and figures[0].complete and not figures[1].complete


def test_dashboard_shows_the_criterion_per_quarter_and_never_against_another_population(client, job_broker):
    leader = EmployeeFactory(team=job_broker.team, roles=["leder"])
    company = make_company()
    for i in range(2):
        case = make_case(primary=job_broker, name=f"Gruppe 1 {i}", fsm_group=1, opened=dt.date(2025, 1, 5))
        placement(case, company, dt.date(2025, 2, 3), dt.date(2025, 3, 1))
    client.force_login(leader.user)
    response = client.get(reverse("kpi:dashboard"), {"start": "2025-01-01", "end": "2025-06-30"})
    fsm = response.context["tables"]["fsm"]
    assert [row[0] for row in fsm.rows] == ["1. kvt. 2025", "2. kvt. 2025"]
    assert fsm.rows[0][3] == 100.0 and fsm.rows[0][4] == "nået" and fsm.rows[1][3] == 0.0
    kpi_rows = {row[0]: row for row in response.context["tables"]["kpi"].rows}
    assert "pr. kvartal: se tabellen" in kpi_rows["I virksomhedsforløb"][4]  # a half year is not a quarter
    teams = response.context["tables"]["teams"]
    assert all(row[7] == "" for row in teams.rows)  # no 40 % verdict over a half year
    quarter = client.get(reverse("kpi:dashboard"), {"start": "2025-01-01", "end": "2025-03-31", "fsm_group": 1})
    kpi_rows = {row[0]: row for row in quarter.context["tables"]["kpi"].rows}
    assert "mindst 40 % af gruppe 1 pr. kvartal" in kpi_rows["I virksomhedsforløb"][4]


# --- relapse_26_weeks on the dashboard and in the exports --------------------------------------------------

def test_relapse_26_weeks_is_on_the_dashboard_and_in_the_export(client, job_broker):
    leader = EmployeeFactory(team=job_broker.team, roles=["leder"])
    first = make_case(primary=job_broker, name="Tilbage", opened=dt.date(2024, 6, 1))
    Case.objects.filter(pk=first.pk).update(closed=dt.date(2025, 1, 10), close_reason="ordinaer_beskaeftigelse")
    again = make_case(primary=job_broker, name="Igen", opened=dt.date(2025, 3, 1))
    Case.objects.filter(pk=again.pk).update(citizen=first.citizen)
    client.force_login(leader.user)
    params = {"start": "2025-07-01", "end": "2025-07-31"}
    rows = {row[0]: row for row in client.get(reverse("kpi:dashboard"), params).context["tables"]["kpi"].rows}
    label = "Ny sag inden 26 uger efter afslutning til ordinært job"
    assert rows[label][1].value == 1 and rows[label][2] == 1
    csv_text = client.get(reverse("kpi:export"), {**params, "table": "kpi", "format": "csv"}).content.decode(
        "utf-8-sig")
    assert f"{label};1;1;100,0000" in csv_text


# --- criterion 1: planned visitations --------------------------------------------------------------------

@pytest.fixture
def leader(team):
    return EmployeeFactory(name="Lea Leder", team=team, roles=["leder"])


def test_planned_visitation_is_saved_once_per_team_and_quarter_with_a_version(leader, team):
    row = services.planned_visitation_save(actor=leader.user, editor=leader, team=team, year=2025, quarter=2,
                                           planned=10)
    assert row.lock_version == 1 and Event.objects.filter(verb="planned_visitation_saved").count() == 1
    with pytest.raises(ValidationError) as exc:
        services.planned_visitation_save(actor=leader.user, editor=leader, team=team, year=2025, quarter=2,
                                         planned=12)
    assert "har allerede et planlagt antal" in str(exc.value)
    changed = services.planned_visitation_save(actor=leader.user, editor=leader, team=team, year=2025, quarter=2,
                                               planned=12, record=row)
    assert changed.lock_version == 2 and PlannedVisitation.objects.get().planned == 12
    with pytest.raises(ValidationError) as exc:
        services.planned_visitation_save(actor=leader.user, editor=leader, team=team, year=2025, quarter=3,
                                         planned=-1)
    assert "kan ikke være negativt" in str(exc.value)
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds the rules too
        PlannedVisitation.objects.create(team=team, year=2025, quarter=1, planned=-3)


def test_negative_count_in_the_form_is_a_danish_message_and_changes_nothing(client, leader, team):
    client.force_login(leader.user)
    response = client.post(reverse("kpi:visitations"), {"team": team.pk, "year": 2025, "quarter": 2,
                                                        "planned": -4, "lock_version": 0})
    assert response.status_code == 400
    assert "Antallet af planlagte visitationer kan ikke være negativt" in response.content.decode()
    assert not PlannedVisitation.objects.exists()


def test_planned_against_actual_and_stale_edit(client, leader, team, job_broker):
    visited = make_case(primary=job_broker, name="Visiteret", fsm_group=1, opened=dt.date(2025, 1, 5))
    contact(visited, dt.date(2025, 4, 10), kind="visitation")
    not_grouped = make_case(primary=job_broker, name="Uden gruppe", opened=dt.date(2025, 1, 5))
    contact(not_grouped, dt.date(2025, 4, 11), kind="visitation")  # no 'Flere skal med' group: not visited
    client.force_login(leader.user)
    assert client.post(reverse("kpi:visitations"), {"team": team.pk, "year": 2025, "quarter": 2, "planned": 4,
                                                    "lock_version": 0}).status_code == 302
    plan = PlannedVisitation.objects.get()
    rows = measures.visitations_planned_actual([team.pk], [(2025, 2)])
    assert (rows[0].planned, rows[0].actual, rows[0].share) == (4, 1, 0.25)
    body = client.get(reverse("kpi:visitations")).content.decode()
    assert "2. kvt. 2025" in body and reverse("kpi:visitation_edit", args=[plan.pk]) in body
    edit_url = reverse("kpi:visitation_edit", args=[plan.pk])
    form = client.get(edit_url).context["form"]
    seen = {"lock_version": form.initial["lock_version"], "seen": form.initial["seen"]}
    assert client.post(edit_url, {"team": team.pk, "year": 2025, "quarter": 2, "planned": 5, **seen}).status_code \
        == 302
    stale = client.post(edit_url, {"team": team.pk, "year": 2025, "quarter": 2, "planned": 9, **seen})
    assert stale.status_code == 400 and PlannedVisitation.objects.get().planned == 5
    dashboard = client.get(reverse("kpi:dashboard"), {"start": "2025-04-01", "end": "2025-06-30",
                                                      "team": team.pk})
    assert dashboard.context["tables"]["visitations"].rows == [["2. kvt. 2025", 5, 1, 20.0]]


def test_only_leaders_of_the_unit_record_plans(client, job_broker, leader, other_team):
    client.force_login(job_broker.user)
    assert client.post(reverse("kpi:visitations"), {"team": job_broker.team_id, "year": 2025, "quarter": 1,
                                                    "planned": 3}).status_code == 403
    client.force_login(leader.user)
    response = client.post(reverse("kpi:visitations"), {"team": other_team.pk, "year": 2025, "quarter": 1,
                                                        "planned": 3, "lock_version": 0})
    assert response.status_code == 400 and "din egen enhed" in response.content.decode()
    assert not PlannedVisitation.objects.exists()


# --- weekly contact until the placement, and the 7-day stalled rule -----------------------------------------

def test_weekly_contact_share_counts_weeks_before_the_placement(job_broker):
    company = make_company()
    # P: four ISO weeks from Monday 3 March 2025. In a placement from the third week.
    case = make_case(primary=job_broker, name="Ugentlig", fsm_group=1, opened=dt.date(2025, 2, 1))
    placement(case, company, dt.date(2025, 3, 19))
    contact(case, dt.date(2025, 3, 4))  # week 1 has a contact, week 2 none; weeks 3 and 4 are in the placement
    group3 = make_case(primary=job_broker, name="Gruppe 3", fsm_group=3, opened=dt.date(2025, 2, 1))
    unvisited = make_case(primary=job_broker, name="Ingen gruppe", opened=dt.date(2025, 2, 1))
    assert group3 and unvisited
    query = KpiQuery(start=dt.date(2025, 3, 3), end=dt.date(2025, 3, 30))
    assert measures.weekly_contact(query) == {"numerator": 1, "denominator": 2, "share": 0.5}
    assert measures.weekly_contact(KpiQuery(start=query.start, end=query.end, fsm_group=3))["denominator"] == 0


def test_weekly_contact_agrees_with_counting_week_by_week(job_broker):
    """The measure counts each case's range of open weeks at once; here it meets the definition read literally,
    week by week, on cases opened and closed on every weekday, placements before, across and after P, and
    contacts on either side of its edges."""
    import random

    rng = random.Random(7)
    company = make_company()
    start, end = dt.date(2025, 3, 5), dt.date(2025, 5, 28)  # a Wednesday to a Wednesday: the edges are cut weeks
    day = lambda offset: start + dt.timedelta(days=offset)  # noqa: E731
    expected_weeks = expected_contacts = 0
    mondays = [m for m in (dt.date(2025, 3, 10) + dt.timedelta(weeks=i) for i in range(13)) if m <= end]
    for i in range(30):
        opened = day(rng.randint(-40, 70))
        closed = day(rng.randint(-10, 100)) if rng.random() < 0.4 else None
        if closed is not None and closed < opened:
            closed = opened
        case = make_case(primary=job_broker, name=f"Uge {i}", fsm_group=rng.choice([1, 2]), opened=opened)
        if closed is not None:
            Case.objects.filter(pk=case.pk).update(closed=closed, close_reason="andet")
        periods = []
        for _ in range(rng.randint(0, 2)):
            p_start = day(rng.randint(-60, 90))
            p_end = p_start + dt.timedelta(days=rng.randint(0, 40)) if rng.random() < 0.6 else None
            placement(case, company, p_start, p_end)
            periods.append((p_start, p_end))
        days = {day(rng.randint(-10, 90)) for _ in range(rng.randint(0, 8))}
        for contact_day in days:
            contact(case, contact_day)
        for monday in mondays:
            sunday = monday + dt.timedelta(days=6)
            if opened > sunday or (closed is not None and closed < monday):
                continue
            if any(s <= sunday and (e is None or e >= monday) for s, e in periods):
                continue
            expected_weeks += 1
            expected_contacts += any(monday <= d <= sunday for d in days)
    found = measures.weekly_contact(KpiQuery(start=start, end=end))
    assert (found["numerator"], found["denominator"]) == (expected_contacts, expected_weeks)
    assert expected_weeks > 100 and expected_contacts > 10


def test_stalled_list_and_front_page_use_both_rules(client, job_broker, settings):
    from jobspor.cases.standing import citizen_standing
    from jobspor.contacts.selectors import stalled_cases_qs
    from jobspor.testing.factories import make_action

    today = dt.date.today()
    company = make_company()
    waiting = make_case(primary=job_broker, name="Venter", fsm_group=1, opened=today - dt.timedelta(days=60))
    contact(waiting, today - dt.timedelta(days=10))
    make_action(case=waiting, due=today + dt.timedelta(days=3))
    placed = make_case(primary=job_broker, name="I forløb", fsm_group=1, opened=today - dt.timedelta(days=60))
    contact(placed, today - dt.timedelta(days=10))
    make_action(case=placed, due=today + dt.timedelta(days=3))
    placement(placed, company, today - dt.timedelta(days=20))
    stalled = set(stalled_cases_qs(employee=job_broker, scope="mine", today=today).values_list("pk", flat=True))
    assert waiting.pk in stalled and placed.pk not in stalled
    flags = citizen_standing(waiting, today=today).flags
    assert any("endnu ikke i virksomhedsforløb" in f for f in flags)
    assert not any("ugentlig" in f for f in citizen_standing(placed, today=today).flags)
    client.force_login(job_broker.user)
    body = client.get(reverse("contacts:stalled"), {"scope": "mine"})
    assert "Ingen kontakt i over 7 dage før virksomhedsforløb" in body.content.decode()
    settings.JOBSPOR_STALLED_BEFORE_PLACEMENT_DAYS = 14  # configurable: now ten days is not stalled
    stalled = set(stalled_cases_qs(employee=job_broker, scope="mine", today=today).values_list("pk", flat=True))
    assert waiting.pk not in stalled
    settings.JOBSPOR_STALLED_DAYS = 5  # and the 30-day rule too
    stalled = set(stalled_cases_qs(employee=job_broker, scope="mine", today=today).values_list("pk", flat=True))
    assert {waiting.pk, placed.pk} <= stalled


# --- screening ----------------------------------------------------------------------------------------------

def test_screening_lists_five_years_on_support_not_yet_visited(client, job_broker, other_team):
    today = dt.date.today()
    long = make_case(primary=job_broker, name="Længe på ydelse", public_support_since=today.replace(
        year=today.year - 6))
    make_case(primary=job_broker, name="Visiteret allerede", fsm_group=1,
              public_support_since=today.replace(year=today.year - 8))
    make_case(primary=job_broker, name="Kort tid", public_support_since=today.replace(year=today.year - 2))
    away = EmployeeFactory(team=other_team)
    make_case(primary=away, name="Andet team", public_support_since=today.replace(year=today.year - 9))
    sick = make_case(primary=job_broker, name="Sygemeldt", benefit="sygedagpenge",
                     public_support_since=today.replace(year=today.year - 7))
    client.force_login(job_broker.user)
    response = client.get(reverse("kpi:screening"))
    names = [c.citizen.name for c in response.context["page"].object_list]
    assert names == ["Sygemeldt", "Længe på ydelse"]  # longest first; other team, visited and short left out
    target = client.get(reverse("kpi:screening"), {"maalgruppe": "1"})
    assert [c.pk for c in target.context["page"].object_list] == [long.pk]
    assert sick.pk
    logged = AccessLog.objects.filter(user_id=job_broker.user.pk, action="list")
    assert {e.case_id for e in logged} >= {long.pk, sick.pk}


@pytest.mark.parametrize("role,status", [("mentor", 403), ("administrator", 403), ("jobformidler", 200)])
def test_screening_roles(client, team, role, status):
    client.force_login(EmployeeFactory(team=team, roles=[role]).user)
    assert client.get(reverse("kpi:screening")).status_code == status
    assert client.get(reverse("kpi:visitations")).status_code == status




@pytest.mark.django_db
def test_the_dashboards_caseload_is_judged_by_the_municipalitys_norm_only(job_broker):
    import datetime as dt

    from jobspor.fidelity.models import CaseloadNorm
    from jobspor.kpi.engine import KpiQuery
    from jobspor.kpi.selectors import caseload_table
    from jobspor.testing.factories import make_case

    for n in range(3):
        make_case(primary=job_broker, name=f"Borger {n}", opened=dt.date(2026, 1, 5))
    on = dt.date(2026, 6, 1)
    query = KpiQuery(start=on, end=on)
    table = caseload_table(query, on)
    assert len(table.columns) == 2 and table.rows == [["Anne Holm", 3]]  # no norm set: no verdict, no IPS column
    CaseloadNorm.objects.create(cases=2)
    table = caseload_table(query, on)
    assert "Kommunens norm (2)" in [str(c) for c in table.columns] and table.rows == [["Anne Holm", 3, "over"]]


@pytest.mark.django_db
def test_the_dashboards_caseload_lists_the_most_cases_first_then_by_name(job_broker):
    """Counted per employee, named after: most active cases first, equal counts by name; closed cases not counted."""
    import datetime as dt

    from jobspor.kpi.engine import KpiQuery
    from jobspor.kpi.selectors import caseload_table
    from jobspor.organisation.models import Employee
    from jobspor.testing.factories import EmployeeFactory, make_case

    others = [EmployeeFactory(team=job_broker.team, roles=["jobformidler"], name=name)
              for name in ("Åse Berg", "Bo Dahl")]
    for employee, n in ((job_broker, 1), (others[0], 2), (others[1], 2)):
        for i in range(n):
            make_case(primary=employee, name=f"Borger {employee.pk}-{i}", opened=dt.date(2026, 1, 5))
    closed = make_case(primary=job_broker, name="Lukket", opened=dt.date(2026, 1, 5))
    Case.objects.filter(pk=closed.pk).update(closed=dt.date(2026, 2, 1), close_reason="andet")
    on = dt.date(2026, 6, 1)
    rows = caseload_table(KpiQuery(start=on, end=on), on).rows
    assert [row[1] for row in rows] == [2, 2, 1] and rows[2][0] == job_broker.name
    tied = ["Åse Berg", "Bo Dahl"]  # equal counts: in the database's collation
    assert [row[0] for row in rows[:2]] == list(Employee.objects.filter(name__in=tied).order_by("name")
                                                  .values_list("name", flat=True))
