"""Reads of contacts, journal notes, planned actions and stalled cases. Every function takes the user (or
the employee), scopes rows with the case permission helpers, and pages that show citizens log them."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils import timezone

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.models import Case, CaseStaff
from jobspor.cases.permissions import can_change_case, case_scope_q, sees_full_case
from jobspor.organisation.selectors import employee_for_user

from .models import Contact, NoteVersion, PlannedAction, StandardText

PURPOSE_JOURNAL = "Journal og kontakter"
PURPOSE_STALLED = "Sager gået i stå"
STALLED_DAYS = 30  # the default of settings.JOBSPOR_STALLED_DAYS (kpi.md); read it through stalled_days()


def stalled_days() -> int:
    """No contact for this many days: stalled (settings.JOBSPOR_STALLED_DAYS, default 30 as kpi.md)."""
    return getattr(settings, "JOBSPOR_STALLED_DAYS", STALLED_DAYS)


def stalled_before_placement_days() -> int:
    """Before the citizen is in a company placement, no contact for this many days is already stalled (seed 004:
    weekly contact until the placement; settings.JOBSPOR_STALLED_BEFORE_PLACEMENT_DAYS, default 7)."""
    return getattr(settings, "JOBSPOR_STALLED_BEFORE_PLACEMENT_DAYS", 7)


def in_company_placement_q(on: dt.date, prefix: str = "") -> Exists:
    """The case has a company placement (kpi.md's kinds) running on `on`."""
    from jobspor.kpi.engine import COMPANY_PLACEMENT_KINDS
    from jobspor.placements.models import Placement

    return Exists(Placement.objects.filter(Q(end__isnull=True) | Q(end__gte=on), case_id=OuterRef(f"{prefix}pk"),
                                           kind__in=COMPANY_PLACEMENT_KINDS, start__lte=on))


def awaits_placement(case, on: dt.date) -> bool:
    """Whether the weekly-contact rule applies to the case on `on`: active, not 'Flere skal med' group 3 (who
    cannot take part now), and not in a company placement."""
    from jobspor.kpi.engine import COMPANY_PLACEMENT_KINDS
    from jobspor.placements.models import Placement

    if case.closed is not None or case.fsm_group == 3:
        return False
    return not Placement.objects.filter(Q(end__isnull=True) | Q(end__gte=on), case_id=case.pk,
                                        kind__in=COMPANY_PLACEMENT_KINDS, start__lte=on).exists()
SEARCH_LIMIT = 8


def case_for_journal(*, user, pk, path="", change=False) -> Case:
    """A case whose journal the user may read (or change): in scope and with full access (never a mentor's).
    A refusal is logged and raises PermissionDenied; a granted read is logged."""
    case = Case.objects.select_related("citizen", "team").filter(pk=pk).first()
    if case is None:
        raise Http404
    employee = employee_for_user(user)
    allowed = (Case.objects.filter(case_scope_q(employee), pk=pk).exists() and sees_full_case(employee, case)
               and (not change or can_change_case(employee, case)))
    access_log_write(actor=user, action=Action.VIEW if allowed else Action.DENIED, purpose=PURPOSE_JOURNAL,
                     citizen_ids=[case.citizen_id], case_ids=[case.pk], path=path)
    if not allowed:
        raise PermissionDenied
    return case


def case_journal(*, case, limit=None):
    """The case's contacts newest first, with the people and earlier note versions (a fixed number of queries)."""
    contacts = (Contact.objects.filter(case=case).select_related("employee")
                .prefetch_related("participants",
                                  Prefetch("earlier_notes", queryset=NoteVersion.objects.order_by("-version")))
                .order_by("-date", "-id"))
    return list(contacts[:limit] if limit else contacts)


def case_actions(*, case):
    return list(PlannedAction.objects.filter(case=case).select_related("owner")
                .order_by("done_on", "due", "id"))


def case_staff_employees(*, case):
    return [link.employee for link in CaseStaff.objects.filter(case=case).select_related("employee")
            .order_by("-is_primary", "employee__name")]


def standard_text_search(*, query: str, limit=SEARCH_LIMIT):
    """Active standard texts whose title, search words or text contain every word of the query ("//" may lead).
    Title matches first. Standard texts hold no citizen data."""
    words = [w for w in query.replace("//", " ").casefold().split() if w]
    if not words:
        return []
    texts = StandardText.objects.filter(is_active=True)
    for word in words:
        texts = texts.filter(search_text__contains=word)
    found = list(texts.order_by("title")[:200])
    found.sort(key=lambda t: (not all(w in t.title.casefold() for w in words), t.title))
    return found[:limit]


def standard_texts_active():
    return list(StandardText.objects.filter(is_active=True).order_by("title"))


# --- stalled cases ------------------------------------------------------------------------------------------

def stalled_cases_qs(*, employee, scope="mine", today: dt.date | None = None):
    """Active cases in the user's scope with no contact for more than stalled_days() days (or none at all once
    the case is that old), or — before the citizen is in a company placement (group 3 aside) — for more than
    stalled_before_placement_days() days, or without an open planned action. Annotated with `last_contact`,
    `has_open_action` and `in_placement`; oldest contact first. The last contact and the open actions are read from
    the facts kept per case (kpi.CaseFacts, brought up to date first: one row per case instead of a look-up of
    each case's contacts and actions)."""
    from jobspor.kpi.engine import COMPANY_PLACEMENT_KINDS
    from jobspor.kpi.facts import facts_refresh
    from jobspor.kpi.models import CaseFacts
    from jobspor.placements.models import Placement

    facts_refresh()
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=stalled_days())
    weekly_cutoff = today - dt.timedelta(days=stalled_before_placement_days())
    cases = Case.objects.filter(case_scope_q(employee), closed__isnull=True)
    if employee is not None and not employee.sees_team_cases:  # a mentor follows a case, not its journal
        cases = cases.filter(pk__in=CaseStaff.objects.filter(employee_id=employee.pk).exclude(role="mentor")
                             .values("case_id"))
    if scope == "mine" and employee is not None:
        cases = cases.filter(pk__in=CaseStaff.objects.filter(employee_id=employee.pk).values("case_id"))
    elif scope == "team" and employee is not None:
        cases = cases.filter(team_id=employee.team_id)

    def silent_since(day):
        return Q(facts__last_contact_on__lt=day) | Q(facts__last_contact_on__isnull=True, opened__lt=day)

    # in a company placement today: one set of case ids (not a look-up per case), as the dashboard's count
    placed = (Placement.objects.filter(Q(end__isnull=True) | Q(end__gte=today), start__lte=today,
                                       kind__in=COMPANY_PLACEMENT_KINDS).values("case_id"))
    awaiting = (Q(fsm_group__isnull=True) | ~Q(fsm_group=3)) & ~Q(pk__in=placed)
    if connections[cases.db].vendor == "sqlite":
        # The same rule read from the kept facts alone first (a superset: silent since the later cutoff or without
        # an open action). SQLite then reads the cases by id in order instead of looking up each open case's facts,
        # which its statistics prefer because they count `closed IS NULL` as rare (a leader's "Alle": 165 → 130 ms;
        # PostgreSQL's hash join is slower with it: 155 → 235 ms).
        cases = cases.filter(pk__in=CaseFacts.objects.filter(
            Q(last_contact_on__lt=max(cutoff, weekly_cutoff)) | Q(last_contact_on__isnull=True) | Q(open_actions=0))
            .values("case_id"))
    return (_stalled_annotated(cases.filter(silent_since(cutoff) | Q(facts__open_actions=0)
                                           | (silent_since(weekly_cutoff) & awaiting)), today)
            .order_by(F("last_contact").asc(nulls_first=True), "opened", "pk"))


def _stalled_annotated(cases, today: dt.date):
    return cases.annotate(last_contact=F("facts__last_contact_on"),
                          has_open_action=ExpressionWrapper(Q(facts__open_actions__gt=0), output_field=BooleanField()),
                          in_placement=in_company_placement_q(today))


def stalled_cases_page(*, user, scope="mine", page_number=None, path="", today: dt.date | None = None):
    """One page of stalled cases, each with days since the last contact and the reasons; logged as a list."""
    employee = employee_for_user(user)
    today = today or timezone.localdate()
    if scope not in {"mine", "team", "alle"}:
        scope = "mine"
    queryset = stalled_cases_qs(employee=employee, scope=scope, today=today)
    # One pass over the scope for the order (ids only; a leader's "Alle" is tens of thousands of cases, and a
    # Paginator over the queryset would count them and then sort them again), then the page's cases by id (the
    # rule is not asked again: SQLite would run its prefilter over every case for them).
    page = Paginator(list(queryset.values_list("pk", flat=True)), settings.JOBSPOR_PAGE_SIZE).get_page(page_number)
    ids = list(page.object_list)
    shown = {case.pk: case for case in _stalled_annotated(Case.objects.filter(pk__in=ids), today).select_related(
        "citizen", "team").prefetch_related(
        Prefetch("staff", queryset=CaseStaff.objects.filter(is_primary=True).select_related("employee"),
                 to_attr="primary_links"))}
    cases = [shown[pk] for pk in ids]
    cutoff = today - dt.timedelta(days=stalled_days())
    weekly_cutoff = today - dt.timedelta(days=stalled_before_placement_days())
    for case in cases:
        since = case.last_contact or case.opened
        case.days_since_contact = (today - since).days
        case.stalled_reasons = []
        if case.last_contact is None and case.opened < cutoff:
            case.stalled_reasons.append("no_contact_ever")
        elif case.last_contact is not None and case.last_contact < cutoff:
            case.stalled_reasons.append("no_recent_contact")
        elif since < weekly_cutoff and not case.in_placement and case.fsm_group != 3:
            case.stalled_reasons.append("no_weekly_contact")
        if not case.has_open_action:
            case.stalled_reasons.append("no_open_action")
    page.object_list = cases
    access_log_write(actor=user, action=Action.LIST, purpose=PURPOSE_STALLED,
                     citizen_ids=[c.citizen_id for c in cases], case_ids=[c.pk for c in cases],
                     query=f"scope={scope}", path=path)
    return page, scope
