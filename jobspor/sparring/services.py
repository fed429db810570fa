"""Writes of the case sparring. Each is an event; a decision is an event on its case (the case's history)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.core.versioning import Seen, lock_for_edit

from .agenda import propose
from .choices import Reason, SparringVerb
from .models import SparringItem, SparringMeeting


@transaction.atomic
def meeting_create(*, actor, team, held_on: dt.date, today: dt.date | None = None) -> SparringMeeting:
    """A meeting for the team with the proposed agenda as it stands today."""
    today = today or timezone.localdate()
    meeting = SparringMeeting(team=team, held_on=held_on)
    meeting.stamp(actor)
    meeting.save()
    items = []
    for position, proposal in enumerate(propose(team, today=today), start=1):
        item = SparringItem(meeting=meeting, case=proposal.case, reasons=proposal.reasons, position=position)
        item.stamp(actor)
        items.append(item)
    SparringItem.objects.bulk_create(items)
    event_record(actor=actor, verb=SparringVerb.MEETING_CREATED, target=meeting,
                 after={"held_on": held_on, "team_id": team.pk, "cases": len(items)})
    return meeting


@transaction.atomic
def item_add(*, actor, meeting: SparringMeeting, case) -> SparringItem:
    """Put one more case on the agenda (the team's own choice)."""
    if SparringItem.objects.filter(meeting=meeting, case=case).exists():
        raise ValidationError({"case": _("Sagen er allerede på dagsordenen.")})
    position = (meeting.items.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    item = SparringItem(meeting=meeting, case=case, reasons=[Reason.ADDED.value], position=position)
    item.stamp(actor)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:  # added by a colleague a moment ago
        raise ValidationError({"case": _("Sagen er allerede på dagsordenen.")}) from None
    event_record(actor=actor, verb=SparringVerb.CASE_ADDED, target=item, case_id=case.pk, citizen_id=case.citizen_id,
                 after={"meeting": str(meeting)})
    return item


@transaction.atomic
def decision_record(*, actor, item: SparringItem, employee, decision: str, seen: Seen | None = None,
                    action_title: str = "", action_due: dt.date | None = None, action_owner=None) -> SparringItem:
    """The team's decision on a case; optionally the next action it agreed (a planned action on the case)."""
    from jobspor.contacts.services import action_plan

    decision = (decision or "").strip()
    if not decision:
        raise ValidationError({"decision": _("Skriv teamets beslutning.")})
    if action_title.strip() and (action_due is None or action_owner is None):
        raise ValidationError({"action_due": _("En næste handling skal have en ansvarlig og en frist.")})
    current = lock_for_edit(SparringItem.objects.select_related("case", "meeting"), pk=item.pk, seen=seen)
    before = {"decision": current.decision} if current.decision else None
    current.decision, current.decided_at, current.decided_by = decision, timezone.now(), employee
    current.stamp(actor)
    current.save()
    case = current.case
    event_record(actor=actor, verb=SparringVerb.DECISION, target=current, case_id=case.pk,
                 citizen_id=case.citizen_id, before=before,
                 after={"decision": decision, "held_on": current.meeting.held_on})
    if action_title.strip():
        action_plan(actor=actor, case=case, title=action_title, owner=action_owner, due=action_due)
    return current
