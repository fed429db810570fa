"""Reads of the case sparring: a team's meetings are seen by those who see the team's cases (its members and the
leaders over it). The meeting page shows citizens' names, so it is access-logged."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.permissions import visible_team_ids
from jobspor.organisation.models import Team
from jobspor.organisation.selectors import employee_for_user

from .models import SparringItem, SparringMeeting

PURPOSE = "Sagssparring"


def teams_for(employee):
    """The teams whose sparring the employee takes part in (a leader of the whole jobcentre: every team)."""
    if employee is None:
        return Team.objects.none()
    if employee.is_manager and employee.team_id is None:
        return Team.objects.all().order_by("name")
    return Team.objects.filter(pk__in=visible_team_ids(employee)).order_by("name")


def meetings_for(employee, limit=50):
    return list(SparringMeeting.objects.filter(team__in=teams_for(employee)).select_related("team")
                .order_by("-held_on", "-id")[:limit])


def meeting_get(*, user, pk, path="") -> tuple[SparringMeeting, list[SparringItem]]:
    meeting = SparringMeeting.objects.select_related("team").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    employee = employee_for_user(user)
    items = list(SparringItem.objects.filter(meeting=meeting)
                 .select_related("case__citizen", "decided_by").order_by("position", "id"))
    allowed = teams_for(employee).filter(pk=meeting.team_id).exists()
    access_log_write(actor=user, action=Action.LIST if allowed else Action.DENIED, purpose=PURPOSE,
                     citizen_ids=[i.case.citizen_id for i in items] if allowed else [],
                     case_ids=[i.case_id for i in items] if allowed else [], path=path)
    if not allowed:
        raise PermissionDenied
    return meeting, items
