"""Logins that resist attack (issue 15.4a): throttling per user and address, against spraying, one-time codes
counted, Danish common passwords refused, own password change, maximum session lifetime, mandatory 2FA."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobspor.accounts.security import LOGIN_AT
from jobspor.audit.models import Event
from jobspor.testing.factories import PASSWORD, EmployeeFactory

pytestmark = pytest.mark.django_db
LOGIN = "accounts:login"


def attempt(client, username, password, address, **extra):
    return client.post(reverse(LOGIN), {"username": username, "password": password, **extra}, REMOTE_ADDR=address)


def test_failures_from_outside_do_not_lock_a_colleague_out_at_the_office(client, job_broker, settings):
    for _n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "anne", "forkert", "203.0.113.9")
    assert attempt(client, "anne", PASSWORD, "203.0.113.9").status_code == 429  # the attacker's address is locked
    assert attempt(client, "anne", PASSWORD, "10.1.1.20").status_code == 302  # Anne at the office is not


@override_settings(JOBSPOR_LOGIN_IP_FAILURE_LIMIT=8)
def test_spraying_many_user_names_from_one_address_is_stopped(client, job_broker):
    for n in range(8):  # one guess at each of eight names: no single name reaches its own limit
        attempt(client, f"bruger{n}", "Sommer2026!", "198.51.100.7")
    response = attempt(client, "anne", PASSWORD, "198.51.100.7")
    assert response.status_code == 200 and "For mange mislykkede login fra din netværksadresse" in \
        response.content.decode()
    assert "_auth_user_id" not in client.session
    assert attempt(client, "anne", PASSWORD, "10.1.1.20").status_code == 302


def test_wrong_one_time_codes_count_as_failures(client, job_broker, settings):
    TOTPDevice.objects.create(user=job_broker.user, name="app", confirmed=True)
    for _n in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "anne", PASSWORD, "10.1.1.20", otp_token="000000")
        assert "forkert eller udløbet" in response.content.decode()
    attempt(client, "anne", PASSWORD, "10.1.1.20", otp_token="000000")  # the last one allowed
    assert attempt(client, "anne", PASSWORD, "10.1.1.20", otp_token="000000").status_code == 429


def test_a_user_changes_their_own_password_and_common_danish_ones_are_refused(client, job_broker):
    client.force_login(job_broker.user)
    url = reverse("accounts:password_change")
    assert client.get(url).status_code == 200
    response = client.post(url, {"old_password": PASSWORD, "new_password1": "Sommer2026!",
                                 "new_password2": "Sommer2026!"})
    assert response.status_code == 400 and "almindeligt ord" in response.content.decode()
    job_broker.user.refresh_from_db()
    assert job_broker.user.check_password(PASSWORD)
    new = "Kaffe på Nordlager hver fredag"
    response = client.post(url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert response.status_code == 302
    job_broker.user.refresh_from_db()
    assert job_broker.user.check_password(new)
    assert Event.objects.filter(verb="password_changed", user_id=job_broker.user.pk).exists()


@override_settings(JOBSPOR_SESSION_MAX_HOURS=10)
def test_a_session_ends_after_the_maximum_lifetime_even_when_active(client, job_broker):
    assert attempt(client, "anne", PASSWORD, "10.1.1.20").status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200
    session = client.session
    session[LOGIN_AT] = time.time() - 10 * 3600 - 60
    session.save()
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302 and reverse(LOGIN) in response.url
    page = client.get(response.url)
    assert "logget ind i mere end 10 timer" in page.content.decode()


@override_settings(JOBSPOR_REQUIRE_TOTP=True)
def test_a_second_factor_can_be_made_mandatory_for_every_staff_login_the_admin_included(client, job_broker):
    assert attempt(client, "anne", PASSWORD, "10.1.1.20").status_code == 302
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302 and response.url == reverse("accounts:totp")
    assert client.get(reverse("accounts:totp")).status_code == 200
    admin = EmployeeFactory(roles=["administrator"], user__is_staff=True, user__is_superuser=True,
                            user__username="it")
    device = TOTPDevice.objects.create(user=admin.user, name="app", confirmed=True)
    client.force_login(admin.user)  # as the admin site's own login form would: no one-time code asked
    response = client.get("/admin/")
    assert response.status_code == 302 and reverse(LOGIN) in response.url
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    assert attempt(client, "it", PASSWORD, "10.1.1.21", otp_token=token).status_code == 302
    assert client.get("/admin/").status_code == 200
