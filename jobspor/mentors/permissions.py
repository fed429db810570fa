"""The Mentor tab and its pages are for staff with full access to the case (sees_full_case): never for the
case's mentor, who sees the plan and its sub-goals only. Changing follows can_change_case."""

from jobspor.cases.permissions import can_change_case, sees_full_case


def sees_mentor_assignments(employee, case) -> bool:
    return sees_full_case(employee, case)


def can_manage_mentors(employee, case) -> bool:
    return sees_full_case(employee, case) and can_change_case(employee, case)
