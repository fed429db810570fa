import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from jobspor.audit.models import AccessLog
from jobspor.cases.models import Case
from jobspor.kpi import engine
from jobspor.kpi.engine import KpiQuery
from jobspor.organisation.models import Team
from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory

from . import scenario

PERIOD = {"start": "2025-01-01", "end": "2025-12-31"}
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


@pytest.fixture
def world(db):
    data = scenario.build(5, citizens=40, key_dates=[START, END])
    home = data["teams"][0]
    leader = EmployeeFactory(team=home, roles=["leder"])
    broker = EmployeeFactory(team=home, roles=["jobformidler"])
    return {**data, "home": home, "leader": leader, "broker": broker}


def visible_ids(employee):
    from jobspor.cases.permissions import case_scope_q
    return set(Case.objects.filter(case_scope_q(employee)).values_list("pk", flat=True))


def test_leader_sees_the_dashboard_with_the_engines_numbers(client, world):
    client.force_login(world["leader"].user)
    response = client.get(reverse("kpi:dashboard"), {**PERIOD, "fsm_group": 1})
    body = response.content.decode()
    assert response.status_code == 200
    result = engine.compute(KpiQuery(start=START, end=END, fsm_group=1))
    assert f"{result['population']} sager, der var aktive" in body
    for key in ("kpi", "chain", "hours", "teams", "exits", "companies", "caseload", "jobs"):
        assert f'id="table-{key}"' in body
    assert ">Ledelsesinfo</a>" in body  # the nav item for leaders
    assert not AccessLog.objects.exclude(citizen_id=None).exists()  # counts only: no citizen shown


@pytest.mark.parametrize("role", ["mentor", "administrator"])
def test_mentors_and_administrators_get_no_dashboard(client, world, role):
    employee = EmployeeFactory(team=world["home"], roles=[role])
    client.force_login(employee.user)
    for name in ("kpi:dashboard", "kpi:drill", "kpi:export"):
        assert client.get(reverse(name), {**PERIOD, "measure": "population"}).status_code == 403


def test_bad_input_gives_danish_messages_at_the_field(client, world):
    client.force_login(world["leader"].user)
    body = client.get(reverse("kpi:dashboard"), {"start": "2025-05-01", "end": "2025-01-01"}).content.decode()
    assert "Perioden slutter før den begynder" in body and 'id="table-kpi"' not in body
    body = client.get(reverse("kpi:dashboard"), {**PERIOD, "team": "999999"}).content.decode()
    assert "Vælg en af mulighederne på listen." in body and 'id="table-kpi"' not in body
    body = client.get(reverse("kpi:dashboard"), {**PERIOD, "start": "1. maj"}).content.decode()
    assert "Skriv datoen som ÅÅÅÅ-MM-DD." in body
    other = TeamFactory()
    body = client.get(reverse("kpi:dashboard"), {**PERIOD, "team": other.pk,
                                                 "department": world["home"].department_id}).content.decode()
    assert "Teamet hører ikke til den valgte afdeling." in body
    response = client.get(reverse("kpi:export"), {"start": "2025-05-01", "end": "2025-01-01", "table": "kpi"})
    assert response.status_code == 400


def test_staff_who_are_not_leaders_see_only_their_own_team(client, world):
    client.force_login(world["broker"].user)
    other = world["teams"][1]
    response = client.get(reverse("kpi:dashboard"), {**PERIOD, "team": other.pk})
    body = response.content.decode()
    assert response.status_code == 403  # issue 14: a unit the viewer may not see — a Danish message, no number
    assert "Du kan kun se tal for dit eget team" in body and 'id="table-kpi"' not in body
    assert AccessLog.objects.filter(user_id=world["broker"].user.pk, action="denied").exists()
    body = client.get(reverse("kpi:dashboard"), PERIOD).content.decode()
    own = engine.compute(KpiQuery(start=START, end=END, team_ids=(world["home"].pk,)))
    assert f"{own['population']} sager, der var aktive" in body
    assert ">Ledelsesinfo</a>" not in body  # the nav item is for leaders


@pytest.mark.parametrize("measure", ["population", "ordinary_hours", "continuous_13_weeks", "company_placement",
                                     "relapse_26_weeks", "stage:0", "stage:5", "stalled", "exit:flyttet"])
def test_drill_down_shows_only_visible_cases_and_logs_them(client, world, measure):
    leader = world["leader"]
    client.force_login(leader.user)
    response = client.get(reverse("kpi:drill"), {**PERIOD, "measure": measure})
    assert response.status_code == 200
    page = response.context["page"]
    shown = {c.pk for c in page.object_list}
    assert shown <= visible_ids(leader)
    if measure in engine.SHARE_KEYS or measure in ("population", "relapse_26_weeks"):
        behind = set(engine.measure_cases(measure, KpiQuery(start=START, end=END)).values_list("pk", flat=True))
        assert shown == behind & visible_ids(leader)  # (one page holds them all here)
        assert response.context["total"] == len(behind)
    logged = AccessLog.objects.filter(user_id=leader.user.pk, action="list", purpose="Ledelsesinformation")
    assert {e.case_id for e in logged if e.case_id} == shown
    assert all(f"measure={measure.replace(':', '%3A')}" in e.query for e in logged)


def test_drill_down_of_a_team_the_viewer_cannot_see_shows_nobody(client, world):
    other_department_team = TeamFactory(department=DepartmentFactory())
    Case.objects.filter(pk__in=[c.pk for c in world["cases"][:15]]).update(team=other_department_team)
    client.force_login(world["leader"].user)
    response = client.get(reverse("kpi:drill"), {**PERIOD, "team": other_department_team.pk,
                                                 "measure": "population"})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [] and response.context["total"] > 0
    assert "ligger uden for din adgang" in response.content.decode()


def test_unknown_measure_is_not_found(client, world):
    client.force_login(world["leader"].user)
    assert client.get(reverse("kpi:drill"), {**PERIOD, "measure": "nope"}).status_code == 404
    assert client.get(reverse("kpi:export"), {**PERIOD, "table": "nope"}).status_code == 404


@pytest.mark.parametrize("table", ["kpi", "fsm", "visitations", "weekly", "chain", "hours", "teams", "exits",
                                   "companies", "caseload", "jobs"])
def test_every_table_exports_to_excel_and_csv_with_the_same_numbers(client, world, table):
    client.force_login(world["leader"].user)
    page = client.get(reverse("kpi:dashboard"), PERIOD).context["tables"][table]
    expected = [[c if c is None or isinstance(c, int | float) else (str(c) or None) for c in row]
                for row in page.plain_rows()]
    response = client.get(reverse("kpi:export"), {**PERIOD, "table": table, "format": "xlsx"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows.index([str(c) for c in page.columns])
    assert rows[0][0] == page.title  # issue 14: the export names what it shows before the table
    assert [r[0][:7] for r in rows[1:4]] == ["Enhed: ", "Periode", "Filtre:"]
    assert rows[header + 1:] == expected
    response = client.get(reverse("kpi:export"), {**PERIOD, "table": table, "format": "csv"})
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0] == [page.title] and lines[1] == ["Enhed: Hele jobcentret"]
    assert len(lines) == len(expected) + 1 + header
    assert not AccessLog.objects.exclude(citizen_id=None).exists()  # counts only


def data_rows(response):
    """The rows of an exported sheet from its column headings on (the lines above name unit, period, filters)."""
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    blank = next(i for i, row in enumerate(rows) if all(v is None for v in row))
    return rows[blank + 1:]


def test_kpi_export_holds_the_engines_numbers(client, world):
    client.force_login(world["leader"].user)
    response = client.get(reverse("kpi:export"), {**PERIOD, "table": "kpi", "format": "xlsx", "fsm_group": 1})
    rows = data_rows(response)
    result = engine.compute(KpiQuery(start=START, end=END, fsm_group=1))
    assert rows[1][1] == result["population"]
    keys = (*engine.SHARE_KEYS, "relapse_26_weeks")
    assert [r[1] for r in rows[2:]] == [result[k]["numerator"] for k in keys]
    assert [r[2] for r in rows[2:]] == [result[k]["denominator"] for k in keys]


def test_exporting_the_cases_behind_a_number_is_logged(client, world):
    leader = world["leader"]
    client.force_login(leader.user)
    response = client.get(reverse("kpi:export"), {**PERIOD, "table": "cases", "measure": "ordinary_hours",
                                                  "format": "xlsx"})
    rows = data_rows(response)[1:]
    behind = engine.measure_cases("ordinary_hours", KpiQuery(start=START, end=END))
    visible = behind.filter(pk__in=visible_ids(leader))
    assert sorted(r[0] for r in rows) == sorted(visible.values_list("external_id", flat=True))
    logged = AccessLog.objects.filter(user_id=leader.user.pk, action="export")
    assert {e.case_id for e in logged} == set(visible.values_list("pk", flat=True))
    day = lambda cell: cell.date() if isinstance(cell, dt.datetime) else cell  # noqa: E731  (Excel keeps datetimes)
    for row in rows:  # each column is the case's own (read as plain values, not model instances)
        case = Case.objects.select_related("citizen", "team").get(external_id=row[0])
        link = case.staff.filter(is_primary=True).select_related("employee").first()
        primary = link.employee.name if link else None
        last = case.contacts.order_by("-date").values_list("date", flat=True).first()
        assert [row[1], row[2] or "", row[3] or None, day(row[4]), day(row[5]), day(row[6])] == [
            case.citizen.name, case.team.name if case.team else "", primary, case.opened, case.closed, last]


def test_stalled_rule_matches_the_contacts_app(world):
    from jobspor.contacts.selectors import stalled_cases_qs
    from jobspor.kpi.selectors import stalled_q, stalled_recomputed_q, stalled_weekly_q
    from jobspor.testing.factories import make_action, make_contact

    leader = world["leader"]
    today = dt.date.today()
    cases = [c for c in world["cases"] if c.team_id == world["home"].pk and c.closed is None][:6]
    make_contact(case=cases[0], date=today - dt.timedelta(days=3))
    make_action(case=cases[0], due=today + dt.timedelta(days=3))
    make_contact(case=cases[1], date=today - dt.timedelta(days=45))
    make_action(case=cases[2], due=today)
    theirs = set(stalled_cases_qs(employee=leader, scope="alle", today=today).values_list("pk", flat=True))
    for stalled in (stalled_q(today), stalled_recomputed_q(today), stalled_recomputed_q(today, True)):
        # the contacts app adds seed 004's weekly rule before a placement
        ours = set(Case.objects.filter(stalled | stalled_weekly_q(today),
                                       closed__isnull=True).filter(
            pk__in=visible_ids(leader)).values_list("pk", flat=True))
        assert ours == theirs and cases[0].pk not in ours and cases[1].pk in ours
    # On an earlier day only the contacts up to that day count, the same in both forms.
    before = today - dt.timedelta(days=10)
    make_contact(case=cases[3], date=before - dt.timedelta(days=5))
    make_action(case=cases[3], due=today)
    make_contact(case=cases[4], date=today - dt.timedelta(days=2))
    make_action(case=cases[4], due=today)
    forms = [set(Case.objects.filter(stalled, opened__lte=before).values_list("pk", flat=True))
             for stalled in (stalled_q(before), stalled_recomputed_q(before), stalled_recomputed_q(before, True))]
    assert forms[0] == forms[1] == forms[2] and cases[3].pk not in forms[0] and cases[4].pk in forms[0]


def test_dashboard_query_count_does_not_grow_with_rows(client, db):
    def count_for(seed, citizens):
        from jobspor.cases.models import CaseStaff
        Case.objects.all()
        data = scenario.build(seed, citizens=citizens, key_dates=[START, END])
        leader = EmployeeFactory(team=data["teams"][0], roles=["leder"])
        client.force_login(leader.user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("kpi:dashboard"), PERIOD).status_code == 200
        with CaptureQueriesContext(connection) as drill:
            assert client.get(reverse("kpi:drill"), {**PERIOD, "measure": "population"}).status_code == 200
        CaseStaff.objects.all().delete()
        return len(ctx), len(drill)

    small = count_for(31, 10)
    large = count_for(32, 60)
    assert Team.objects.count() == 6
    assert large[0] <= small[0] + 3  # one row more per team at most in the team names; not per case
    assert large[1] == small[1]
