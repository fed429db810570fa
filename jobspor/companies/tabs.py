"""The tabs of the company page, declared by the apps that own them (as cases/tabs.py does for the case page).

    from jobspor.companies.tabs import CompanyTab, register
    register(CompanyTab(key="jobaabninger", label=_("Jobåbninger"), template="jobs/_company_tab.html",
                        order=40, context=lambda request, company, employee: {...}))
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CompanyTab:
    key: str
    label: str
    template: str
    order: int = 100
    context: Callable | None = None


_TABS: dict[str, CompanyTab] = {}


def register(tab: CompanyTab) -> None:
    _TABS[tab.key] = tab


def all_tabs() -> list[CompanyTab]:
    return sorted(_TABS.values(), key=lambda t: (t.order, t.key))
