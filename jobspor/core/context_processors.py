from jobspor.organisation.selectors import employee_for_user


def employee(request):
    """The logged-in staff member (or None) for the page header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"current_employee": None}
    if not hasattr(request, "_employee_cache"):
        request._employee_cache = employee_for_user(user)
    return {"current_employee": request._employee_cache}
