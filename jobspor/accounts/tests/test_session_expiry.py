"""An idle session can be extended before it expires, and a form posted after it has is kept, not lost."""

import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from jobspor.contacts.models import Contact
from jobspor.testing.factories import PASSWORD, EmployeeFactory, make_case


def _login(client, username):
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def _expire_sessions():
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))


@pytest.fixture
def case(job_broker):
    return make_case(primary=job_broker)


def _note(case, text):
    return {"kind": "jobsamtale", "date": timezone.localdate().isoformat(), "note": text}


@pytest.mark.django_db
def test_every_page_carries_the_idle_time_and_the_warning(client, job_broker, settings):
    _login(client, "anne")
    page = client.get(reverse("cases:list")).content.decode()
    assert f'data-session-seconds="{settings.SESSION_COOKIE_AGE}"' in page
    assert 'id="session-timeout"' in page and "Forbliv logget ind" in page
    assert "jobspor/session.js" in page


@pytest.mark.django_db
def test_extend_renews_the_session_and_says_so_when_it_is_gone(client, job_broker):
    _login(client, "anne")
    session = Session.objects.get()
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(seconds=30))
    response = client.post(reverse("accounts:session_extend"))
    assert response.status_code == 200 and response.json()["idle_seconds"] > 60
    assert Session.objects.get(pk=session.pk).expire_date > timezone.now() + dt.timedelta(seconds=60)
    _expire_sessions()
    assert client.post(reverse("accounts:session_extend")).status_code == 401


@pytest.mark.django_db
def test_a_note_posted_after_expiry_is_kept_and_saved_after_logging_in(client, job_broker, case):
    _login(client, "anne")
    _expire_sessions()
    url = reverse("contacts:create", args=[case.pk])
    response = client.post(url, _note(case, "Borgeren vil gerne prøve lager."),
                           HTTP_REFERER=f"http://testserver{reverse('cases:detail', args=[case.pk])}")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Contact.objects.exists()

    response = client.post(response["Location"], {"username": "anne", "password": PASSWORD,
                                                  "next": reverse("accounts:resume")})
    assert response["Location"] == reverse("accounts:resume")
    page = client.get(reverse("accounts:resume")).content.decode()
    assert "Borgeren vil gerne prøve lager." in page
    assert f'action="{url}"' in page
    fields = page[page.index('id="kept-fields"'):page.index("</table>", page.index('id="kept-fields"'))]
    assert '<th scope="row">note</th>' not in fields and "csrfmiddlewaretoken" not in fields  # labels, not names

    # "Gem nu" sends it through the form's own view, with a fresh CSRF token
    response = client.post(url, _note(case, "Borgeren vil gerne prøve lager.") | {"_jobspor_resumed": "1"})
    assert response.status_code == 302
    assert Contact.objects.get().note == "Borgeren vil gerne prøve lager."
    assert client.get(reverse("accounts:resume")).status_code == 302  # nothing left waiting


@pytest.mark.django_db
def test_a_kept_form_is_never_shown_to_someone_else(client, job_broker, case, team):
    EmployeeFactory(name="Carl Dahl", team=team, roles=["jobformidler"], user__username="carl")
    _login(client, "anne")
    _expire_sessions()
    client.post(reverse("contacts:create", args=[case.pk]), _note(case, "Fortroligt notat."))
    _login(client, "carl")
    response = client.get(reverse("accounts:resume"), follow=True)
    assert "Fortroligt notat." not in response.content.decode()
    assert "Der er ingen formular" in response.content.decode()


@pytest.mark.django_db
def test_a_kept_form_can_be_thrown_away(client, job_broker, case):
    _login(client, "anne")
    _expire_sessions()
    client.post(reverse("contacts:create", args=[case.pk]), _note(case, "Kladde."))
    _login(client, "anne")
    response = client.post(reverse("accounts:resume"), {"discard": "1"}, follow=True)
    assert "kasseret" in response.content.decode()
    assert "Kladde." not in client.get(reverse("accounts:resume"), follow=True).content.decode()
    assert not Contact.objects.exists()


@pytest.mark.django_db
def test_htmx_post_after_expiry_redirects_the_whole_page_to_login(client, job_broker, case):
    _login(client, "anne")
    _expire_sessions()
    response = client.post(reverse("contacts:create", args=[case.pk]), _note(case, "Via htmx."), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_a_post_without_any_earlier_login_is_not_kept(client, job_broker, case):
    response = client.post(reverse("contacts:create", args=[case.pk]), _note(case, "Hvem er jeg?"))
    assert response.status_code == 302
    assert "jobspor_kept_post" not in client.session


@pytest.mark.django_db
def test_logging_out_after_expiry_keeps_nothing(client, job_broker):
    _login(client, "anne")
    _expire_sessions()
    client.post(reverse("accounts:logout"))
    assert "jobspor_kept_post" not in client.session
