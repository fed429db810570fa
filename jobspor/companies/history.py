"""The sections of a company's history, declared by the apps that own them (visible to every staff member).

An app adds a section in its AppConfig.ready():

    from jobspor.companies.history import HistorySection, register
    register(HistorySection(key="openings", label=_("Besatte jobåbninger"), template="jobs/_history.html",
                            order=10, context=openings_history))

`context(user, company, path)` returns the section's context. It must show a citizen's name only where the
viewer may see that citizen's case (citizen_label) and log the names it shows (log_names_shown).
jobs registers the filled openings; placements (issue 5) should register the placements that gave ordinary
hours and the tasks those hours were for, in the same way."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.models import Case
from jobspor.cases.permissions import case_scope_q
from jobspor.organisation.selectors import employee_for_user

PURPOSE_COMPANY_HISTORY = "Virksomhedens historik"
A_CITIZEN = _("en borger")


@dataclass(frozen=True)
class HistorySection:
    key: str
    label: str
    template: str
    context: Callable
    order: int = 100


_SECTIONS: dict[str, HistorySection] = {}


def register(section: HistorySection) -> None:
    _SECTIONS[section.key] = section


def sections() -> list[HistorySection]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def visible_case_ids(user, case_ids) -> set[int]:
    """Those of `case_ids` the user may see (one query)."""
    ids = {pk for pk in case_ids if pk}
    if not ids:
        return set()
    return set(Case.objects.filter(case_scope_q(employee_for_user(user)), pk__in=ids).values_list("pk", flat=True))


def log_names_shown(*, user, pairs, path="") -> None:
    """Log the citizens whose names are shown: pairs of (citizen_id, case_id). Raises AuditUnavailable."""
    pairs = sorted(set(pairs))
    if pairs:
        access_log_write(actor=user, action=Action.LIST, purpose=PURPOSE_COMPANY_HISTORY,
                         citizen_ids=[c for c, _k in pairs], case_ids=[k for _c, k in pairs], path=path)
