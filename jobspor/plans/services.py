"""Writes to plans: keyword-only, the acting user first, one transaction, an audit event each."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.audit.verbs import Verb
from jobspor.cases.models import CaseStaff
from jobspor.core.versioning import Seen, ensure_current

from .choices import SubGoalStatus
from .models import Plan, SubGoal, SubGoalNote

PLAN_FIELDS = ["goal", "goal_text", "made"]
SUB_GOAL_FIELDS = ["text", "due", "owner", "status"]


def _record(actor, verb, case, target, before=None, after=None):
    event_record(actor=actor, verb=verb, target=target, before=before, after=after,
                 citizen_id=case.citizen_id, case_id=case.pk)


def _plan_snapshot(plan):
    return {"goal": plan.goal, "goal_text": plan.goal_text, "made": plan.made}


def _sub_goal_snapshot(sub_goal):
    return {"text": sub_goal.text, "due": sub_goal.due,
            "owner": sub_goal.owner.name if sub_goal.owner_id else "borger", "status": sub_goal.status}


def _changed(before, after):
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


@transaction.atomic
def plan_save(*, actor, case, goal: str, goal_text: str = "", made: dt.date | None = None,
              seen: Seen | None = None) -> Plan:
    """Create the case's plan, or change its goal. `seen`: the version the user's form was made from (0: there
    was no plan); a stale one is refused (StaleEdit)."""
    today = timezone.localdate()
    plan = Plan.objects.select_for_update().filter(case=case).first()
    ensure_current(plan, seen)
    creating = plan is None
    if creating:
        plan = Plan(case=case, made=made or today)
    before = {} if creating else _plan_snapshot(plan)
    plan.goal, plan.goal_text = goal, (goal_text or "").strip()
    if made is not None:
        plan.made = made
    errors = {}
    if plan.made > today:
        errors["made"] = _("Planen kan ikke være lagt i fremtiden.")
    elif plan.made < case.opened:
        errors["made"] = _("Planen kan ikke være lagt før sagen blev oprettet (%(date)s).") % {
            "date": case.opened.strftime("%d.%m.%Y")}
    elif not creating:
        first_due = plan.sub_goals.order_by("due").values_list("due", flat=True).first()
        if first_due and first_due < plan.made:
            errors["made"] = _("Der er delmål med frist før denne dato (%(date)s).") % {
                "date": first_due.strftime("%d.%m.%Y")}
    if errors:
        raise ValidationError(errors)
    plan.stamp(actor)
    plan.full_clean(exclude=["case"])
    plan.save()
    before, after = _changed(before, _plan_snapshot(plan))
    if after:
        _record(actor, Verb.PLAN_SAVED, case, plan, before=before or None, after=after)
    return plan


def _validate_sub_goal(plan, *, text, due, owner):
    errors = {}
    if not (text or "").strip():
        errors["text"] = _("Skriv delmålet.")
    if due is None:
        errors["due"] = _("Et delmål skal have en frist.")
    elif due < plan.made:
        errors["due"] = _("Fristen kan ikke ligge før planen blev lagt (%(date)s).") % {
            "date": plan.made.strftime("%d.%m.%Y")}
    if owner is not None and not CaseStaff.objects.filter(case_id=plan.case_id, employee_id=owner.pk).exists():
        errors["owner"] = _("%(name)s er ikke tilknyttet sagen.") % {"name": owner.name}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def sub_goal_add(*, actor, plan: Plan, text: str, due: dt.date | None, owner=None,
                 status: str = SubGoalStatus.OPEN) -> SubGoal:
    """A binding sub-goal with a due date; owner None means the citizen owns it."""
    _validate_sub_goal(plan, text=text, due=due, owner=owner)
    sub_goal = SubGoal(plan=plan, text=text.strip(), due=due, owner=owner, status=status)
    if status == SubGoalStatus.REACHED:
        sub_goal.reached_on = timezone.localdate()
    sub_goal.stamp(actor)
    sub_goal.full_clean(exclude=["plan"])
    sub_goal.save()
    _record(actor, Verb.SUB_GOAL_ADDED, plan.case, sub_goal, after=_sub_goal_snapshot(sub_goal))
    return sub_goal


def _set_status(sub_goal, status, on: dt.date):
    if status == sub_goal.status:
        return
    sub_goal.status = status
    sub_goal.reached_on = on if status == SubGoalStatus.REACHED else None


@transaction.atomic
def sub_goal_update(*, actor, sub_goal: SubGoal, text: str, due: dt.date | None, owner=None,
                    status: str | None = None, seen: Seen | None = None) -> SubGoal:
    sub_goal = SubGoal.objects.select_related("plan__case", "owner").select_for_update(of=("self",)) \
        .get(pk=sub_goal.pk)
    ensure_current(sub_goal, seen)
    plan = sub_goal.plan
    _validate_sub_goal(plan, text=text, due=due, owner=owner)
    before = _sub_goal_snapshot(sub_goal)
    sub_goal.text, sub_goal.due, sub_goal.owner = text.strip(), due, owner
    if status is not None:
        _set_status(sub_goal, status, timezone.localdate())
    sub_goal.stamp(actor)
    sub_goal.full_clean(exclude=["plan"])
    sub_goal.save()
    before, after = _changed(before, _sub_goal_snapshot(sub_goal))
    if after:
        _record(actor, Verb.SUB_GOAL_CHANGED, plan.case, sub_goal, before=before, after=after)
    return sub_goal


@transaction.atomic
def sub_goal_note_add(*, actor, sub_goal: SubGoal, text: str, written_on: dt.date | None = None,
                      status: str = "", author=None, seen: Seen | None = None) -> SubGoalNote:
    """Follow up on a sub-goal: a dated note by `author` (the acting employee), maybe with a new status.
    A new status from a form made before someone else changed the status is refused (StaleEdit)."""
    sub_goal = SubGoal.objects.select_related("plan__case").select_for_update(of=("self",)).get(pk=sub_goal.pk)
    if status:
        ensure_current(sub_goal, seen)
    today = timezone.localdate()
    written_on = written_on or today
    errors = {}
    if not (text or "").strip():
        errors["text"] = _("Skriv, hvad opfølgningen handlede om.")
    if written_on > today:
        errors["written_on"] = _("En opfølgning kan ikke dateres i fremtiden.")
    elif written_on < sub_goal.plan.made:
        errors["written_on"] = _("En opfølgning kan ikke dateres før planen blev lagt (%(date)s).") % {
            "date": sub_goal.plan.made.strftime("%d.%m.%Y")}
    if status and status not in SubGoalStatus.values:
        errors["status"] = _("Ukendt status.")
    if errors:
        raise ValidationError(errors)
    if author is None:
        author = getattr(actor, "employee", None) if getattr(actor, "pk", None) else None
    note = SubGoalNote(sub_goal=sub_goal, written_on=written_on, author=author, text=text.strip(),
                       status=status if status and status != sub_goal.status else "")
    note.stamp(actor)
    note.save()
    after = {"text": note.text, "written_on": written_on}
    before = None
    if note.status:
        before = {"status": sub_goal.status}
        after["status"] = note.status
        _set_status(sub_goal, note.status, written_on)
        sub_goal.stamp(actor)
        sub_goal.save(update_fields=["status", "reached_on", "updated_at", "updated_by"])
    _record(actor, Verb.SUB_GOAL_FOLLOWED_UP, sub_goal.plan.case, sub_goal, before=before, after=after)
    return note
