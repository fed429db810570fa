"""Mit forløb: where the citizen stands, gathered from the apps that hold it (a handful of small queries).

- the job goal: the newest job goal on the CV;
- the current placement (in progress, else the next planned one) with company and contact person, and this
  month's hours (the weeks whose Monday falls in this month, as the staff hours grid counts them);
- the next appointment: the next agreed contact from the journal (its date and form, never the note)."""

import datetime as dt

from django.db.models import Sum
from django.utils import timezone

from jobspor.contacts.models import Contact
from jobspor.cv.models import CvJobGoal
from jobspor.placements.choices import PlacementStatus
from jobspor.placements.models import Placement, WeekHours
from jobspor.placements.weeks import weeks_of_month


def job_goal(citizen) -> str | None:
    return (CvJobGoal.objects.filter(cv__citizen=citizen).order_by("-set_on", "-id")
            .values_list("title", flat=True).first())


def current_placement(citizen) -> Placement | None:
    placements = Placement.objects.filter(case__citizen=citizen).select_related("company", "contact")
    return (placements.filter(status=PlacementStatus.ACTIVE).order_by("-start", "-id").first()
            or placements.filter(status=PlacementStatus.PLANNED).order_by("start", "id").first())


def month_hours(placement, today: dt.date) -> dict:
    weeks = weeks_of_month(today.year, today.month)
    sums = WeekHours.objects.filter(placement=placement, week__in=weeks).aggregate(
        internship=Sum("internship_hours"), ordinary=Sum("ordinary_hours"))
    return {"month": today.replace(day=1), "internship": sums["internship"] or 0, "ordinary": sums["ordinary"] or 0}


def next_appointment(case, today: dt.date) -> Contact | None:
    """The earliest agreed next contact from today on (from the newest contacts; a later note may replace it)."""
    if case is None:
        return None
    return (Contact.objects.filter(case=case, next_date__gte=today).order_by("next_date", "-date", "-id")
            .only("next_date", "next_kind").first())


def situation(citizen, case) -> dict:
    today = timezone.localdate()
    placement = current_placement(citizen)
    return {"today": today, "job_goal": job_goal(citizen), "placement": placement,
            "hours": month_hours(placement, today) if placement else None,
            "next_appointment": next_appointment(case, today)}
