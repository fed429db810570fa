"""The CV tab of the case page (see jobspor.cases.tabs). Mentors do not see it."""

from django.utils.translation import gettext_lazy as _

from jobspor.cases.permissions import sees_full_case
from jobspor.cases.tabs import CaseTab, register

from .views import cv_tab_context

register(CaseTab(key="cv", label=_("CV"), template="cv/_tab_cv.html", order=20, context=cv_tab_context,
                 visible=sees_full_case))
