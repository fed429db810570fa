"""Login throttling (issue 15.4a). django-axes counts failures per user name AND source address
(AXES_LOCKOUT_PARAMETERS), so a wrong password typed from outside never locks a colleague out at the office.
Against password spraying — one or two guesses at many user names from one address — the failures from one
address across all user names are summed here and that address is refused above JOBSPOR_LOGIN_IP_FAILURE_LIMIT
(high, because a whole jobcentre may sit behind one address). Wrong second-factor codes count as failures too."""

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db.models import Sum
from django.utils import timezone


def ip_failure_limit() -> int:
    return int(getattr(settings, "JOBSPOR_LOGIN_IP_FAILURE_LIMIT", 50))


def address_of(request) -> str:
    return get_client_ip_address(request) if request is not None else ""


def address_blocked(request) -> bool:
    """True if the failures from this address within the cool-off period reach the limit."""
    address = address_of(request)
    if not address:
        return False
    since = timezone.now() - get_cool_off(request)
    failures = (AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
                .aggregate(n=Sum("failures_since_start"))["n"] or 0)
    return failures >= ip_failure_limit()


def second_factor_failed(request, username: str) -> None:
    """A wrong one-time code: counted by axes like a wrong password for this user name from this address."""
    user_login_failed.send(sender=__name__, credentials={"username": username}, request=request)
