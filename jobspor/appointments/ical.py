"""iCalendar (RFC 5545) output with the `icalendar` library: an invitation per appointment (METHOD:REQUEST, or
METHOD:CANCEL once cancelled; the UID never changes and SEQUENCE goes up with every change, so Outlook updates the
meeting it has instead of adding another) and each employee's private feed (METHOD:PUBLISH).

What leaves Jobspor in a calendar is kept to what finds the meeting: the purpose, the citizen's first name and
the case id — never a CPR number, surname or the journal. A feed sits in Outlook, on phones and in other
systems' caches outside Jobspor's access control, so the less it names the better; the rest is one click away
in Jobspor itself, behind the login."""

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .choices import AppointmentStatus, PlaceKind

PRODID = "-//Jobspor//Kalender//DA"


def _calendar(method: str, name: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal


def summary_of(appointment) -> str:
    """The purpose with the citizen's first name and the case id, or the company for a company meeting."""
    if appointment.case_id:
        first = appointment.case.citizen.name.split()[0] if appointment.case.citizen.name else ""
        return f"{appointment.title} – {first} ({appointment.case.external_id})"
    if appointment.company_id:
        return f"{appointment.title} – {appointment.company.name}"
    return appointment.title


def location_of(appointment) -> str:
    parts = [str(appointment.get_place_kind_display())]
    if appointment.place_text:
        parts.append(appointment.place_text)
    if appointment.place_kind == PlaceKind.VIDEO and appointment.video_link:
        parts.append(appointment.video_link)
    return ", ".join(parts)


def _event(appointment, *, url: str = "", cancelled: bool = False) -> Event:
    event = Event()
    event.add("uid", appointment.uid)
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("dtstart", appointment.start.astimezone(dt.UTC))
    event.add("dtend", appointment.end.astimezone(dt.UTC))
    event.add("sequence", appointment.sequence)
    event.add("summary", summary_of(appointment))
    event.add("location", location_of(appointment))
    if appointment.updated_at:
        event.add("last-modified", appointment.updated_at.astimezone(dt.UTC))
    description = []
    if appointment.video_link:
        description.append(appointment.video_link)
    if url:
        description.append(url)
        event.add("url", url)
    if description:
        event.add("description", "\n".join(description))
    status = "CANCELLED" if cancelled or appointment.status == AppointmentStatus.CANCELLED else "CONFIRMED"
    event.add("status", status)
    event.add("transp", "OPAQUE")
    staff = list(appointment.staff.all())
    organiser = next((e for e in staff if e.email), None)
    if organiser is not None:
        address = vCalAddress(f"mailto:{organiser.email}")
        address.params["cn"] = vText(organiser.name)
        event.add("organizer", address)
    for employee in staff:
        if not employee.email:
            continue
        attendee = vCalAddress(f"mailto:{employee.email}")
        attendee.params["cn"] = vText(employee.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    return event


def invitation(appointment, *, url: str = "") -> bytes:
    """One appointment as an invitation: REQUEST while it stands, CANCEL once it is cancelled."""
    cancelled = appointment.status == AppointmentStatus.CANCELLED
    cal = _calendar("CANCEL" if cancelled else "REQUEST")
    cal.add_component(_event(appointment, url=url, cancelled=cancelled))
    return cal.to_ical()


def feed(appointments, *, name: str, url_of=lambda a: "") -> bytes:
    """An employee's calendar as a subscription (PUBLISH): cancelled meetings stay in with STATUS:CANCELLED so a
    subscriber's copy is struck out rather than silently gone."""
    cal = _calendar("PUBLISH", name)
    cal.add("x-published-ttl", "PT1H")
    for appointment in appointments:
        cal.add_component(_event(appointment, url=url_of(appointment)))
    return cal.to_ical()
