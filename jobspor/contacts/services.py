"""Writes to contacts, journal notes and planned actions: keyword `actor=`, one transaction, validated,
and an audit event in that same transaction. A journal note is never overwritten: a correction keeps
the earlier text as a NoteVersion."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import actor_label, event_record, event_row, events_insert
from jobspor.audit.verbs import Verb
from jobspor.core.bulk import objects_insert
from jobspor.core.codes import codes
from jobspor.core.instances import instance_new
from jobspor.core.models import new_external_id

from .choices import ContactKind
from .models import Contact, NoteVersion, PlannedAction

CONTACT_FIELDS = ["date", "kind", "employee", "other_participants", "note", "next_date", "next_kind"]


def _record(actor, verb, case, target, before=None, after=None):
    event_record(actor=actor, verb=verb, target=target, before=before, after=after,
                 citizen_id=case.citizen_id, case_id=case.pk)


def _contact_snapshot(contact):
    return {"date": contact.date, "kind": contact.kind, "employee": contact.employee.name,
            "other_participants": contact.other_participants, "note": contact.note,
            "next_date": contact.next_date, "next_kind": contact.next_kind}


def _validate_contact(*, case, date, kind, next_date, next_kind, today):
    errors = {}
    if kind not in codes(ContactKind):
        errors["kind"] = _("Ukendt kontaktform: %(kind)s.") % {"kind": kind}
    if date is not None and date > today:
        errors["date"] = _("Datoen kan ikke ligge efter i dag.")
    if date is not None and date < case.opened:
        errors["date"] = _("Datoen kan ikke ligge før sagen blev oprettet (%(opened)s).") % {
            "opened": case.opened.strftime("%d.%m.%Y")}
    if next_date is not None and date is not None and next_date < date:
        errors["next_date"] = _("Næste kontakt kan ikke ligge før kontaktens dato.")
    if next_kind and next_kind not in codes(ContactKind):
        errors["next_kind"] = _("Ukendt kontaktform: %(kind)s.") % {"kind": next_kind}
    if next_kind and next_date is None:
        errors["next_date"] = _("Angiv en dato for næste kontakt.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contact_log(*, actor, case, employee, date: dt.date, kind: str, note: str = "", participants=(),
                other_participants: str = "", next_date: dt.date | None = None, next_kind: str = "",
                external_id: str | None = None, today: dt.date | None = None) -> Contact:
    """Register a contact with the citizen and its journal note (and the next agreed contact)."""
    _validate_contact(case=case, date=date, kind=kind, next_date=next_date, next_kind=next_kind,
                      today=today or timezone.localdate())
    contact = Contact(external_id=external_id or new_external_id("K"), case=case, employee=employee, date=date,
                      kind=kind, note=note.strip(), other_participants=other_participants.strip(),
                      next_date=next_date, next_kind=next_kind or "")
    contact.stamp(actor)
    contact.save()
    others = [p for p in participants if p.pk != employee.pk]
    if others:
        contact.participants.set(others)
    after = _contact_snapshot(contact) | {"participants": ", ".join(sorted(p.name for p in others))}
    _record(actor, Verb.CONTACT_LOGGED, case, contact, after=after)
    return contact


@transaction.atomic
def contact_update(*, actor, contact: Contact, today: dt.date | None = None, participants=None, **fields) -> Contact:
    """Correct a contact. A changed note becomes a new version; the earlier text is kept."""
    contact = Contact.objects.select_for_update().select_related("case", "employee").get(pk=contact.pk)
    for key in fields:
        if key not in CONTACT_FIELDS:
            raise ValueError(f"contact_update cannot set {key}")
    before = _contact_snapshot(contact)
    old_version = contact.note_version
    wanted = {key: getattr(contact, key) for key in CONTACT_FIELDS} | fields
    wanted["note"] = (wanted["note"] or "").strip()
    wanted["next_kind"] = wanted["next_kind"] or ""
    _validate_contact(case=contact.case, date=wanted["date"], kind=wanted["kind"], next_date=wanted["next_date"],
                      next_kind=wanted["next_kind"], today=today or timezone.localdate())
    if wanted["note"] != contact.note:
        NoteVersion.objects.create(contact=contact, version=contact.note_version, text=contact.note,
                                   written_at=contact.updated_at, written_by=actor_label(contact.updated_by))
        contact.note_version += 1
    for key, value in wanted.items():
        setattr(contact, key, value)
    contact.stamp(actor)
    contact.save()
    participants_changed = False
    if participants is not None:
        old = set(contact.participants.values_list("pk", flat=True))
        new = {p.pk for p in participants if p.pk != contact.employee_id}
        if old != new:
            contact.participants.set([p for p in participants if p.pk != contact.employee_id])
            participants_changed = True
    after = _contact_snapshot(contact)
    changed = [k for k in after if before[k] != after[k]]
    if changed or participants_changed:
        _record(actor, Verb.CONTACT_CHANGED, contact.case, contact,
                before={k: before[k] for k in changed} | {"version": old_version},
                after={k: after[k] for k in changed} | {"version": contact.note_version})
    return contact


@transaction.atomic
def contact_upsert(*, actor, external_id: str, case, employee, date: dt.date, kind: str, note: str) -> Contact:
    """Create or update a contact by its external id (import). Only what differs is written."""
    contact = Contact.objects.filter(external_id=external_id).first()
    if contact is None:
        return contact_log(actor=actor, case=case, employee=employee, date=date, kind=kind, note=note or "",
                           external_id=external_id)
    if contact.case_id != case.pk:
        raise ValidationError({"case": _("Kontakten hører til en anden sag og kan ikke flyttes.")})
    wanted = {"employee": employee, "date": date, "kind": kind, "note": (note or "").strip()}
    changed = {key: value for key, value in wanted.items() if getattr(contact, key) != value}
    if changed:
        contact = contact_update(actor=actor, contact=contact, **changed)
    return contact


def contact_upsert_needed(contact: Contact, *, case, employee, date: dt.date, kind: str, note: str, **_ignored) -> bool:
    """Would contact_upsert change (or refuse) this contact that exists? False: a batch import may leave it alone."""
    return (contact.case_id, contact.employee_id, contact.date, contact.kind, contact.note) \
        != (case.pk, employee.pk, date, kind, (note or "").strip())


def contact_build(*, actor, external_id: str, case, employee, date: dt.date, kind: str, note: str) -> Contact:
    """The contact contact_log would create for an import (no participants, no next contact), validated the same
    way but not saved: contacts_insert writes a batch of them."""
    _validate_contact(case=case, date=date, kind=kind, next_date=None, next_kind="", today=timezone.localdate())
    contact = instance_new(Contact, external_id=external_id, case=case, employee=employee, date=date, kind=kind,
                           note=(note or "").strip())
    contact.stamp(actor)
    return contact


@transaction.atomic
def contacts_insert(*, actor, contacts: list[Contact]) -> None:
    """Save contacts from contact_build in one insert, each with the CONTACT_LOGGED event contact_log records."""
    objects_insert(contacts)  # sets the ids (SQLite ≥ 3.35, PostgreSQL), which the events name
    events_insert([
        event_row(actor=actor, verb=Verb.CONTACT_LOGGED, target=contact,
                  after=_contact_snapshot(contact) | {"participants": ""},
                  citizen_id=contact.case.citizen_id, case_id=contact.case_id)
        for contact in contacts])


# --- planned actions ---------------------------------------------------------------------------------------

def _action_snapshot(action):
    return {"title": action.title, "owner": action.owner.name, "due": action.due, "done_on": action.done_on}


def _validate_action(*, case, title, due):
    errors = {}
    if not (title or "").strip():
        errors["title"] = _("Skriv hvad der skal gøres.")
    if due is not None and due < case.opened:
        errors["due"] = _("Fristen kan ikke ligge før sagen blev oprettet.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def action_plan(*, actor, case, title: str, owner, due: dt.date) -> PlannedAction:
    if case.closed is not None:
        raise ValidationError(_("Sagen er afsluttet; der kan ikke planlægges nye handlinger."))
    _validate_action(case=case, title=title, due=due)
    action = PlannedAction(case=case, title=title.strip(), owner=owner, due=due)
    action.stamp(actor)
    action.save()
    _record(actor, Verb.ACTION_PLANNED, case, action, after=_action_snapshot(action))
    return action


@transaction.atomic
def action_update(*, actor, action: PlannedAction, **fields) -> PlannedAction:
    """Change title, owner, due date or done date (done_on=None reopens it)."""
    action = PlannedAction.objects.select_for_update().select_related("case", "owner").get(pk=action.pk)
    before = _action_snapshot(action)
    for key, value in fields.items():
        if key not in {"title", "owner", "due", "done_on"}:
            raise ValueError(f"action_update cannot set {key}")
        setattr(action, key, value.strip() if key == "title" else value)
    _validate_action(case=action.case, title=action.title, due=action.due)
    if action.done_on is not None and action.done_on > timezone.localdate():
        raise ValidationError({"done_on": _("Udført-datoen kan ikke ligge efter i dag.")})
    action.stamp(actor)
    action.save()
    after = _action_snapshot(action)
    changed = [k for k in after if before[k] != after[k]]
    if changed:
        _record(actor, Verb.ACTION_CHANGED, action.case, action, before={k: before[k] for k in changed},
                after={k: after[k] for k in changed})
    return action


def action_done(*, actor, action: PlannedAction, on: dt.date | None = None) -> PlannedAction:
    return action_update(actor=actor, action=action, done_on=on or timezone.localdate())
