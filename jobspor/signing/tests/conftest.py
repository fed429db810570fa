import datetime as dt

import pytest

from jobspor.cases.services import case_staff_add
from jobspor.plans import services as plan_services
from jobspor.testing.factories import EmployeeFactory, make_case


@pytest.fixture
def mentor(team):
    return EmployeeFactory(name="Mette Mentor", team=team, roles=["mentor"], user__username="mette")


@pytest.fixture
def case(job_broker, mentor):
    case = make_case(primary=job_broker, name="Jens Hansen", opened=dt.date(2025, 1, 10))
    case_staff_add(actor=None, case=case, employee=mentor, role="mentor")
    return case


@pytest.fixture
def plan(case, job_broker):
    plan = plan_services.plan_save(actor=job_broker.user, case=case, goal="job",
                                   goal_text="Lagermedarbejder 25 timer om ugen", made=dt.date(2026, 1, 5))
    plan_services.sub_goal_add(actor=job_broker.user, plan=plan, text="Tage bussen selv til Nordlager",
                               due=dt.date(2026, 2, 1))
    plan_services.sub_goal_add(actor=job_broker.user, plan=plan, text="Søge tre job om ugen",
                               due=dt.date(2026, 3, 1), owner=job_broker)
    return plan
