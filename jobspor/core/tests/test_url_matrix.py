"""Walk every URL with each role: access is scoped, refusals are 403 and logged, and every page that
shows a citizen writes an access-log entry naming that citizen."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jobspor.audit.models import AccessLog
from jobspor.placements.tests import matrix as placement_matrix
from jobspor.portal.tests.test_portal_matrix import PORTAL_NAMESPACES
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_action, make_case, make_contact, make_effort

# Who may open which page is decided in Python, the same on both databases (the crawl and the apps' own tests run on
# both): make test runs the matrix once, in the SQLite run, which has less to do than the PostgreSQL one.
pytestmark = pytest.mark.one_database(on="sqlite")

ROLES = ["jobformidler", "myndighedssagsbehandler", "virksomhedskonsulent", "mentor", "leder", "administrator"]

# name → (method, shows citizen data). Every named URL of the project must be listed here.
CITIZEN_URLS = {
    "cases:detail": "get",
    "cases:edit": "get",
    "cases:cpr": "post",
    "cases:citizen_edit": "get",
    "cases:assessment_new": "get",
    "cases:assessment_suggestion": "post",
    "cases:staff_add": "post",
    "cases:staff_remove": "post",
    "cases:staff_primary": "post",
    "contacts:create": "post",
    "contacts:edit": "get",
    "contacts:action_create": "post",
    "contacts:action_toggle": "post",
    "contacts:action_edit": "get",
    "efforts:create": "post",
    "efforts:edit": "get",
    "efforts:rehab_create": "post",
    "efforts:notification_create": "post",
    "cv:item_add": "post",
    "cv:experience_add": "post",
    "cv:goal_add": "post",
    "cv:language_add": "post",
    "cv:details": "post",
    "cv:statement_add": "post",
    "cv:remove": "post",
    "cv:pdf": "get",
    "plans:plan_edit": "get",
    "plans:sub_goal_add": "get",
    "plans:sub_goal_edit": "get",
    "plans:note_add": "get",
    "plans:comment_add": "post",
    "mentors:assignment_new": "get",
    "mentors:assignment_edit": "get",
    "mentors:follow_up_add": "get",
    "forecast:record": "get",
    "forecast:action_done": "post",
    # Beskeder: a citizen's messages are read through the case, like the journal (jobspor/messaging/tests)
    "messaging:case_thread": "get",
    "messaging:case_thread_new": "post",
    "messaging:attachment": "get",
    # Dokumenter: read through the case like the journal, never a mentor's (jobspor/documents/tests)
    "documents:upload": "post",
    "documents:download": "get",
    "consent:case": "get",
    "economy:case": "get",
    # the plan and consent forms signed on the spot (jobspor/signing/tests)
    "signing:overview": "get",
    "signing:freeze_plan": "post",
    "signing:freeze_consent": "post",
    "signing:sign": "get",
    "signing:document": "get",
    # Breve: letters are read and written through the case (jobspor/letters/tests)
    "letters:new": "post",
    "letters:detail": "get",
    "letters:pdf": "get",
    "letters:retry": "post",
    "letters:discard": "post",
    "letters:exemption": "post",
    "letters:from_appointment": "post",
    # Calendar: an appointment on a case is read and changed through the case (jobspor/appointments/tests)
    "appointments:new": "get",
    "appointments:detail": "get",
    "appointments:edit": "get",
    "appointments:status": "post",
    "appointments:ics": "get",
} | placement_matrix.CITIZEN_URLS
CITIZEN_LOG_URLS = {"audit:citizen_access_log": "get"}
OTHER_URLS = {"home", "cases:list", "cases:create", "followup:my_tasks", "accounts:login", "accounts:logout",
              "accounts:totp", "accounts:password_change", "cv:suggest", "favicon",
              # the idle-session warning's extend call, and a form kept over an expired session: the user's own
              # typing, shown only to the user whose session it was (jobspor/accounts/tests/test_session_expiry.py)
              "accounts:session_extend", "accounts:resume",
              "set_language", "contacts:stalled", "contacts:standard_texts",
              "contacts:standard_text_search"} | placement_matrix.OTHER_URLS | {
    # matching: job-scoped pages; the candidates shown are scoped and logged (jobspor/matching/tests)
    "matching:job_candidates", "matching:shortlist_add", "matching:shortlist_send", "matching:places",
    "matching:shortlist_outcome", "matching:bulk"}
# Dashboards and goals hold counts; drill-downs are scoped and logged (jobspor/kpi/tests/test_views.py).
OTHER_URLS |= {"forecast:team", "forecast:team_accuracy"}
# A mentor's own assignments: only their own, logged as a list (jobspor/core/tests/test_start_pages.py).
OTHER_URLS |= {"mentors:mine"}
# One search over cases, companies and openings: its case part is the case list's own search, scoped and logged
# (jobspor/search/tests/test_search.py).
# security.txt and its policy (RFC 9116): public, no personal data (jobspor/core/tests/test_hardening.py).
OTHER_URLS |= {"security_txt", "security_policy"}
OTHER_URLS |= {"search:search"}  # counts per month and caseworker, no citizen named (jobspor/forecast/tests)
# The inbox lists only threads in the user's scope, logged; answer times are counts per team (jobspor/messaging/tests).
OTHER_URLS |= {"messaging:inbox", "messaging:answer_times"}
# Dictation: a recording in, its text out; no citizen data is read (jobspor/dictation/tests).
OTHER_URLS |= {"dictation:transcribe"}
# The calendar's day and week lists name only citizens of cases the reader may see, logged as a list; the private
# feed is read with its secret token instead of a login and logged as its owner's read (jobspor/appointments/tests).
OTHER_URLS |= {"appointments:calendar", "appointments:feed_settings", "appointments:feed"}
# Case sparring: a team's meetings, seen by the team and its leaders; the agenda names citizens and is logged
# (jobspor/sparring/tests/test_sparring.py).
OTHER_URLS |= {"sparring:list", "sparring:meeting", "sparring:decision", "sparring:case_add"}
# Makkerskab: the pair's shared agenda is scoped to cases both are on and logged; the measure holds counts
# (jobspor/pairs/tests/test_pairs.py).
OTHER_URLS |= {"pairs:page"}
# The Team page: links to the team's shared pages, no citizen data (jobspor/core/tests/test_team_page.py).
OTHER_URLS |= {"team"}
# Comparison with a comparison group: counts per group, leaders only (jobspor/comparison/tests).
OTHER_URLS |= {"comparison:page"}
OTHER_URLS |= {"kpi:dashboard", "kpi:drill", "kpi:export", "kpi:goals", "kpi:goal_edit", "kpi:goal_delete"}
# Test praksis and caseloads: a team's own answers and counts per employee, no citizen named; a team outside the
# viewer's unit is refused with why (jobspor/fidelity/tests/test_views.py).
OTHER_URLS |= {"fidelity:overview", "fidelity:team", "fidelity:checklist", "fidelity:answer", "fidelity:caseload",
               "fidelity:norm"}
# Issue 14: planned visitations are counts per team; the screening list shows only the viewer's cases, logged
# (jobspor/kpi/tests/test_measures.py).
OTHER_URLS |= {"kpi:visitations", "kpi:visitation_edit", "kpi:screening"}
# Staff single sign-on (OpenID Connect): the start of a login and the provider's answer; public, no citizen data,
# every refusal logged (jobspor/sso/tests/test_oidc.py).
OTHER_URLS |= {"sso:oidc_login", "sso:oidc_callback"}
# Drift → Planlagte kørsler: administrators only (403 for every other role); the jobs report counts, no citizen data
# (jobspor/scheduling/tests/test_schedule.py).
OTHER_URLS |= {"scheduling:runs", "scheduling:retry", "scheduling:run_now"}
# Company data is not citizen data: every staff member may see these pages. Where they name a citizen (a company's
# history, who filled an opening) the name is shown only to those who may see the case, and logged
# (jobspor/companies/tests/test_history.py).
COMPANY_URLS = {"companies:list", "companies:create", "companies:mine", "companies:strategy",
                "companies:strategy_industry", "companies:strategy_industry_remove", "companies:strategy_target",
                "companies:strategy_settings", "companies:detail", "companies:edit", "companies:contact_add",
                "companies:workplace_add", "companies:agreement_add", "companies:interaction_add",
                "companies:part_edit",
                "jobs:list", "jobs:create", "jobs:statistics", "jobs:detail", "jobs:edit", "jobs:fill",
                "messaging:company_thread", "messaging:company_thread_new", "documents:company_download",
                "jobs:portal_seen",
                "appointments:company_new"}


def all_url_names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    names = set()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "admin":  # organisation only; see test_admin_holds_no_citizen_data
                continue
            if p.namespace in PORTAL_NAMESPACES:  # the portals' own matrix: jobspor/portal/tests/test_portal_matrix.py
                continue
            if p.namespace == "api":  # bearer tokens of integrating systems, not staff logins: jobspor/api/tests
                continue
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= all_url_names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def test_every_url_is_in_the_matrix():
    assert all_url_names() == set(CITIZEN_URLS) | set(CITIZEN_LOG_URLS) | OTHER_URLS | COMPANY_URLS


@pytest.fixture
def setting(db):
    home = TeamFactory(name="Hjem")
    away = TeamFactory(name="Ude")  # another department
    owner = EmployeeFactory(team=home, roles=["jobformidler"])
    case_home = make_case(primary=owner, name="Hjemme Borger")
    case_away = make_case(primary=EmployeeFactory(team=away), name="Ude Borger")
    return {"home": home, "case_home": case_home, "case_away": case_away, "owner": owner}


def url_for(name, case):
    from jobspor.cases.models import CaseStaff

    if name.startswith("placements:"):
        return placement_matrix.url_for(name, case)
    if name == "audit:citizen_access_log":
        return reverse(name, args=[case.citizen_id])
    if name in {"cases:staff_remove", "cases:staff_primary"}:
        return reverse(name, args=[case.pk, CaseStaff.objects.filter(case=case).first().pk])
    if name == "contacts:edit":
        return reverse(name, args=[case.pk, make_contact(case=case).pk])
    if name in {"contacts:action_toggle", "contacts:action_edit"}:
        return reverse(name, args=[case.pk, make_action(case=case).pk])
    if name == "efforts:edit":
        return reverse(name, args=[case.pk, make_effort(case=case).pk])
    if name == "messaging:attachment":
        from jobspor.messaging.tests.test_staff import attachment_without_file

        return reverse(name, args=[attachment_without_file(case).pk])
    if name == "messaging:case_thread":
        return reverse(name, args=[case.pk, 1])  # the case is checked (and a refusal logged) before the thread
    if name.startswith("appointments:") and name != "appointments:new":
        from jobspor.appointments.tests.helpers import book

        primary = CaseStaff.objects.get(case=case, is_primary=True).employee
        return reverse(name, args=[book(case=case, staff=[primary]).pk])
    if name in {"plans:sub_goal_edit", "plans:note_add", "mentors:assignment_edit", "mentors:follow_up_add",
                "signing:sign", "signing:document", "documents:download",
                "letters:detail", "letters:pdf", "letters:retry", "letters:discard", "letters:from_appointment"}:
        return reverse(name, args=[case.pk, 1])  # the case is checked (and a refusal logged) before the row
    return reverse(name, args=[case.pk])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(CITIZEN_URLS) + sorted(CITIZEN_LOG_URLS))
def test_out_of_scope_is_refused_and_logged(client, setting, role, name):
    employee = EmployeeFactory(team=setting["home"], roles=[role])
    client.force_login(employee.user)
    case = setting["case_away"]
    method = (CITIZEN_URLS | CITIZEN_LOG_URLS)[name]
    response = getattr(client, method)(url_for(name, case))
    assert response.status_code == 403
    assert "Ingen adgang" in response.content.decode()
    assert "Ude Borger" not in response.content.decode()
    assert AccessLog.objects.filter(user_id=employee.user.pk, citizen_id=case.citizen_id, action="denied").exists()


TEAM_ROLES = {"jobformidler", "myndighedssagsbehandler", "virksomhedskonsulent", "leder"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["cases:detail", "cases:cpr"])
def test_in_scope_pages_show_and_log(client, setting, role, name):
    employee = EmployeeFactory(team=setting["home"], roles=[role])
    client.force_login(employee.user)
    case = setting["case_home"]
    response = getattr(client, CITIZEN_URLS[name])(url_for(name, case))
    if role in TEAM_ROLES:
        assert response.status_code in (200, 302)
        entry = AccessLog.objects.filter(user_id=employee.user.pk, citizen_id=case.citizen_id).latest("id")
        assert entry.action in {"view", "cpr_reveal"} and entry.purpose
    else:  # mentors and administrators see only cases they are attached to
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_case_list_is_scoped_and_logs_each_citizen_shown(client, setting, role):
    employee = EmployeeFactory(team=setting["home"], roles=[role])
    client.force_login(employee.user)
    response = client.get(reverse("cases:list"), {"scope": "alle", "q": "borger"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ude Borger" not in body
    shown = set(AccessLog.objects.filter(user_id=employee.user.pk).values_list("citizen_id", flat=True))
    if role in TEAM_ROLES:
        assert "Hjemme Borger" in body
        assert shown == {setting["case_home"].citizen_id}
        assert AccessLog.objects.filter(user_id=employee.user.pk, action="search", query__contains="q=borger").exists()
    else:
        assert "Hjemme Borger" not in body
        assert shown == {None}


@pytest.mark.parametrize("name", ["home", "cases:list", "cases:create", "accounts:totp", "followup:my_tasks",
                                  "contacts:stalled", "contacts:standard_texts"])
def test_anonymous_users_are_sent_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/konto/login/" in response.url


def test_mentor_cannot_change_a_case_they_follow(client, setting):
    from jobspor.cases.services import case_staff_add

    mentor = EmployeeFactory(team=setting["home"], roles=["mentor"])
    case_staff_add(actor=None, case=setting["case_home"], employee=mentor, role="mentor")
    client.force_login(mentor.user)
    assert client.get(url_for("cases:detail", setting["case_home"])).status_code == 200
    assert client.get(url_for("cases:edit", setting["case_home"])).status_code == 403


def test_admin_holds_no_citizen_data():
    from django.contrib import admin

    registered = {model._meta.app_label for model in admin.site._registry}
    assert not registered & {"citizens", "cases", "assessments", "audit"}


@pytest.mark.parametrize("role", ROLES)
def test_admin_is_only_for_staff_users(client, setting, role):
    employee = EmployeeFactory(team=setting["home"], roles=[role])
    client.force_login(employee.user)
    assert client.get("/admin/").status_code == 302  # to the admin login: not is_staff


# --- issue 10: a CPR number, a goal or an opening of another unit is not a key to it ----------------------

CPR_ROLES = {"jobformidler", "myndighedssagsbehandler", "virksomhedskonsulent", "leder"}


@pytest.mark.parametrize("role", ROLES)
def test_full_cpr_only_for_roles_that_need_it(client, setting, role):
    """Mentors (attached to the case as its mentor) and administrators neither see the button nor get the
    number; the refusal is logged."""
    from jobspor.cases.services import case_staff_add

    case = setting["case_home"]
    employee = EmployeeFactory(team=setting["home"], roles=[role])
    if role in {"mentor", "administrator"}:
        case_staff_add(actor=None, case=case, employee=employee, role="mentor")
    client.force_login(employee.user)
    page = client.get(url_for("cases:detail", case)).content.decode()
    response = client.post(url_for("cases:cpr", case), HTTP_HX_REQUEST="true")
    full = f"{case.citizen.cpr[:6]}-{case.citizen.cpr[6:]}"
    if role in CPR_ROLES:
        assert "Vis fuldt CPR-nummer" in page
        assert response.status_code == 200 and full in response.content.decode()
        assert AccessLog.objects.filter(user_id=employee.user.pk, action="cpr_reveal").exists()
    else:
        assert "Vis fuldt CPR-nummer" not in page
        assert response.status_code == 403 and full not in response.content.decode()
        assert "fulde CPR-nummer" in response.content.decode()
        assert AccessLog.objects.filter(user_id=employee.user.pk, action="denied").exists()
        assert not AccessLog.objects.filter(user_id=employee.user.pk, action="cpr_reveal").exists()


@pytest.mark.parametrize("role", ROLES)
def test_another_units_cpr_opens_no_case(client, setting, role):
    """Creating a case with the CPR number of a citizen with an active case in another department: refused
    (those who may create cases get the unit to ask), nothing changes, the attempt is logged."""
    from jobspor.cases.models import Case
    from jobspor.citizens.models import Citizen

    away = setting["case_away"]
    employee = EmployeeFactory(team=setting["home"], roles=[role])
    client.force_login(employee.user)
    response = client.post(reverse("cases:create"), {
        "cpr": away.citizen.cpr, "name": "Overskrevet", "address": "Andenvej 2", "postal_code": "8000",
        "benefit": "sygedagpenge", "opened": "2025-02-01", "primary_role": "jobformidler"})
    body = response.content.decode()
    assert "Ude Borger" not in body
    assert Case.objects.filter(citizen_id=away.citizen_id).count() == 1
    assert Citizen.objects.get(pk=away.citizen_id).name == "Ude Borger"
    if role in TEAM_ROLES:
        assert response.status_code == 400 and "Bed Ude" in body
        assert AccessLog.objects.filter(user_id=employee.user.pk, citizen_id=away.citizen_id,
                                        action="denied", subject="cases:create").exists()
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_goals_of_another_unit_are_out_of_reach(client, setting, role):
    import datetime as dt

    from jobspor.kpi import services as kpi_services
    from jobspor.kpi.models import Goal

    theirs = kpi_services.goal_save(actor=None, title="Udes mål", level="team", team=setting["case_away"].team,
                                    measure="ordinary_hours", start=dt.date(2025, 1, 1),
                                    deadline=dt.date(2025, 6, 30), target_percent=24)
    employee = EmployeeFactory(team=setting["home"], roles=[role])
    client.force_login(employee.user)
    created = client.post(reverse("kpi:goals"), {
        "title": "Kapret", "level": "team", "team": setting["case_away"].team_id, "measure": "ordinary_hours",
        "start": "2025-01-01", "deadline": "2025-06-30", "target_percent": "24"})
    edited = client.post(reverse("kpi:goal_edit", args=[theirs.pk]), {"title": "Kapret"})
    deleted = client.post(reverse("kpi:goal_delete", args=[theirs.pk]))
    assert edited.status_code == 403 and deleted.status_code == 403
    if role == "leder":
        assert created.status_code == 200 and "din egen enhed" in created.content.decode()
    else:
        assert created.status_code == 403
    assert list(Goal.objects.values_list("title", flat=True)) == ["Udes mål"]


@pytest.mark.parametrize("role", ROLES)
def test_planned_visitations_of_another_unit_are_out_of_reach(client, setting, role):
    """Issue 14: a leader records planned visitations for their own unit only; another unit's plan can be neither
    changed nor made, and nobody else records any."""
    from jobspor.kpi import services as kpi_services
    from jobspor.kpi.models import PlannedVisitation

    away = setting["case_away"].team
    theirs = kpi_services.planned_visitation_save(actor=None, team=away, year=2025, quarter=1, planned=8)
    employee = EmployeeFactory(team=setting["home"], roles=[role])
    client.force_login(employee.user)
    created = client.post(reverse("kpi:visitations"), {"team": away.pk, "year": 2025, "quarter": 2, "planned": 3,
                                                       "lock_version": 0})
    edited = client.post(reverse("kpi:visitation_edit", args=[theirs.pk]), {"team": away.pk, "year": 2025,
                                                                           "quarter": 1, "planned": 0})
    assert edited.status_code == 403
    if role == "leder":
        assert created.status_code == 400 and "din egen enhed" in created.content.decode()
    else:
        assert created.status_code == 403
    assert list(PlannedVisitation.objects.values_list("planned", flat=True)) == [8]


@pytest.mark.parametrize("role", ROLES)
def test_another_teams_filled_opening_cannot_be_reopened(client, setting, role):
    import datetime as dt

    from jobspor.jobs.forms import JobForm
    from jobspor.jobs.services import job_fill
    from jobspor.testing.factories import make_company, make_job

    job = make_job(company=make_company(name="Matrix Lager ApS"), kind="ordinaer_stilling", hours_per_week=15)
    job_fill(actor=None, job=job, case=setting["case_away"], filled_on=dt.date(2025, 3, 20), channel="jobcentret")
    job.refresh_from_db()
    data = {k: v for k, v in JobForm.initial_for(job).items() if v is not None}
    for key in ("tasks", "competencies_required", "competencies_wanted", "accommodations"):
        data[key] = "\n".join(data.get(key) or [])
    employee = EmployeeFactory(team=setting["home"], roles=[role])
    client.force_login(employee.user)
    response = client.post(reverse("jobs:edit", args=[job.pk]), {**data, "workplace": "", "status": "open"})
    if role in {"jobformidler", "virksomhedskonsulent", "leder"}:  # editors of openings
        assert response.status_code == 400 and "kontakt Ude" in response.content.decode()
    else:
        assert response.status_code == 403
    job.refresh_from_db()
    assert job.status == "filled" and job.filled_case_id == setting["case_away"].pk
