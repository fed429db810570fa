import pytest

from jobspor.testing.factories import EmployeeFactory, TeamFactory


@pytest.fixture
def team(db):
    return TeamFactory(name="Team Nord")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Team Syd")


@pytest.fixture
def job_broker(team):
    return EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")


@pytest.fixture
def caseworker(team):
    return EmployeeFactory(name="Bo Berg", team=team, roles=["myndighedssagsbehandler"], user__username="bo")
