"""Mit forløb: where the citizen stands, as staff see it on the case's front page (cases.standing), without what
is for staff only (flags, forecast, internal planned actions):

- the job goal: the newest job goal on the CV;
- the current placement (in progress, else planned) with company and contact person, and this month's hours
  (the weeks whose Monday falls in this month, as the staff hours grid counts them);
- the next appointment: the next contact agreed at the last contact (its date and form, never the note)."""

from django.utils import timezone

from jobspor.cases.standing import citizen_standing


def situation(citizen, case) -> dict:
    today = timezone.localdate()
    if case is None:
        return {"today": today}
    standing = citizen_standing(case, today=today, for_staff=False)
    hours = None
    if standing.placement is not None:
        hours = {"month": standing.month, "internship": standing.hours_month.get("internship", 0),
                 "ordinary": standing.hours_month.get("ordinary", 0)}
    return {"today": today, "job_goal": standing.job_goal, "placement": standing.placement, "hours": hours,
            "next_appointment": standing.next_contact,
            # a calendar appointment the citizen takes part in comes before the contact's agreed date
            "next_meeting": standing.next_appointment if standing.next_appointment is not None
            and standing.next_appointment.citizen_attends else None}
