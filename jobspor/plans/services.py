"""Writes to plans: keyword-only, the acting user first, one transaction, an audit event each."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.audit.verbs import Verb
from jobspor.cases.models import CaseStaff
from jobspor.core.versioning import Seen, ensure_current
from jobspor.portal.authorship import AuthorKind, author_kind_of

from .choices import PlanVerb, SubGoalStatus
from .models import Plan, PlanComment, SubGoal, SubGoalNote

COMMENT_MAX = 2000

PLAN_FIELDS = ["goal", "goal_text", "made"]
SUB_GOAL_FIELDS = ["text", "due", "owner", "status"]


def _record(actor, verb, case, target, before=None, after=None):
    event_record(actor=actor, verb=verb, target=target, before=before, after=after,
                 citizen_id=case.citizen_id, case_id=case.pk)


def _plan_snapshot(plan):
    return {"goal": plan.goal, "goal_text": plan.goal_text, "made": plan.made}


def _sub_goal_snapshot(sub_goal):
    snapshot = {"text": sub_goal.text, "due": sub_goal.due,
                "owner": sub_goal.owner.name if sub_goal.owner_id else "borger", "status": sub_goal.status}
    if sub_goal.by_citizen:
        snapshot["author_kind"] = sub_goal.author_kind
    return snapshot


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


# --- the citizen's side (Min side) -----------------------------------------------------------------------------
# Modelled on the shared activity plan: the citizen adds their own activities and comments and marks their own
# activities done; what the jobcentre made (the plan, its sub-goals) was agreed and is only commented on.
# Nothing here deletes. Every write is an event with the citizen's user as actor ("(borgeren selv)").

def _citizen_id_of(actor):
    link = getattr(actor, "citizen_user", None) if getattr(actor, "pk", None) else None
    return link.citizen_id if link is not None else None


def _ensure_citizens_plan(actor, plan):
    """Defence in depth behind the views' look-up through request.citizen: a citizen writes only to their own."""
    if _citizen_id_of(actor) != plan.case.citizen_id:
        raise PermissionDenied


def _ensure_case_open(plan):
    if plan.case.closed is not None:
        raise ValidationError(_("Sagen er afsluttet, så planen kan ikke længere ændres."))


@transaction.atomic
def citizen_activity_add(*, actor, plan: Plan, text: str, due: dt.date | None) -> SubGoal:
    """The citizen's own activity on the plan: a sub-goal the citizen owns and made (marked as the citizen's)."""
    plan = Plan.objects.select_related("case").get(pk=plan.pk)
    _ensure_citizens_plan(actor, plan)
    _ensure_case_open(plan)
    _validate_sub_goal(plan, text=text, due=due, owner=None)
    sub_goal = SubGoal(plan=plan, text=text.strip(), due=due, owner=None, status=SubGoalStatus.OPEN,
                       author_kind=AuthorKind.CITIZEN)
    sub_goal.stamp(actor)
    sub_goal.full_clean(exclude=["plan"])
    sub_goal.save()
    _record(actor, Verb.SUB_GOAL_ADDED, plan.case, sub_goal, after=_sub_goal_snapshot(sub_goal))
    return sub_goal


@transaction.atomic
def citizen_sub_goal_done(*, actor, sub_goal: SubGoal, done: bool = True) -> SubGoal:
    """The citizen marks their own activity done (or open again). A sub-goal agreed with the jobcentre is refused:
    the citizen comments on it instead."""
    sub_goal = SubGoal.objects.select_related("plan__case", "owner").select_for_update(of=("self",)) \
        .get(pk=sub_goal.pk)
    _ensure_citizens_plan(actor, sub_goal.plan)
    if not sub_goal.by_citizen:
        raise ValidationError(_("Delmålet er aftalt med jobcentret, så du kan ikke ændre det. Skriv en kommentar "
                                "til din jobformidler i stedet."))
    _ensure_case_open(sub_goal.plan)
    status = SubGoalStatus.REACHED if done else SubGoalStatus.OPEN
    if sub_goal.status == status:
        return sub_goal
    before = _sub_goal_snapshot(sub_goal)
    _set_status(sub_goal, status, timezone.localdate())
    sub_goal.stamp(actor)
    sub_goal.save(update_fields=["status", "reached_on", "updated_at", "updated_by"])
    before, after = _changed(before, _sub_goal_snapshot(sub_goal))
    _record(actor, Verb.SUB_GOAL_CHANGED, sub_goal.plan.case, sub_goal, before=before, after=after)
    return sub_goal


@transaction.atomic
def plan_comment_add(*, actor, plan: Plan, text: str, sub_goal: SubGoal | None = None) -> PlanComment:
    """A comment on the plan, or on one of its sub-goals, by the citizen or the jobcentre. Comments are only
    added, never changed or removed."""
    plan = Plan.objects.select_related("case").get(pk=plan.pk)
    author_kind = author_kind_of(actor)
    if author_kind == AuthorKind.CITIZEN:
        _ensure_citizens_plan(actor, plan)
        _ensure_case_open(plan)
    if sub_goal is not None and sub_goal.plan_id != plan.pk:
        raise ValidationError({"sub_goal": _("Delmålet hører ikke til denne plan.")})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Skriv en kommentar.")})
    if len(text) > COMMENT_MAX:
        raise ValidationError({"text": _("En kommentar kan højst være %(max)d tegn (her er der %(n)d).")
                               % {"max": COMMENT_MAX, "n": len(text)}})
    comment = PlanComment(plan=plan, sub_goal=sub_goal, text=text, author_kind=author_kind)
    comment.stamp(actor)
    comment.full_clean(exclude=["plan", "sub_goal"])
    comment.save()
    after = {"text": text, "author_kind": author_kind}
    if sub_goal is not None:
        after["sub_goal"] = sub_goal.text
    _record(actor, PlanVerb.COMMENTED, plan.case, sub_goal or plan, after=after)
    return comment
