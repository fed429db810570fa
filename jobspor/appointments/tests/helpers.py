import datetime as dt

from django.utils import timezone

from jobspor.appointments.services import appointment_book


def at(day_offset=1, hour=10, minute=0):
    """An aware datetime `day_offset` days from today at hour:minute, Copenhagen time."""
    day = timezone.localdate() + dt.timedelta(days=day_offset)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def book(*, case, staff, start=None, minutes=30, actor=None, **kwargs):
    start = start or at()
    return appointment_book(actor=actor, case=case, staff=staff, title=kwargs.pop("title", "Jobsamtale"),
                            start=start, end=start + dt.timedelta(minutes=minutes), **kwargs)
