"""One search over the three things a jobformidler looks up all day. Each part reuses its own list's search, so
scoping, Danish folding ("Soren" finds Søren) and the access log are exactly the lists' own."""

from dataclasses import dataclass

from django.http import QueryDict

from jobspor.cases.selectors import case_list_page
from jobspor.companies.selectors import company_list_page
from jobspor.jobs.selectors import job_list_page

MIN_LENGTH = 2


@dataclass
class Results:
    term: str
    cases: list
    cases_total: int
    companies: list
    companies_total: int
    jobs: list
    jobs_total: int

    @property
    def total(self) -> int:
        return self.cases_total + self.companies_total + self.jobs_total


def _params(**values) -> QueryDict:
    params = QueryDict(mutable=True)
    for key, value in values.items():
        params[key] = value
    return params


def search_everything(*, user, term: str, path: str = "") -> Results | None:
    """Cases the user may see (by name, CPR or case id; each citizen shown is logged as a search), companies by name
    or CVR, openings by title or company — the first page of each. None when the term is too short."""
    term = " ".join((term or "").split())[:100]
    if len(term) < MIN_LENGTH:
        return None
    _f, cases = case_list_page(user=user, params=_params(q=term, scope="alle"), path=path)
    _f, companies = company_list_page(params=_params(q=term))
    _f, jobs = job_list_page(params=_params(q=term, status=""))
    return Results(
        term=term,
        cases=list(cases.object_list) if cases else [], cases_total=cases.paginator.count if cases else 0,
        companies=list(companies.object_list) if companies else [],
        companies_total=companies.paginator.count if companies else 0,
        jobs=list(jobs.object_list) if jobs else [], jobs_total=jobs.paginator.count if jobs else 0)
