"""The one way into a Virksomhedsindgang page: the logged-in company user, and only their own company's data.

Views look objects up through request.company (e.g. `get_object_or_404(Job, pk=pk, company=request.company)`),
so another CVR's id is a 404. `company_view(right="can_sign")` also requires a right given by the company."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from jobspor.core.errors import AccessRefused

from .menu import menu_items
from .models import CompanyUser

RIGHT_REFUSALS = {
    "can_sign": "Du har ikke ret til at underskrive arbejdsaftaler for virksomheden. Spørg virksomhedens "
                "administrator.",
    "can_report_hours": "Du har ikke ret til at indberette timer for virksomheden. Spørg virksomhedens "
                        "administrator.",
    "is_admin": "Kun virksomhedens administrator kan det.",
}


def company_view(view=None, *, right: str | None = None):
    def decorate(func):
        @login_not_required
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("virk:login"))
            link = (CompanyUser.objects.select_related("company__owner").filter(user_id=request.user.pk,
                                                                                  is_active=True).first())
            if link is None:
                raise AccessRefused("Virksomhedsindgangen er kun for virksomheder, der er logget ind med "
                                    "MitID Erhverv.", logged=False)
            if right and not getattr(link, right):
                raise AccessRefused(RIGHT_REFUSALS[right], logged=False)
            request.company_user = link
            request.company = link.company
            return func(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


def portal_context(request, **extra):
    return {"company_user": request.company_user, "company": request.company, "portal_menu": menu_items(),
            **extra}
