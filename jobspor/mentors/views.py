"""Mentor pages: staff with full access to the case only (never the case's mentor)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.core.forms import apply_service_errors
from jobspor.organisation.selectors import employee_for_user

from . import selectors, services
from .catalogue import AREAS
from .forms import MentorAssignmentEditForm, MentorAssignmentForm, MentorFollowUpForm
from .permissions import can_manage_mentors


def mentor_url(case, assignment=None):
    return f"/sag/{case.pk}/?fane=mentor" + (f"#mentorforloeb-{assignment.pk}" if assignment else "")


def _case(request, pk):
    case = selectors.case_for_mentors(user=request.user, pk=pk, path=request.path)
    if not can_manage_mentors(employee_for_user(request.user), case):
        raise PermissionDenied
    return case


def _assignment(case, assignment_pk):
    assignment = selectors.assignment_on_case(case=case, assignment_pk=assignment_pk)
    if assignment is None:
        raise Http404
    return assignment


def _page(request, template, context, form):
    context = {"nav": "cases", "catalogue": AREAS, **context, "form": form}
    return render(request, template, context, status=400 if form.errors else 200)


def assignment_new(request, pk):
    case = _case(request, pk)
    form = MentorAssignmentForm(request.POST or None, case=case, initial={"starts": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                volunteer = data["volunteer"]
                new = form.new_volunteer()
                if new:
                    volunteer = services.volunteer_create(actor=request.user, **new)
                assignment = services.mentor_assign(actor=request.user, case=case, employee=data["employee"],
                                                    volunteer=volunteer, **form.assignment_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s er tilknyttet som mentor.") % {"name": assignment.mentor_name})
            return redirect(mentor_url(case, assignment))
    return _page(request, "mentors/assignment_form.html", {"case": case, "assignment": None}, form)


def assignment_edit(request, pk, assignment_pk):
    case = _case(request, pk)
    assignment = _assignment(case, assignment_pk)
    form = MentorAssignmentEditForm(request.POST or None, case=case, initial={
        "areas": assignment.areas, "tasks": assignment.tasks, "hours_per_week": assignment.hours_per_week,
        "starts": assignment.starts, "ends": assignment.ends})
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_assignment_update(actor=request.user, assignment=assignment, **form.assignment_data())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Mentorforløbet er gemt."))
            return redirect(mentor_url(case, assignment))
    return _page(request, "mentors/assignment_form.html", {"case": case, "assignment": assignment}, form)


def follow_up_add(request, pk, assignment_pk):
    case = _case(request, pk)
    assignment = _assignment(case, assignment_pk)
    form = MentorFollowUpForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_follow_up_add(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Opfølgningen er gemt."))
            return redirect(mentor_url(case, assignment))
    return _page(request, "mentors/follow_up_form.html", {"case": case, "assignment": assignment}, form)


def my_assignments(request):
    """A mentor's start page: the citizens they are mentor for, with the agreed tasks (access-logged as a list)."""
    from jobspor.audit.services import access_log_write

    assignments = selectors.my_assignments(employee=employee_for_user(request.user), today=timezone.localdate())
    access_log_write(actor=request.user, action="list", purpose=selectors.PURPOSE_MENTOR,
                     citizen_ids=[a.case.citizen_id for a in assignments], case_ids=[a.case_id for a in assignments],
                     path=request.get_full_path())
    return render(request, "mentors/mine.html", {"nav": "mentor", "assignments": assignments})
