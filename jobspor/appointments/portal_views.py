"""Min side: "Mine møder" — the citizen's coming appointments, read-only, looked up through the citizen (another
citizen's appointment answers 404) and logged as the citizen's own read."""

from django.http import HttpResponse
from django.shortcuts import render

from jobspor.citizen_portal.access import citizen_view, log_own_read, portal_context

from . import ical
from .selectors import citizen_appointment, citizen_coming


@citizen_view
def my_appointments(request):
    appointments = citizen_coming(request.citizen)
    cases = sorted({a.case_id for a in appointments})
    log_own_read(request, case_ids=cases if len(cases) == 1 else None)  # one entry: the citizen is the subject
    return render(request, "appointments/minside_list.html",
                  portal_context(request, nav="appointments", appointments=appointments))


@citizen_view
def my_appointment(request, pk):
    appointment = citizen_appointment(request.citizen, pk)
    log_own_read(request, case_ids=[appointment.case_id])
    return render(request, "appointments/minside_detail.html",
                  portal_context(request, nav="appointments", appointment=appointment))


@citizen_view
def my_appointment_ics(request, pk):
    """The appointment for the citizen's own phone calendar."""
    appointment = citizen_appointment(request.citizen, pk)
    log_own_read(request, case_ids=[appointment.case_id])
    response = HttpResponse(ical.invitation(appointment), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="moede-{appointment.external_id}.ics"'
    return response
