"""Who sees and answers a team's Test praksis, and who sees caseloads.

A leader sees the teams of their unit (kpi.permissions: their department, or their team when it belongs to no
department; a leader with no team: the whole jobcentre). A team's members (anyone on the team but administrators)
see and answer their own team's checklist. Leaders and members alike may answer: the seed asks the team."""

from django.utils.translation import gettext as _

from jobspor.cases.permissions import visible_team_ids
from jobspor.core.roles import Role
from jobspor.kpi.permissions import unit_name
from jobspor.organisation.models import Team


def leader_team_ids(employee) -> list[int] | None:
    """The teams a leader leads (None: every team), or [] for anyone else."""
    if employee is None or not employee.is_manager:
        return []
    if employee.team_id is None:
        return None
    return visible_team_ids(employee)


def is_member(employee, team) -> bool:
    return (employee is not None and employee.team_id == team.pk
            and any(role != Role.ADMINISTRATOR for role in employee.roles))


def can_see_team(employee, team) -> bool:
    if is_member(employee, team):
        return True
    teams = leader_team_ids(employee)
    return teams is None or team.pk in teams


can_answer = can_see_team  # the team's leader(s) and its members


def teams_for(employee):
    """The teams whose checklists the employee sees, by name."""
    teams = leader_team_ids(employee)
    qs = Team.objects.select_related("department").order_by("name")
    if teams is None:
        return qs
    ids = set(teams)
    if employee is not None and employee.team_id and is_member(employee, employee.team):
        ids.add(employee.team_id)
    return qs.filter(pk__in=ids)


def team_refusal(employee, team) -> str:
    if employee is not None and employee.is_manager:
        return _("Teamet %(team)s hører ikke til din enhed (%(unit)s), så du kan ikke se eller besvare dets Test "
                 "praksis.") % {"team": team.name, "unit": unit_name(employee)}
    return _("Du kan kun se og besvare Test praksis for dit eget team.")


def can_set_norm(employee) -> bool:
    """The municipality's norm: set by the jobcentre's leadership (a leader for the whole jobcentre) or by an
    administrator."""
    return employee is not None and ((employee.is_manager and employee.team_id is None) or employee.is_administrator)
