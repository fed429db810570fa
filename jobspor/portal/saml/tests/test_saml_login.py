import pytest
from django.urls import reverse

from jobspor.testing.factories import EmployeeFactory, make_case

from .conftest import saml_login


@pytest.fixture
def case(db):
    return make_case(primary=EmployeeFactory(roles=["jobformidler"]), name="Karen Jensen")


def test_citizen_logs_in_on_min_side_through_the_idp(client, saml_idp, case):
    saml_idp.citizen(case.citizen.cpr)
    response = saml_login(client, saml_idp)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("minside:home")
    page = client.get(reverse("minside:home")).content.decode()
    assert "Karen Jensen" in page
