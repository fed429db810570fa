"""The "Match" tab of the case page: openings, small jobs and companies for the citizen. Full access only."""

from django.utils.translation import gettext_lazy as _

from jobspor.cases.permissions import can_change_case, sees_full_case
from jobspor.cases.tabs import CaseTab, register

from . import selectors


def match_tab_context(request, case, employee):
    try:
        found = selectors.citizen_openings(user=request.user, case=case, path=request.get_full_path())
    except selectors.MatchUnavailable as exc:
        return {"match_error": str(exc), "match": None}
    return {"match": found, "match_error": None,
            "match_can_place": can_change_case(employee, case) and not case.closed}


register(CaseTab(key="match", label=_("Match"), template="matching/_tab_match.html", order=25,
                 context=match_tab_context, visible=sees_full_case))
