"""POST-only form endpoints that re-render their form at their own URL when a save fails (status 400).

The browser's address bar then shows the POST URL; reloading it, or following it from the history, is a GET.
`post_form(to)` answers that GET by sending the user to the page that holds the form instead of a blank 405."""

from functools import wraps

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse


def post_form(to):
    """`to(**url_kwargs)` gives the URL of the page that holds the form."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                return view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD"):
                return redirect(to(**kwargs))
            return HttpResponseNotAllowed(["POST"])

        return wrapper

    return decorator


def case_tab(tab):
    """The case page's tab, for views under /sag/<pk>/…."""
    return lambda pk, **_kwargs: f"{reverse('cases:detail', args=[pk])}?fane={tab}"


def company_tab(tab):
    return lambda pk, **_kwargs: f"{reverse('companies:detail', args=[pk])}?fane={tab}"
