"""Demo appointments (see demo.generator.demo_extensions): on about half the active cases a meeting held or missed
in the last weeks, and on many a planned one in the coming two weeks — today's among them, so "Mine opgaver", the
calendar and the case's front page have something to show. Each employee's meetings of a day follow one another
(no accidental clashes). Written with executemany (jobspor.core.bulk)."""

import datetime as dt
import random

from django.utils import timezone

from jobspor.cases.models import Case, CaseStaff
from jobspor.core.bulk import rows_insert
from jobspor.organisation.models import Employee

from .choices import AppointmentStatus, PlaceKind
from .models import Appointment

ID_PREFIX = "DEMO-M"
COLUMNS = ["external_id", "case", "title", "start", "end", "place_kind", "place_text", "video_link", "status",
           "status_by", "status_at"]
SHARE = 0.5
MISSED_SHARE = 0.18
COMING_SHARE = 0.6
TODAY_PER_EMPLOYEE = 3
TITLES = {PlaceKind.JOBCENTRE: ["Jobsamtale", "Opfølgning", "Fællesmøde med misbrugscentret", "Samtale om CV"],
          PlaceKind.WORKPLACE: ["Opfølgning på arbejdspladsen", "Trepartsmøde med virksomheden"],
          PlaceKind.WALK_AND_TALK: ["Walk and talk"],
          PlaceKind.VIDEO: ["Videosamtale"],
          PlaceKind.PHONE: ["Telefonopfølgning"]}
PLACE_WEIGHTS = {PlaceKind.JOBCENTRE: 45, PlaceKind.WORKPLACE: 20, PlaceKind.WALK_AND_TALK: 15,
                 PlaceKind.VIDEO: 10, PlaceKind.PHONE: 10}
PLACE_TEXT = {PlaceKind.JOBCENTRE: "Jobcentret, mødelokale {n}", PlaceKind.WALK_AND_TALK: "Mødes ved hovedindgangen",
              PlaceKind.WORKPLACE: "", PlaceKind.VIDEO: "", PlaceKind.PHONE: "Jobformidleren ringer op"}


def _weekday(day: dt.date, step: int) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=step)
    return day


def demo_extend(*, rng, today, fake, say):
    rng = random.Random(rng.random())  # this app's own stream: its draws do not shift other apps' data
    tz = timezone.get_current_timezone()
    primary = dict(CaseStaff.objects.filter(is_primary=True, case__closed__isnull=True)
                   .values_list("case_id", "employee_id"))
    names = dict(Employee.objects.values_list("pk", "name"))
    cases = list(Case.objects.filter(closed__isnull=True, pk__in=list(primary)).order_by("pk")
                 .values_list("pk", "opened"))
    places, weights = list(PLACE_WEIGHTS), list(PLACE_WEIGHTS.values())
    used: dict = {}  # (employee, day) → meetings already that day
    today_count: dict = {}
    rows, links = [], []
    serial = 0

    def slot(employee_id, day):
        n = used.get((employee_id, day), 0)
        used[(employee_id, day)] = n + 1
        return dt.datetime.combine(day, dt.time(8, 30), tzinfo=tz) + dt.timedelta(minutes=45 * (n % 9))

    def add(case_id, employee_id, day, status):
        nonlocal serial
        serial += 1
        place = rng.choices(places, weights)[0]
        start = slot(employee_id, day)
        end = start + dt.timedelta(minutes=rng.choice((30, 30, 40)))
        held = status != AppointmentStatus.PLANNED
        rows.append((  # COLUMNS, the random numbers drawn in the order they were when this was an Appointment(...)
            f"{ID_PREFIX}{serial:07d}", case_id, rng.choice(TITLES[place]), start, end, place,
            PLACE_TEXT[place].format(n=rng.randint(1, 6)),
            f"https://video.example.dk/jobcenter/{serial}" if place == PlaceKind.VIDEO else "",
            status, f"{names.get(employee_id, '')} (demo)" if held else "", end if held else None))
        links.append((serial, employee_id))

    missed_shown = False
    for case_id, opened in cases:
        employee_id = primary[case_id]
        if today_count.get(employee_id, 0) < TODAY_PER_EMPLOYEE and today.weekday() < 5:
            today_count[employee_id] = today_count.get(employee_id, 0) + 1
            add(case_id, employee_id, today, AppointmentStatus.PLANNED)
            continue
        if rng.random() >= SHARE:
            continue
        past = _weekday(today - dt.timedelta(days=rng.randint(1, 35)), -1)
        if past >= opened:
            missed = rng.random() < MISSED_SHARE or not missed_shown  # the first is missed: a small demo shows one
            missed_shown = True
            add(case_id, employee_id, past, AppointmentStatus.MISSED if missed else AppointmentStatus.HELD)
        if rng.random() < COMING_SHARE:
            add(case_id, employee_id, _weekday(today + dt.timedelta(days=rng.randint(1, 14)), 1),
                AppointmentStatus.PLANNED)

    rows_insert(Appointment, COLUMNS, rows)
    ids = dict(Appointment.objects.filter(external_id__startswith=ID_PREFIX).values_list("external_id", "pk"))
    rows_insert(Appointment.staff.through, ["appointment", "employee"],
                [(ids[f"{ID_PREFIX}{n:07d}"], employee_id) for n, employee_id in links])
    say(f"  {len(rows)} møder i kalenderen")
    return [(len(rows), "møde", "møder")]
