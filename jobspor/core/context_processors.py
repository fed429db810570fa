from jobspor.organisation.selectors import employee_for_user


def employee(request):
    """The logged-in staff member (or None) for the page header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_employee": None}
    return {"current_employee": employee_for_user(user)}
