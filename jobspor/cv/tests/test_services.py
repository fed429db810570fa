import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jobspor.audit.models import Event
from jobspor.cv import services
from jobspor.cv.models import Cv, CvExperience, CvItem

pytestmark = pytest.mark.django_db


def _messages(exc, field):
    return " ".join(exc.value.message_dict[field])


def test_adding_a_task_creates_the_cv_and_records_events(citizen, job_broker):
    item = services.cv_item_add(actor=job_broker.user, citizen=citizen, kind="task", text="  Pakke   varer. ")

    assert (item.text, item.key) == ("Pakke varer", "pak var")
    assert Cv.objects.get(citizen=citizen).created_by == job_broker.user
    verbs = list(Event.objects.filter(citizen_id=citizen.pk, verb__startswith="cv_").order_by("id")
                 .values_list("verb", "after"))
    assert verbs == [("cv_created", {"created": str(dt.date.today())}), ("cv_updated", {"task": "Pakke varer"})]


def test_the_same_task_written_differently_is_refused(citizen):
    services.cv_item_add(actor=None, citizen=citizen, kind="task", text="pakke varer")
    with pytest.raises(ValidationError) as exc:
        services.cv_item_add(actor=None, citizen=citizen, kind="task", text="pakning af varer")
    assert "står allerede på CV'et" in _messages(exc, "text")
    assert CvItem.objects.count() == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("pakke varer og " + "x" * 120, "højst 120 tegn"),
    ("Pakke varer. Køre truck", "uden punktum i midten"),
    ("Pakke varer! Og mere", "uden punktum i midten"),
    ("", "Skriv en tekst"),
    ("af og til", "Skriv noget konkret"),
])
def test_a_task_must_be_one_short_sentence(citizen, text, expected):
    with pytest.raises(ValidationError) as exc:
        services.cv_item_add(actor=None, citizen=citizen, kind="task", text=text)
    assert expected in _messages(exc, "text")
    assert not Cv.objects.exists()  # nothing saved, not even an empty CV


def test_abbreviations_are_not_a_full_stop(citizen):
    item = services.cv_item_add(actor=None, citizen=citizen, kind="task", text="rengøre maskiner, f.eks. pakkemaskiner")
    assert item.text == "rengøre maskiner, f.eks. pakkemaskiner"


def test_experience_dates_in_the_wrong_order_are_refused(citizen):
    with pytest.raises(ValidationError) as exc:
        services.cv_experience_add(actor=None, citizen=citizen, kind="job", title="Lagerarbejder",
                                   start=dt.date(2012, 6, 30), end=dt.date(2009, 1, 1))
    assert _messages(exc, "end") == "Til-datoen kan ikke ligge før fra-datoen."
    assert not CvExperience.objects.exists()
    row = services.cv_experience_add(actor=None, citizen=citizen, kind="fritid", title="Spejderleder",
                                     start=dt.date(2020, 1, 1), end=None)
    assert row.end is None


def test_unknown_driving_licence_class_is_refused_and_nothing_saved(citizen):
    services.cv_details_update(actor=None, citizen=citizen, hours_now=10, driving_licence=["B"])
    with pytest.raises(ValidationError) as exc:
        services.cv_details_update(actor=None, citizen=citizen, hours_now=20, driving_licence=["b", "X7"])
    assert "Ukendt kørekortkategori: X7" in _messages(exc, "driving_licence")
    cv = Cv.objects.get(citizen=citizen)
    assert (cv.hours_now, cv.driving_licence) == (10, ["B"])


def test_details_update_orders_classes_and_records_only_changes(citizen):
    services.cv_details_update(actor=None, citizen=citizen, driving_licence=["be", "B", "AM"], max_commute_km=25,
                               transport=["cykel", "bil"])
    cv = Cv.objects.get(citizen=citizen)
    assert (cv.driving_licence, cv.transport, cv.max_commute_km) == (["AM", "B", "BE"], ["bil", "cykel"], 25)
    before = Event.objects.count()
    services.cv_details_update(actor=None, citizen=citizen, driving_licence=["AM", "B", "BE"], max_commute_km=25,
                               transport=["bil", "cykel"])
    assert Event.objects.count() == before


def test_hours_out_of_range_are_refused(citizen):
    with pytest.raises(ValidationError) as exc:
        services.cv_details_update(actor=None, citizen=citizen, hours_now=80)
    assert "mellem 0 og 60" in _messages(exc, "hours_now")


def test_statement_and_removal(citizen, job_broker):
    row = services.cv_statement_add(actor=job_broker.user, citizen=citizen, company_name="Nordlager ApS",
                                    given_on=dt.date(2025, 5, 1), given_by="Lone Berg, lagerchef",
                                    text="Jens er stabil og møder til tiden.")
    assert row.cv.citizen == citizen
    assert Event.objects.filter(verb="cv_statement_added", citizen_id=citizen.pk).exists()
    goal = services.cv_job_goal_add(actor=None, citizen=citizen, title="Lagermedarbejder")
    services.cv_row_remove(actor=None, cv=goal.cv, section="job_goal", pk=goal.pk)
    assert not goal.cv.job_goals.exists()
    assert Event.objects.filter(verb="cv_updated", before={"job_goal": "Lagermedarbejder"}).exists()


def test_replace_is_idempotent_and_keeps_what_the_format_lacks(citizen):
    services.cv_language_add(actor=None, citizen=citizen, language="dansk", level="modersmaal")
    data = dict(created=dt.date(2025, 2, 1), tasks=["pakke varer", "rengøre lager"], competencies=["truckcertifikat"],
                accommodations=["ingen tunge løft"],
                experience=[{"kind": "job", "title": "Lagerarbejder", "from": dt.date(2009, 1, 1),
                             "to": dt.date(2012, 6, 30)}],
                job_goals=[{"title": "Lagermedarbejder", "created": dt.date(2025, 2, 1)}],
                driving_licence=["B"], max_commute_km=25, hours_per_week=10)
    services.cv_replace(actor=None, citizen=citizen, **data)
    events = Event.objects.count()
    services.cv_replace(actor=None, citizen=citizen, **data)
    assert Event.objects.count() == events
    cv = Cv.objects.get(citizen=citizen)
    assert [i.text for i in cv.items.filter(kind="task").order_by("position")] == ["pakke varer", "rengøre lager"]
    assert cv.languages.get().language == "Dansk"
    services.cv_replace(actor=None, citizen=citizen, **(data | {"tasks": ["plukke ordrer"]}))
    assert list(cv.items.filter(kind="task").values_list("text", flat=True)) == ["plukke ordrer"]
    assert Event.objects.filter(verb="cv_replaced").latest("id").after == {"task": ["plukke ordrer"]}
