"""Reads of mentor assignments, for a case the user has been shown (and that look logged)."""

from django.db.models import Prefetch

from jobspor.cases import selectors as case_selectors
from jobspor.organisation.models import Employee

from .models import MentorAssignment, MentorFollowUp, Volunteer

PURPOSE_MENTOR = "Mentorforløb"


def case_for_mentors(*, user, pk, path=""):
    return case_selectors.case_get(user=user, pk=pk, path=path, purpose=PURPOSE_MENTOR)


def case_assignments(*, case):
    """The case's mentor assignments with their mentor and follow-ups (two queries)."""
    follow_ups = MentorFollowUp.objects.select_related("created_by__employee")
    return list(MentorAssignment.objects.filter(case=case).select_related("employee__team", "volunteer")
                .prefetch_related(Prefetch("follow_ups", queryset=follow_ups)))


def assignment_on_case(*, case, assignment_pk):
    return MentorAssignment.objects.select_related("employee", "volunteer", "case") \
        .filter(case=case, pk=assignment_pk).first()


def mentor_employees():
    """Active employees with the mentor role, for the pick list (names and teams only)."""
    employees = Employee.objects.filter(is_active=True).select_related("team").order_by("name")
    return Employee.objects.filter(pk__in=[e.pk for e in employees if e.has_role("mentor")]) \
        .select_related("team").order_by("name")


def volunteers():
    return Volunteer.objects.order_by("name", "id")


def own_assignments(*, case, employee):
    """A mentor's own assignments on the case: the tasks, areas and period — not the staff's follow-ups."""
    if employee is None:
        return []
    return list(MentorAssignment.objects.filter(case=case, employee=employee).order_by("-starts", "-id"))


def my_assignments(*, employee, today):
    """The mentor's own running assignments (not ended before today), newest first, with case and citizen."""
    if employee is None:
        return []
    from django.db.models import Q
    return list(MentorAssignment.objects.filter(employee=employee).filter(Q(ends__isnull=True) | Q(ends__gte=today))
                .select_related("case__citizen").order_by("-starts", "-id"))
