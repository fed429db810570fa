from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render


def home(request):
    return redirect("cases:list")


@login_not_required
def permission_denied(request, exception=None):
    from .errors import AccessRefused

    refused = isinstance(exception, AccessRefused)
    return render(request, "403.html", {"reason": exception.reason if refused else None,
                                        "logged": exception.logged if refused else True}, status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request):
    return render(request, "500.html", status=500)
