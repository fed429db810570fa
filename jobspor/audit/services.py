"""Writing the audit trail. Services call event_record inside their own transaction;
views call access_log_write *before* they render citizen data."""

import datetime as dt
import functools
import getpass
import json
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, transaction
from django.utils import timezone

from jobspor.core.errors import AuditUnavailable
from jobspor.core.instances import instance_new
from jobspor.organisation.selectors import employee_for_user

from .models import AccessLog, Event
from .subjects import subject_current

SCRUBBED_KEYS = {"cpr"}


@functools.cache
def _os_user() -> str:
    return getpass.getuser()  # the process's user does not change; a look-up (getpwuid) costs per event


def actor_label(actor) -> str:
    """Who did it: the employee's name and user name, or the operating-system user for commands."""
    if actor is None or not getattr(actor, "pk", None):
        return f"kommando ({_os_user()})"
    system = integration_system_of(actor)
    if system is not None:
        return f"{system.name} (integrationssystem)"
    employee = employee_for_user(actor)
    if employee:
        return f"{employee.name} ({actor.get_username()})"
    citizen_link = getattr(actor, "citizen_user", None)
    if citizen_link is not None:
        return f"{citizen_link.citizen.name} (borgeren selv)"
    company_link = getattr(actor, "company_user", None)
    if company_link is not None:
        return f"{company_link.name}, {company_link.company.name} (virksomhed)"
    return actor.get_username()


def integration_system_of(actor):
    """The integrating system (jobspor/api) acting through this user account, if it is one: set on the user by the
    API's authentication; looked up only for accounts named as a system's, so a person's actions cost no query."""
    system = actor.__dict__.get("_jobspor_system")
    if system is None and actor.get_username().startswith("api:"):
        system = getattr(actor, "integration_system", None)
    return system


_JSON_SCALARS = frozenset({str, int, bool, type(None)})
_NOT_PLAIN = object()


def _plain_copy(value):
    """What a JSON round trip gives back for a value that is already plain JSON (text, integers, booleans, null;
    lists and text-keyed objects of them) or a date, a decimal or a text subclass such as a choice (the text
    DjangoJSONEncoder writes for them): a copy, made without the encoder; _NOT_PLAIN for anything else (a lazy
    text, an integer subclass, floats, datetimes go through the encoder). Exact types otherwise."""
    kind = type(value)
    if kind in _JSON_SCALARS:
        return value
    if kind is dt.date or kind is Decimal:  # what DjangoJSONEncoder writes for them, read back: a text
        return value.isoformat() if kind is dt.date else str(value)
    if isinstance(value, str):  # a text subclass (a choice): the encoder writes its characters, read back a str
        return str.__str__(value)
    if kind is list:
        copied = [_plain_copy(item) for item in value]
        return _NOT_PLAIN if any(item is _NOT_PLAIN for item in copied) else copied
    if kind is dict:
        copied = {key: _plain_copy(item) for key, item in value.items()}
        if any(type(key) is not str or item is _NOT_PLAIN for key, item in copied.items()):
            return _NOT_PLAIN
        return copied
    return _NOT_PLAIN


def _clean_payload(payload):
    if payload is None:
        return None
    scrubbed = {k: ("(skjult)" if k in SCRUBBED_KEYS else v) for k, v in payload.items()}
    copied = _plain_copy(scrubbed)  # the round trip's result without the encoder (imports write many events)
    if copied is not _NOT_PLAIN:
        return copied
    return json.loads(json.dumps(scrubbed, cls=DjangoJSONEncoder))


def event_record(*, actor, verb, target, before=None, after=None, citizen_id=None, case_id=None) -> Event:
    return Event.objects.create(**_event_fields(actor=actor, verb=verb, target=target, before=before, after=after,
                                                citizen_id=citizen_id, case_id=case_id))


def event_build(*, actor, verb, target, before=None, after=None, citizen_id=None, case_id=None) -> Event:
    """The event event_record writes, unsaved: for writers of many rows, which append their events to the chain
    in one Event.objects.bulk_create (audit.chain links them in order)."""
    return instance_new(Event, **_event_fields(actor=actor, verb=verb, target=target, before=before, after=after,
                                               citizen_id=citizen_id, case_id=case_id))


def event_row(*, actor, verb, target, before=None, after=None, citizen_id=None, case_id=None) -> tuple:
    """The event event_build makes, as a row: its Event.CHAIN_FIELDS values after id and at, for events_insert."""
    return (getattr(actor, "pk", None), actor_label(actor), verb, target._meta.model_name, target.pk,
            str(getattr(target, "external_id", "") or ""), citizen_id, case_id, _clean_payload(before),
            _clean_payload(after))


def events_insert(rows) -> int:
    """Append event rows (event_row) to the events' chain in one batch: the rows and hashes that
    Event.objects.bulk_create of the same events built by event_build gives (audit.chain.append_rows)."""
    from .chain import append_rows

    return append_rows(Event, rows)


def _event_fields(*, actor, verb, target, before, after, citizen_id, case_id) -> dict:
    return dict(
        user_id=getattr(actor, "pk", None),
        actor=actor_label(actor),
        verb=verb,
        target_type=target._meta.model_name,
        target_id=target.pk,
        target_ref=str(getattr(target, "external_id", "") or ""),
        citizen_id=citizen_id,
        case_id=case_id,
        before=_clean_payload(before),
        after=_clean_payload(after),
    )


def actor_unit(actor) -> tuple[str, str]:
    """(organisation, role) of whoever reads: a staff member's team and roles, a company user's company; empty
    for commands and for the citizen reading their own data."""
    if actor is None or not getattr(actor, "pk", None):
        return "", ""
    employee = employee_for_user(actor)
    if employee:
        team = employee.team
        unit = f"{team.department.name} – {team.name}" if team and team.department_id else (team.name if team
                                                                                               else "")
        if integration_system_of(actor) is not None:
            return unit, "Integrationssystem"
        return unit, ", ".join(str(label) for label in employee.role_labels())
    company_link = getattr(actor, "company_user", None)
    if company_link is not None:
        return f"{company_link.company.name} (CVR {company_link.company.cvr})", "Virksomhed"
    return "", ""


def access_log_write(*, actor, action, purpose, citizen_ids=(), case_ids=None, query="", path="", subject=None):
    """Log that `actor` was shown these citizens. Raises AuditUnavailable if it cannot be written:
    the caller must then return no citizen data.

    `subject` is what was read (audit.subjects); by default the URL name of the request being served."""
    if subject is None:
        subject = subject_current()
    citizen_ids = list(citizen_ids)
    case_ids = list(case_ids) if case_ids is not None else [None] * len(citizen_ids)
    if not citizen_ids:
        citizen_ids, case_ids = [None], [None]
    label = actor_label(actor)
    organisation, role = actor_unit(actor)
    # A list page logs one row per citizen shown (a team's week calendar: ≈ 1,000): the rows are made with
    # instance_new and written by core.bulk (one executemany, or COPY) rather than Django's bulk_create, which
    # cost ≈ 0.2 ms a row.
    common = dict(user_id=getattr(actor, "pk", None), actor=label, action=action, purpose=purpose,
                  query=(query or "")[:500], path=(path or "")[:500], subject=(subject or "")[:100],
                  organisation=organisation[:200], role=role[:200])
    rows = [instance_new(AccessLog, citizen_id=citizen_id, case_id=case_id, **common)
            for citizen_id, case_id in zip(citizen_ids, case_ids, strict=True)]
    try:
        with transaction.atomic():
            AccessLog.objects.bulk_create(rows)
    except DatabaseError as exc:
        raise AuditUnavailable(str(exc)) from exc


def access_log_prune(*, now=None) -> int:
    """Delete access-log rows older than the retention period (JOBSPOR_ACCESS_LOG_RETENTION_DAYS): the start of the
    hash chain up to the first row inside the period, recorded so the chain still verifies (audit.chain.prune)."""
    from .chain import prune

    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.JOBSPOR_ACCESS_LOG_RETENTION_DAYS)
    return prune(AccessLog, cutoff)
