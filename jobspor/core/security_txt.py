"""/.well-known/security.txt (RFC 9116): whom to tell about a vulnerability, and the policy for doing so.

The contact is the operator's (JOBSPOR_SECURITY_CONTACT, a mailto: or https: URL): without one the file is not
served, and `jobspor check --deploy` says so (jobspor/core/checks.py)."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


def expires(now=None) -> datetime:
    """The configured expiry (an ISO date or date-time), else a year less a day from now: RFC 9116 wants it less
    than a year ahead, and the file is made from the settings in force, so it is as fresh as the installation."""
    configured = getattr(settings, "JOBSPOR_SECURITY_TXT_EXPIRES", "")
    if configured:
        value = datetime.fromisoformat(configured)
        return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)
    now = now or timezone.now()
    return (now + timedelta(days=364)).replace(microsecond=0)


def security_txt_body(request) -> str:
    contact = settings.JOBSPOR_SECURITY_CONTACT
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires().astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: da, en",
        f"Policy: {request.build_absolute_uri(reverse('security_policy'))}",
        f"Canonical: {request.build_absolute_uri(reverse('security_txt'))}",
    ]
    return "\n".join(lines) + "\n"


@login_not_required
@require_GET
@cache_control(max_age=3600, public=True)
def security_txt(request):
    if not getattr(settings, "JOBSPOR_SECURITY_CONTACT", ""):
        raise Http404("JOBSPOR_SECURITY_CONTACT is not set")
    return HttpResponse(security_txt_body(request), content_type="text/plain; charset=utf-8")


@login_not_required
@require_GET
@cache_control(max_age=3600, public=True)
def security_policy(request):
    """How to report a vulnerability (Danish and English), the same as SECURITY.md of the source."""
    body = render_to_string("core/security_policy.txt", {"contact": settings.JOBSPOR_SECURITY_CONTACT})
    return HttpResponse(body, content_type="text/plain; charset=utf-8")
