"""The Team menu item gathers the team's shared pages, so the menu stays short on a phone."""

import pytest
from django.urls import reverse

from jobspor.testing.factories import EmployeeFactory


@pytest.mark.django_db
@pytest.mark.parametrize("roles, links, status", [
    (["jobformidler"], ["forecast:team", "sparring:list", "pairs:page", "fidelity:overview"], 200),
    (["leder"], ["forecast:team", "sparring:list", "pairs:page", "fidelity:overview"], 200),
    (["mentor"], ["fidelity:overview"], 200),
    (["administrator"], [], 403),
])
def test_the_team_page_links_what_the_role_may_use(client, team, roles, links, status):
    employee = EmployeeFactory(team=team, roles=roles)
    client.force_login(employee.user)
    response = client.get(reverse("team"))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        for name in ["forecast:team", "sparring:list", "pairs:page", "fidelity:overview"]:
            assert (f'href="{reverse(name)}"' in html) == (name in links)
        assert client.get(reverse(links[0]), follow=True).status_code == 200
    menu = client.get(reverse("cases:list")).content.decode()
    assert (f'href="{reverse("team")}"' in menu) == (status == 200)
