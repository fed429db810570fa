def can_see_team_forecast(employee) -> bool:
    """Leaders and staff with a team role (they see their team's cases); not mentors or administrators."""
    return employee is not None and (employee.sees_team_cases or employee.is_manager)
