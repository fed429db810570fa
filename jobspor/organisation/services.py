"""Writes to the organisation: each takes the acting user and records an event."""

from django.db import transaction

from jobspor.audit.services import event_record, event_row, events_insert
from jobspor.audit.verbs import Verb
from jobspor.core.bulk import objects_insert
from jobspor.core.instances import instance_new

from .models import Employee, Team

EMPLOYEE_FIELDS = ["name", "email", "phone", "team_id", "roles", "is_active"]


@transaction.atomic
def team_upsert(*, external_id: str, name: str, actor=None, department=None) -> Team:
    team = Team.objects.filter(external_id=external_id).first()
    before = {"name": team.name} if team else None
    if team is not None and team.name == name and (department is None or team.department_id == department.pk):
        return team  # unchanged: no write, no event (keeps re-imports idempotent)
    if team is None:
        team = Team(external_id=external_id)
    team.name = name
    if department is not None:
        team.department = department
    team.stamp(actor)
    team.full_clean()
    team.save()
    if before != {"name": team.name}:
        event_record(actor=actor, verb=Verb.TEAM_SAVED, target=team, before=before, after={"name": team.name})
    return team


@transaction.atomic
def employee_upsert(*, external_id: str, actor=None, **fields) -> Employee:
    employee = Employee.objects.filter(external_id=external_id).first()
    before = _snapshot(employee) if employee else None
    if employee is None:
        employee = Employee(external_id=external_id)
    for key, value in fields.items():
        setattr(employee, key, value)
    if before is not None and _snapshot(employee) == before and "user" not in fields:
        return employee  # unchanged: no write, no event
    employee.stamp(actor)
    employee.full_clean(exclude=["user"])
    employee.save()
    after = _snapshot(employee)
    if before != after:
        event_record(actor=actor, verb=Verb.EMPLOYEE_SAVED, target=employee, before=before, after=after)
    return employee


def employee_upsert_needed(employee: Employee, *, name: str, roles: list, team) -> bool:
    """Would an import's employee_upsert (name, roles, team) change this employee? False: nothing to write."""
    return (employee.name, employee.roles, employee.team_id) != (name, roles, team.pk if team is not None else None)


def employee_build(*, actor, external_id: str, name: str, roles: list, team) -> Employee:
    """The new employee employee_upsert would save for an import (no such external id in the database), checked
    as it checks it but not saved: employees_insert writes a batch of them. The team is a saved row and the
    external id is new (the caller looked), so the foreign-key and uniqueness checks, which would query, are left
    out."""
    employee = instance_new(Employee, external_id=external_id)
    employee.name, employee.roles, employee.team = name, roles, team
    employee.stamp(actor)
    employee.full_clean(exclude=["user", "team"], validate_unique=False, validate_constraints=False)
    return employee


@transaction.atomic
def employees_insert(*, actor, employees: list[Employee]) -> None:
    """Save employees from employee_build in one insert, each with the EMPLOYEE_SAVED event employee_upsert
    records for a new one."""
    objects_insert(employees)  # sets the ids (SQLite ≥ 3.35, PostgreSQL), which the events name
    events_insert([event_row(actor=actor, verb=Verb.EMPLOYEE_SAVED, target=employee, before=None,
                             after=_snapshot(employee)) for employee in employees])


def _snapshot(employee):
    return {f: getattr(employee, f) for f in EMPLOYEE_FIELDS}
