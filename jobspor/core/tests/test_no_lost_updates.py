"""No lost updates: 16 people edit one case, one CV and one placement's hours at the same time, 50 edits each.
Each edit adds one to a counter kept in the record; a writer refused as stale reloads and goes on. In the end
every accepted edit is in the record (the counter equals the number of accepted edits, and the history holds one
event per accepted edit), every refusal was told, and nothing failed — on SQLite and on PostgreSQL.

Two drivers: the edit forms and services as the views use them (16 × 50, each writer on its own connection), and
the real views through the test client, hidden version fields and all (fewer edits: a page costs far more)."""

import datetime as dt
import html
import random
import re
import sqlite3
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from jobspor.audit.models import Event
from jobspor.audit.verbs import Verb
from jobspor.cases.models import Case
from jobspor.cases.services import case_update
from jobspor.citizens.models import PostalCode
from jobspor.companies.services import contact_save
from jobspor.core.versioning import StaleEdit
from jobspor.cv.models import Cv
from jobspor.cv.services import cv_details_update
from jobspor.placements import services as placement_services
from jobspor.placements.models import WeekHours
from jobspor.placements.verbs import PlacementVerb
from jobspor.placements.weeks import iso_week, weeks_of_month
from jobspor.testing.factories import EmployeeFactory, make_case, make_company

WRITERS = 16
EDITS = 50  # per writer and record, through the forms and services
VIEW_WRITERS, VIEW_EDITS = 4, 4  # through the views
BASE_DAY = dt.date(2015, 1, 1)  # the case's counter: days after this in "på offentlig forsørgelse siden"
COMMUTE_MOD = 300  # the CV's counter: max_commute_km, modulo
TENTHS_MOD = 600  # the hours' counter: tenths of internship hours in a week, modulo
MONTH = dt.date(2025, 3, 1)
WEEKS = [iso_week(m) for m in weeks_of_month(MONTH.year, MONTH.month)]


def _hidden(body, name):
    match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', body) or \
        re.search(rf'value="([^"]*)"[^>]*name="{re.escape(name)}"', body)
    return html.unescape(match[1]) if match else ""


@contextmanager
def _production_like_database(tmp_path):
    """SQLite: Django keeps the test database in memory with a shared cache, where SQLite locks whole tables
    and ignores the busy timeout. Production runs on a WAL file, so the writers run on a copy of the test
    database in a WAL file (new connections — the writers' — open it; this thread's stays on the original)."""
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "writers.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    settings = connection.settings_dict  # shared with the connections other threads create
    original, options = settings["NAME"], settings.get("OPTIONS", {})
    settings["NAME"] = str(path)
    # The writers queue for SQLite's one write lock. Production waits 30 s; with both suites on two cores a turn
    # once took longer ("database is locked" in a CI run), which is the machine's load, not a lost update.
    settings["OPTIONS"] = {**options, "timeout": 120}
    try:
        yield
    finally:
        settings["NAME"], settings["OPTIONS"] = original, options


def _in_thread(fn):
    """Run fn on a connection of its own (closed afterwards)."""
    def run():
        try:
            return fn()
        finally:
            connections.close_all()
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = Counter()
        self.problems = []

    def add(self, key, problem=None):
        with self.lock:
            self.counts[key] += 1
            if problem:
                self.problems.append(problem)


def _view_edits(user, case, placement, tally, rng):
    """The edits through the real views: load the page, post the form with its hidden fields."""
    client = Client()
    client.force_login(user)
    edit_url = reverse("cases:edit", args=[case.pk])
    cv_url = reverse("cv:details", args=[case.pk])
    cv_page = reverse("cases:detail", args=[case.pk]) + "?fane=cv"
    hours_url = reverse("placements:hours", args=[case.pk, placement.pk]) + f"?maaned={MONTH:%Y-%m}"

    def outcome(kind, response):
        body = response.content.decode()
        if response.status_code == 302:
            return True
        if response.status_code == 400 and "Ikke gemt:" in body:
            return False
        raise AssertionError(f"{response.status_code} {body[:300]}")

    def edit_case():
        body = client.get(edit_url).content.decode()
        since = dt.date.fromisoformat(_hidden(body, "public_support_since"))
        return outcome("case", client.post(edit_url, {
            "benefit": "kontanthjaelp_aktivitetsparat", "opened": "2024-01-02", "fsm_group": "", "closed": "",
            "close_reason": "", "public_support_since": (since + dt.timedelta(days=1)).isoformat(),
            "lock_version": _hidden(body, "lock_version"), "seen": _hidden(body, "seen")}))

    def edit_cv():
        body = client.get(cv_page).content.decode()
        km = int(_hidden(body, "details-max_commute_km") or 0)
        return outcome("cv", client.post(cv_url, {
            "details-hours_now": "10", "details-hours_wanted": "20", "details-max_commute_km": (km + 1) % COMMUTE_MOD,
            "details-driving_licence": "B", "details-lock_version": _hidden(body, "details-lock_version"),
            "details-seen": _hidden(body, "details-seen")}))

    def edit_hours(label):
        body = client.get(hours_url).content.decode()
        data = {"maaned": f"{MONTH:%Y-%m}"}
        for week in WEEKS:
            for field in ("i", "o", "was"):
                data[f"{field}-{week}"] = _hidden(body, f"{field}-{week}")
        tenths = round(float((data[f"i-{label}"] or "0").replace(",", ".")) * 10)
        data[f"i-{label}"] = str((tenths + 1) % TENTHS_MOD / 10).replace(".", ",")
        data[f"o-{label}"] = data[f"o-{label}"] or "0"
        return outcome("hours", client.post(hours_url, data))

    return edit_case, edit_cv, edit_hours


def _form_edits(user, case, placement, tally, rng):
    """The same edits through the forms and services the views use (a page costs ~50 times more than this)."""
    from jobspor.cases.forms import CaseEditForm
    from jobspor.cv.forms import DetailsForm
    from jobspor.placements.forms import HoursForm

    def data_of(form):
        return {form.add_prefix(name): form[name].value() for name in form.fields}

    def save(form, call):
        assert form.is_valid(), form.errors
        try:
            call(form)
        except StaleEdit:
            return False
        return True

    def edit_case():
        shown = CaseEditForm(instance=Case.objects.get(pk=case.pk))
        data = {k: "" if v is None else v for k, v in data_of(shown).items()}
        data["public_support_since"] += dt.timedelta(days=1)
        form = CaseEditForm(data, instance=Case.objects.get(pk=case.pk))
        return save(form, lambda f: case_update(actor=user, case=case, seen=f.seen,
                                                **{n: f.cleaned_data[n] for n in f.Meta.fields}))

    def edit_cv():
        cv = Cv.objects.get(citizen_id=case.citizen_id)
        shown = DetailsForm(record=cv, initial={"hours_now": cv.hours_now, "hours_wanted": cv.hours_wanted,
                                                "max_commute_km": cv.max_commute_km, "transport": cv.transport,
                                                "driving_licence": ", ".join(cv.driving_licence)})
        data = data_of(shown)
        data["details-max_commute_km"] = (data["details-max_commute_km"] + 1) % COMMUTE_MOD
        form = DetailsForm(data)
        return save(form, lambda f: cv_details_update(actor=user, citizen=case.citizen, seen=f.seen,
                                                      **f.cleaned_data))

    def edit_hours(label):
        weeks = weeks_of_month(MONTH.year, MONTH.month)
        rows = {h.week: h for h in WeekHours.objects.filter(placement=placement)}
        data = data_of(HoursForm(weeks=weeks, rows=rows))
        data = {k: "" if v is None else v for k, v in data.items()}
        tenths = round((data[f"i-{label}"] or 0) * 10)
        data[f"i-{label}"] = str((tenths + 1) % TENTHS_MOD / 10).replace(".", ",")
        data[f"o-{label}"] = data[f"o-{label}"] or "0"
        data.pop(f"clear-{label}", None)
        form = HoursForm({k: v for k, v in data.items() if v is not False}, weeks=weeks)
        return save(form, lambda f: placement_services.hours_save(actor=user, placement=placement,
                                                                  weeks=f.weeks_data()))

    return edit_case, edit_cv, edit_hours


def _writer(driver, edits, user, case, placement, tally, seed):
    rng = random.Random(seed)
    try:
        edit_case, edit_cv, edit_hours = driver(user, case, placement, tally, rng)
        for _ in range(edits):
            for kind, edit in (("case", edit_case), ("cv", edit_cv), ("hours", edit_hours)):
                week = rng.choice(WEEKS)
                try:
                    accepted = edit(week) if kind == "hours" else edit()
                except Exception as exc:  # a server error, "database is locked", a failed check
                    tally.add((kind, "error"), f"{kind}: {type(exc).__name__}: {exc}")
                    continue
                tally.add((kind, "accepted" if accepted else "stale"))
                if accepted and kind == "hours":
                    tally.add(("hours-week", week))
    finally:
        connections.close_all()


@pytest.fixture
def reference_data(transactional_db):
    """A transactional test empties every table afterwards, the postal codes the migrations loaded too."""
    if not PostalCode.objects.exists():
        import_module("jobspor.citizens.migrations.0002_load_postal_codes").load(django_apps, None)


@pytest.mark.django_db(transaction=True)
@pytest.mark.timeout(600)
@pytest.mark.usefixtures("reference_data")
@pytest.mark.parametrize("driver, writers, edits", [(_form_edits, WRITERS, EDITS),
                                                    (_view_edits, VIEW_WRITERS, VIEW_EDITS)],
                         ids=["forms-and-services", "views"])
def test_concurrent_writers_lose_no_update(tmp_path, driver, writers, edits):
    people = [EmployeeFactory(name=f"Skriver {n:02d}", roles=["jobformidler"]) for n in range(writers)]
    team = people[0].team
    for person in people[1:]:
        person.team = team
        person.save()
    case = make_case(primary=people[0], opened=dt.date(2024, 1, 2))
    case_update(actor=None, case=case, public_support_since=BASE_DAY)
    cv_details_update(actor=None, citizen=case.citizen, hours_now=10, hours_wanted=20, max_commute_km=0,
                      driving_licence=["B"])
    company = make_company(name="Samtidig ApS")
    contact = contact_save(actor=None, company=company, name="Kim Lund")
    placement = placement_services.placement_create(
        actor=None, case=case, company=company, contact=contact, kind="ordinaere_timer", start=dt.date(2025, 1, 6))
    events_before = Counter(Event.objects.values_list("verb", flat=True))

    tally = Tally()
    with _production_like_database(tmp_path):
        started = time.monotonic()
        threads = [threading.Thread(target=_writer, args=(driver, edits, p.user, case, placement, tally, n))
                   for n, p in enumerate(people)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.monotonic() - started

        def final_state():
            the_case = Case.objects.get(pk=case.pk)
            cv = Cv.objects.get(citizen=case.citizen)
            hours = {iso_week(h.week): h.internship_hours for h in WeekHours.objects.filter(placement=placement)}
            events = Counter(Event.objects.values_list("verb", flat=True))
            return the_case, cv, hours, events

        the_case, cv, hours, events = _in_thread(final_state)

    counts = tally.counts
    name = driver.__name__.strip("_")
    print(f"\n{connection.vendor}, {name}: {writers} writers × {edits} edits of each record in {seconds:.1f} s")
    for kind in ("case", "cv", "hours"):
        print(f"  {kind}: accepted {counts[(kind, 'accepted')]}, refused as stale {counts[(kind, 'stale')]}, "
              f"errors {counts[(kind, 'error')]}")
    assert tally.problems == []
    for kind in ("case", "cv", "hours"):
        assert counts[(kind, "accepted")] + counts[(kind, "stale")] == writers * edits
        assert counts[(kind, "accepted")] > 0
    # Every accepted edit is in the record …
    assert (the_case.public_support_since - BASE_DAY).days == counts[("case", "accepted")]
    assert cv.max_commute_km == counts[("cv", "accepted")] % COMMUTE_MOD
    for label in WEEKS:
        assert round(hours.get(label, 0) * 10) == counts[("hours-week", label)] % TENTHS_MOD, label
    # … and in the history, once.
    new = events - events_before
    assert new[Verb.CASE_UPDATED] == counts[("case", "accepted")]
    assert new[Verb.CV_UPDATED] == counts[("cv", "accepted")]
    assert new[PlacementVerb.HOURS_SAVED] == counts[("hours", "accepted")]
