import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jobspor.audit.models import Event
from jobspor.cases.models import CaseStaff
from jobspor.cases.services import case_primary_set, case_staff_add, case_staff_remove, case_update
from jobspor.testing.factories import EmployeeFactory, make_case


@pytest.mark.django_db
def test_any_number_of_staff_and_one_primary(job_broker, caseworker, team):
    case = make_case(primary=job_broker)
    for _ in range(5):
        case_staff_add(actor=None, case=case, employee=EmployeeFactory(team=team), role="mentor")
    case_staff_add(actor=None, case=case, employee=caseworker, role="myndighedssagsbehandler")
    assert CaseStaff.objects.filter(case=case).count() == 7
    assert CaseStaff.objects.filter(case=case, is_primary=True).count() == 1


@pytest.mark.django_db
def test_database_refuses_two_primary_contacts(job_broker, caseworker):
    case = make_case(primary=job_broker)
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseStaff.objects.create(case=case, employee=caseworker, role="myndighedssagsbehandler", is_primary=True)


@pytest.mark.django_db
def test_change_primary_moves_case_to_new_team(job_broker, other_team):
    case = make_case(primary=job_broker)
    other = EmployeeFactory(team=other_team)
    link = case_staff_add(actor=None, case=case, employee=other, role="jobformidler")
    case_primary_set(actor=None, case=case, link=link)
    case.refresh_from_db()
    assert case.team == other_team
    assert list(CaseStaff.objects.filter(case=case, is_primary=True).values_list("employee", flat=True)) == [other.pk]
    assert Event.objects.filter(case_id=case.pk, verb="primary_changed").exists()


@pytest.mark.django_db
def test_primary_cannot_be_removed(job_broker):
    case = make_case(primary=job_broker)
    link = CaseStaff.objects.get(case=case)
    with pytest.raises(ValidationError):
        case_staff_remove(actor=None, case=case, link=link)
    assert CaseStaff.objects.filter(case=case).count() == 1


@pytest.mark.django_db
def test_same_employee_twice_is_refused(job_broker, caseworker):
    case = make_case(primary=job_broker)
    case_staff_add(actor=None, case=case, employee=caseworker, role="myndighedssagsbehandler")
    with pytest.raises(ValidationError):
        case_staff_add(actor=None, case=case, employee=caseworker, role="mentor")


@pytest.mark.django_db
def test_closing_needs_reason_and_is_an_event(job_broker):
    import datetime as dt

    case = make_case(primary=job_broker)
    with pytest.raises(ValidationError):
        case_update(actor=None, case=case, closed=dt.date(2025, 6, 1))
    case.refresh_from_db()
    assert case.closed is None
    case_update(actor=None, case=case, closed=dt.date(2025, 6, 1), close_reason="ordinaer_beskaeftigelse")
    event = Event.objects.get(case_id=case.pk, verb="case_closed")
    assert event.before == {"closed": None, "close_reason": ""}
    assert event.after["close_reason"] == "ordinaer_beskaeftigelse"
