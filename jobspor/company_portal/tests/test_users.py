"""Virksomhedsindgang → Brugere: the company's administrator invites colleagues and sets their rights; an
invitation is bound at the colleague's first MitID Erhverv login (by CVR and e-mail)."""

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.company_portal.models import CompanyUser
from jobspor.company_portal.services import company_user_for
from jobspor.testing.factories import company_login, make_company, make_company_user


@pytest.fixture
def setting(job_broker):
    company = make_company(owner=job_broker, name="Nordlager ApS")
    other = make_company(owner=job_broker, name="Sydlager A/S")
    return {"company": company, "admin": make_company_user(company=company, name="Anna Admin"),
            "clerk": make_company_user(company=company, name="Carl Kontor", is_admin=False, can_sign=False,
                                       can_report_hours=False),
            "stranger": make_company_user(company=other, name="Sofie Syd")}


def test_admin_invites_a_colleague_with_rights(client, setting):
    company_login(client, setting["admin"])
    page = client.get(reverse("virk:users")).content.decode()
    assert "Carl Kontor" in page and "Sofie Syd" not in page
    response = client.post(reverse("virk:users"), {"name": "Dorte Drift", "email": "dorte@nordlager.dk",
                                                   "can_report_hours": "on"})
    assert response["Location"] == reverse("virk:users")
    dorte = CompanyUser.objects.get(name="Dorte Drift")
    assert (dorte.company, dorte.mitid_uuid, dorte.can_sign, dorte.can_report_hours, dorte.is_admin) == (
        setting["company"], "", False, True, False)
    assert not dorte.user.has_usable_password()
    event = Event.objects.get(verb="portal_user_invited")
    assert event.actor == "Anna Admin, Nordlager ApS (virksomhed)" and event.target_id == dorte.pk


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "", "email": "x@nordlager.dk"}, "Skriv kollegaens navn."),
    ({"name": "Dorte", "email": "ikke-en-mail"}, "Skriv en gyldig e-mailadresse."),
])
def test_bad_invitation_is_refused_and_logged(client, setting, data, message):
    company_login(client, setting["admin"])
    response = client.post(reverse("virk:users"), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert CompanyUser.objects.filter(company=setting["company"]).count() == 2


def test_same_email_twice_is_refused(client, setting):
    company_login(client, setting["admin"])
    client.post(reverse("virk:users"), {"name": "Dorte Drift", "email": "dorte@nordlager.dk"})
    response = client.post(reverse("virk:users"), {"name": "Dorte D", "email": "DORTE@nordlager.dk"})
    assert response.status_code == 400 and "allerede en bruger med e-mailen" in response.content.decode()
    assert AccessLog.objects.filter(user_id=setting["admin"].user_id, action="denied").exists()


def test_admin_sets_who_may_sign_and_report_hours(client, setting):
    company_login(client, setting["admin"])
    clerk = setting["clerk"]
    url = reverse("virk:user", args=[clerk.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"can_sign": "on", "can_report_hours": "on", "is_active": "on"})
    clerk.refresh_from_db()
    assert (clerk.can_sign, clerk.can_report_hours, clerk.is_admin, clerk.is_active) == (True, True, False, True)
    event = Event.objects.get(verb="portal_user_rights", target_id=clerk.pk)
    assert event.before == {"can_sign": False, "can_report_hours": False}
    response = client.post(reverse("virk:user", args=[setting["admin"].pk]), {"is_active": "on"})
    assert response.status_code == 400 and "egen administratorret" in response.content.decode()
    assert CompanyUser.objects.get(pk=setting["admin"].pk).is_admin


def test_another_companys_user_is_a_404_and_logged(client, setting):
    company_login(client, setting["admin"])
    url = reverse("virk:user", args=[setting["stranger"].pk])
    assert client.post(url, {"can_sign": "on", "is_active": "on"}).status_code == 404
    assert CompanyUser.objects.get(pk=setting["stranger"].pk).is_admin  # unchanged
    assert AccessLog.objects.filter(user_id=setting["admin"].user_id, action="denied", path=url).exists()


@pytest.mark.parametrize("name", ["virk:users", "virk:user"])
def test_non_admin_is_refused_in_danish(client, setting, name):
    company_login(client, setting["clerk"])
    args = [setting["clerk"].pk] if name == "virk:user" else []
    response = client.post(reverse(name, args=args), {"name": "X", "email": "x@nordlager.dk", "is_admin": "on",
                                                      "is_active": "on"})
    assert response.status_code == 403
    assert "Kun virksomhedens administrator" in response.content.decode()
    assert CompanyUser.objects.filter(company=setting["company"]).count() == 2
    assert not CompanyUser.objects.get(pk=setting["clerk"].pk).is_admin


def test_first_mitid_erhverv_login_binds_the_invitation(client, setting):
    company_login(client, setting["admin"])
    client.post(reverse("virk:users"), {"name": "Dorte Drift", "email": "dorte@nordlager.dk", "can_sign": "on"})
    invited = CompanyUser.objects.get(name="Dorte Drift")
    # The assertion carries no privileges (None): the administrator's rights are kept.
    link = company_user_for(company=setting["company"], name="Dorte Drift Hansen", email="Dorte@Nordlager.dk",
                            mitid_uuid="uuid-dorte")
    assert link.pk == invited.pk
    assert (link.mitid_uuid, link.can_sign, link.can_report_hours, link.name) == (
        "uuid-dorte", True, False, "Dorte Drift Hansen")
    assert Event.objects.filter(verb="portal_invitation_bound", target_id=invited.pk).exists()
    # Later logins find the user by its MitID id; privileges in an assertion win.
    again = company_user_for(company=setting["company"], name="Dorte Drift Hansen", email="",
                             mitid_uuid="uuid-dorte", can_report_hours=True)
    assert again.pk == invited.pk and again.can_report_hours and again.can_sign
    assert again.email == "Dorte@Nordlager.dk"  # an assertion without e-mail keeps the one known
    # Someone else at the company (no invitation with their e-mail) becomes a new user without rights.
    new = company_user_for(company=setting["company"], name="Ukendt", email="ukendt@nordlager.dk",
                           mitid_uuid="uuid-ukendt")
    assert new.pk != invited.pk and not (new.is_admin or new.can_sign or new.can_report_hours)
