"""The "Match" tab of the case page: openings, small jobs and companies for the citizen. Full access only."""

from django.utils.translation import gettext_lazy as _

from jobspor.cases.permissions import sees_full_case
from jobspor.cases.tabs import CaseTab, register

from . import selectors


def match_tab_context(request, case, employee):
    try:
        jobs, companies = selectors.citizen_matches(user=request.user, case=case, path=request.get_full_path())
    except selectors.MatchUnavailable as exc:
        return {"match_error": str(exc), "match_near": [], "match_far": [], "match_companies": []}
    near = [m for m in jobs if m.same_municipality]
    far = [m for m in jobs if not m.same_municipality]
    return {"match_near": near, "match_far": far, "match_companies": companies, "match_error": None}


register(CaseTab(key="match", label=_("Match"), template="matching/_tab_match.html", order=25,
                 context=match_tab_context, visible=sees_full_case))
