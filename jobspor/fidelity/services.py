"""Writes: a team's answer to a Test praksis question, and the caseload norm. Each takes the acting user, runs
in one transaction, validates, and records an event."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.core.versioning import Seen, ensure_current

from . import cycles
from .choices import AnswerValue, FidelityVerb
from .models import Answer, CaseloadNorm, Cycle

SNAPSHOT = ("value", "note", "action", "action_owner_id", "action_due")


def _snapshot(answer):
    return {"question": answer.question.code, **{k: getattr(answer, k) for k in SNAPSHOT}}


def cycle_get_or_create(*, actor, team, start: dt.date) -> Cycle:
    """The team's cycle starting on `start` (a cycle start under the current cycle length)."""
    existing = Cycle.objects.filter(team=team, start=start).first()
    if existing is not None:
        return existing
    _start, end = cycles.bounds_for(start)
    cycle = Cycle(team=team, start=start, end=end)
    cycle.stamp(actor)
    try:
        with transaction.atomic():
            cycle.save()
    except IntegrityError:  # created meanwhile by a colleague
        return Cycle.objects.get(team=team, start=start)
    return cycle


def _already_answered(answer) -> ValidationError:
    who = answer.answered_by.name if answer.answered_by_id else _("en anden")
    return ValidationError(
        _("Spørgsmål %(code)s er allerede besvaret for %(team)s i denne periode (%(value)s, af %(who)s den "
          "%(date)s). Et spørgsmål besvares én gang pr. periode; intet er ændret. Ret det eksisterende svar i "
          "stedet.") % {"code": answer.question.code, "team": answer.cycle.team.name,
                         "value": answer.get_value_display(), "who": who,
                         "date": date_format(timezone.localtime(answer.created_at), "j. F Y")},
        code="answered_twice")


@transaction.atomic
def answer_save(*, actor, employee, team, start: dt.date, question, value: str, note: str = "", action: str = "",
                action_owner=None, action_due: dt.date | None = None, seen: Seen | None = None,
                today: dt.date | None = None) -> Answer:
    """Answer `question` for `team` in the cycle starting on `start`, or change the answer. `seen`: the version
    the user's form was made from; version 0 means "a new answer", so a second answer to the same question in
    the same cycle is refused with a Danish message and nothing changes (also when two arrive at once: the
    database holds one per question per cycle). A stale edit is refused (StaleEdit)."""
    today = today or timezone.localdate()
    if not cycles.is_cycle_start(start) and not Cycle.objects.filter(team=team, start=start).exists():
        raise ValidationError(_("Perioden findes ikke."), code="no_cycle")
    if start > today:
        raise ValidationError(_("Perioden er ikke begyndt endnu; den kan besvares fra %(date)s.")
                              % {"date": date_format(start, "j. F Y")}, code="future_cycle")
    if value not in AnswerValue.values:
        raise ValidationError({"value": _("Vælg ja, delvist eller nej.")})
    action = (action or "").strip()
    errors = {}
    if action and action_owner is None:
        errors["action_owner"] = _("En aftalt handling skal have en ansvarlig.")
    if action and action_due is None:
        errors["action_due"] = _("En aftalt handling skal have en frist.")
    if not action and (action_owner is not None or action_due is not None):
        errors["action"] = _("Skriv den aftalte handling, eller fjern ansvarlig og frist.")
    if errors:
        raise ValidationError(errors)

    cycle = cycle_get_or_create(actor=actor, team=team, start=start)
    Cycle.objects.select_for_update().filter(pk=cycle.pk).first()  # one writer per team and cycle at a time
    answer = (Answer.objects.select_for_update(of=("self",)).select_related("question", "cycle__team", "answered_by")
              .filter(cycle=cycle, question=question).first())
    creating = seen is not None and seen.version == 0
    if answer is not None and creating:
        raise _already_answered(answer)
    ensure_current(answer, seen)
    if answer is None:
        answer = Answer(cycle=cycle, question=question, answered_by=employee)
        before = None
    else:
        before = _snapshot(answer)
    answer.value, answer.note, answer.action = value, (note or "").strip(), action
    answer.action_owner, answer.action_due = action_owner, action_due
    answer.stamp(actor)
    answer.full_clean(exclude=["cycle", "question", "answered_by", "action_owner"], validate_unique=False,
                      validate_constraints=False)
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError:  # a colleague's first answer arrived between our read and our write
        raise _already_answered(Answer.objects.select_related("question", "cycle__team", "answered_by")
                                .get(cycle=cycle, question=question)) from None
    after = _snapshot(answer)
    if before != after:
        event_record(actor=actor, verb=FidelityVerb.ANSWERED if before is None else FidelityVerb.ANSWER_CHANGED,
                     target=answer, before=before, after=after)
    return answer


@transaction.atomic
def norm_set(*, actor, employee, cases: int | None, reason: str = "") -> CaseloadNorm:
    """A new caseload norm (None: no norm). The old one stays as history."""
    if cases is not None and not 1 <= cases <= 500:
        raise ValidationError({"cases": _("Normen skal være mellem 1 og 500 sager, eller tom for ingen norm.")})
    current = CaseloadNorm.objects.first()
    norm = CaseloadNorm(cases=cases, reason=(reason or "").strip(), set_by=employee)
    norm.stamp(actor)
    norm.full_clean(exclude=["set_by"])
    norm.save()
    event_record(actor=actor, verb=FidelityVerb.NORM_SET, target=norm,
                 before={"cases": current.cases} if current else None, after={"cases": cases, "reason": norm.reason})
    return norm
