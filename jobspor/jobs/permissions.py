"""Who may undo an opening's filling.

Openings are company data every editor may change — but a filled opening names the citizen who filled it, and
reopening it (or filling it again) erases that fact from the citizen's record. Only staff who may see the
citizen's case may do that; others are told which unit to contact.
"""

from django.utils.translation import gettext as _

from jobspor.cases.models import Case
from jobspor.cases.permissions import case_scope_q

from .choices import JobStatus


def can_undo_fill(employee, job) -> bool:
    if job.status != JobStatus.FILLED or job.filled_by_id is None:
        return True
    if employee is None:
        return False
    cases = Case.objects.filter(case_scope_q(employee))
    if job.filled_case_id:
        return cases.filter(pk=job.filled_case_id).exists()
    return cases.filter(citizen_id=job.filled_by_id).exists()


def fill_refusal(job) -> str:
    case = Case.objects.select_related("team__department").filter(pk=job.filled_case_id).first() \
        if job.filled_case_id else None
    team = case.team if case else None
    if team is None:
        return _("Jobåbningen er besat af en borger, hvis sag du ikke har adgang til. Kun medarbejdere med adgang "
                 "til borgerens sag kan genåbne den eller ændre, hvem der besatte den.")
    unit = f"{team.name} ({team.department.name})" if team.department_id else team.name
    return _("Jobåbningen er besat af en borger, der følges af %(unit)s. Kun medarbejdere med adgang til borgerens "
             "sag kan genåbne den eller ændre, hvem der besatte den – kontakt %(unit)s.") % {"unit": unit}
