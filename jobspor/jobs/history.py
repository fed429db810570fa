"""jobs' part of the company page: the openings tab, the history of filled openings, the activity score."""

from django.utils.translation import gettext_lazy as _

from jobspor.companies import activity
from jobspor.companies.history import HistorySection
from jobspor.companies.history import register as register_history
from jobspor.companies.tabs import CompanyTab
from jobspor.companies.tabs import register as register_tab

from . import selectors


def _openings_tab(request, company, employee):
    return {"openings": selectors.company_openings(company=company)}


def _filled_history(user, company, path):
    return selectors.filled_history(user=user, company=company, path=path)


register_tab(CompanyTab(key="jobaabninger", label=_("Jobåbninger"), template="jobs/_company_tab.html", order=40,
                        context=_openings_tab))
register_history(HistorySection(key="openings", label=_("Besatte jobåbninger"), template="jobs/_history.html",
                                order=10, context=_filled_history))
activity.register_source(selectors.opening_points)
