"""The "Team" page: the team's shared work in one place instead of four menu items (prognoser, sagssparring,
makkerskab, Test praksis), so the menu stays short on a phone."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from jobspor.organisation.selectors import employee_for_user


def team(request):
    employee = employee_for_user(request.user)
    mentor_in_team = employee is not None and employee.team_id and employee.has_role("mentor")
    if employee is None or not (employee.sees_team_cases or employee.is_manager or mentor_in_team):
        raise PermissionDenied
    in_pair = employee.has_role("jobformidler") or employee.has_role("myndighedssagsbehandler")
    return render(request, "core/team.html", {
        "nav": "team", "employee": employee, "team_work": employee.sees_team_cases or employee.is_manager,
        "in_pair": in_pair, "checklist": bool(employee.team_id) or employee.is_manager})
