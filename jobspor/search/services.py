"""One search over the three things a jobformidler looks up all day. Each part uses its own list's search (the
same Q: cases.filters.case_search_q, companies.filters.company_search_q, jobs.filters.job_search_q), so matching and
Danish folding ("Soren" finds Søren) are exactly the lists'; cases are scoped and logged by cases.selectors.

Fast on 100,000 cases: each group shows its best few rows and counts the rest only up to a cap ("over 100"); the
full list is one click away. No list page (filter form, paginator, full count) is built."""

from dataclasses import dataclass

from jobspor.cases.selectors import SEARCH_COUNT_CAP, SEARCH_SHOWN, case_search
from jobspor.companies.filters import company_search_q
from jobspor.companies.models import Company
from jobspor.jobs.filters import job_search_q
from jobspor.jobs.models import JobOpening

MIN_LENGTH = 2
SHOWN = SEARCH_SHOWN
COUNT_CAP = SEARCH_COUNT_CAP


@dataclass
class Results:
    term: str
    cases: list
    cases_total: int
    companies: list
    companies_total: int
    jobs: list
    jobs_total: int
    cap: int = COUNT_CAP

    @property
    def total(self) -> int:
        return self.cases_total + self.companies_total + self.jobs_total

    @property
    def capped(self) -> bool:
        """A group has more than `cap` hits: its count (and the total) says "over"."""
        return max(self.cases_total, self.companies_total, self.jobs_total) > self.cap


def _first_and_count(queryset, shown: int) -> tuple[list, int]:
    rows = list(queryset[:shown])
    return rows, len(rows) if len(rows) < shown else queryset.order_by()[:COUNT_CAP + 1].count()


def search_everything(*, user, term: str, path: str = "") -> Results | None:
    """Cases the user may see (by name, CPR or case id; each citizen shown is logged as a search), companies by name
    or CVR, openings by title or company — the best few of each. None when the term is too short."""
    term = " ".join((term or "").split())[:100]
    if len(term) < MIN_LENGTH:
        return None
    cases, cases_total = case_search(user=user, term=term, path=path, shown=SHOWN)
    companies, companies_total = _first_and_count(
        Company.objects.filter(company_search_q(term)).select_related("postal_code").order_by("search_name", "id"),
        SHOWN)
    jobs, jobs_total = _first_and_count(
        JobOpening.objects.filter(job_search_q(term)).select_related("company").order_by("deadline", "-posted", "id"),
        SHOWN)
    return Results(term=term, cases=cases, cases_total=cases_total, companies=companies,
                   companies_total=companies_total, jobs=jobs, jobs_total=jobs_total, cap=COUNT_CAP)
