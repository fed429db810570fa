"""Writes to the organisation: each takes the acting user and records an event."""

from django.db import transaction

from jobspor.audit.services import event_record
from jobspor.audit.verbs import Verb

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


def _snapshot(employee):
    return {f: getattr(employee, f) for f in EMPLOYEE_FIELDS}
