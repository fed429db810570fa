"""Reads of the CV. The case page has already checked that the user may see the case; these functions also
refuse those who see the case only as its mentor, and write the access log before returning the CV."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.permissions import sees_full_case
from jobspor.organisation.selectors import employee_for_user

from .choices import ItemKind
from .models import Cv, CvExperience, CvItem, CvJobGoal, CvStatement

PURPOSE_CV = "CV"
PURPOSE_PRINT = "Udskrift af CV"


def _cv_query():
    return Cv.objects.prefetch_related(
        Prefetch("items", queryset=CvItem.objects.order_by("kind", "position", "id")),
        Prefetch("experience", queryset=CvExperience.objects.order_by("-start", "-id")),
        Prefetch("job_goals", queryset=CvJobGoal.objects.order_by("-set_on", "-id")),
        "languages",
        Prefetch("statements", queryset=CvStatement.objects.order_by("-given_on", "-id")),
    )


def cv_for_case(*, user, case, path="", action=Action.VIEW, purpose=PURPOSE_CV) -> "CvView":
    """The CV of the case's citizen (empty if none yet), logged as read."""
    if not sees_full_case(employee_for_user(user), case):
        access_log_write(actor=user, action=Action.DENIED, purpose=purpose, citizen_ids=[case.citizen_id],
                         case_ids=[case.pk], path=path)
        raise PermissionDenied
    access_log_write(actor=user, action=action, purpose=purpose, citizen_ids=[case.citizen_id],
                     case_ids=[case.pk], path=path)
    return CvView(_cv_query().filter(citizen_id=case.citizen_id).first())


class CvView:
    """The CV arranged for showing: items by kind, in their order. Works for a citizen without a CV."""

    def __init__(self, cv: Cv | None):
        self.cv = cv
        items = list(cv.items.all()) if cv else []
        self.by_kind = {kind: [i for i in items if i.kind == kind] for kind in ItemKind.values}
        self.tasks = self.by_kind[ItemKind.TASK]
        self.competencies = self.by_kind[ItemKind.COMPETENCY]
        self.job_wishes = self.by_kind[ItemKind.JOB_WISH]
        self.accommodations = self.by_kind[ItemKind.ACCOMMODATION]
        self.experience = list(cv.experience.all()) if cv else []
        self.job_goals = list(cv.job_goals.all()) if cv else []
        self.languages = list(cv.languages.all()) if cv else []
        self.statements = list(cv.statements.all()) if cv else []

    def __bool__(self):
        return self.cv is not None

    def __getattr__(self, name):  # hours, mobility: the CV's own fields (None without a CV)
        cv = self.__dict__.get("cv")
        return getattr(cv, name) if cv is not None else None
