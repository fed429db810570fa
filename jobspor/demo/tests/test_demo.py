"""`jobspor demo`: N cases in all, consistent with the rules the services and the database keep."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from jobspor.accounts.models import User
from jobspor.assessments.models import Assessment
from jobspor.assessments.questionnaire import AREAS, suggest
from jobspor.assessments.services import age_on
from jobspor.cases.models import Case, CaseStaff
from jobspor.citizens.cpr import cpr_birth_date, cpr_clean, cpr_sex
from jobspor.citizens.models import Citizen
from jobspor.demo import generator
from jobspor.organisation.models import Department, Employee, Jobcentre, Team
from jobspor.testing.shared import shared_data

N = 200


def run_demo(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


# Every test here reads one demo, built once (jobspor/testing/shared.py); runs on an empty database are in
# test_demo_runs.py.
pytestmark = pytest.mark.xdist_group("demo.test_demo")


@pytest.fixture(scope="module")
def _shared_demo(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        yield run_demo("--cases", str(N))


@pytest.fixture
def demo(_shared_demo, db):
    return _shared_demo


def test_n_is_the_number_of_cases_created(demo):
    second = N // generator.SECOND_CASE_EVERY  # ≈ 5 % of the citizens also have an older, closed case
    assert Case.objects.count() == N
    assert Citizen.objects.count() == N - second
    with_two = Citizen.objects.annotate(n=Count("cases")).filter(n=2)
    assert with_two.count() == second
    for citizen in with_two:
        older, newer = citizen.cases.order_by("opened")
        assert older.closed is not None and older.closed <= newer.opened


def test_every_case_has_exactly_one_primary_contact_a_jobformidler_of_its_team(demo):
    counts = Case.objects.annotate(primaries=Count("staff", filter=Q(staff__is_primary=True)))
    assert set(counts.values_list("primaries", flat=True)) == {1}
    for link in CaseStaff.objects.filter(is_primary=True).select_related("case", "employee"):
        assert link.role == "jobformidler" and "jobformidler" in link.employee.roles
        assert link.case.team_id == link.employee.team_id
    # most cases also have the jobformidler's makker (myndighedssagsbehandler) from the same team
    makker = CaseStaff.objects.filter(role="myndighedssagsbehandler").select_related("case", "employee")
    assert makker.count() > N * 0.7
    assert all(link.employee.team_id == link.case.team_id for link in makker)


def test_citizens_have_valid_cpr_numbers_with_derived_birth_date_and_sex(demo):
    today = timezone.localdate()
    cprs = list(Citizen.objects.values_list("cpr", "birth_date", "sex", "name", "search_name"))
    assert len({c[0] for c in cprs}) == len(cprs)
    for cpr, birth, sex, name, search_name in cprs:
        assert cpr_clean(cpr) == cpr
        assert cpr_birth_date(cpr) == birth and cpr_sex(cpr) == sex
        assert 18 <= age_on(birth, today) <= 66
        assert search_name == name.casefold()
    assert {c[2] for c in cprs} == {"M", "K"}
    assert Citizen.objects.filter(postal_code__municipality_code=generator.MUNICIPALITY_CODE).count() > N * 0.6


def test_search_copies_are_written_by_the_bulk_loads(demo):
    """The demo writes companies and openings with bulk_create (no save()): the folded copies the search compares
    are set there too, so "aabybro" finds Åbybro on demo data as on saved data."""
    from jobspor.companies.models import Company
    from jobspor.core.search_text import fold
    from jobspor.jobs.models import JobOpening

    companies = list(Company.objects.values_list("name", "name_folded"))
    jobs = list(JobOpening.objects.values_list("title", "title_folded"))
    assert companies and jobs
    assert all(folded == fold(name) for name, folded in companies)
    assert all(folded == fold(title) for title, folded in jobs)


def test_cases_keep_the_rules_of_the_services(demo):
    today = timezone.localdate()
    closed = Case.objects.exclude(closed=None)
    assert 0.15 * N < closed.count() < 0.40 * N
    assert not closed.filter(close_reason="").exists()
    assert not Case.objects.filter(closed=None).exclude(close_reason="").exists()
    for case in Case.objects.select_related("citizen"):
        adult = generator._add_years(case.citizen.birth_date, 18)
        assert adult <= case.opened <= today
        assert case.closed is None or case.opened <= case.closed <= today
        assert case.public_support_since is None or case.public_support_since <= case.opened
        assert case.fsm_group is None or case.target_group == 2
        if case.target_group == 3:
            assert age_on(case.citizen.birth_date, case.opened) < 30


def test_assessments_suggest_like_the_questionnaire_and_overrides_have_reasons(demo):
    assessments = list(Assessment.objects.select_related("case__citizen"))
    assert len(assessments) == Case.objects.exclude(target_group=None).count()  # every visited case
    for a in assessments:
        assert set(AREAS) <= set(a.answers) and {"hours_now", "education_wish"} <= set(a.answers)
        assert all(a.answers[area] in (0, 1, 2) for area in AREAS)
        day = timezone.localtime(a.assessed_at).date()
        case = a.case
        years = (day - case.public_support_since).days / 365.25 if case.public_support_since else None
        suggestion = suggest(a.answers, age=age_on(case.citizen.birth_date, day), years_on_support=years)
        assert (a.suggested_group, a.suggestion_reasons) == (suggestion.group, suggestion.reasons)
        assert (a.chosen_group != a.suggested_group) == bool(a.override_reason)
        assert case.target_group == a.chosen_group and case.fsm_group == a.fsm_group
        assert a.assessed_by is not None


def test_staff_roles_teams_and_fixed_logins(demo):
    assert Jobcentre.objects.count() == 1 and Department.objects.count() == 3
    assert 10 <= Team.objects.count() <= 14
    assert Employee.objects.count() >= generator.MIN_STAFF
    roles = {r for roles in Employee.objects.values_list("roles", flat=True) for r in roles}
    assert roles == {"jobformidler", "myndighedssagsbehandler", "virksomhedskonsulent", "mentor", "leder",
                     "administrator"}
    fixed = {e.user.username: e for e in Employee.objects.select_related("user", "team")
             .filter(user__username__in=[u for _r, u, _l in generator.FIXED_LOGINS])}
    first_team = Team.objects.get(external_id=f"{generator.ID_PREFIX}T01")
    for role, username, _label in generator.FIXED_LOGINS:
        assert fixed[username].roles == [role]
        assert fixed[username].team == (None if username == "admin" else first_team)
    assert first_team.department.name == generator.DEPARTMENTS[0]
    assert fixed["admin"].user.is_staff
    assert CaseStaff.objects.filter(employee=fixed["jobformidler"], is_primary=True).exists()
    assert CaseStaff.objects.filter(employee=fixed["sagsbehandler"]).exists()


@pytest.mark.parametrize("username", [u for _r, u, _l in generator.FIXED_LOGINS])
def test_fixed_logins_can_log_in(client, demo, username):
    response = client.post(reverse("accounts:login"), {"username": username, "password": "demo-jobspor"})
    assert response.status_code == 302


def test_staff_logins_see_their_cases(client, demo):
    client.force_login(User.objects.get(username="jobformidler"))
    response = client.get(reverse("cases:list"), {"scope": "mine"})
    assert response.status_code == 200
    case = Case.objects.filter(staff__employee__user__username="jobformidler").first()
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_if_empty_does_nothing_the_second_time(demo):
    before = (Case.objects.count(), Citizen.objects.count(), Employee.objects.count(), User.objects.count())
    out = run_demo("--cases", str(N), "--if-empty")
    assert (Case.objects.count(), Citizen.objects.count(), Employee.objects.count(), User.objects.count()) == before
    assert "ikke indlæst igen" in out and "leder / demo-jobspor" in out


def test_refuses_a_database_with_cases_without_if_empty(demo):
    with pytest.raises(CommandError, match="allerede"):
        run_demo("--cases", "10")
    assert Case.objects.count() == N


def test_cpr_numbers_fit_the_century_rules():
    import random

    rng, used = random.Random(1), set()
    for birth in (dt.date(1959, 1, 31), dt.date(1999, 12, 31), dt.date(2000, 1, 1), dt.date(2008, 2, 29)):
        for male in (True, False):
            cpr = generator.make_cpr(birth, male, rng, used)
            assert cpr_birth_date(cpr) == birth and cpr_sex(cpr) == ("M" if male else "K")
            assert not generator._mod11_valid(cpr)
