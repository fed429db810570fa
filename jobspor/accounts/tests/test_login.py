import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobspor.testing.factories import PASSWORD


@pytest.mark.django_db
def test_login_with_password(client, job_broker):
    response = client.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200


@pytest.mark.django_db
def test_wrong_password_gives_danish_error(client, job_broker):
    response = client.post(reverse("accounts:login"), {"username": "anne", "password": "forkert"})
    assert "Forkert brugernavn eller adgangskode" in response.content.decode()


@pytest.mark.django_db
def test_lock_out_after_repeated_failures(client, job_broker):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "anne", "password": "forkert"})
    response = client.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD})
    assert response.status_code == 429
    assert "midlertidigt spærret" in response.content.decode()


@pytest.mark.django_db
def test_totp_second_factor(client, job_broker):
    device = TOTPDevice.objects.create(user=job_broker.user, name="app", confirmed=True)
    response = client.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD})
    assert "Indtast engangskoden" in response.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD,
                                                       "otp_token": "000000"})
    assert "forkert eller udløbet" in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    response = client.post(reverse("accounts:login"), {"username": "anne", "password": PASSWORD,
                                                       "otp_token": token})
    assert response.status_code == 302


def test_sessions_expire_when_idle():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE <= 60 * 60


@pytest.mark.django_db
def test_english_is_available_but_danish_is_default(client, job_broker):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Log ind" in response.content.decode()


@pytest.mark.django_db
def test_totp_setup_changes_nothing_on_get_and_records_events(client, job_broker):
    from jobspor.audit.models import Event

    client.force_login(job_broker.user)
    url = reverse("accounts:totp")
    for _ in range(2):
        page = client.get(url)
        assert page.status_code == 200 and "Begynd opsætning" in page.content.decode()
    assert not TOTPDevice.objects.exists() and not Event.objects.exists()
    assert client.post(url, {"begin": "1"}).status_code == 302
    assert client.post(url, {"begin": "1"}).status_code == 302  # a second press makes no second secret
    device = TOTPDevice.objects.get(user=job_broker.user)
    assert not device.confirmed
    assert list(Event.objects.values_list("verb", flat=True)) == ["totp_started"]
    page = client.get(url)
    assert "QR-kode" in page.content.decode() and TOTPDevice.objects.count() == 1
    wrong = client.post(url, {"token": "000000"})
    assert wrong.status_code == 400 and "Koden passer ikke" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed and not Event.objects.filter(verb="totp_enabled").exists()
    device.throttle_reset()
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    assert client.post(url, {"token": token}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    event = Event.objects.get(verb="totp_enabled")
    assert event.user_id == job_broker.user.pk and event.target_id == device.pk
    assert "er slået til" in client.get(url).content.decode()
