"""Keep citizens, company users and staff each in their own part of the site.

Checked on the URL's namespace before any view runs, so no staff view has to remember that a portal user might
call it, and no portal view can be reached with a staff login (staff read a citizen's data through the case, where
access is scoped and logged)."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from jobspor.core.errors import AccessRefused

from .identity import PORTAL_NAMESPACES, PUBLIC_NAMESPACES, PUBLIC_URL_NAMES, Kind, user_kind

PORTAL_HOME = {Kind.CITIZEN: "minside:home", Kind.COMPANY: "virk:home"}


class PortalSeparationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            match = resolve(request.path_info)
        except (Resolver404, Http404):  # pragma: no cover - process_view runs only for resolved URLs
            return None
        namespace = match.namespaces[0] if match.namespaces else ""
        if match.view_name in PUBLIC_URL_NAMES or namespace in PUBLIC_NAMESPACES:
            return None
        kind = user_kind(request.user)
        portal_of_url = next((k for k, ns in PORTAL_NAMESPACES.items() if ns == namespace), None)
        if kind is None:
            return None  # anonymous: staff pages send to the staff login, portal pages to their own login
        if kind == Kind.STAFF:
            if portal_of_url is not None:
                raise AccessRefused(
                    "Siden hører til selvbetjeningen for borgere og virksomheder. Som medarbejder ser du "
                    "borgerens oplysninger på sagen.", logged=False)
            return None
        if portal_of_url == kind:
            return None
        if request.method in ("GET", "HEAD") and match.view_name == "home":
            return redirect(PORTAL_HOME[kind])
        raise AccessRefused("Siden er kun for jobcentrets medarbejdere.", logged=False)
