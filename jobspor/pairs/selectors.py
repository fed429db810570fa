"""Makkerskab (seed 004): who my makkere are, our shared agenda, and the share of first conversations held
jointly. The pair and "held jointly" are the rule of jobspor/cases/pairs.py, here in SQL."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.models import Case, CaseStaff
from jobspor.cases.pairs import PAIR_ROLES
from jobspor.contacts.models import Contact, PlannedAction
from jobspor.core.roles import CaseRole
from jobspor.organisation.models import Employee

PURPOSE = "Makkerskab"
AGENDA_DAYS = 30


def _my_pair_links(employee):
    return CaseStaff.objects.filter(employee=employee, role__in=PAIR_ROLES, case__closed__isnull=True)


def partners_of(employee) -> list[tuple[Employee, int]]:
    """My makkere: colleagues in the other pair role on my open cases, with the number of cases we share."""
    mine = _my_pair_links(employee)
    other_role_of_mine = mine.filter(case_id=OuterRef("case_id")).exclude(role=OuterRef("role"))
    counts = dict(CaseStaff.objects.filter(case_id__in=mine.values("case_id"), role__in=PAIR_ROLES)
                  .exclude(employee=employee).filter(Exists(other_role_of_mine))
                  .values_list("employee_id").annotate(n=Count("case_id", distinct=True)))
    partners = Employee.objects.filter(pk__in=counts).order_by("name")
    return [(p, counts[p.pk]) for p in partners]


def shared_cases(employee, partner):
    mine = _my_pair_links(employee)
    theirs = CaseStaff.objects.filter(employee=partner, role__in=PAIR_ROLES, case_id=OuterRef("case_id")) \
        .exclude(role=OuterRef("role"))
    ids = mine.filter(Exists(theirs)).values("case_id")
    return Case.objects.filter(pk__in=ids).select_related("citizen")


@dataclass
class AgendaItem:
    on: dt.date
    case: Case
    what: str  # "contact" (the agreed next contact) or "action" (a planned action)
    text: str
    owner: Employee | None = None


def shared_agenda(*, user, employee, partner, today: dt.date, path="") -> list[AgendaItem]:
    """The pair's agenda for their shared cases: agreed next contacts and open planned actions, overdue ones and
    those within AGENDA_DAYS days, by date. Logged as a list (it names citizens)."""
    cases = {c.pk: c for c in shared_cases(employee, partner)}
    until = today + dt.timedelta(days=AGENDA_DAYS)
    items = []
    last = Contact.objects.filter(case=OuterRef("case_id")).order_by("-date", "-id").values("pk")[:1]
    agreed = (Contact.objects.filter(case_id__in=cases, next_date__gte=today, next_date__lte=until)
              .annotate(last=Subquery(last)).filter(pk=F("last")))  # only the latest contact's agreement stands
    for contact in agreed:
        items.append(AgendaItem(contact.next_date, cases[contact.case_id], "contact",
                                contact.get_next_kind_display() or contact.get_kind_display()))
    for action in (PlannedAction.objects.filter(case_id__in=cases, done_on__isnull=True, due__lte=until)
                   .select_related("owner")):
        items.append(AgendaItem(action.due, cases[action.case_id], "action", action.title, action.owner))
    items.sort(key=lambda i: (i.on, i.case.pk))
    access_log_write(actor=user, action=Action.LIST, purpose=PURPOSE,
                     citizen_ids=[c.citizen_id for c in cases.values()], case_ids=list(cases), path=path)
    return items


def _present(role):
    """The case's staff member in `role` held the contact or took part in it. The participants are looked up by
    the contact (its own rows), not by the employee: joining every contact an employee ever attended made the
    leader's page take seconds."""
    attended = Contact.participants.through.objects.filter(contact_id=OuterRef(OuterRef("pk"))).values("employee_id")
    return Exists(CaseStaff.objects.filter(case_id=OuterRef("case_id"), role=role).filter(
        Q(employee_id=OuterRef("employee_id")) | Q(employee_id__in=attended)))


def first_conversations(start: dt.date, end: dt.date, *, cases=None, teams=None, by=None) -> dict:
    """Of the first conversations held from `start` to `end` (both included) of `cases` (a Case queryset) or of the
    cases of `teams`: how many, and how many held jointly by the pair. `by`: a Case field to group on (e.g.
    "team_id"); else one group, key None. The first conversations are the ones kept per case (kpi.CaseFacts, brought
    up to date first), found by their date; a team's cases are checked by a join (as an IN list of a jobcentre's
    100,000 cases, SQLite visited each one: 0.1 s for a quarter with none)."""
    from jobspor.kpi.facts import facts_refresh
    from jobspor.kpi.models import CaseFacts

    facts_refresh()
    kept = CaseFacts.objects.filter(first_conversation_on__gte=start, first_conversation_on__lte=end)
    if teams is None:  # (a few cases: each one's facts looked up)
        firsts = Contact.objects.filter(pk__in=kept.filter(case__in=cases).values("first_conversation_id"))
    else:
        firsts = Contact.objects.filter(pk__in=kept.values("first_conversation_id"), case__team__in=teams)
    firsts = (firsts.annotate(jb=_present(CaseRole.JOB_BROKER), cw=_present(CaseRole.CASEWORKER)))
    joint = Count("pk", filter=Q(jb=True, cw=True))
    if by:
        rows = firsts.values(f"case__{by}").order_by().annotate(total=Count("pk"), joint=joint)
        return {row[f"case__{by}"]: (row["joint"], row["total"]) for row in rows}
    totals = firsts.aggregate(total=Count("pk"), joint=joint)
    return {None: (totals["joint"], totals["total"])}
