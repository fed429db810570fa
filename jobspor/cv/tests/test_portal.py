"""Mit CV: the citizen adds tasks (with the suggestions staff get), job wishes and the hours they can work; each
is an event with the citizen as actor; staff see those lines marked as the citizen's; bad input changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.citizen_portal.access import OWN_PURPOSE
from jobspor.cv.models import Cv, CvItem
from jobspor.cv.services import citizen_cv_item_add, citizen_hours_set, cv_details_update, cv_item_add
from jobspor.portal.authorship import AuthorKind
from jobspor.testing.factories import citizen_login, make_case, make_cv

pytestmark = pytest.mark.django_db


@pytest.fixture
def citizen_user(client, citizen):
    return citizen_login(client, citizen)


def page(client):
    return client.get(reverse("minside:cv"))


def test_citizen_adds_a_task_as_themselves(citizen, citizen_user):
    item = citizen_cv_item_add(actor=citizen_user, citizen=citizen, kind="task", text="Pakke varer.")
    assert item.text == "Pakke varer" and item.author_kind == AuthorKind.CITIZEN and item.created_by == citizen_user
    event = Event.objects.filter(verb="cv_updated", target_type="cvitem").get()
    assert event.user_id == citizen_user.pk and "(borgeren selv)" in event.actor
    assert event.after == {"task": "Pakke varer", "author_kind": "borger"}


def test_staff_lines_stay_the_jobcentres(citizen, job_broker):
    item = cv_item_add(actor=job_broker.user, citizen=citizen, kind="task", text="Køre truck")
    assert item.author_kind == AuthorKind.JOBCENTRE


def test_citizen_may_add_only_tasks_and_job_wishes_to_their_own_cv(citizen, citizen_user, job_broker):
    with pytest.raises(ValidationError):
        citizen_cv_item_add(actor=citizen_user, citizen=citizen, kind="accommodation", text="Ingen tunge løft")
    other = make_case(primary=job_broker, name="Karen Sørensen").citizen
    with pytest.raises(PermissionDenied):
        citizen_cv_item_add(actor=citizen_user, citizen=other, kind="task", text="Pakke varer")
    with pytest.raises(PermissionDenied):
        citizen_hours_set(actor=citizen_user, citizen=other, hours_wanted=10)
    with pytest.raises(PermissionDenied):  # staff use their own services
        citizen_hours_set(actor=job_broker.user, citizen=citizen, hours_wanted=10)
    assert not CvItem.objects.exists() and not Cv.objects.exists()


def test_hours_say_who_set_them(citizen, citizen_user, job_broker):
    cv = citizen_hours_set(actor=citizen_user, citizen=citizen, hours_wanted=15)
    assert (cv.hours_wanted, cv.hours_wanted_by) == (15, AuthorKind.CITIZEN)
    event = Event.objects.filter(verb="cv_updated").latest("id")
    assert event.user_id == citizen_user.pk and event.before == {"hours_wanted": None}
    cv = cv_details_update(actor=job_broker.user, citizen=citizen, hours_now=5, hours_wanted=20)
    assert (cv.hours_wanted, cv.hours_wanted_by) == (20, AuthorKind.JOBCENTRE)
    cv = cv_details_update(actor=job_broker.user, citizen=citizen, hours_now=6, hours_wanted=20)
    assert cv.hours_wanted_by == AuthorKind.JOBCENTRE  # hours wanted untouched: the mark stays


def test_mit_cv_page_adds_task_job_wish_and_hours(client, case, citizen, citizen_user):
    make_cv(case=case, tasks=["Køre truck"], job_goals=["Lagermedarbejder"])
    response = page(client)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Køre truck" in body and "skrevet af jobcentret" in body and "Lagermedarbejder" in body
    log = AccessLog.objects.filter(user_id=citizen_user.pk).latest("id")
    assert log.purpose == OWN_PURPOSE and log.citizen_id == citizen.pk

    assert client.post(reverse("minside:cv_item_add"), {"kind": "task", "task-text": "pakke varer"}).status_code == 302
    assert client.post(reverse("minside:cv_item_add"),
                       {"kind": "job_wish", "job_wish-text": "Arbejde i et køkken"}).status_code == 302
    assert client.post(reverse("minside:cv_hours"), {"timer-hours_wanted": "12"}).status_code == 302
    body = page(client).content.decode()
    assert "pakke varer" in body and "Arbejde i et køkken" in body and "Du kan arbejde 12 timer om ugen." in body
    assert CvItem.objects.filter(author_kind="borger").count() == 2


@pytest.mark.parametrize(("url", "data", "message"), [
    ("minside:cv_item_add", {"kind": "task", "task-text": ""}, "Skriv en tekst."),
    ("minside:cv_item_add", {"kind": "task", "task-text": "Pakke varer. Køre truck"}, "én kort sætning"),
    ("minside:cv_item_add", {"kind": "task", "task-text": "x " * 80}, "højst 120 tegn"),
    ("minside:cv_item_add", {"kind": "task", "task-text": "Køre truck"}, "står allerede på CV"),
    ("minside:cv_hours", {"timer-hours_wanted": "61"}, "Højst 60 timer pr. uge."),
    ("minside:cv_hours", {"timer-hours_wanted": "-1"}, "kan ikke være under 0"),
    ("minside:cv_hours", {"timer-hours_wanted": "tolv"}, "Skriv et helt antal timer"),
])
def test_bad_input_is_refused_in_danish_and_nothing_changes(client, case, citizen_user, url, data, message):
    make_cv(case=case, tasks=["Køre truck"], hours_per_week=5)
    cv = Cv.objects.get()
    before = (CvItem.objects.count(), Event.objects.count(), cv.lock_version)
    response = client.post(reverse(url), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    cv.refresh_from_db()
    assert (CvItem.objects.count(), Event.objects.count(), cv.lock_version) == before


def test_unknown_kind_is_refused(client, citizen_user):
    assert client.post(reverse("minside:cv_item_add"), {"kind": "accommodation",
                                                        "accommodation-text": "x"}).status_code == 400
    assert not CvItem.objects.exists()


def test_the_page_shows_only_the_citizens_own_cv(client, case, citizen_user, job_broker):
    other = make_case(primary=job_broker, name="Karen Sørensen")
    make_cv(case=other, tasks=["Karens hemmelige opgave"])
    assert "Karens hemmelige opgave" not in page(client).content.decode()


def test_suggestions_are_the_same_normalised_phrases_staff_get(client, job_broker, citizen_user):
    for name in ("Anna", "Bo", "Carl"):
        other = make_case(primary=job_broker, name=name)
        make_cv(case=other, tasks=["Pakke varer på lager"])
    response = client.get(reverse("minside:cv_suggest"), {"task-text": "pakke"})
    assert response.status_code == 200 and "Pakke varer på lager" in response.content.decode()
    staff = client.get  # the staff endpoint answers the same phrase (same vocabulary service)
    client.logout()
    client.force_login(job_broker.user)
    assert "Pakke varer på lager" in staff(reverse("cv:suggest"), {"kind": "task", "task-text": "pakke"}) \
        .content.decode()


def test_staff_cv_tab_marks_the_citizens_lines(client, case, citizen, citizen_user, job_broker):
    make_cv(case=case, tasks=["Køre truck"])
    citizen_cv_item_add(actor=citizen_user, citizen=citizen, kind="task", text="Pakke varer")
    citizen_hours_set(actor=citizen_user, citizen=citizen, hours_wanted=15)
    client.logout()
    client.force_login(job_broker.user)
    body = client.get(reverse("cases:detail", args=[case.pk]), {"fane": "cv"}).content.decode()
    assert "Pakke varer <span class=\"badge badge-info\"" in body
    assert "Køre truck <span" not in body
    assert "oplyst af borgeren på Min side: 15 timer om ugen" in body
    # The staff read of what the citizen wrote is logged as before.
    assert AccessLog.objects.filter(user_id=job_broker.user_id, purpose="CV", citizen_id=citizen.pk).exists()
