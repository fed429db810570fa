"""The group → role mapping an administrator keeps in the admin, and how several rows combine."""

from django.urls import reverse

from jobspor.sso.models import GroupMapping, Source
from jobspor.sso.services import mapped
from jobspor.testing.factories import TeamFactory


def test_the_administrator_adds_a_mapping_in_the_admin(admin_client):
    team = TeamFactory(name="Team Øst")
    assert admin_client.get(reverse("admin:sso_groupmapping_changelist")).status_code == 200
    response = admin_client.post(reverse("admin:sso_groupmapping_add"), {
        "source": "oidc", "group": "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", "note": "GG-Jobspor-Jobformidlere",
        "role": "jobformidler", "team": team.pk})
    assert response.status_code == 302, response.content[:500]
    row = GroupMapping.objects.get()
    assert (row.group, row.role, row.team) == ("0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0", "jobformidler", team)
    # The same group and role twice is refused by the form, not by a database error.
    again = admin_client.post(reverse("admin:sso_groupmapping_add"), {
        "source": "oidc", "group": row.group, "role": "jobformidler"})
    assert again.status_code == 200 and GroupMapping.objects.count() == 1


def test_roles_are_combined_in_jobspors_order_and_the_first_team_wins(db):
    first, second = TeamFactory(name="Første"), TeamFactory(name="Anden")
    GroupMapping.objects.create(source=Source.OIDC, group="b", role="leder", team=first)
    GroupMapping.objects.create(source=Source.OIDC, group="a", role="jobformidler", team=second)
    GroupMapping.objects.create(source=Source.OIDC, group="a", role="mentor")
    GroupMapping.objects.create(source=Source.KOMBIT, group="a", role="administrator")  # another login's row
    assert mapped(Source.OIDC, ["a", "b", "x"]) == (["jobformidler", "mentor", "leder"], first)
    assert mapped(Source.OIDC, ["x"]) == ([], None)
