import pytest

from jobspor.cases.selectors import cases_visible
from jobspor.cases.services import case_staff_add
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case


@pytest.fixture
def world(db):
    nord = TeamFactory(name="Nord")
    syd = TeamFactory(name="Syd", department=nord.department)
    other_dept = TeamFactory(name="Vest")
    broker = EmployeeFactory(team=nord, roles=["jobformidler"])
    case_nord = make_case(primary=broker, name="Nord Borger")
    case_syd = make_case(primary=EmployeeFactory(team=syd), name="Syd Borger")
    case_vest = make_case(primary=EmployeeFactory(team=other_dept), name="Vest Borger")
    return locals()


def visible(employee):
    return set(cases_visible(user=employee.user).values_list("citizen__name", flat=True))


def test_staff_see_own_team(world):
    assert visible(EmployeeFactory(team=world["nord"], roles=["myndighedssagsbehandler"])) == {"Nord Borger"}


def test_staff_see_attached_cases_in_other_teams(world):
    employee = EmployeeFactory(team=world["nord"], roles=["jobformidler"])
    case_staff_add(actor=None, case=world["case_vest"], employee=employee, role="virksomhedskonsulent")
    assert visible(employee) == {"Nord Borger", "Vest Borger"}


def test_leader_sees_department(world):
    assert visible(EmployeeFactory(team=world["nord"], roles=["leder"])) == {"Nord Borger", "Syd Borger"}


def test_mentor_sees_only_attached(world):
    mentor = EmployeeFactory(team=world["nord"], roles=["mentor"])
    assert visible(mentor) == set()
    case_staff_add(actor=None, case=world["case_nord"], employee=mentor, role="mentor")
    assert visible(mentor) == {"Nord Borger"}


def test_administrator_sees_no_citizen_data_unless_attached(world):
    admin = EmployeeFactory(team=world["nord"], roles=["administrator"])
    assert visible(admin) == set()


def test_user_without_employee_sees_nothing(world):
    from jobspor.testing.factories import UserFactory

    assert not cases_visible(user=UserFactory()).exists()
