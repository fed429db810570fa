"""Who may do what with a plan. Seeing it follows the case (mentors on the case see it too);
changing the goal and the sub-goals follows can_change_case; a mentor on the case may follow up."""

from jobspor.cases.models import CaseStaff
from jobspor.cases.permissions import can_change_case


def is_mentor_on(employee, case) -> bool:
    if employee is None:
        return False
    cached = getattr(case, "_is_mentor_on", None)
    if cached is None:
        cached = CaseStaff.objects.filter(case_id=case.pk, employee_id=employee.pk, role="mentor").exists()
        case._is_mentor_on = cached
    return cached


def can_edit_plan(employee, case) -> bool:
    cached = getattr(case, "_can_edit_plan", None)
    if cached is None:
        cached = can_change_case(employee, case)
        case._can_edit_plan = cached
    return cached


def can_follow_up(employee, case) -> bool:
    """Notes on sub-goals: staff who may change the case, and the case's mentors (their work is the plan)."""
    return can_edit_plan(employee, case) or is_mentor_on(employee, case)
