from .models import Employee, Team


def employee_for_user(user) -> Employee | None:
    """The active employee behind a login (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if "_jobspor_employee" not in user.__dict__:
        user.__dict__["_jobspor_employee"] = (
            Employee.objects.select_related("team__department").filter(user=user, is_active=True).first())
    return user.__dict__["_jobspor_employee"]


def employee_list_for_picking():
    """Active employees for a pick list (names and teams only: no personal data)."""
    return Employee.objects.filter(is_active=True).select_related("team").order_by("name")


def team_list():
    return Team.objects.select_related("department").order_by("name")
