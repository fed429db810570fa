import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobspor.audit.models import Event
from jobspor.contacts.models import Contact, NoteVersion
from jobspor.contacts.services import action_done, action_plan, action_update, contact_log, contact_update
from jobspor.testing.factories import EmployeeFactory, make_case

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 3, 20)


@pytest.fixture
def case(job_broker):
    return make_case(primary=job_broker, opened=dt.date(2025, 1, 10))


def test_a_contact_is_logged_with_its_note_participants_and_next_contact(case, job_broker, caseworker):
    contact = contact_log(actor=job_broker.user, case=case, employee=job_broker, date=dt.date(2025, 3, 10),
                          kind="jobsamtale", note="  Jobsamtale afholdt.  ", participants=[caseworker, job_broker],
                          other_participants="borgerens bisidder", next_date=dt.date(2025, 3, 24),
                          next_kind="opfoelgning", today=TODAY)

    assert contact.note == "Jobsamtale afholdt." and contact.note_version == 1
    assert list(contact.participants.all()) == [caseworker]  # the employee is not their own participant
    assert contact.external_id.startswith("K-")
    event = Event.objects.get(verb="contact_logged")
    assert event.case_id == case.pk and event.after["note"] == "Jobsamtale afholdt."
    assert event.after["participants"] == "Bo Berg"


@pytest.mark.parametrize("changes, field, message", [
    ({"date": TODAY + dt.timedelta(days=1)}, "date", "Datoen kan ikke ligge efter i dag."),
    ({"date": dt.date(2025, 1, 9)}, "date", "Datoen kan ikke ligge før sagen blev oprettet (10.01.2025)."),
    ({"next_date": dt.date(2025, 3, 9)}, "next_date", "Næste kontakt kan ikke ligge før kontaktens dato."),
    ({"kind": "kaffemoede"}, "kind", "Ukendt kontaktform: kaffemoede."),
    ({"next_kind": "telefon", "next_date": None}, "next_date", "Angiv en dato for næste kontakt."),
])
def test_bad_contacts_are_refused_in_danish_and_nothing_is_written(case, job_broker, changes, field, message):
    values = {"date": dt.date(2025, 3, 10), "kind": "jobsamtale", "next_date": None, "next_kind": ""} | changes
    with pytest.raises(ValidationError) as error:
        contact_log(actor=None, case=case, employee=job_broker, note="x", today=TODAY, **values)
    assert error.value.message_dict[field] == [message]
    assert not Contact.objects.exists() and not Event.objects.filter(verb="contact_logged").exists()


def test_the_next_contact_may_be_the_same_day(case, job_broker):
    day = dt.date(2025, 3, 10)
    contact = contact_log(actor=None, case=case, employee=job_broker, date=day, kind="telefon", next_date=day,
                          today=TODAY)
    assert contact.next_date == day


def test_a_corrected_note_keeps_the_earlier_text(case, job_broker, caseworker):
    contact = contact_log(actor=job_broker.user, case=case, employee=job_broker, date=dt.date(2025, 3, 10),
                          kind="jobsamtale", note="Borgeren udeblev.", today=TODAY)

    contact_update(actor=caseworker.user, contact=contact, note="Borgeren kom 20 minutter for sent.", today=TODAY)
    contact_update(actor=job_broker.user, contact=contact, note="Borgeren kom 25 minutter for sent.", today=TODAY)

    contact.refresh_from_db()
    assert contact.note == "Borgeren kom 25 minutter for sent." and contact.note_version == 3
    versions = list(NoteVersion.objects.filter(contact=contact).order_by("version").values_list("version", "text"))
    assert versions == [(1, "Borgeren udeblev."), (2, "Borgeren kom 20 minutter for sent.")]
    assert "Bo Berg" in NoteVersion.objects.get(contact=contact, version=2).written_by
    events = Event.objects.filter(verb="contact_changed").order_by("id")
    assert [(e.before["version"], e.after["version"]) for e in events] == [(1, 2), (2, 3)]


def test_a_correction_without_changes_writes_nothing(case, job_broker):
    contact = contact_log(actor=None, case=case, employee=job_broker, date=dt.date(2025, 3, 10), kind="jobsamtale",
                          note="Uændret.", today=TODAY)
    contact_update(actor=None, contact=contact, note="Uændret.", today=TODAY)
    assert not NoteVersion.objects.exists() and not Event.objects.filter(verb="contact_changed").exists()


def test_a_bad_correction_changes_nothing(case, job_broker):
    contact = contact_log(actor=None, case=case, employee=job_broker, date=dt.date(2025, 3, 10), kind="jobsamtale",
                          note="Før.", today=TODAY)
    with pytest.raises(ValidationError):
        contact_update(actor=None, contact=contact, note="Efter.", next_date=dt.date(2025, 3, 1), today=TODAY)
    contact.refresh_from_db()
    assert contact.note == "Før." and not NoteVersion.objects.exists()


def test_planned_actions_are_planned_done_and_reopened(case, job_broker, caseworker):
    action = action_plan(actor=None, case=case, title="  Ring til Nordlager ", owner=job_broker,
                         due=dt.date(2025, 4, 1))
    assert action.title == "Ring til Nordlager" and not action.is_done

    action_done(actor=None, action=action)
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()

    action_update(actor=None, action=action, done_on=None, owner=caseworker)
    action.refresh_from_db()
    assert action.done_on is None and action.owner == caseworker
    verbs = list(Event.objects.filter(target_type="plannedaction").values_list("verb", flat=True).order_by("id"))
    assert verbs == ["action_planned", "action_changed", "action_changed"]


def test_no_new_actions_on_a_closed_case(job_broker):
    case = make_case(primary=job_broker)
    from jobspor.cases.services import case_update

    case = case_update(actor=None, case=case, closed=dt.date(2025, 2, 1), close_reason="flyttet")
    with pytest.raises(ValidationError):
        action_plan(actor=None, case=case, title="x", owner=job_broker, due=dt.date(2025, 4, 1))


def test_an_action_needs_a_title(case, job_broker):
    with pytest.raises(ValidationError) as error:
        action_plan(actor=None, case=case, title="  ", owner=EmployeeFactory(), due=dt.date(2025, 4, 1))
    assert error.value.message_dict["title"] == ["Skriv hvad der skal gøres."]
