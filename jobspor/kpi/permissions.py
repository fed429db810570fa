"""Whose goals a leader sets: those of their own unit.

A leader's unit is their department (every team in it and its employees), or their team when the team belongs
to no department; a leader with no team leads the whole jobcentre. Goals for the whole jobcentre are set by
that leader only.
"""

from django.utils.translation import gettext as _

from jobspor.cases.permissions import visible_team_ids

from .models import GoalLevel


def unit_name(employee) -> str:
    if employee.team_id is None:
        return _("hele jobcentret")
    if employee.team.department_id:
        return employee.team.department.name
    return employee.team.name


def goal_in_unit(employee, *, level, department=None, team=None, employee_of_goal=None) -> bool:
    if employee is None or not employee.is_manager:
        return False
    if employee.team_id is None:
        return True
    teams = set(visible_team_ids(employee))
    if level == GoalLevel.DEPARTMENT:
        return department is not None and department.pk == employee.team.department_id
    if level == GoalLevel.TEAM:
        return team is not None and team.pk in teams
    if level == GoalLevel.EMPLOYEE:
        return employee_of_goal is not None and employee_of_goal.team_id in teams
    return False  # the whole jobcentre


def can_change_goal(employee, goal) -> bool:
    return goal_in_unit(employee, level=goal.level, department=goal.department, team=goal.team,
                        employee_of_goal=goal.employee)


def outside_unit_message(employee) -> str:
    return _("Du kan kun sætte og ændre mål for din egen enhed (%(unit)s).") % {"unit": unit_name(employee)}


def goal_refusal(employee, goal) -> str:
    return _("Målet «%(title)s» gælder ikke din enhed, så du kan ikke ændre eller slette det. "
             "Du kan kun sætte og ændre mål for din egen enhed (%(unit)s).") % {
        "title": goal.title, "unit": unit_name(employee)}
