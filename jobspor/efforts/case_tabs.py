"""The "Indsatser" tab (parallel efforts, rehabilitation team, underretninger; full access only: health and
social data) and the warning on a 'Flere skal med' group 3 case without an underretning."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.permissions import can_change_case, sees_full_case
from jobspor.cases.tabs import CaseTab, register, register_notice

from . import selectors
from .forms import EffortForm, NotificationForm, RehabForm
from .models import ParallelEffort


def _context(request, case, employee):
    return {
        "efforts": selectors.case_efforts(case=case),
        "rehab": selectors.case_rehab_recommendations(case=case),
        "notifications": selectors.case_notifications(case=case),
        "missing_notification": selectors.needs_notification(case),
        "effort_form": EffortForm(),
        "rehab_form": RehabForm(initial={"date": timezone.localdate()}),
        "notification_form": NotificationForm(initial={"date": timezone.localdate(),
                                                       "recipient": _("Socialafdelingen, Børn og Familie")}),
        "can_write_efforts": can_change_case(employee, case),
    }


def _badge(case):
    return ParallelEffort.objects.filter(case=case).exclude(status="afsluttet").aggregate(n=Count("pk"))["n"]


def _notification_notice(employee, case):
    if case.closed is None and sees_full_case(employee, case) and selectors.needs_notification(case):
        return {"level": "warning", "id": "notice-underretning",
                "text": _("Borgeren er visiteret til 'Flere skal med'-gruppe 3 (kan ikke deltage nu), men der er "
                          "ikke registreret en underretning til socialforvaltningen."),
                "link": "?fane=indsatser#underretning", "link_text": _("Registrér underretning")}
    return None


register(CaseTab(key="indsatser", label=_("Indsatser"), template="efforts/_tab_efforts.html", order=60,
                 context=_context, visible=sees_full_case, badge=_badge))
register_notice(_notification_notice)
