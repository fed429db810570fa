"""The "Breve" tab of the case page (see jobspor.cases.tabs): the case's letters with their status, new letters,
and what failed to send (with the reason and "Prøv igen"). Mentors do not see it."""

from django.utils.translation import gettext_lazy as _

from jobspor.cases.permissions import sees_full_case
from jobspor.cases.tabs import CaseTab, register, register_notice


def _context(request, case, employee):
    from .views import tab_context

    return tab_context(request, case, employee)


def _badge(case):
    from .models import Letter

    return Letter.objects.filter(case=case).count() or None


def _failed_notice(employee, case):
    """A letter that could not be sent shows above the tabs, so it is not missed."""
    from django.urls import reverse

    from .choices import LetterStatus
    from .models import Letter

    if employee is None or not sees_full_case(employee, case):
        return None
    failed = Letter.objects.filter(case=case, status=LetterStatus.FAILED).count()
    if not failed:
        return None
    from django.utils.translation import ngettext

    return {"text": ngettext("%(n)d brev kunne ikke sendes og venter i udbakken.",
                             "%(n)d breve kunne ikke sendes og venter i udbakken.", failed) % {"n": failed},
            "level": "warning", "id": "letters-failed",
            "link": reverse("cases:detail", args=[case.pk]) + "?fane=breve", "link_text": _("Se brevene")}


register(CaseTab(key="breve", label=_("Breve"), template="letters/_tab_letters.html", order=72,
                 context=_context, visible=sees_full_case, badge=_badge))
register_notice(_failed_notice)
