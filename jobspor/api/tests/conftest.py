import datetime as dt

import pytest

from jobspor.api.scopes import Scope
from jobspor.api.services import system_create, token_issue
from jobspor.companies.services import contact_save
from jobspor.placements import services as placement_services
from jobspor.testing.factories import make_case, make_company, make_job

PURPOSE = {"HTTP_X_JOBSPOR_PURPOSE": "Sagsbehandling"}


def bearer(system, secret) -> dict:
    raw, _token = token_issue(client_id=system.client_id, client_secret=secret)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def esdh(team):
    """A system on Team Nord with every scope."""
    return system_create(actor=None, name="Kommunens ESDH", scopes=Scope.values, team=team)


@pytest.fixture
def auth(esdh):
    return bearer(*esdh)


@pytest.fixture
def case(job_broker):
    return make_case(primary=job_broker, name="Jens Hansen", opened=dt.date(2025, 1, 10))


@pytest.fixture
def other_case(other_team):
    from jobspor.testing.factories import EmployeeFactory

    other = EmployeeFactory(name="Sofie Syd", team=other_team, roles=["jobformidler"])
    return make_case(primary=other, name="Karen Syd", opened=dt.date(2025, 1, 10))


@pytest.fixture
def company(db):
    return make_company(name="Nordlager ApS", postal_code="8210")


@pytest.fixture
def opening(company):
    return make_job(company=company, title="Lagerhjælp")


@pytest.fixture
def placement(case, company, job_broker):
    contact = contact_save(actor=None, company=company, name="Mette Lund", role="Lagerchef")
    return placement_services.placement_create(actor=job_broker.user, case=case, company=company, contact=contact,
                                               kind="virksomhedspraktik", purpose=1, start=dt.date(2025, 3, 3),
                                               title="Lagerhjælp")
