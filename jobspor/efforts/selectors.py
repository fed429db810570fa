"""Reads of parallel efforts (health and social data: full case access only; the case page logs the view)."""

from django.db.models import Exists, OuterRef

from jobspor.cases.choices import FsmGroup
from jobspor.cases.models import Case

from .models import Notification, ParallelEffort, RehabRecommendation


def case_efforts(*, case):
    return list(ParallelEffort.objects.filter(case=case).order_by("status", "-start", "-id"))


def case_rehab_recommendations(*, case):
    return list(RehabRecommendation.objects.filter(case=case).order_by("-date", "-id"))


def case_notifications(*, case):
    return list(Notification.objects.filter(case=case).order_by("-date", "-id"))


def needs_notification(case) -> bool:
    """A 'Flere skal med' group 3 case (cannot take part now) without a recorded underretning."""
    return case.fsm_group == FsmGroup.CANNOT_TAKE_PART and not Notification.objects.filter(case=case).exists()


def cases_missing_notification():
    """Active group 3 cases with no underretning (for lists and reports)."""
    return Case.objects.filter(closed__isnull=True, fsm_group=FsmGroup.CANNOT_TAKE_PART).exclude(
        Exists(Notification.objects.filter(case=OuterRef("pk"))))
