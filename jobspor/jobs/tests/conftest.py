import pytest

from jobspor.testing.factories import EmployeeFactory


@pytest.fixture
def consultant(team):
    return EmployeeFactory(name="Kim Konsulent", team=team, roles=["virksomhedskonsulent"], user__username="kim")
