import pytest

from jobspor.testing.factories import EmployeeFactory


@pytest.fixture
def consultant(team):
    return EmployeeFactory(name="Kim Konsulent", team=team, roles=["virksomhedskonsulent"], user__username="kim")


@pytest.fixture
def leader(team):
    return EmployeeFactory(name="Lis Leder", team=team, roles=["leder"], user__username="lis")
