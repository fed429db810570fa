"""The answer promise counts weekday hours only (Danish time)."""

import datetime as dt
from zoneinfo import ZoneInfo

from jobspor.messaging.promise import deadline, weekday_hours

CPH = ZoneInfo("Europe/Copenhagen")


def at(day, hour=0, minute=0):
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=CPH)  # 7 December 2026 is a Monday


def test_a_weekday_message_is_due_24_hours_later():
    assert deadline(at(8, 10), 24) == at(9, 10)  # Tuesday → Wednesday


def test_friday_afternoon_is_due_monday_afternoon():
    assert deadline(at(11, 15), 24) == at(14, 15)


def test_a_weekend_message_starts_the_clock_on_monday():
    assert deadline(at(12, 10), 24) == at(15, 0)  # Saturday → Tuesday 00:00


def test_weekday_hours_leave_out_the_weekend():
    assert weekday_hours(at(11, 15), at(14, 15)) == 24
    assert weekday_hours(at(8, 10), at(8, 13, 30)) == 3.5
    assert weekday_hours(at(12, 9), at(13, 20)) == 0
    assert weekday_hours(at(9), at(8)) == 0
