"""Counts above the list read as the user's language writes numbers: 40.974 in Danish, 40,974 in English (the
leader's stalled list once read "40974 sager gået i stå"; the case, company, job, screening, drill-down
and stalled lists share the form)."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation


def _count_line(language):
    page = Paginator([], 25).get_page(1)
    page.paginator.count = 40974  # what a leader's "Alle" holds on the 100,000-case data
    request = RequestFactory().get("/opgaver/gaaet-i-staa/")
    with translation.override(language):
        html = render_to_string("cases/_case_results.html", {"page": page, "filter": None}, request=request)
    return next(line for line in html.splitlines() if 'id="result-count"' in line)


def test_the_count_has_the_languages_thousands_separator():
    assert "40.974 sager" in _count_line("da")
    assert "40,974 cases" in _count_line("en")
