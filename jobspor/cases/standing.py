"""Where the citizen stands: the first thing a jobformidler needs on opening a case (issue 13, the case's front
page) and the citizen on Min side — job goal, current placement and this month's hours, next appointment, sub-goals
due, flags, the current forecast and the last contact. Reads only; the caller has checked access and logged.

It reads from several apps (cases is below them all), so they are imported where used."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.translation import gettext as _

SUB_GOALS_AHEAD_DAYS = 14  # sub-goals due within two weeks (and overdue ones) are "due"


@dataclass
class Standing:
    job_goal: object = None  # CvJobGoal
    plan: object = None
    placement: object = None  # the active (else planned) placement, with company and contact
    hours_month: dict = field(default_factory=dict)  # {"internship": Decimal, "ordinary": Decimal}
    month: dt.date | None = None
    next_appointment: object = None  # the next planned appointment in the calendar (appointments.Appointment)
    next_contact: object = None  # the last contact's agreed next contact (date, kind), if still ahead
    next_action: object = None  # the first open planned action
    sub_goals_due: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    forecast: object = None
    last_contact: object = None
    documents: list = field(default_factory=list)  # the latest documents on the case (staff only)


def citizen_standing(case, *, today: dt.date, for_staff: bool = True) -> Standing:
    from jobspor.contacts.models import Contact, PlannedAction
    from jobspor.contacts.selectors import awaits_placement, stalled_before_placement_days, stalled_days
    from jobspor.cv.models import CvJobGoal
    from jobspor.placements.choices import PlacementStatus
    from jobspor.placements.models import Placement, WeekHours
    from jobspor.placements.selectors import flags_of
    from jobspor.placements.weeks import weeks_of_month
    from jobspor.plans.choices import OPEN_STATUSES
    from jobspor.plans.models import Plan, SubGoal

    standing = Standing(month=today.replace(day=1))
    standing.job_goal = (CvJobGoal.objects.filter(cv__citizen_id=case.citizen_id)
                         .order_by("-set_on", "-id").first())
    standing.plan = Plan.objects.filter(case=case).first()
    standing.placement = (Placement.objects.filter(case=case, status__in=[PlacementStatus.ACTIVE,
                                                                           PlacementStatus.PLANNED])
                          .select_related("company", "contact", "workplace")
                          .order_by("status", "-start", "-id").first())  # "active" sorts before "planned"
    if standing.placement is not None:
        weeks = weeks_of_month(today.year, today.month)
        sums = WeekHours.objects.filter(placement=standing.placement, week__in=weeks).aggregate(
            internship=Sum("internship_hours"), ordinary=Sum("ordinary_hours"))
        standing.hours_month = {k: v or 0 for k, v in sums.items()}
        if for_staff:
            standing.flags += flags_of(standing.placement, today)
    last = Contact.objects.filter(case=case).select_related("employee").order_by("-date", "-id").first()
    standing.last_contact = last
    if last is not None and last.next_date and last.next_date >= today:
        standing.next_contact = last
    from jobspor.appointments.selectors import next_appointment

    standing.next_appointment = next_appointment(case)  # shown before the contact's agreed date (a fallback)
    standing.next_action = (PlannedAction.objects.filter(case=case, done_on__isnull=True)
                            .select_related("owner").order_by("due", "id").first())
    if standing.plan is not None:
        standing.sub_goals_due = list(SubGoal.objects.filter(
            plan=standing.plan, status__in=OPEN_STATUSES,
            due__lte=today + dt.timedelta(days=SUB_GOALS_AHEAD_DAYS)).order_by("due", "id")[:5])
    if for_staff:
        from jobspor.efforts.selectors import needs_notification
        from jobspor.forecast.models import Forecast

        if case.closed is None:
            since = last.date if last is not None else case.opened
            days, weekly = stalled_days(), stalled_before_placement_days()
            if since < today - dt.timedelta(days=days):
                standing.flags.append(_("Gået i stå: ingen kontakt i mere end %(days)d dage.") % {"days": days})
            elif since < today - dt.timedelta(days=weekly) and awaits_placement(case, today):
                standing.flags.append(_("Gået i stå: ingen kontakt i mere end %(days)d dage, og borgeren er endnu "
                                        "ikke i virksomhedsforløb (ugentlig kontakt).") % {"days": weekly})
            if standing.next_action is None:
                standing.flags.append(_("Ingen planlagt handling."))
            if needs_notification(case):
                standing.flags.append(_("Mangler underretning ('Flere skal med'-gruppe 3)."))
        standing.forecast = Forecast.objects.filter(case=case).order_by("-recorded_at", "-id").first()
        from jobspor.documents.selectors import latest_documents

        standing.documents = latest_documents(case, 3)
    return standing
