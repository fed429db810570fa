"""Writes to cases: every function takes the acting user, validates, runs in one transaction and
records its event in that same transaction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record, event_row, events_insert
from jobspor.audit.verbs import Verb
from jobspor.core.bulk import objects_insert
from jobspor.core.codes import codes
from jobspor.core.instances import instance_new
from jobspor.core.models import new_external_id
from jobspor.core.roles import CaseRole
from jobspor.core.versioning import Seen, lock_for_edit

from .choices import Benefit
from .models import Case, CaseStaff

CASE_FIELDS = ["benefit", "target_group", "fsm_group", "opened", "closed", "close_reason",
               "public_support_since", "team_id", "fleksjob_visitated"]


def _visitation(case):
    """Ledighedsydelse is only paid to citizens visitated to fleksjob, so choosing it records the visitation."""
    if case.benefit == Benefit.LEDIGHEDSYDELSE:
        case.fleksjob_visitated = True


def _snapshot(case):
    return {f: getattr(case, f) for f in CASE_FIELDS}


def _record(actor, verb, case, before=None, after=None, target=None):
    event_record(actor=actor, verb=verb, target=target or case, before=before, after=after,
                 citizen_id=case.citizen_id, case_id=case.pk)


def _validate_role(role):
    if role not in codes(CaseRole):
        raise ValidationError({"role": _("Ukendt rolle på sagen: %(role)s.") % {"role": role}})


@transaction.atomic
def case_create(*, actor, citizen, benefit, opened: dt.date, primary_employee, primary_role=CaseRole.JOB_BROKER,
                target_group=None, fsm_group=None, public_support_since=None, external_id=None,
                fleksjob_visitated=False) -> Case:
    _validate_role(primary_role)
    case = Case(
        external_id=external_id or new_external_id("S"), citizen=citizen, benefit=benefit,
        target_group=target_group, fsm_group=fsm_group, opened=opened,
        public_support_since=public_support_since, team=primary_employee.team,
        fleksjob_visitated=bool(fleksjob_visitated),
    )
    _visitation(case)
    case.stamp(actor)
    case.full_clean()
    case.save()
    link = CaseStaff(case=case, employee=primary_employee, role=primary_role, is_primary=True)
    link.stamp(actor)
    link.save()
    _record(actor, Verb.CASE_CREATED, case, after=_snapshot(case))
    _record(actor, Verb.STAFF_ADDED, case, after={"employee": primary_employee.name, "role": primary_role,
                                                   "primary": True}, target=link)
    return case


@transaction.atomic
def case_update(*, actor, case: Case, seen: Seen | None = None, **fields) -> Case:
    """Change the case's own fields (benefit, target group, 'Flere skal med' group, dates, closing).
    `seen`: the version the user's form was made from; a stale one is refused (StaleEdit)."""
    case = lock_for_edit(Case.objects, pk=case.pk, seen=seen)
    before = _snapshot(case)
    for key, value in fields.items():
        if key not in CASE_FIELDS and key != "team":
            raise ValueError(f"case_update cannot set {key}")
        setattr(case, key, value)
    if case.closed is None:
        case.close_reason = ""
    _visitation(case)
    case.stamp(actor)
    case.full_clean()
    if case.closed is not None and not case.close_reason:
        raise ValidationError({"close_reason": _("Angiv en afslutningsårsag, når sagen afsluttes.")})
    case.save()
    after = _snapshot(case)
    if before != after:
        if before["closed"] is None and after["closed"] is not None:
            verb = Verb.CASE_CLOSED
        elif before["closed"] is not None and after["closed"] is None:
            verb = Verb.CASE_REOPENED
        else:
            verb = Verb.CASE_UPDATED
        changed = [k for k in after if before[k] != after[k]]
        _record(actor, verb, case, before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
    return case


@transaction.atomic
def case_staff_add(*, actor, case: Case, employee, role: str, primary: bool = False) -> CaseStaff:
    _validate_role(role)
    if not employee.is_active:
        raise ValidationError({"employee": _("Medarbejderen er ikke aktiv.")})
    if CaseStaff.objects.filter(case=case, employee=employee).exists():
        raise ValidationError({"employee": _("%(name)s er allerede tilknyttet sagen.") % {"name": employee.name}})
    link = CaseStaff(case=case, employee=employee, role=role, is_primary=False)
    link.stamp(actor)
    link.save()
    _record(actor, Verb.STAFF_ADDED, case, after={"employee": employee.name, "role": role}, target=link)
    if primary:
        case_primary_set(actor=actor, case=case, link=link)
    return link


@transaction.atomic
def case_staff_remove(*, actor, case: Case, link: CaseStaff) -> None:
    if link.case_id != case.pk:
        raise ValidationError(_("Medarbejderen er ikke tilknyttet denne sag."))
    if link.is_primary:
        raise ValidationError(_("Den primære kontaktperson kan ikke fjernes. Gør først en anden til primær."))
    _record(actor, Verb.STAFF_REMOVED, case, before={"employee": link.employee.name, "role": link.role},
            target=link)
    CaseStaff.objects.filter(pk=link.pk).delete()


@transaction.atomic
def case_staff_role_set(*, actor, case: Case, link: CaseStaff, role: str) -> CaseStaff:
    _validate_role(role)
    if link.case_id != case.pk:
        raise ValidationError(_("Medarbejderen er ikke tilknyttet denne sag."))
    before = link.role
    if before != role:
        link.role = role
        link.stamp(actor)
        link.save(update_fields=["role", "updated_at", "updated_by"])
        _record(actor, Verb.STAFF_ROLE_CHANGED, case, before={"employee": link.employee.name, "role": before},
                after={"employee": link.employee.name, "role": role}, target=link)
    return link


@transaction.atomic
def case_primary_set(*, actor, case: Case, link: CaseStaff) -> CaseStaff:
    """Make `link` the primary contact; the case follows the primary contact's team."""
    if link.case_id != case.pk:
        raise ValidationError(_("Medarbejderen er ikke tilknyttet denne sag."))
    old = CaseStaff.objects.select_related("employee").filter(case=case, is_primary=True).first()
    if old and old.pk == link.pk:
        return link
    # Unset first: the database allows at most one primary contact per case.
    CaseStaff.objects.filter(case=case, is_primary=True).update(is_primary=False)
    CaseStaff.objects.filter(pk=link.pk).update(is_primary=True)
    link.is_primary = True
    _record(actor, Verb.PRIMARY_CHANGED, case, before={"employee": old.employee.name} if old else None,
            after={"employee": link.employee.name}, target=link)
    if link.employee.team_id and link.employee.team_id != case.team_id:
        case_update(actor=actor, case=case, team=link.employee.team)
    return link


@transaction.atomic
def case_staff_replace(*, actor, case: Case, staff: list[dict]) -> None:
    """Set the whole staff list (import): [{"employee": Employee, "role": str, "primary": bool}]."""
    primaries = [s for s in staff if s["primary"]]
    if len(primaries) != 1:
        raise ValidationError(_("En sag skal have præcis én primær kontaktperson."))
    wanted = {s["employee"].pk: s for s in staff}
    existing = {link.employee_id: link for link in CaseStaff.objects.select_related("employee").filter(case=case)}
    CaseStaff.objects.filter(case=case, is_primary=True).exclude(employee_id=primaries[0]["employee"].pk) \
        .update(is_primary=False)
    for employee_id, link in existing.items():
        if employee_id not in wanted:
            _record(actor, Verb.STAFF_REMOVED, case, before={"employee": link.employee.name, "role": link.role},
                    target=link)
            CaseStaff.objects.filter(pk=link.pk).delete()
    for employee_id, spec in wanted.items():
        link = existing.get(employee_id)
        if link is None:
            link = CaseStaff(case=case, employee=spec["employee"], role=spec["role"], is_primary=spec["primary"])
            link.stamp(actor)
            link.save()
            _record(actor, Verb.STAFF_ADDED, case, target=link,
                    after={"employee": spec["employee"].name, "role": spec["role"], "primary": spec["primary"]})
        elif link.role != spec["role"] or link.is_primary != spec["primary"]:
            before = {"employee": link.employee.name, "role": link.role, "primary": link.is_primary}
            link.role, link.is_primary = spec["role"], spec["primary"]
            link.stamp(actor)
            link.save()
            _record(actor, Verb.STAFF_ROLE_CHANGED, case, before=before, target=link,
                    after={"employee": link.employee.name, "role": link.role, "primary": link.is_primary})
    team = primaries[0]["employee"].team
    if team is not None and case.team_id != team.pk:
        case_update(actor=actor, case=case, team=team)


@transaction.atomic
def case_upsert(*, actor, external_id: str, citizen, benefit, opened: dt.date, staff: list[dict],
                target_group=None, fsm_group=None, closed: dt.date | None = None, close_reason: str = "",
                public_support_since: dt.date | None = None, fleksjob_visitated: bool | None = None) -> Case:
    """Create or update a case by its external id, with its whole staff list (import).

    `fleksjob_visitated` None (not in the file) keeps what the case has.

    `staff` is [{"employee": Employee, "role": str, "primary": bool}] with exactly one primary contact; it
    replaces the case's staff. Only what differs is written, so repeating an upsert records no events."""
    primaries = [s for s in staff if s["primary"]]
    if len(primaries) != 1:
        raise ValidationError({"staff": _("En sag skal have præcis én primær kontaktperson.")})
    case = Case.objects.filter(external_id=external_id).first()
    if case is None:
        case = case_create(actor=actor, citizen=citizen, benefit=benefit, opened=opened,
                           primary_employee=primaries[0]["employee"], primary_role=primaries[0]["role"],
                           target_group=target_group, fsm_group=fsm_group,
                           public_support_since=public_support_since, external_id=external_id,
                           fleksjob_visitated=bool(fleksjob_visitated))
    elif case.citizen_id != citizen.pk:
        raise ValidationError({"citizen": _("Sagen tilhører en anden borger og kan ikke flyttes.")})
    wanted = {"benefit": benefit, "target_group": target_group, "fsm_group": fsm_group, "opened": opened,
              "closed": closed, "close_reason": close_reason or "", "public_support_since": public_support_since}
    if fleksjob_visitated is not None:
        wanted["fleksjob_visitated"] = fleksjob_visitated
    changed = {key: value for key, value in wanted.items() if getattr(case, key) != value}
    if changed:
        case = case_update(actor=actor, case=case, **changed)
    case_staff_replace(actor=actor, case=case, staff=staff)
    return case


# --- import: many cases at once --------------------------------------------------------------------------------

def case_build(*, actor, external_id: str, citizen, benefit, opened: dt.date, staff: list[dict], target_group=None,
               fsm_group=None, closed: dt.date | None = None, close_reason: str = "",
               public_support_since: dt.date | None = None, fleksjob_visitated: bool | None = None) -> Case:
    """The new case case_upsert would write for an import (its final state, staff list included), checked as
    case_create and case_update check it but not saved and without a query: cases_insert writes a batch of them.
    The caller has made sure that no case has this external id."""
    primaries = [s for s in staff if s["primary"]]
    if len(primaries) != 1:
        raise ValidationError({"staff": _("En sag skal have præcis én primær kontaktperson.")})
    for spec in staff:
        _validate_role(spec["role"])
    case = instance_new(Case, external_id=external_id, citizen=citizen, benefit=benefit, target_group=target_group,
                        fsm_group=fsm_group, opened=opened, closed=closed, close_reason=close_reason or "",
                        public_support_since=public_support_since, team_id=primaries[0]["employee"].team_id,
                        fleksjob_visitated=bool(fleksjob_visitated))
    if case.closed is None:
        case.close_reason = ""
    _visitation(case)
    case.stamp(actor)
    case.clean_fields(exclude=["citizen", "team", "created_by", "updated_by"])  # the foreign keys: no query
    case.clean()
    if case.closed is not None and not case.close_reason:
        raise ValidationError({"close_reason": _("Angiv en afslutningsårsag, når sagen afsluttes.")})
    case.import_staff = staff
    return case


@transaction.atomic
def cases_insert(*, actor, cases: list[Case]) -> None:
    """Save cases from case_build in a few inserts, with their staff and the events case_upsert records for a new
    case: CASE_CREATED (as case_create made it: open), STAFF_ADDED for the primary contact, CASE_CLOSED when the
    case is closed, STAFF_ADDED for the rest of the staff."""
    for case in cases:
        if case.closed is not None:
            case.lock_version = 2  # case_upsert closes the case it has just created: one save more
    objects_insert(cases)  # sets the ids (SQLite ≥ 3.35, PostgreSQL), which the staff and events name
    links = []
    for case in cases:
        case.import_links = []
        for spec in sorted(case.import_staff, key=lambda s: not s["primary"]):  # the primary contact first
            link = instance_new(CaseStaff, case=case, employee=spec["employee"], role=spec["role"],
                                is_primary=spec["primary"])
            link.stamp(actor)
            case.import_links.append(link)
            links.append(link)
    objects_insert(links)
    events = []
    for case in cases:
        def event(verb, before=None, after=None, target=case, case=case):
            events.append(event_row(actor=actor, verb=verb, target=target, before=before, after=after,
                                    citizen_id=case.citizen_id, case_id=case.pk))
        created = _snapshot(case) | {"closed": None, "close_reason": ""}
        event(Verb.CASE_CREATED, after=created)
        primary, *others = case.import_links
        event(Verb.STAFF_ADDED, target=primary,
              after={"employee": primary.employee.name, "role": primary.role, "primary": True})
        if case.closed is not None:
            event(Verb.CASE_CLOSED, before={"closed": None, "close_reason": ""},
                  after={"closed": case.closed, "close_reason": case.close_reason})
        for link in others:
            event(Verb.STAFF_ADDED, target=link,
                  after={"employee": link.employee.name, "role": link.role, "primary": link.is_primary})
        del case.import_staff, case.import_links
    events_insert(events)


def cases_existing(external_ids) -> dict[str, tuple[dict, set]]:
    """{external id: (the case's fields and citizen_id, its staff as {(employee_id, role, is_primary)})} of the
    cases that exist, in two queries: what case_upsert_needed compares."""
    external_ids = list(external_ids)
    found = {}
    for start in range(0, len(external_ids), 500):
        chunk = external_ids[start:start + 500]
        for row in Case.objects.filter(external_id__in=chunk).values("id", "external_id", "citizen_id",
                                                                      *CASE_FIELDS):
            found[row["external_id"]] = (row, set())
    by_id = {row["id"]: staff for row, staff in found.values()}
    ids = list(by_id)
    for start in range(0, len(ids), 500):
        for case_id, employee_id, role, primary in CaseStaff.objects.filter(case_id__in=ids[start:start + 500]) \
                .values_list("case_id", "employee_id", "role", "is_primary"):
            by_id[case_id].add((employee_id, role, primary))
    return found


def case_upsert_needed(existing: tuple[dict, set], *, citizen, benefit, opened, staff, target_group=None,
                       fsm_group=None, closed=None, close_reason="", public_support_since=None,
                       fleksjob_visitated=None, **_ignored) -> bool:
    """Would case_upsert change anything (or refuse) for a case that exists (`existing` from cases_existing)?
    False: it would write nothing, so a batch import may leave the case alone."""
    row, links = existing
    wanted = {"benefit": benefit, "target_group": target_group, "fsm_group": fsm_group, "opened": opened,
              "closed": closed, "close_reason": close_reason or "", "public_support_since": public_support_since}
    if fleksjob_visitated is not None:
        wanted["fleksjob_visitated"] = fleksjob_visitated
    if row["citizen_id"] != citizen.pk or any(row[key] != value for key, value in wanted.items()):
        return True
    primaries = [s for s in staff if s["primary"]]
    if len(primaries) != 1 or links != {(s["employee"].pk, s["role"], s["primary"]) for s in staff}:
        return True
    team_id = primaries[0]["employee"].team_id
    return team_id is not None and row["team_id"] != team_id
