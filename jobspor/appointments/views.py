"""Calendar pages: book from the case, the appointment page (move, cancel, held, missed, invitation .ics), day
and week views for me and my team, and the private feed. Thin views: forms validate, services write, selectors
read and log."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.permissions import can_change_case
from jobspor.contacts.choices import ContactKind
from jobspor.contacts.models import Contact
from jobspor.core.forms import apply_service_errors
from jobspor.organisation.selectors import employee_for_user

from . import ical, selectors, services
from .choices import AppointmentStatus, PlaceKind
from .forms import AppointmentForm, StatusForm, initial_for
from .models import Appointment, CalendarFeed

FEED_PAST_DAYS = 30
FEED_AHEAD_DAYS = 365
# The contact form's kinds as places: a walk and talk is a walk and talk, a phone call is by phone.
PLACE_OF_KIND = {ContactKind.WALK_AND_TALK: PlaceKind.WALK_AND_TALK, ContactKind.PHONE: PlaceKind.PHONE,
                 ContactKind.COMPANY_VISIT: PlaceKind.WORKPLACE}


def _employee(request):
    employee = employee_for_user(request.user)
    if employee is None:
        raise PermissionDenied
    return employee


def _clash_key(found) -> str:
    return ",".join(sorted({str(c.appointment.pk) for c in found}))


def _prefill(request, case, employee) -> dict:
    """Me, the citizen, the next free half hour from tomorrow; from a contact's agreed next contact (the journal's
    "Book som møde"), its date and kind."""
    start = selectors.next_free_slot(staff=[employee], case=case)
    title = str(ContactKind.JOB_CONVERSATION.label)
    place = PlaceKind.JOBCENTRE
    contact = None
    contact_pk = request.GET.get("kontakt", "")
    if contact_pk.isdigit():
        contact = Contact.objects.filter(pk=int(contact_pk), case=case).first()
    if contact is not None and contact.next_date:
        kind = contact.next_kind or contact.kind
        title = str(ContactKind(kind).label) if kind in ContactKind.values else title
        place = PLACE_OF_KIND.get(kind, place)
        day_start = timezone.localtime(selectors.next_free_slot(
            staff=[employee], case=case,
            after=dt.datetime.combine(contact.next_date - dt.timedelta(days=1), dt.time(12),
                                      tzinfo=timezone.get_current_timezone())))
        start = day_start if day_start.date() == contact.next_date else dt.datetime.combine(
            contact.next_date, selectors.WORKDAY[0], tzinfo=timezone.get_current_timezone())
    start = timezone.localtime(start)
    end = start + selectors.SLOT
    return {"title": title, "day": start.date(), "start_time": start.time(), "end_time": end.time(),
            "place_kind": place, "staff": [employee], "citizen_attends": True}


def appointment_new(request, pk):
    """Book a meeting on the case. Overlaps are shown as a warning; "Book alligevel" books all the same."""
    case = selectors.case_for_booking(user=request.user, pk=pk, path=request.path)
    employee = _employee(request)
    form = AppointmentForm(request.POST or None, initial=None if request.POST else _prefill(request, case, employee),
                           case=case, employee=employee, record=None)
    found = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = services.clashes(start=data["start"], end=data["end"], staff=data["staff"], case=case)
        accepted = "book_anyway" in request.POST and data["accepted_clashes"] == _clash_key(found)
        if found and not accepted:
            form.data = form.data.copy()
            form.data["accepted_clashes"] = _clash_key(found)
        else:
            try:
                appointment = services.appointment_book(actor=request.user, case=case, staff=data["staff"],
                                                        **form.service_fields())
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Mødet er booket."))
                return redirect("appointments:detail", appointment.pk)
    return render(request, "appointments/appointment_form.html",
                  {"case": case, "form": form, "clashes": found, "nav": "cases", "new": True},
                  status=400 if (form.errors or found) else 200)


def appointment_company_new(request, pk):
    """Book a meeting with a company, without a case (a visit, a partnership talk). Company data is not citizen
    data; those who may edit companies may book."""
    from jobspor.companies.permissions import can_edit_companies
    from jobspor.companies.selectors import company_get

    employee = _employee(request)
    if not can_edit_companies(employee):
        raise PermissionDenied
    company = company_get(pk=pk)
    start = timezone.localtime(selectors.next_free_slot(staff=[employee]))
    initial = {"title": _("Virksomhedsbesøg"), "day": start.date(), "start_time": start.time(),
               "end_time": (start + 2 * selectors.SLOT).time(), "place_kind": PlaceKind.WORKPLACE,
               "staff": [employee]}
    form = AppointmentForm(request.POST or None, initial=None if request.POST else initial, company=company,
                           employee=employee, record=None)
    found = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = services.clashes(start=data["start"], end=data["end"], staff=data["staff"])
        accepted = "book_anyway" in request.POST and data["accepted_clashes"] == _clash_key(found)
        if found and not accepted:
            form.data = form.data.copy()
            form.data["accepted_clashes"] = _clash_key(found)
        else:
            try:
                appointment = services.appointment_book(actor=request.user, company=company, staff=data["staff"],
                                                        **form.service_fields())
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Mødet er booket."))
                return redirect("appointments:detail", appointment.pk)
    return render(request, "appointments/appointment_form.html",
                  {"company": company, "form": form, "clashes": found, "nav": "companies", "new": True},
                  status=400 if (form.errors or found) else 200)


def appointment_detail(request, appointment_pk):
    appointment = selectors.appointment_get(user=request.user, pk=appointment_pk, path=request.path)
    employee = _employee(request)
    may_change = appointment.case is None or can_change_case(employee, appointment.case)
    return render(request, "appointments/appointment_detail.html",
                  {"appointment": appointment, "case": appointment.case, "may_change": may_change,
                   "status_form": StatusForm(), "now": timezone.now(), "nav": "calendar",
                   # "Send indkaldelse": a meeting-invitation letter made from this appointment (jobspor/letters)
                   "invitation_letter_url": reverse("letters:from_appointment",
                                                    args=[appointment.case_id, appointment.pk])
                   if appointment.case_id and may_change and appointment.is_planned else None})


def appointment_edit(request, appointment_pk):
    appointment = selectors.appointment_get(user=request.user, pk=appointment_pk, path=request.path, change=True)
    employee = _employee(request)
    if not appointment.is_planned:
        messages.error(request, _("Kun et planlagt møde kan ændres."))
        return redirect("appointments:detail", appointment.pk)
    form = AppointmentForm(request.POST or None, initial=initial_for(appointment), case=appointment.case,
                           employee=employee, record=appointment)
    found = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        found = services.clashes(start=data["start"], end=data["end"], staff=data["staff"], case=appointment.case,
                                 exclude=appointment)
        accepted = "book_anyway" in request.POST and data["accepted_clashes"] == _clash_key(found)
        if found and not accepted:
            form.data = form.data.copy()
            form.data["accepted_clashes"] = _clash_key(found)
        else:
            try:
                services.appointment_move(actor=request.user, appointment=appointment, seen=form.seen,
                                          staff=data["staff"], **form.service_fields())
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Mødet er ændret."))
                return redirect("appointments:detail", appointment.pk)
    return render(request, "appointments/appointment_form.html",
                  {"case": appointment.case, "appointment": appointment, "form": form, "clashes": found,
                   "nav": "calendar"}, status=400 if (form.errors or found) else 200)


STATUS_ACTIONS = {"aflys": (services.appointment_cancel, _("Mødet er aflyst.")),
                  "afholdt": (services.appointment_mark_held, _("Mødet er registreret som afholdt.")),
                  "udeblevet": (services.appointment_mark_missed, _("Udeblivelsen er registreret."))}


@require_POST
def appointment_status(request, appointment_pk):
    appointment = selectors.appointment_get(user=request.user, pk=appointment_pk, path=request.path, change=True)
    action = STATUS_ACTIONS.get(request.POST.get("handling", ""))
    form = StatusForm(request.POST)
    if action is None or not form.is_valid():
        messages.error(request, _("Ukendt handling."))
        return redirect("appointments:detail", appointment.pk)
    service, done = action
    try:
        service(actor=request.user, appointment=appointment, note=form.cleaned_data["note"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("appointments:detail", appointment.pk)


@require_GET
def appointment_ics(request, appointment_pk):
    """The invitation to open in Outlook (REQUEST; CANCEL once cancelled)."""
    appointment = selectors.appointment_get(user=request.user, pk=appointment_pk, path=request.path)
    url = request.build_absolute_uri(reverse("appointments:detail", args=[appointment.pk]))
    response = HttpResponse(ical.invitation(appointment, url=url), content_type="text/calendar; charset=utf-8; "
                            + ("method=CANCEL" if appointment.status == AppointmentStatus.CANCELLED
                               else "method=REQUEST"))
    response["Content-Disposition"] = f'attachment; filename="moede-{appointment.external_id}.ics"'
    return response


def _day_param(value) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def calendar(request):
    """Day or week, mine or my team's."""
    employee = _employee(request)
    kind = "dag" if request.GET.get("visning") == "dag" else "uge"
    who = "team" if request.GET.get("hvem") == "team" else "mig"
    team_param = request.GET.get("team", "")
    period = selectors.period_of(kind, _day_param(request.GET.get("dato")))
    days, people, team = selectors.calendar_rows(user=request.user, period=period, who=who,
                                                 team_id=int(team_param) if team_param.isdigit() else None,
                                                 path=request.get_full_path())
    return render(request, "appointments/calendar.html",
                  {"days": days, "period": period, "kind": kind, "who": who, "people": people, "team": team,
                   "teams": selectors.teams_for(employee), "today": timezone.localdate(), "nav": "calendar",
                   "employee": employee})


def feed_settings(request):
    """The employee's own subscription URL, and a button that makes a new one (the old one stops working)."""
    employee = _employee(request)
    if request.method == "POST":
        services.feed_renew(actor=request.user, employee=employee)
        messages.success(request, _("Der er lavet et nyt abonnementslink. Det gamle virker ikke længere."))
        return redirect("appointments:feed_settings")
    feed = services.feed_for(employee)
    url = request.build_absolute_uri(reverse("appointments:feed", args=[feed.token]))
    return render(request, "appointments/feed_settings.html",
                  {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1], "nav": "calendar"})


@login_not_required
@require_GET
def feed(request, token):
    """An employee's calendar for Outlook or a phone, read without a login: the secret token is the key. It names
    citizens (first name and case id), so every fetch is written to the access log as the employee's read."""
    if len(token) > 64:
        raise Http404
    found = CalendarFeed.objects.select_related("employee__user").filter(token=token).first()
    if found is None or not found.employee.is_active:
        raise Http404
    employee = found.employee
    now = timezone.now()
    appointments = list(Appointment.objects.filter(
        staff=employee, start__gte=now - dt.timedelta(days=FEED_PAST_DAYS),
        start__lte=now + dt.timedelta(days=FEED_AHEAD_DAYS))
        .select_related("case__citizen", "company").prefetch_related("staff").order_by("start", "id"))
    shown = {a.case_id: a.case.citizen_id for a in appointments if a.case_id}
    access_log_write(actor=employee.user, action=Action.LIST, purpose=selectors.PURPOSE_CALENDAR,
                     citizen_ids=list(shown.values()), case_ids=list(shown),
                     path="/kalender/feed/…", subject="appointments:feed")  # the path without the token
    body = ical.feed(appointments, name=f"Jobspor – {employee.name}",
                     url_of=lambda a: request.build_absolute_uri(reverse("appointments:detail", args=[a.pk])))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="jobspor.ics"'
    return response
