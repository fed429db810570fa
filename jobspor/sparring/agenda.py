"""The agenda the system proposes for a team's case sparring: the team's open cases that do not move.

Four reasons, each the rule the rest of Jobspor already uses, so a case on the agenda is one the jobformidler has
also seen flagged elsewhere:
- gået i stå: no contact for more than stalled_days() days, or — before a company placement, groups 1 and 2 —
  stalled_before_placement_days() days (the stalled list's two rules, both settings);
- længe i samme trin: at least LONG_IN_STAGE_DAYS days in one stage of the production chain (kpi/chain.py), below
  its last stage;
- prognose overskredet: the current forecast's expected date, or its next action's due date, has passed
  without the action done;
- virksomhedsforløb med flag: an active placement with tasks mastered and no ordinary hours, or follow-up overdue.

Cases with more reasons come first; the agenda is capped (a meeting has an hour, not a day)."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery

from jobspor.cases.models import Case
from jobspor.contacts.models import Contact
from jobspor.contacts.selectors import in_company_placement_q, stalled_before_placement_days, stalled_days

from .choices import Reason

AGENDA_LIMIT = 30


def long_in_stage_days() -> int:
    return int(getattr(settings, "JOBSPOR_SPARRING_LONG_IN_STAGE_DAYS", 90))


@dataclass
class Proposal:
    case: Case
    reasons: list = field(default_factory=list)
    days_in_stage: int | None = None
    stage: str = ""


def propose(team, *, today: dt.date, limit: int = AGENDA_LIMIT) -> list[Proposal]:
    from jobspor.forecast.models import Forecast
    from jobspor.kpi.chain import STAGES, chain_rows, stage_label
    from jobspor.placements.models import Placement
    from jobspor.placements.selectors import mastered_flag_q, overdue_flag_q

    cases = Case.objects.filter(team=team, closed__isnull=True)
    reasons: dict[int, list[str]] = {}

    def add(case_ids, reason):
        for pk in case_ids:
            reasons.setdefault(pk, []).append(reason)

    cutoff = today - dt.timedelta(days=stalled_days())
    weekly = today - dt.timedelta(days=stalled_before_placement_days())
    last = Contact.objects.filter(case=OuterRef("pk")).order_by("-date").values("date")[:1]
    before_placement = ~Q(fsm_group=3) & ~Q(in_placement=True)
    add(cases.annotate(last_contact=Subquery(last), in_placement=in_company_placement_q(today))
        .filter(Q(last_contact__lt=cutoff) | Q(last_contact__isnull=True, opened__lt=cutoff)
                | (before_placement & (Q(last_contact__lt=weekly) | Q(last_contact__isnull=True, opened__lt=weekly))))
        .values_list("pk", flat=True), Reason.STALLED)

    stages = {row["pk"]: row for row in chain_rows(cases, today)}
    top = len(STAGES) - 1
    add([pk for pk, row in stages.items() if row["stage"] < top and row["days_in_stage"] >= long_in_stage_days()],
        Reason.LONG_IN_STAGE)

    add(Forecast.objects.filter(case__in=cases, is_current=True)
        .filter(Q(expected_date__lt=today) | Q(action_due__lt=today, action_done=False))
        .values_list("case_id", flat=True).distinct(), Reason.FORECAST_OVERDUE)

    add(Placement.objects.filter(case__in=cases).filter(mastered_flag_q(today) | overdue_flag_q(today))
        .values_list("case_id", flat=True).distinct(), Reason.FLAGGED_PLACEMENT)

    by_pk = Case.objects.select_related("citizen").in_bulk(list(reasons))
    proposals = []
    for pk, codes in reasons.items():
        row = stages.get(pk)
        proposals.append(Proposal(case=by_pk[pk], reasons=[str(c) for c in dict.fromkeys(codes)],
                                  days_in_stage=row["days_in_stage"] if row else None,
                                  stage=stage_label(row["stage"]) if row else ""))
    proposals.sort(key=lambda p: (-len(p.reasons), -(p.days_in_stage or 0), p.case.pk))
    return proposals[:limit]
