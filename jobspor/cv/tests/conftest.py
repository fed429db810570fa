import pytest

from jobspor.interchange.tests.conftest import write_file  # noqa: F401  (a fixture)
from jobspor.testing.factories import make_case


@pytest.fixture
def case(job_broker):
    return make_case(primary=job_broker, name="Jens Hansen")


@pytest.fixture
def citizen(case):
    return case.citizen
