"""Reminders of tomorrow's meetings: each citizen who attends a planned meeting on their case tomorrow gets a message
on Min side ("Beskeder"), where they can also answer if they cannot come. Sent once per version of a meeting
(MeetingReminder): a retried or repeated run sends nothing twice; a meeting moved to tomorrow is reminded anew."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from jobspor.appointments.choices import AppointmentStatus, PlaceKind
from jobspor.appointments.models import Appointment
from jobspor.messaging.models import AuthorKind
from jobspor.messaging.services import thread_start

from .models import MeetingReminder

# Not a name a person can be given (the user-name rules forbid spaces and brackets), shown to the citizen as the
# sender; the account has no password and is inactive, so nobody logs in with it.
SYSTEM_USERNAME = "Jobcentret (automatisk)"


def system_user():
    user, created = get_user_model().objects.get_or_create(username=SYSTEM_USERNAME,
                                                           defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def reminder_text(appointment: Appointment) -> tuple[str, str]:
    start = timezone.localtime(appointment.start)
    with translation.override("da"):
        day = formats.date_format(start, "l \\d\\e\\n j. F")
        place = appointment.get_place_kind_display()
        if appointment.place_text:
            place = f"{place}, {appointment.place_text}"
        lines = [_("Påmindelse: Du har et møde med jobcentret i morgen, %(day)s kl. %(time)s.")
                 % {"day": day, "time": start.strftime("%H.%M")},
                 _("Formål: %(title)s") % {"title": appointment.title},
                 _("Sted: %(place)s") % {"place": place}]
        if appointment.place_kind == PlaceKind.VIDEO and appointment.video_link:
            lines.append(_("Link til videomødet: %(link)s") % {"link": appointment.video_link})
        lines.append(_("Kan du ikke komme, så skriv til os her."))
        return _("Påmindelse: møde i morgen kl. %(time)s") % {"time": start.strftime("%H.%M")}, "\n".join(lines)


def meeting_reminders_send(*, today: dt.date) -> int:
    tz = timezone.get_current_timezone()
    tomorrow = today + dt.timedelta(days=1)
    start = dt.datetime.combine(tomorrow, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(tomorrow + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    due = (Appointment.objects.filter(status=AppointmentStatus.PLANNED, citizen_attends=True, case__isnull=False,
                                      start__gte=start, start__lt=end)
           .select_related("case").order_by("start", "pk"))
    sent = 0
    sender = None
    for appointment in due:
        if MeetingReminder.objects.filter(appointment=appointment, sequence=appointment.sequence).exists():
            continue
        sender = sender or system_user()
        subject, body = reminder_text(appointment)
        try:
            with transaction.atomic():
                MeetingReminder.objects.create(appointment=appointment, sequence=appointment.sequence)
                thread_start(actor=sender, author_kind=AuthorKind.STAFF, subject=subject, body=body,
                             case=appointment.case)
        except IntegrityError:  # another run reminded it meanwhile
            continue
        sent += 1
    return sent
