"""Test praksis and caseload pages: who sees and answers what, the Danish refusals, fidelity beside the team's
results (the KPI engine's numbers), the norm line only when the municipality has set a norm."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobspor.fidelity import cycles, selectors, services
from jobspor.fidelity.models import Answer, Question
from jobspor.kpi import engine
from jobspor.kpi.engine import KpiQuery
from jobspor.kpi.tests import scenario
from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory, make_case


@pytest.fixture
def org(db):
    north_dept, south_dept = DepartmentFactory(name="Nord"), DepartmentFactory(name="Syd")
    home = TeamFactory(name="Team Hjem", department=north_dept)
    sister = TeamFactory(name="Team Søster", department=north_dept)
    away = TeamFactory(name="Team Ude", department=south_dept)
    return {"home": home, "sister": sister, "away": away,
            "leader": EmployeeFactory(team=home, roles=["leder"], name="Lene Leder"),
            "member": EmployeeFactory(team=home, roles=["jobformidler"], name="Jonas Formidler"),
            "admin": EmployeeFactory(team=home, roles=["administrator"]),
            "chief": EmployeeFactory(team=None, roles=["leder"], name="Direktør Dorte")}


def current_start():
    return cycles.bounds_for(timezone.localdate())[0].isoformat()


def post_answer(client, team, question, value="yes", version=0, **extra):
    prefix = f"q{question.pk}"
    data = {f"{prefix}-value": value, f"{prefix}-lock_version": version, f"{prefix}-seen": ""}
    data.update({f"{prefix}-{k}": v for k, v in extra.items()})
    return client.post(reverse("fidelity:answer", args=[team.pk, current_start(), question.pk]), data)


def test_leader_sees_the_teams_of_the_unit(client, org):
    client.force_login(org["leader"].user)
    body = client.get(reverse("fidelity:overview")).content.decode()
    assert "Team Hjem" in body and "Team Søster" in body and "Team Ude" not in body
    assert "ikke besvaret" in body and "0 af 46" in body


def test_a_member_goes_to_the_own_team_and_answers(client, org):
    client.force_login(org["member"].user)
    response = client.get(reverse("fidelity:overview"))
    assert response.status_code == 302 and response.url == reverse("fidelity:team", args=[org["home"].pk])
    page = client.get(reverse("fidelity:checklist", args=[org["home"].pk, current_start()])).content.decode()
    assert page.count('class="fidelity-question"') == 46
    assert "Taler I med borgeren om muligheder for ordinære timer ved første samtale?" in page
    question = Question.objects.get(code="2.1")
    response = post_answer(client, org["home"], question, value="partly", note="Oftest",
                           action="Lav en tjekliste", action_owner=org["member"].pk, action_due="2030-01-31")
    assert response.status_code == 302
    follow = client.get(response.url).content.decode()
    assert "Svaret på spørgsmål 2.1 er gemt" in follow and "50 %" in follow
    assert Answer.objects.get().action_owner == org["member"]


def test_answering_twice_gives_a_danish_message_and_no_number(client, org):
    question = Question.objects.get(code="1.1")
    client.force_login(org["leader"].user)
    first = post_answer(client, org["home"], question, value="yes")
    assert first.status_code == 302
    client.get(first.url)  # the leader reads the confirmation
    client.force_login(org["member"].user)
    response = post_answer(client, org["home"], question, value="no")  # a form opened before the first answer
    body = response.content.decode()
    assert response.status_code == 400
    assert "er allerede besvaret for Team Hjem i denne periode" in body and "intet er ændret" in body
    assert list(Answer.objects.values_list("value", flat=True)) == ["yes"]
    assert "Teamets troskab" not in body  # no score is shown for the refused answer


def test_an_edit_carries_the_version(client, org):
    question = Question.objects.get(code="1.1")
    client.force_login(org["leader"].user)
    post_answer(client, org["home"], question, value="yes")
    answer = Answer.objects.get()
    assert post_answer(client, org["home"], question, value="partly", version=answer.lock_version).status_code == 302
    answer.refresh_from_db()
    assert (answer.value, answer.lock_version) == ("partly", 2)
    stale = post_answer(client, org["home"], question, value="no", version=1)
    assert stale.status_code == 400 and "Ikke gemt" in stale.content.decode()
    answer.refresh_from_db()
    assert answer.value == "partly"


@pytest.mark.parametrize("who", ["leader", "member", "admin"])
def test_other_units_and_outsiders_are_refused_in_danish(client, org, who):
    client.force_login(org[who].user)
    away = org["away"]
    question = Question.objects.first()
    for url in (reverse("fidelity:team", args=[away.pk]),
                reverse("fidelity:checklist", args=[away.pk, current_start()])):
        response = client.get(url)
        assert response.status_code == 403
        assert "Team Ude" in response.content.decode() or "dit eget team" in response.content.decode()
    assert post_answer(client, away, question).status_code == 403
    assert not Answer.objects.exists()


def test_a_jobcentre_leader_sees_every_team_and_sets_the_norm(client, org):
    client.force_login(org["chief"].user)
    body = client.get(reverse("fidelity:overview")).content.decode()
    assert all(name in body for name in ("Team Hjem", "Team Søster", "Team Ude"))
    bad = client.post(reverse("fidelity:norm"), {"cases": "-3"})
    assert bad.status_code == 400 and "mindst 1 sag" in bad.content.decode()
    response = client.post(reverse("fidelity:norm"), {"cases": "2", "reason": "Besluttet i direktionen"})
    assert response.status_code == 302
    assert selectors.norm_current().cases == 2


def test_only_the_jobcentre_leadership_or_an_administrator_sets_the_norm(client, org):
    client.force_login(org["leader"].user)  # a department's leader
    assert client.post(reverse("fidelity:norm"), {"cases": "20"}).status_code == 403
    client.force_login(org["admin"].user)
    assert client.post(reverse("fidelity:norm"), {"cases": "20"}).status_code == 302


def test_invalid_cycles_are_not_found(client, org):
    client.force_login(org["leader"].user)
    for start in ("2026-02-01", "ikke-en-dato", "2026-13-01"):
        assert client.get(reverse("fidelity:checklist", args=[org["home"].pk, start])).status_code == 404


def test_caseload_without_a_norm_has_no_norm_line_and_ips_only_as_reference(client, org):
    for _i in range(3):
        make_case(primary=org["member"])
    client.force_login(org["leader"].user)
    body = client.get(reverse("fidelity:caseload")).content.decode()
    assert "ikke sat en norm" in body and "caseload-norm-line" not in body
    assert "Ekstern reference, ikke en norm" in body and "hvilket sagstal der er det rigtige niveau" in body
    assert "Jonas Formidler" in body and "over normen" not in body
    services.norm_set(actor=None, employee=org["chief"], cases=2)
    body = client.get(reverse("fidelity:caseload")).content.decode()
    assert "caseload-norm-line" in body and "1 over normen" in body
    assert "1 medarbejder har flere sager end normen" in body


def test_caseload_is_for_leaders_of_the_unit(client, org):
    make_case(primary=EmployeeFactory(team=org["away"], roles=["jobformidler"], name="Ude Udsen"))
    client.force_login(org["leader"].user)
    assert "Ude Udsen" not in client.get(reverse("fidelity:caseload")).content.decode()
    client.force_login(org["member"].user)
    assert client.get(reverse("fidelity:caseload")).status_code == 403


def test_caseload_page_queries_do_not_grow_with_staff(client, org):
    client.force_login(org["leader"].user)
    services.norm_set(actor=None, employee=org["chief"], cases=2)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("fidelity:caseload")).status_code == 200
        return len(queries)

    for _i in range(2):
        make_case(primary=EmployeeFactory(team=org["home"], roles=["jobformidler"]))
    few = count()
    for _i in range(6):
        broker = EmployeeFactory(team=org["sister"], roles=["jobformidler"])
        make_case(primary=broker)
        make_case(primary=broker)
    assert count() == few
    assert few <= 12


def test_fidelity_beside_results_uses_the_kpi_engines_numbers(client, db):
    data = scenario.build(7, citizens=40)
    team = data["teams"][0]
    leader = EmployeeFactory(team=team, roles=["leder"])
    today = dt.date(2026, 3, 15)
    start, end = dt.date(2025, 10, 1), dt.date(2025, 12, 31)
    for code in ("1.1", "1.2", "2.1"):
        services.answer_save(actor=None, employee=leader, team=team, start=start, question=Question.objects.get(
            code=code), value="yes" if code != "2.1" else "no", today=today)
    rows = selectors.fidelity_beside_results(team, today)
    row = next(r for r in rows if r.start == start)
    expected = engine.compute(KpiQuery(start=start, end=end, team_ids=(team.pk,)))
    assert row.population == expected["population"]
    for key in selectors.RESULT_KEYS:
        assert row.figures[key] == expected[key], key
    assert round(row.fidelity.percent, 1) == 66.7 and row.fidelity.answered == 3
    assert rows[-1].until_today and rows[-1].fidelity.percent is None


def test_team_page_shows_chart_table_and_caution(client, org):
    client.force_login(org["member"].user)
    services.answer_save(actor=None, employee=org["member"], team=org["home"],
                         start=dt.date.fromisoformat(current_start()), question=Question.objects.get(code="1.1"),
                         value="yes")
    body = client.get(reverse("fidelity:team", args=[org["home"].pk])).content.decode()
    assert "Samvariation – ikke årsag" in body
    assert 'id="table-fidelity-results"' in body and "<svg" in body and 'data-series="fidelity"' in body
    assert "I virksomhedsforløb" in body and "Har haft ordinære timer" in body
    assert "13 sammenhængende uger" in body and "Afsluttet til job eller uddannelse" in body
    assert body.count("<tr>") >= 8
    svg = body[body.index('<svg class="kpi-chart'):body.index("</svg>")]
    assert re.search(r'<circle cx="[0-9.]+" cy="[0-9.]+"', svg)  # numbers in SVG are never "48,0" (Danish)


def test_checklist_queries_do_not_grow_with_answers(client, org):
    client.force_login(org["member"].user)
    start = dt.date.fromisoformat(current_start())
    questions = list(Question.objects.order_by("section", "position"))
    url = reverse("fidelity:checklist", args=[org["home"].pk, current_start()])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    services.answer_save(actor=None, employee=org["member"], team=org["home"], start=start, question=questions[0],
                         value="no", action="Aftal en ny praksis", action_owner=org["leader"],
                         action_due=start + dt.timedelta(days=30))
    few = count()
    for question in questions[1:30]:
        services.answer_save(actor=None, employee=org["leader"], team=org["home"], start=start, question=question,
                             value="partly", action="Aftal en ny praksis", action_owner=org["member"],
                             action_due=start + dt.timedelta(days=30))
    assert count() == few <= 12


@pytest.mark.parametrize("kept_courses_behind", [False, True])
def test_the_results_of_every_cycle_read_at_once_equal_each_cycle_read_alone(db, kept_courses_behind):
    """The chart's eight cycles are counted in one read; each cycle's figures equal its own reading (results), the
    one the KPI engine's definitions give, whether the kept courses are up to date or behind."""
    from jobspor.kpi.facts import facts_refresh
    from jobspor.kpi.models import CaseFactsChange

    data = scenario.build(11, citizens=60, key_dates=[dt.date(2025, 9, 1), dt.date(2026, 1, 10)])
    team = data["teams"][0]
    periods = [(start, min(end, dt.date(2026, 3, 15))) for start, end in cycles.recent(dt.date(2026, 3, 15), 8)]
    facts_refresh()
    if kept_courses_behind:
        CaseFactsChange.objects.create(case_id=0)  # no such case: only the log is not empty
    together = selectors.results_by_period(team, periods)
    alone = [selectors.results(team, start, end) for start, end in periods]
    assert together == alone
    assert len({figures["continuous_13_weeks"]["numerator"] for _n, figures in alone}) >= 2  # not trivially equal
    assert len({n for n, _figures in alone}) >= 2
