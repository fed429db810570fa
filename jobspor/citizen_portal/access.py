"""The one way into a Min side page: the logged-in citizen, and only their own data.

Every Min side view is wrapped in `citizen_view`: an anonymous visitor is sent to Min side's login, a login that is
not a citizen's is refused, and the view gets `request.citizen`. Views look up objects *through* request.citizen
(e.g. `get_object_or_404(Placement, pk=pk, case__citizen=request.citizen)`), so another citizen's id is a 404."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from jobspor.audit.services import access_log_write
from jobspor.core.errors import AccessRefused

from .menu import menu_items
from .models import CitizenUser

OWN_PURPOSE = "Borgerens egen visning på Min side"


def citizen_view(view):
    @login_not_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("minside:login"))
        link = CitizenUser.objects.select_related("citizen").filter(user_id=request.user.pk).first()
        if link is None:
            raise AccessRefused("Min side er kun for borgere, der er logget ind med MitID.", logged=False)
        request.citizen = link.citizen
        return view(request, *args, **kwargs)

    return wrapper


def log_own_read(request, *, case_ids=None):
    """The citizen reading their own data is logged like any read (the citizen is the actor), and left out of
    "Hvem har set mine oplysninger", which shows what others looked at."""
    access_log_write(actor=request.user, action="view", purpose=OWN_PURPOSE, citizen_ids=[request.citizen.pk],
                     case_ids=case_ids, path=request.get_full_path())


def portal_context(request, **extra):
    """What every Min side page needs: the citizen (header) and the menu."""
    return {"citizen": request.citizen, "portal_menu": menu_items(), **extra}
