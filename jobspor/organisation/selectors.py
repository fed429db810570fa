from .models import Employee, Team


def employee_for_user(user) -> Employee | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return Employee.objects.select_related("team__department").get(user=user, is_active=True)
    except Employee.DoesNotExist:
        return None


def employee_list_for_picking():
    """Active employees for a pick list (names and teams only: no personal data)."""
    return Employee.objects.filter(is_active=True).select_related("team").order_by("name")


def team_list():
    return Team.objects.select_related("department").order_by("name")
