"""Reads of case data. Every function takes the user, scopes rows to what the user may see and writes
the access log before returning citizen data (no log, no data)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404

from jobspor.assessments.models import Assessment
from jobspor.audit.models import Event
from jobspor.audit.presentation import event_lines, event_rows, event_sentence
from jobspor.audit.services import access_log_write
from jobspor.audit.subjects import subject_set, tab_subject
from jobspor.audit.verbs import Action
from jobspor.citizens.search import name_candidates, name_search_q
from jobspor.core.errors import AccessRefused
from jobspor.organisation.models import Team
from jobspor.organisation.selectors import employee_for_user

from .filters import CaseFilter, case_search_q, cpr_search_q
from .models import Case, CaseStaff
from .permissions import can_reveal_cpr, case_scope_q, cpr_refusal
from .tabs import all_tabs, tab_refusal

PURPOSE_CASEWORK = "Sagsbehandling"


def cases_visible(*, user):
    employee = employee_for_user(user)
    return Case.objects.filter(case_scope_q(employee))


def case_list_page(*, user, params, path=""):
    """The case list: filtered, sorted, paginated; every citizen shown is logged."""
    employee = employee_for_user(user)
    params = params.copy()
    params.setdefault("scope", "mine")
    queryset = (
        Case.objects.filter(case_scope_q(employee))
        .select_related("citizen", "citizen__postal_code", "team")
        .prefetch_related(Prefetch("staff", queryset=CaseStaff.objects.filter(is_primary=True)
                                   .select_related("employee"), to_attr="primary_links"))
    )
    case_filter = CaseFilter(params, queryset=queryset, employee=employee)
    if not case_filter.is_valid():
        return case_filter, None
    paginator = Paginator(case_filter.qs.distinct() if params.get("primary_contact") else case_filter.qs,
                          settings.JOBSPOR_PAGE_SIZE)
    page = paginator.get_page(params.get("side"))
    cases = list(page.object_list)
    page.object_list = cases
    query = (params.get("q") or "").strip()
    access_log_write(
        actor=user, action=Action.SEARCH if query else Action.LIST, purpose=PURPOSE_CASEWORK,
        citizen_ids=[c.citizen_id for c in cases], case_ids=[c.pk for c in cases],
        query=_criteria(params), path=path,
    )
    return case_filter, page


# The search field of every page shows the best few cases and counts the rest only this far ("over 100").
SEARCH_SHOWN = 10
SEARCH_COUNT_CAP = 100
# How many name words the first pass walks before it looks further (a leader sees most of 100,000 cases, so a
# common prefix such as "jens" fills the list from the first few hundred; a mentor sees few, so it may take all).
_FIRST_WALK = 300


def case_search(*, user, term: str, path="", shown=SEARCH_SHOWN) -> tuple[list[Case], int]:
    """The cases the user may see that match `term` (as the case list's search: CPR number, case id, the beginning
    of each name word, Danish letters folded), best first: CPR and case-id hits, then by the matching name word
    ("jens": every Jens before any Jensen), newest case first for the same citizen. Returns the cases (at most
    `shown`, each logged as a search) and how many match, counted up to SEARCH_COUNT_CAP + 1.

    Bounded work on 100,000 cases: the name words are walked in index order and only as far as needed, never
    "find every match, then sort" (a prefix like "jens" matches 8,000 citizens)."""
    employee = employee_for_user(user)
    visible = Case.objects.filter(case_scope_q(employee))
    ranked: list[int] = []
    exhausted = False
    by_cpr = cpr_search_q(term)
    if by_cpr is not None:
        ranked = list(visible.filter(by_cpr).order_by("-opened", "-id").values_list("pk", flat=True)[:shown])
    else:
        ranked = list(visible.filter(external_id__in={term, term.upper()}).values_list("pk", flat=True))
        for limit in (_FIRST_WALK, _FIRST_WALK * 10, None):
            citizens = name_candidates(term, limit=limit)
            exhausted = limit is None or len(citizens) < limit
            place = {pk: i for i, pk in enumerate(citizens)}
            rows = (visible.filter(citizen_id__in=citizens) if limit is not None
                    else visible.filter(name_search_q(term) or Q(pk__in=[])))
            found = sorted(rows.exclude(pk__in=ranked).order_by().values_list("pk", "citizen_id", "opened"),
                           key=lambda r: (place.get(r[1], len(place)), -r[2].toordinal(), -r[0]))
            if len(ranked) + len(found) >= shown or exhausted:
                ranked += [pk for pk, _c, _o in found]
                break
    total = len(ranked) if exhausted or by_cpr is not None and len(ranked) < shown else (
        visible.filter(case_search_q(term)).order_by()[:SEARCH_COUNT_CAP + 1].count())  # no sort: stop at the cap
    ranked = ranked[:shown]
    rows = Case.objects.select_related("citizen").in_bulk(ranked)
    cases = [rows[pk] for pk in ranked]
    access_log_write(actor=user, action=Action.SEARCH, purpose=PURPOSE_CASEWORK,
                     citizen_ids=[c.citizen_id for c in cases], case_ids=[c.pk for c in cases],
                     query=f"q={term} scope=alle", path=path)
    return cases, total


def _criteria(params) -> str:
    keys = ["q", "scope", "target_group", "benefit", "primary_contact", "status", "order"]
    return " ".join(f"{k}={params.get(k)}" for k in keys if params.get(k))


def _case_in_scope(*, user, pk, path, purpose, subject) -> Case:
    """The case, if the user may see it; a refused attempt is logged and raises PermissionDenied."""
    case = Case.objects.select_related("citizen", "citizen__postal_code", "team__department").filter(pk=pk).first()
    if case is None:
        raise Http404
    employee = employee_for_user(user)
    if not Case.objects.filter(case_scope_q(employee), pk=pk).exists():
        access_log_write(actor=user, action=Action.DENIED, purpose=purpose, citizen_ids=[case.citizen_id],
                         case_ids=[case.pk], path=path, subject=subject)
        raise PermissionDenied
    return case


def case_get(*, user, pk, path="", purpose=PURPOSE_CASEWORK, action=Action.VIEW, subject=None) -> Case:
    """One case the user may see. A refused attempt is logged and raises PermissionDenied.
    `subject` is what is read (audit.subjects; by default the page's URL name)."""
    case = _case_in_scope(user=user, pk=pk, path=path, purpose=purpose, subject=subject)
    access_log_write(actor=user, action=action, purpose=purpose, citizen_ids=[case.citizen_id],
                     case_ids=[case.pk], path=path, subject=subject)
    return case


def case_tab_get(*, user, pk, tab_key, path="") -> Case:
    """The case for its page with one tab open; the tab is what the access log says was read. A tab that
    exists but is not for this viewer (a mentor asking for the journal) is refused with the reason, and logged."""
    tab = next((t for t in all_tabs() if t.key == tab_key), None)
    subject = tab_subject(tab.key if tab else "overblik")
    case = _case_in_scope(user=user, pk=pk, path=path, purpose=PURPOSE_CASEWORK, subject=subject)
    employee = employee_for_user(user)
    if tab is not None and not tab.visible(employee, case):
        access_log_write(actor=user, action=Action.DENIED, purpose=PURPOSE_CASEWORK, citizen_ids=[case.citizen_id],
                         case_ids=[case.pk], path=path, subject=subject)
        raise AccessRefused(tab_refusal(employee, case, tab))
    access_log_write(actor=user, action=Action.VIEW, purpose=PURPOSE_CASEWORK, citizen_ids=[case.citizen_id],
                     case_ids=[case.pk], path=path, subject=subject)
    subject_set(subject)
    return case


def case_staff(*, case):
    return list(CaseStaff.objects.filter(case=case).select_related("employee__team"))


def case_assessments(*, case):
    return list(Assessment.objects.filter(case=case).select_related("assessed_by__employee")
                .order_by("-assessed_at", "-id"))


def case_history(*, case, limit=200):
    """Change history of the case and its citizen, in Danish (events never hold a CPR number)."""

    events = list(Event.objects.filter(Q(case_id=case.pk) | Q(citizen_id=case.citizen_id, case_id__isnull=True))
                  .order_by("-at", "-id")[:limit])
    teams = dict(Team.objects.values_list("pk", "name"))
    for event in events:
        event.rows = event_rows(event, teams)
        event.sentence, event.lines = event_sentence(event), event_lines(event, teams)
    return events


def citizen_cpr_reveal(*, user, case_pk, path="") -> str:
    """The full CPR number, for those whose work on the case needs it (never a mentor); logged either way."""
    purpose = "Visning af fuldt CPR-nummer"
    case = _case_in_scope(user=user, pk=case_pk, path=path, purpose=purpose, subject=None)
    employee = employee_for_user(user)
    if not can_reveal_cpr(employee, case):
        access_log_write(actor=user, action=Action.DENIED, purpose=purpose, citizen_ids=[case.citizen_id],
                         case_ids=[case.pk], path=path)
        raise AccessRefused(cpr_refusal(employee, case))
    access_log_write(actor=user, action=Action.CPR_REVEAL, purpose=purpose, citizen_ids=[case.citizen_id],
                     case_ids=[case.pk], path=path)
    return case.citizen.cpr


PURPOSE_CASE_CREATE = "Oprettelse af sag"


def citizen_for_new_case(*, user, cpr, path=""):
    """The citizen a new case with this CPR number would belong to (None: a new citizen).

    A CPR number is not a key to someone else's case: if the citizen has an active case the user may not see,
    and the user sees none of the citizen's cases, the attempt is logged and refused with a Danish message
    naming the unit to ask for a transfer. Nothing about the citizen is returned or shown."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from jobspor.citizens.models import Citizen

    citizen = Citizen.objects.filter(cpr=cpr).first()
    if citizen is None:
        return None
    employee = employee_for_user(user)
    cases = Case.objects.filter(citizen=citizen)
    if cases.filter(case_scope_q(employee)).exists():
        return citizen
    elsewhere = list(cases.filter(closed__isnull=True).select_related("team__department").order_by("opened", "pk"))
    if not elsewhere:
        return citizen
    access_log_write(actor=user, action=Action.DENIED, purpose=PURPOSE_CASE_CREATE, citizen_ids=[citizen.pk] *
                     len(elsewhere), case_ids=[c.pk for c in elsewhere], path=path)
    units = list(dict.fromkeys(_unit_name(c.team) for c in elsewhere))
    raise ValidationError({"cpr": _(
        "Borgeren med dette CPR-nummer har allerede en aktiv sag i %(units)s, som du ikke har adgang til. "
        "Du kan derfor ikke oprette en sag til borgeren. Bed %(units)s om at overdrage sagen, hvis borgeren skal "
        "følges af dig. Forsøget er registreret i adgangsloggen.") % {"units": ", ".join(units)}})


def _unit_name(team) -> str:
    from django.utils.translation import gettext as _

    if team is None:
        return _("en anden enhed (spørg din leder)")
    if team.department_id:
        return f"{team.name} ({team.department.name})"
    return team.name
