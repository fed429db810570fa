"""Malformed input never crashes (issue 10, 6a), tried with Hypothesis.

Each main form gets at least 500 generated bodies — mostly a valid body with some fields replaced by junk (huge
numbers, dates from year 1 to 9999, NUL bytes, long and odd text, repeated keys) — and the import gets at least
300 malformed lines. Every answer is < 500, and a refused post or import leaves the row count of every table as
it was (nothing half-written). Each example runs in a savepoint that is rolled back, so all start from the same
data. SQLite and PostgreSQL alike (make test runs both)."""

import datetime as dt
import json
import os
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from jobspor.companies.services import contact_save
from jobspor.cv.services import cv_item_add
from jobspor.interchange.errors import ImportRejected
from jobspor.interchange.importer import import_lines
from jobspor.mentors.services import mentor_assign
from jobspor.placements import services as placements
from jobspor.plans.choices import SubGoalStatus
from jobspor.plans.services import plan_save, sub_goal_add
from jobspor.testing.factories import EmployeeFactory, make_case, make_company, make_contact, make_job, next_cpr

FORM_EXAMPLES = int(os.environ.get("JOBSPOR_FORM_EXAMPLES", "500"))  # fewer while developing
IMPORT_EXAMPLES = int(os.environ.get("JOBSPOR_IMPORT_EXAMPLES", "300"))
_SETTINGS = settings(max_examples=FORM_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
# The same bodies every run, but other bodies on the other database (a seed per database): `make test`, which runs
# both, tries twice as many different bodies as one database with a seed for all would.
SEED = 2 if connection.vendor == "postgresql" else 1


def EXAMPLES(test):  # noqa: N802 (a decorator, as the settings object it stands for)
    return seed(SEED)(_SETTINGS(test))

# Reading a page logs the access and renews the session; neither is a write of the form.
NOT_COUNTED = {"audit_accesslog", "django_session"}
REDIRECT = {301, 302, 303}
OMIT = object()
SUB_GOAL_OPEN = SubGoalStatus.values[0]
TODAY = dt.date.today()

# --- junk ------------------------------------------------------------------------------------------------------

_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)  # HTTP bodies are UTF-8: no surrogates
_numbers = st.one_of(
    st.integers(-(2**80), 2**80).map(str),
    st.sampled_from(["2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
                     "9" * 40, "1e400", "-1e400", "NaN", "Infinity", "0", "-1", "0,5", "7,55", "1.000,5", "60,1",
                     "1" + "0" * 5000]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
_dates = st.one_of(
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(lambda d: f"{d.day:02d}-{d.month:02d}-{d.year:04d}"),
    st.sampled_from(["0001-01-01", "9999-12-31", "2031-05-05", "1899-12-31", "2026-02-30", "2026-W50", "0000-00-00"]),
)
JUNK = st.one_of(st.just(""), _numbers, _dates, _text,
                 st.sampled_from(["\x00", "a\x00b", "x" * 5000, "<script>", "' OR 1=1 --", "ææøøåå", " ", "\n"]),
                 st.lists(st.one_of(_text, _numbers), min_size=2, max_size=3))


def bodies(valid: dict, choices: dict | None = None):
    """A body: each field most often valid, else one of its choices, junk or left out; now and then a stray key.
    A field whose choices are None stays valid."""
    choices = choices or {}

    def field(name, value):
        if name in choices and choices[name] is None:  # kept valid (a stray key may still replace it)
            return st.just(value)
        options = [st.just(value)] * 4 + [JUNK, st.just(OMIT)]
        if choices.get(name):
            options.append(st.sampled_from(choices[name]))
        return st.one_of(options)

    fields = st.fixed_dictionaries({name: field(name, value) for name, value in valid.items()})
    extra = st.dictionaries(st.sampled_from(["id", "pk", "version", "next", "maaned", "csrfmiddlewaretoken"]),
                            st.one_of(JUNK, st.sampled_from(["0001-01", "9999-12", "2031-01", "1989-12"])),
                            max_size=1)
    return st.builds(lambda body, more: {k: v for k, v in {**body, **more}.items() if v is not OMIT}, fields, extra)


# --- the page's own hidden fields (such as a version) ----------------------------------------------------------

class _Hidden(HTMLParser):
    """The hidden inputs of the post forms on a page, by the form's action."""

    def __init__(self):
        super().__init__()
        self.forms, self.action = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.action = attrs.get("action") or ""
            self.forms.setdefault(self.action, {})
        elif tag == "input" and self.action is not None and attrs.get("type") == "hidden" and attrs.get("name"):
            self.forms[self.action][attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.action = None


def hidden_fields(client, page: str, action: str) -> dict:
    response = client.get(page)
    assert response.status_code == 200, page
    parser = _Hidden()
    parser.feed(response.content.decode())
    found = parser.forms.get(action, parser.forms.get("", {}) if page.split("?")[0] == action else {})
    return {k: v for k, v in found.items() if k != "csrfmiddlewaretoken"}


# --- counting rows ---------------------------------------------------------------------------------------------

def _tables():
    return sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True)
                   if m._meta.managed and not m._meta.proxy} - NOT_COUNTED)


def row_counts() -> dict:
    tables = _tables()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables))
        return dict(zip(tables, cursor.fetchone(), strict=True))


def changed(before: dict, after: dict) -> dict:
    return {t: (before[t], after[t]) for t in before if before[t] != after[t]}


class Probe:
    """Posts bodies in rolled-back savepoints and remembers what went wrong."""

    def __init__(self, client):
        self.client = client
        self.baseline = row_counts()
        self.tried = self.refused = 0

    def post(self, url, body):
        savepoint = transaction.savepoint()
        try:
            try:
                response = self.client.post(url, body)
            except Exception as exc:  # the test client re-raises what the view raised
                raise AssertionError(f"{url} raised {exc!r} for {body!r}") from exc
            assert response.status_code < 500, (url, body, response.status_code)
            self.tried += 1
            if response.status_code not in REDIRECT:
                self.refused += 1
                assert not changed(self.baseline, row_counts()), (url, body, changed(self.baseline, row_counts()))
        finally:
            transaction.savepoint_rollback(savepoint)


# --- the data the forms work on --------------------------------------------------------------------------------

def _world():
    employee = EmployeeFactory(name="Anne Holm", roles=["jobformidler", "virksomhedskonsulent"],
                               user__username="anne")
    case = make_case(primary=employee, name="Jens Hansen", opened=dt.date(2025, 1, 10))
    for task in ("pakke varer", "rengøre lager"):
        cv_item_add(actor=None, citizen=case.citizen, kind="task", text=task)
    company = make_company(name="Nordlager ApS", postal_code="8210", owner=employee)
    person = contact_save(actor=None, company=company, name="Mette Lund", role="Lagerchef")
    job = make_job(company=company, title="Lagerhjælp", tasks=["pakke varer"])
    placement = placements.placement_create(
        actor=None, case=case, company=company, contact=person, kind="virksomhedspraktik", purpose=1,
        start=dt.date(2025, 3, 3), title="Lagerhjælp",
        agreement={"goal": "Ordinære timer", "sub_goals": [], "tasks": ["pakke varer"], "hours_per_week": 10,
                   "accommodations": "", "conversion": "Når en opgave mestres, aflønnes den.", "support": "",
                   "follow_up_weeks": 2, "contact_info": "", "start": dt.date(2025, 3, 3)})
    plan = plan_save(actor=None, case=case, goal="job", made=dt.date(2025, 1, 20))
    sub_goal = sub_goal_add(actor=None, plan=plan, text="Tage bussen selv", due=dt.date(2025, 6, 1))
    contact = make_contact(case=case, date=dt.date(2025, 2, 3))
    mentor = EmployeeFactory(name="Carl Mentor", roles=["mentor"], team=employee.team, user__username="carl")
    assignment = mentor_assign(actor=None, case=case, areas=[_mentor_area()], tasks="Følge til praktikken",
                               hours_per_week=2, starts=dt.date(2025, 2, 1), employee=mentor)
    client = Client()
    client.force_login(employee.user)
    return {"employee": employee, "case": case, "company": company, "person": person, "job": job,
            "placement": placement, "plan": plan, "sub_goal": sub_goal, "contact": contact,
            "assignment": assignment, "client": client}


def _mentor_area():
    from jobspor.mentors.catalogue import BY_KEY

    return next(iter(BY_KEY))


def _day(d: dt.date) -> str:
    return d.isoformat()


def _targets(w) -> dict:
    """name → (page holding the form, url posted to, a valid body, choices per field)."""
    case, company, placement, job = w["case"], w["company"], w["placement"], w["job"]
    c, p = case.pk, placement.pk
    case_page = reverse("cases:detail", args=[c])
    monday = TODAY - dt.timedelta(days=TODAY.weekday() + 14)
    month = f"{monday:%Y-%m}"
    week_key = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
    dates = {"start": [_day(TODAY), "2025-03-03", "2024-12-31"]}
    targets = {
        "case_create": (reverse("cases:create"), reverse("cases:create"), {
            "cpr": next_cpr("020288"), "name": "Søs Ålund", "address": "Vej 2", "postal_code": "8000",
            "phone": "12345678", "benefit": "a_dagpenge", "opened": _day(TODAY), "public_support_since": "2020-01-01",
            "fsm_group": "1", "primary_role": "jobformidler"}, {"fsm_group": ["", "1", "2", "3", "4"]}),
        "case_edit": (reverse("cases:edit", args=[c]), reverse("cases:edit", args=[c]), {
            "benefit": "a_dagpenge", "fsm_group": "2", "public_support_since": "2016-05-01", "opened": "2025-01-10",
            "closed": "", "close_reason": ""}, {"close_reason": ["", "ordinaer_beskaeftigelse", "flyttet"],
                                                "closed": ["", _day(TODAY), "2025-01-09"]}),
        "cv_experience": (f"{case_page}?fane=cv", reverse("cv:experience_add", args=[c]), {
            "experience-kind": "job", "experience-title": "Lagerarbejder", "experience-place": "Nordlager",
            "experience-start": "2009-01-01", "experience-end": "2012-06-30"}, {}),
        "cv_item": (f"{case_page}?fane=cv", reverse("cv:item_add", args=[c]), {
            "kind": "task", "task-text": "fylde hylder op"}, {"kind": ["task", "competency", "nope"]}),
        "cv_statement": (f"{case_page}?fane=cv", reverse("cv:statement_add", args=[c]), {
            "statement-company_name": "Nordlager ApS", "statement-given_by": "Mette Lund, lagerchef",
            "statement-given_on": _day(TODAY), "statement-text": "Stabil og glad."}, {}),
        "cv_details": (f"{case_page}?fane=cv", reverse("cv:details", args=[c]), {
            "details-hours_now": "10", "details-hours_wanted": "25", "details-max_commute_km": "25",
            "details-transport": "cykel", "details-driving_licence": "B"}, {}),
        "plan": (reverse("plans:plan_edit", args=[c]), reverse("plans:plan_edit", args=[c]), {
            "goal": "job", "goal_text": "Lagermedarbejder", "made": "2025-01-20"}, {}),
        "sub_goal": (reverse("plans:sub_goal_add", args=[c]), reverse("plans:sub_goal_add", args=[c]), {
            "text": "Møde til tiden", "owner": "", "due": "2025-08-01", "status": SUB_GOAL_OPEN},
            {"owner": ["", str(w["employee"].pk)]}),
        "contact": (f"{case_page}?fane=journal", reverse("contacts:create", args=[c]), {
            "kind": "jobsamtale", "date": _day(TODAY), "note": "Talte om praktik.",
            "other_participants": "", "next_date": "", "next_kind": ""},
            {"participants": [str(w["employee"].pk), "0", "99999999999999999999"]}),
        "contact_edit": (reverse("contacts:edit", args=[c, w["contact"].pk]),
                         reverse("contacts:edit", args=[c, w["contact"].pk]), {
            "kind": "jobsamtale", "date": "2025-02-04", "note": "Rettet.", "other_participants": "",
            "next_date": "", "next_kind": ""}, {}),
        "placement_create": (reverse("placements:create", args=[c]) + f"?company={company.pk}",
                             reverse("placements:create", args=[c]), {
            "company": str(company.pk), "contact": str(w["person"].pk), "workplace": "",
            "kind": "virksomhedspraktik", "purpose": "1", "title": "Lager", "start": _day(TODAY),
            "planned_end": "", "goal": "Ordinære timer", "sub_goals": "Møde stabilt", "tasks": "pakke varer",
            "tasks_extra": "", "hours_per_week": "10", "accommodations": "", "conversion": "Når mestret",
            "support": "", "follow_up_weeks": "2", "contact_info": ""}, {"purpose": ["", "1", "2", "3", "9"], **dates}),
        "agreement_edit": (reverse("placements:agreement_edit", args=[c, p]),
                           reverse("placements:agreement_edit", args=[c, p]), {
            "goal": "Ordinære timer", "sub_goals": "", "tasks_text": "pakke varer", "hours_per_week": "12,5",
            "accommodations": "", "conversion": "Når mestret", "support": "", "follow_up_weeks": "3",
            "contact_info": "", "start": "2025-03-03"}, dates),
        "placement_end": (reverse("placements:end", args=[c, p]), reverse("placements:end", args=[c, p]), {
            "end": _day(TODAY), "end_reason": "ingen_progression", "statement": "", "statement_by": ""}, {}),
        "hours": (reverse("placements:hours", args=[c, p]) + f"?maaned={month}",
                  reverse("placements:hours", args=[c, p]), {
            "maaned": month, f"i-{week_key}": "10", f"o-{week_key}": "2,5"},
            {"maaned": None}),  # another month shows other weeks: the posted ones would not be read
        "follow_up": (reverse("placements:follow_up", args=[c, p]), reverse("placements:follow_up", args=[c, p]), {
            "date": _day(TODAY), "place": "Lageret", "participants": "Jens, Mette", "notes": "", "next_date": "",
            "c0": "6", "k0": "7"}, {}),
        "company_create": (reverse("companies:create"), reverse("companies:create"), {
            "cvr": "12345674", "name": "Sydlager ApS", "industry": "521000", "sector": "privat",
            "employees": "35", "address": "Havnen 1", "postal_code": "8000", "owner": str(w["employee"].pk),
            "relation_level": "kontakt", "inclusive_experience": "", "inclusive_capacity": "2",
            "code_of_care": ""}, {}),
        "company_edit": (reverse("companies:edit", args=[company.pk]), reverse("companies:edit", args=[company.pk]), {
            "cvr": company.cvr, "name": "Nordlager ApS", "industry": "521000", "sector": "privat",
            "employees": "40", "address": "", "postal_code": "8210", "owner": str(w["employee"].pk),
            "relation_level": "kontakt", "inclusive_capacity": "", "inclusive_contact": str(w["person"].pk),
            "code_of_care": ""}, {}),
        "interaction": (reverse("companies:interaction_add", args=[company.pk]),
                        reverse("companies:interaction_add", args=[company.pk]), {
            "kind": "besoeg", "date": _day(TODAY), "contact": str(w["person"].pk), "outcome": "God snak",
            "next_step": "Ring igen", "next_step_on": ""}, {}),
        "job_create": (reverse("jobs:create") + f"?virksomhed={company.pk}",
                       reverse("jobs:create") + f"?virksomhed={company.pk}", {
            "title": "Pakkemedhjælper", "kind": "smaajob", "hours_per_week": "8", "tasks": "pakke varer",
            "driving_licence": "", "competencies_required": "", "competencies_wanted": "", "accommodations": "",
            "workplace": "", "postal_code": "", "posted": _day(TODAY), "start": "", "deadline": "",
            "status": "open"}, {}),
        "job_edit": (reverse("jobs:edit", args=[job.pk]), reverse("jobs:edit", args=[job.pk]), {
            "title": "Lagerhjælp", "kind": "smaajob", "hours_per_week": "10", "tasks": "pakke varer",
            "posted": "2025-03-01", "deadline": "", "status": "open"}, {}),
    }
    a = w["assignment"].pk
    targets["mentor_follow_up"] = (reverse("mentors:follow_up_add", args=[c, a]),
                                   reverse("mentors:follow_up_add", args=[c, a]), {
        "held_on": _day(TODAY), "notes": "Det går fint.", "decision": "fortsaet"}, {})
    return targets


# The main forms, each with its variants; every group gets FORM_EXAMPLES bodies.
GROUPS = {
    "case": ["case_create", "case_edit"],
    "cv": ["cv_experience", "cv_details", "cv_item", "cv_statement"],
    "plan": ["plan", "sub_goal"],
    "journal": ["contact", "contact_edit"],
    "placement": ["placement_create", "agreement_edit", "placement_end"],
    "hours": ["hours"],
    "company": ["company_create", "company_edit", "interaction"],
    "opening": ["job_create", "job_edit"],
    "follow_up": ["follow_up", "mentor_follow_up"],
}


@pytest.mark.django_db
@pytest.mark.timeout(1200)  # about a minute unloaded; the default 300 s is too tight on a busy CI machine
@pytest.mark.parametrize("group", GROUPS)
def test_generated_posts_never_crash_nor_half_write(group):
    world = _world()
    client = world["client"]
    targets, every = {}, _targets(world)
    for name in GROUPS[group]:
        page, url, valid, choices = every[name]
        targets[name] = (url, {**hidden_fields(client, page, url.split("?")[0]), **valid}, choices)
    # Each valid body is accepted: the examples reach the services, not only the forms' first checks.
    for name, (url, valid, _choices) in targets.items():
        savepoint = transaction.savepoint()
        response = client.post(url, valid)
        transaction.savepoint_rollback(savepoint)
        form = (response.context or {}).get("form")
        assert response.status_code == 302, (name, response.status_code, form.errors if form else "")
    probe = Probe(client)

    @EXAMPLES
    @given(st.sampled_from(sorted(targets)).flatmap(
        lambda name: bodies(targets[name][1], targets[name][2]).map(lambda body: (name, body))))
    def post(example):
        name, body = example
        probe.post(targets[name][0], body)

    post()
    assert probe.tried >= FORM_EXAMPLES and probe.refused > 0


# --- import ----------------------------------------------------------------------------------------------------

def _records():
    today = TODAY.isoformat()
    monday = TODAY - dt.timedelta(days=TODAY.weekday() + 7)
    week = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
    return [
        {"type": "team", "id": "T1", "name": "Team Nord"},
        {"type": "employee", "id": "E1", "name": "Anne Holm", "roles": ["jobformidler"], "team": "T1"},
        {"type": "citizen", "id": "B1", "cpr": "0103874321", "name": "Jens Hansen", "postal_code": "8210"},
        {"type": "case", "id": "S1", "citizen": "B1", "benefit": "kontanthjaelp_aktivitetsparat", "target_group": 2,
         "fsm_group": 1, "opened": "2025-01-10", "closed": None, "close_reason": None,
         "public_support_since": "2016-05-01", "staff": [{"employee": "E1", "role": "jobformidler", "primary": True}]},
        {"type": "cv", "citizen": "B1", "created": "2025-02-01", "competencies": ["truckcertifikat"],
         "tasks": ["pakke varer"], "experience": [{"kind": "job", "title": "Lagerarbejder", "from": "2009-01-01",
                                                   "to": "2012-06-30"}],
         "job_goals": [{"title": "Lagermedarbejder", "created": "2025-02-01"}], "driving_licence": ["B"],
         "max_commute_km": 25, "hours_per_week": 10, "accommodations": ["ingen tunge løft"]},
        {"type": "company", "id": "V1", "cvr": "12345674", "name": "Nordlager ApS", "industry": "521000",
         "sector": "privat", "postal_code": "8200", "employees": 35},
        {"type": "job", "id": "J1", "company": "V1", "title": "Lagerhjælp", "kind": "smaajob", "hours_per_week": 8,
         "tasks": ["pakke varer"], "requirements": {"driving_licence": None, "competencies": []},
         "posted": "2025-03-01", "deadline": "2025-03-31", "status": "open", "filled_by": None, "filled_on": None},
        {"type": "placement", "id": "P1", "case": "S1", "company": "V1", "kind": "virksomhedspraktik", "purpose": 1,
         "start": "2025-03-03", "end": None, "agreement_signed": "2025-03-03", "end_reason": None},
        {"type": "hours", "placement": "P1", "week": week, "internship_hours": 10, "ordinary_hours": 0},
        {"type": "contact", "id": "K1", "case": "S1", "employee": "E1", "date": today, "kind": "opfoelgning",
         "note": "Godt møde."},
    ]


_json_junk = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**200), 2**200), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 2**63, 2**31, -(2**63) - 1, 0, 60.05, 1e-300]),
    _text, st.sampled_from(["0001-01-01", "9999-12-31", "2031-01-01", "1899-12-31", "2026-W60", "0000-W01",
                            "x" * 500, " E1", "", "\x00"]),
    st.lists(_text, max_size=3), st.dictionaries(_text, _text, max_size=2))

# Lines no JSON library writes: raw text with lone surrogates, deep nesting, huge numbers, broken syntax.
_raw_lines = st.one_of(
    st.sampled_from([
        '{"type":"team","id":"T9","name":"\\ud800"}', '{"type":"team","id":"\\udfff","name":"x"}',
        '{"type":"team","\\ud83d":"x"}', "[" * 10_000 + "]" * 10_000, '{"a":' * 5_000 + "1" + "}" * 5_000,
        '{"type":"hours","placement":"P1","week":"2025-W10","internship_hours":1e400,"ordinary_hours":0}',
        '{"type":"company","id":"V1","cvr":"12345674","name":"N","industry":"521000","sector":"privat",'
        '"employees":' + "9" * 5000 + "}",
        '{"type":"case","id":"S1","type":"case"}', "NaN", "Infinity", '{"type": NaN}', "{", "}", "[]", '"x"', "1",
        "\ufeff{}", "{'type': 'team'}", '{"type":"team","id":"T9","name":"x"} trailing',
    ]),
    st.binary(max_size=40).map(lambda b: b.decode("latin-1")),
    _text,
)


@st.composite
def _malformed_line(draw):
    """A valid record with one field replaced, removed or added — or a raw line."""
    if draw(st.integers(0, 4)) == 0:
        return draw(_raw_lines)
    record = dict(draw(st.sampled_from(_records())))
    key = draw(st.sampled_from(sorted(record) + ["extra"]))
    if draw(st.booleans()) and key in record:
        del record[key]
    else:
        record[key] = draw(_json_junk)
    if draw(st.booleans()):  # also a text nested where a number or list goes
        record[draw(st.sampled_from(sorted(record)))] = draw(st.recursive(
            _json_junk, lambda inner: st.lists(inner, max_size=2) | st.dictionaries(_text, inner, max_size=2),
            max_leaves=6))
    return json.dumps(record, ensure_ascii=draw(st.booleans()))


def _import(lines: list[str]):
    return import_lines([line.encode("utf-8", "surrogatepass") + b"\n" for line in lines])


@pytest.mark.django_db
@pytest.mark.timeout(1200)
def test_malformed_import_lines_give_line_reasons_and_change_nothing():
    _import([json.dumps(record) for record in _records()])
    baseline = row_counts()
    outcomes = {"refused": 0, "accepted": 0}

    @settings(_SETTINGS, max_examples=IMPORT_EXAMPLES, derandomize=True)
    @given(st.lists(_malformed_line(), min_size=1, max_size=3))
    def feed(lines):
        savepoint = transaction.savepoint()
        try:
            try:
                _import(lines)
            except ImportRejected as exc:
                outcomes["refused"] += 1
                assert exc.errors and all(str(error).startswith(f"line {error.number}: ") for error in exc.errors)
                assert all(1 <= error.number <= len(lines) for error in exc.errors)
                assert not changed(baseline, row_counts()), lines
            else:
                outcomes["accepted"] += 1
        finally:
            transaction.savepoint_rollback(savepoint)

    feed()
    assert outcomes["refused"] >= IMPORT_EXAMPLES * 0.8, outcomes


@pytest.mark.django_db
@pytest.mark.parametrize("line, reason", [
    ('{"type":"team","id":"T9","name":"\\ud800"}', "ugyldig tekst: et halvt tegn"),
    ('{"type":"team","id":"T9","name":"a\\u0000b"}', "ugyldig tekst: tegnet NUL"),
    ("[" * 10_000 + "]" * 10_000, "for mange niveauer"),
    ('{"type":"team","id":"T9","name":' + "[" * 20 + "]" * 20 + "}", "for mange niveauer"),
])
def test_surrogates_and_deep_nesting_are_a_line_reason(line, reason):
    with pytest.raises(ImportRejected) as caught:
        _import([json.dumps({"type": "team", "id": "T1", "name": "Nord"}), line])
    assert str(caught.value).startswith("line 2: ") and reason in str(caught.value)
