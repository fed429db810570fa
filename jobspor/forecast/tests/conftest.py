import datetime as dt

import pytest

from jobspor.cases.services import case_staff_add
from jobspor.testing.factories import EmployeeFactory, make_case


@pytest.fixture
def mentor(team):
    return EmployeeFactory(name="Mette Mentor", team=team, roles=["mentor"], user__username="mette")


@pytest.fixture
def case(job_broker, mentor):
    case = make_case(primary=job_broker, name="Jens Hansen", opened=dt.date(2025, 1, 10))
    case_staff_add(actor=None, case=case, employee=mentor, role="mentor")
    return case
