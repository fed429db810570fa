"""The jobcentre's answer promise: an answer within N hours on weekdays (settings.JOBSPOR_ANSWER_PROMISE_HOURS,
default 24). Only Monday–Friday count, in Danish time: a message sent Friday 15:00 is due Monday 15:00, one sent on
Saturday is due Tuesday 00:00. (Public holidays are not yet left out.) Answer times are measured the same way, in
weekday hours, so the median and the promise speak the same language."""

import datetime as dt

from django.conf import settings
from django.utils import timezone


def promise_hours() -> int:
    return settings.JOBSPOR_ANSWER_PROMISE_HOURS


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def _aware(naive: dt.datetime) -> dt.datetime:
    return timezone.make_aware(naive)


def _next_weekday_start(naive: dt.datetime) -> dt.datetime:
    if naive.weekday() < 5:
        return naive
    day = naive.date()
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time.min)


def deadline(sent_at: dt.datetime, hours: int | None = None) -> dt.datetime:
    """When the answer is due: `hours` of weekday time after `sent_at`."""
    remaining = dt.timedelta(hours=promise_hours() if hours is None else hours)
    moment = _next_weekday_start(_local(sent_at))
    while True:
        end_of_day = dt.datetime.combine(moment.date() + dt.timedelta(days=1), dt.time.min)
        if moment + remaining <= end_of_day:
            return _aware(moment + remaining)
        remaining -= end_of_day - moment
        moment = _next_weekday_start(end_of_day)


def weekday_hours(start: dt.datetime, end: dt.datetime) -> float:
    """Hours of weekday time between two moments (0 when end is not after start)."""
    a, b = _local(start), _local(end)
    if b <= a:
        return 0.0
    total = dt.timedelta()
    moment = a
    while moment < b:
        end_of_day = dt.datetime.combine(moment.date() + dt.timedelta(days=1), dt.time.min)
        if moment.weekday() < 5:
            total += min(b, end_of_day) - moment
        moment = end_of_day
    return total.total_seconds() / 3600


def overdue(awaiting_since: dt.datetime | None, now: dt.datetime | None = None) -> bool:
    return awaiting_since is not None and deadline(awaiting_since) < (now or timezone.now())
