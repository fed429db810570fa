import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog
from jobspor.contacts.followup import find_agreed_contacts, find_planned_actions
from jobspor.contacts.selectors import stalled_cases_qs
from jobspor.contacts.services import action_done
from jobspor.followup.sources import source_items
from jobspor.kpi.facts import facts_refresh
from jobspor.testing.factories import EmployeeFactory, make_action, make_case, make_contact

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def days_ago(n):
    return TODAY - dt.timedelta(days=n)


def new_case(primary, name="Borger", opened_days_ago=200):
    return make_case(primary=primary, name=name, opened=days_ago(opened_days_ago))


def stalled(employee, scope="alle"):
    return {c.pk: c for c in stalled_cases_qs(employee=employee, scope=scope, today=TODAY)}


def test_stalled_rule_edges(job_broker, settings):
    settings.JOBSPOR_STALLED_BEFORE_PLACEMENT_DAYS = 365  # the 30-day rule alone (the weekly rule: below)
    thirty = new_case(job_broker, "Tredive Dage")
    make_contact(case=thirty, date=days_ago(30))
    make_action(case=thirty, due=TODAY)
    thirty_one = new_case(job_broker, "Enogtredive Dage")
    make_contact(case=thirty_one, date=days_ago(31))
    make_action(case=thirty_one, due=TODAY)
    no_action = new_case(job_broker, "Uden Handling")
    make_contact(case=no_action, date=days_ago(2))
    done = make_action(case=no_action, due=days_ago(5))
    action_done(actor=None, action=done)  # only a done action: none open
    never_old = new_case(job_broker, "Aldrig Kontakt")
    make_action(case=never_old, due=TODAY)
    never_new = new_case(job_broker, "Ny Sag", opened_days_ago=30)
    make_action(case=never_new, due=TODAY)

    found = stalled(job_broker)

    assert thirty.pk not in found and never_new.pk not in found
    assert found[thirty_one.pk].last_contact == days_ago(31) and found[thirty_one.pk].has_open_action
    assert found[no_action.pk].has_open_action is False
    assert found[never_old.pk].last_contact is None
    assert list(found) == [never_old.pk, thirty_one.pk, no_action.pk]  # longest without contact first


def test_weekly_rule_before_a_placement_edges(job_broker):
    """Seed 004 (issue 14): before the citizen is in a company placement, 7 days without contact is stalled;
    'Flere skal med' group 3 (cannot take part now) is not held to it."""
    seven = new_case(job_broker, "Syv Dage")
    make_contact(case=seven, date=days_ago(7))
    make_action(case=seven, due=TODAY)
    eight = new_case(job_broker, "Otte Dage")
    make_contact(case=eight, date=days_ago(8))
    make_action(case=eight, due=TODAY)
    group3 = make_case(primary=job_broker, name="Gruppe Tre", opened=days_ago(200), fsm_group=3)
    make_contact(case=group3, date=days_ago(8))
    make_action(case=group3, due=TODAY)
    found = stalled(job_broker)
    assert seven.pk not in found and group3.pk not in found and eight.pk in found


def test_closed_and_out_of_scope_cases_are_not_listed(job_broker, other_team):
    from jobspor.cases.services import case_update

    closed = new_case(job_broker)
    case_update(actor=None, case=closed, closed=TODAY, close_reason="flyttet")
    elsewhere = new_case(EmployeeFactory(team=other_team))
    found = stalled(job_broker)
    assert closed.pk not in found and elsewhere.pk not in found


def test_the_scope_works_like_the_case_list(job_broker):
    colleague = EmployeeFactory(team=job_broker.team, roles=["jobformidler"])
    mine = new_case(job_broker)
    theirs = new_case(colleague)
    assert set(stalled(job_broker, "mine")) == {mine.pk}
    assert set(stalled(job_broker, "team")) == {mine.pk, theirs.pk}


def test_the_stalled_page_shows_days_and_reasons_logs_and_has_fixed_queries(client, job_broker):
    case = new_case(job_broker, "Jens Hansen")
    make_contact(case=case, date=days_ago(31))
    client.force_login(job_broker.user)
    url = reverse("contacts:stalled")

    page = client.get(url).content.decode()
    assert "Jens Hansen" in page and "31" in page and "Ingen kontakt i over 30 dage" in page
    assert "Ingen åben planlagt handling" in page
    assert AccessLog.objects.filter(user_id=job_broker.user.pk, citizen_id=case.citizen_id, action="list",
                                    purpose="Sager gået i stå").exists()

    def queries():
        facts_refresh()  # the kept contact facts brought up to date apart (a few queries per batch of changed cases)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"scope": "team"}).status_code == 200
        return len(ctx)

    few = queries()
    for i in range(6):
        other = new_case(job_broker, f"Borger {i}")
        make_contact(case=other, date=days_ago(40 + i))
    assert queries() == few


def test_a_mentor_sees_no_stalled_cases(client, job_broker):
    from jobspor.cases.services import case_staff_add

    case = new_case(job_broker, "Jens Hansen")
    mentor = EmployeeFactory(team=job_broker.team, roles=["mentor"])
    case_staff_add(actor=None, case=case, employee=mentor, role="mentor")
    client.force_login(mentor.user)
    assert "Jens Hansen" not in client.get(reverse("contacts:stalled")).content.decode()


def test_my_tasks_lists_due_actions_and_next_contacts(client, job_broker, caseworker):
    case = new_case(job_broker, "Jens Hansen")
    make_action(case=case, title="Ring til Nordlager", due=days_ago(3))
    make_action(case=case, title="Langt ude i fremtiden", due=TODAY + dt.timedelta(days=60))
    make_contact(case=case, date=days_ago(20), next_date=days_ago(6), next_kind="telefon")  # settled below
    make_contact(case=case, date=days_ago(5), next_date=TODAY + dt.timedelta(days=2), next_kind="opfoelgning")
    # The makker logged a contact on another case: it is hers (she logged it), and the primary contact's too.
    other = new_case(job_broker, "Karen Holm")
    make_contact(case=other, employee=caseworker, date=days_ago(1), next_date=TODAY, next_kind="jobsamtale")

    actions = source_items(find_planned_actions, job_broker, TODAY)
    assert [a.title for a in actions] == ["Ring til Nordlager"]
    contacts = source_items(find_agreed_contacts, job_broker, TODAY)
    assert sorted((c.case.citizen.name, c.title, c.due) for c in contacts) == [
        ("Jens Hansen", "Opfølgning", TODAY + dt.timedelta(days=2)), ("Karen Holm", "Jobsamtale", TODAY)]
    assert [c.case.pk for c in source_items(find_agreed_contacts, caseworker, TODAY)] == [other.pk]

    client.force_login(job_broker.user)
    page = client.get(reverse("followup:my_tasks")).content.decode()
    assert "Ring til Nordlager" in page and "Næste kontakt" in page and "Langt ude" not in page


def test_task_sources_cost_a_fixed_number_of_queries(job_broker):
    for i in range(3):
        case = new_case(job_broker, f"Borger {i}")
        make_action(case=case, due=TODAY)
        make_contact(case=case, date=TODAY, next_date=TODAY)
    with CaptureQueriesContext(connection) as ctx:
        assert len(source_items(find_planned_actions, job_broker, TODAY)) == 3
        assert len(source_items(find_agreed_contacts, job_broker, TODAY)) == 3
    assert len(ctx) <= 8  # actions: found 1, cases I see 1, loaded 1; contacts: mine 2, found 1, cases I see 1,
    # loaded 1


def test_agreed_next_contacts_only_on_open_cases_i_may_see(job_broker, other_team):
    from jobspor.cases.services import case_update

    mine = new_case(job_broker, "Min Borger")
    make_contact(case=mine, date=TODAY, next_date=TODAY)
    closed = new_case(job_broker, "Lukket Borger")
    make_contact(case=closed, date=TODAY, next_date=TODAY)
    case_update(actor=None, case=closed, closed=TODAY, close_reason="flyttet")
    # A contact I logged myself on another team's case I am not on: mine, but not a case I see.
    elsewhere = new_case(EmployeeFactory(team=other_team), "Anden Borger")
    make_contact(case=elsewhere, employee=job_broker, date=TODAY, next_date=TODAY)
    assert [item.case.pk for item in source_items(find_agreed_contacts, job_broker, TODAY)] == [mine.pk]
