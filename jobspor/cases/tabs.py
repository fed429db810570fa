"""The tabs of the case page, declared by the apps that own them.

An app adds a tab in its AppConfig.ready():

    from jobspor.cases.tabs import CaseTab, register
    register(CaseTab(key="plan", label=_("Plan"), template="plans/_tab_plan.html", order=30,
                     context=plan_tab_context, visible=lambda employee, case: True))

Only the open tab's context is computed, so a tab costs nothing until it is opened.
`context(request, case, employee)` returns a dict merged into the page context;
`visible(employee, case)` hides a tab (and refuses ?fane=key) for those who may not see it;
`badge(case)` gives a small count shown next to the label (keep it one cheap query).
"""

from collections.abc import Callable
from dataclasses import dataclass


def _always(employee, case) -> bool:
    return True


@dataclass(frozen=True)
class CaseTab:
    key: str
    label: str
    template: str
    order: int = 100
    context: Callable | None = None
    visible: Callable = _always
    badge: Callable | None = None


_TABS: dict[str, CaseTab] = {}


def register(tab: CaseTab) -> None:
    _TABS[tab.key] = tab


def tabs_for(employee, case) -> list[CaseTab]:
    return [tab for tab in sorted(_TABS.values(), key=lambda t: (t.order, t.key)) if tab.visible(employee, case)]


def all_tabs() -> list[CaseTab]:
    return list(_TABS.values())


# Notices: short warnings shown above the tabs (e.g. a 'Flere skal med' group 3 case without an underretning).
# `notice(employee, case)` returns None or {"text", "level" ("warning"|"info"), "id", "link", "link_text"}.
_NOTICES: list[Callable] = []


def register_notice(notice: Callable) -> None:
    if notice not in _NOTICES:
        _NOTICES.append(notice)


def notices_for(employee, case) -> list[dict]:
    return [found for notice in _NOTICES if (found := notice(employee, case))]


def tab_refusal(employee, case, tab: CaseTab) -> str:
    """Why `tab` is not shown to this viewer, in their own terms (shown on the 403 page)."""
    from django.utils.translation import gettext as _

    from .models import CaseStaff
    from .permissions import sees_full_case

    if employee is None:
        return _("Du er ikke registreret som medarbejder, så du kan ikke se fanen «%(tab)s».") % {"tab": tab.label}
    if not sees_full_case(employee, case):
        if CaseStaff.objects.filter(case_id=case.pk, employee_id=employee.pk, role="mentor").exists():
            return _("Du er tilknyttet sagen som mentor. Som mentor ser du borgerens kontaktoplysninger, planen, "
                     "delmålene og dit eget mentorforløb – ikke fanen «%(tab)s». Den ser kun sagens team og de "
                     "medarbejdere, der arbejder med sagen.") % {"tab": tab.label}
        return _("Fanen «%(tab)s» ser kun sagens team og de medarbejdere, der arbejder med sagen.") % {
            "tab": tab.label}
    return _("Fanen «%(tab)s» er sagens mentors egen visning. Du ser de samme oplysninger under de andre faner.") % {
        "tab": tab.label}
