import pytest

from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case


@pytest.fixture
def mentor(db):
    return EmployeeFactory(name="Mette Mentor", team=TeamFactory(name="Mentorkorps"), roles=["mentor"],
                           user__username="mette")


@pytest.fixture
def case(job_broker):
    return make_case(primary=job_broker, name="Jens Hansen")
