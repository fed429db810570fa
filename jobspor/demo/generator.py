"""A realistic synthetic jobcentre for trying Jobspor (`jobspor demo`) and for the benchmarks.

Demo data bypasses the services (citizen_save, case_create, case_staff_add, assessment_complete) on
purpose: 100,000 cases must load in a few minutes on SQLite, and the services validate, write one
event and run one transaction per row. Instead every table is filled with bulk_create from values
computed in advance, in one transaction. The data is still consistent, because it is built by the
rules the services and the database keep:

- CPR numbers carry a real birth date and a 7th digit that gives the right century under
  stdnum.dk.cpr's rules, last digit odd for men and even for women; birth_date and sex are derived
  from the number with jobspor.citizens.cpr (as citizen_save does) and search_name is the case-folded
  name. The modulus-11 check is not required (interchange.md); we deliberately pick numbers that *fail*
  it, so they are unlikely to be the numbers of real people born before 2007.
- Every case has exactly one primary contact (a jobformidler), and case.team is that person's team
  (case_create, case_primary_set). A case's staff are all different people (one row per employee).
- closed >= opened, and close_reason is set exactly when the case is closed (the check constraints).
- The target group comes from the uniform assessment, as the method has it (seed 000: the effort rests on
  the distance to the labour market, never on the benefit): every visited case has an assessment whose
  answers describe the citizen's situation, its suggestion is questionnaire.suggest() with the citizen's age
  and years on public support on the assessment day (suggestion_for_case), a chosen group that differs from
  the suggestion always has a reason, and the case's target group and 'Flere skal med' group are the
  assessment's (assessment_complete). New cases not yet visited have neither.
- Teams are not staffed by benefit (seed 004: JobFirst "uanset ydelse"): a case goes to a team by its
  target group and age — JobFirst teams for the vulnerable, teams for those closest to the labour market,
  the young people's teams, a visitation team for cases not yet assessed — so every team mixes benefits.
- Ledighedsydelse is paid only to citizens visitated to fleksjob, so those cases record the visitation.
- No events are recorded: a demo case's history starts empty, which is true — nobody changed it.

Everything random comes from one random.Random and one Faker('da_DK'), both seeded, and is drawn in
a fixed order, so the same --seed gives the same jobcentre (dates are relative to today).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from itertools import accumulate

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone, translation
from faker import Faker

from jobspor.accounts.models import User
from jobspor.assessments.models import Assessment
from jobspor.assessments.questionnaire import AREAS, suggest
from jobspor.assessments.services import age_on
from jobspor.cases.models import Case, CaseStaff
from jobspor.citizens.cpr import cpr_birth_date, cpr_sex
from jobspor.citizens.models import Citizen, CitizenNameWord, PostalCode
from jobspor.citizens.search import name_words
from jobspor.core.bulk import rows_insert
from jobspor.core.roles import Role
from jobspor.core.statistics import statistics_refresh
from jobspor.kpi.facts import facts_refresh
from jobspor.kpi.facts import paused as facts_paused
from jobspor.matching.changes import paused as matching_paused
from jobspor.organisation.models import Department, Employee, Jobcentre, Team

DEMO_PASSWORD = "demo-jobspor"
DEFAULT_CASES = 2000
DEFAULT_SEED = 42

JOBCENTRE_NAME = "Jobcenter Horsens"
MUNICIPALITY_CODE = "615"  # Horsens Kommune
EMAIL_DOMAIN = "jobcenter-horsens.example"  # RFC 2606: never a real mailbox
NEIGHBOUR_KM = 35  # postal codes this close to the municipality count as neighbours
POSTAL_SHARES = (0.80, 0.15, 0.05)  # own municipality, neighbours, further away
# Within the municipality, postal codes weighted roughly by population (Horsens ≈ 60,000 of 97,000;
# Endelave ≈ 150); a code not listed weighs 1.
HOME_POSTAL_WEIGHTS = {"8700": 60, "8740": 7, "8751": 4, "8752": 4, "8732": 3, "8789": 0.2}

ID_PREFIX = "DEMO-"  # external ids of demo rows: never clash with imported ids or ids made in the UI
BATCH_SIZE = 500  # Django lowers it further to SQLite's limit of bound parameters per statement
CHUNK_CITIZENS = 2000  # citizens (with their cases, staff and assessments) built and written at a time

CASES_PER_BROKER = 27  # active cases per jobformidler ("about 1 per 25–30 active cases")
MAX_BROKERS = 250  # cap: a large jobcentre, not one jobformidler per 27 cases at 100,000 cases
MIN_STAFF = 20
CASES_PER_MENTOR = 20
MAX_MENTORS = 80
MAX_CONSULTANTS = 60

SECOND_CASE_EVERY = 21  # N // 21 second cases: 5 % of the citizens have an older, closed case
CLOSE_FACTOR = 0.45  # chance a case is closed grows with its age: 0.45 × age / 3 years (≈ 25 % in all)
CASEWORKER_SHARE = 0.88  # cases that also have the jobformidler's makker (myndighedssagsbehandler)
MENTOR_SHARE = 0.10
CONSULTANT_SHARE = 0.04
OVERRIDE_SHARE = 0.30  # when the suggestion differs from the caseworker's own view, how often she keeps hers


class DemoError(Exception):
    """Demo data cannot be loaded into this database (message in Danish)."""


# --- the organisation ------------------------------------------------------------------------------

DEPARTMENTS = ["Borgerservice og job", "Unge og uddannelse", "Virksomhedsservice"]

# key, name, department index, what the team does: "cases" (jobformidlere and their makkere hold
# cases), "mentors" or "consultants". The first team is where the fixed demo logins work.
# Case teams by target group and age (never by benefit): JobFirst teams for hovedmålgruppe 2, teams for
# hovedmålgruppe 1, the young people's teams, and visitation for cases not yet assessed.
TEAMS = [
    ("jf_nord", "Team JobFirst Nord", 0, "cases"),
    ("jf_syd", "Team JobFirst Syd", 0, "cases"),
    ("jf_vest", "Team JobFirst Vest", 0, "cases"),
    ("naer_nord", "Team Tæt på job Nord", 0, "cases"),
    ("naer_syd", "Team Tæt på job Syd", 0, "cases"),
    ("visitation", "Team Visitation og første samtale", 0, "cases"),
    ("mentorkorps", "Team Mentorkorps", 0, "mentors"),
    ("unge_udd", "Team Uddannelsesparate unge", 1, "cases"),
    ("unge_akt", "Team Unge i JobFirst", 1, "cases"),
    ("ungementor", "Team Ungementorer", 1, "mentors"),
    ("rekruttering", "Team Rekruttering", 2, "consultants"),
    ("smaajob", "Team Småjob og partnerskaber", 2, "consultants"),
]
FIRST_TEAM = TEAMS[0][0]
JOBFIRST_TEAMS = ("jf_nord", "jf_syd", "jf_vest")
CLOSEST_TEAMS = ("naer_nord", "naer_syd")
DEPARTMENT_LEADER_TEAMS = ("jf_nord", "unge_udd", "rekruttering")
MENTOR_TEAM_OF_DEPARTMENT = {0: "mentorkorps", 1: "ungementor"}

# The fixed demo logins: role, user name, label printed by the command.
FIXED_LOGINS = [
    (Role.JOB_BROKER, "jobformidler", "Jobformidler"),
    (Role.CASEWORKER, "sagsbehandler", "Myndighedssagsbehandler"),
    (Role.COMPANY_CONSULTANT, "konsulent", "Virksomhedskonsulent"),
    (Role.MENTOR, "mentor", "Mentor"),
    (Role.MANAGER, "leder", "Leder"),
    (Role.ADMINISTRATOR, "admin", "Administrator"),
]

# --- citizens and cases ----------------------------------------------------------------------------

# benefit: (share of cases in %, age now (low, high, mode), years on public support before the case
# opened (low, high, mode) or None, hovedmålgruppe weights (1, 2, 3))
BENEFITS = {
    "kontanthjaelp_aktivitetsparat": (22, (25, 66, 45), (0.5, 22, 6), (12, 88, 0)),
    "kontanthjaelp_jobparat": (9, (25, 66, 38), (0.1, 6, 0.6), (85, 15, 0)),
    "a_dagpenge": (15, (22, 66, 40), (0.0, 1.5, 0.1), (88, 12, 0)),
    "sygedagpenge": (14, (22, 66, 48), (0.0, 1.0, 0.1), (60, 40, 0)),
    "uddannelseshjaelp_uddannelsesparat": (6, (18, 29.99, 21), (0.1, 8, 1.0), (5, 10, 85)),
    "uddannelseshjaelp_aabenlyst_uddannelsesparat": (3, (18, 29.99, 19), (0.0, 3, 0.3), (5, 0, 95)),
    "uddannelseshjaelp_aktivitetsparat": (7, (18, 29.99, 24), (0.3, 10, 2.5), (0, 80, 20)),
    "selvforsoergelses_og_hjemrejseydelse": (4, (18, 60, 32), (0.1, 8, 1.0), (45, 55, 0)),
    "ressourceforloeb": (7, (25, 64, 45), (2.0, 25, 10), (0, 100, 0)),
    "jobafklaringsforloeb": (6, (28, 64, 50), (1.0, 5, 1.5), (10, 90, 0)),
    "ledighedsydelse": (5, (30, 66, 52), (0.3, 12, 3), (60, 40, 0)),
    "revalidering": (1, (22, 55, 38), (0.5, 6, 1.5), (50, 50, 0)),
    "ingen_ydelse": (1, (18, 66, 30), None, (60, 20, 20)),
}
YOUNG = 30  # hovedmålgruppe 3 and uddannelseshjælp are for the under-30s
FSM_SHARE_OF_GROUP_2 = 0.40
FSM_WEIGHTS = (60, 30, 10)  # 'Flere skal med' group 1, 2, 3

CLOSE_REASONS_BY_GROUP = {
    1: {"ordinaer_beskaeftigelse": 56, "ordinaer_uddannelse": 8, "anden_forsoergelse": 12, "flyttet": 8,
        "fleksjob": 2, "andet": 8},
    2: {"ordinaer_beskaeftigelse": 22, "fleksjob": 16, "foertidspension": 12, "ressourceforloeb": 12,
        "jobafklaringsforloeb": 6, "ordinaer_uddannelse": 4, "anden_forsoergelse": 12, "flyttet": 7, "andet": 9},
    3: {"ordinaer_uddannelse": 60, "ordinaer_beskaeftigelse": 22, "anden_forsoergelse": 6, "flyttet": 6,
        "andet": 6},
}
CLOSE_REASONS_BY_BENEFIT = {
    "sygedagpenge": {"ordinaer_beskaeftigelse": 62, "jobafklaringsforloeb": 14, "fleksjob": 7,
                     "foertidspension": 4, "anden_forsoergelse": 5, "andet": 8},
    "jobafklaringsforloeb": {"ordinaer_beskaeftigelse": 25, "fleksjob": 25, "ressourceforloeb": 20,
                             "foertidspension": 15, "anden_forsoergelse": 5, "andet": 10},
    "ressourceforloeb": {"ordinaer_beskaeftigelse": 10, "fleksjob": 35, "foertidspension": 35,
                         "anden_forsoergelse": 8, "flyttet": 4, "andet": 8},
    "ledighedsydelse": {"fleksjob": 80, "foertidspension": 8, "flyttet": 6, "andet": 6},
}

# The 20 most common Danish surnames with their approximate number of bearers (Danmarks Statistik).
# Faker's da_DK list has them all equally likely; about half the citizens get one of these instead.
COMMON_SURNAMES = {
    "Nielsen": 239, "Jensen": 238, "Hansen": 199, "Andersen": 159, "Pedersen": 156, "Christensen": 110,
    "Larsen": 109, "Sørensen": 105, "Rasmussen": 89, "Jørgensen": 84, "Petersen": 76, "Madsen": 62,
    "Kristensen": 61, "Olsen": 57, "Thomsen": 46, "Christiansen": 43, "Poulsen": 38, "Johansen": 37,
    "Møller": 35, "Mortensen": 34,
}
COMMON_SURNAME_SHARE = 0.5

OVERRIDE_REASONS = {
    1: ["Borgeren har selv fundet et småjob og vil i gang med det samme; vurderes tættere på "
        "arbejdsmarkedet end svarene viser.",
        "Helbredsproblemerne er afklaret med egen læge og er ikke til hinder for ordinære timer.",
        "Aftalt på fællesmøde med makker og borger: borgeren er klar til virksomhedsrettet indsats nu."],
    2: ["Borgeren har brug for en mere trinvis indsats end forslaget lægger op til; aftalt med makker.",
        "Helbredet er under afklaring hos egen læge; vi afventer lægeattest før en ny vurdering.",
        "Tidligere forløb er stoppet flere gange; borgeren får mentorstøtte i opstarten."],
    3: ["Borgeren har fået optagelse på en uddannelse med start efter sommerferien.",
        "Borgeren har et klart uddannelsesønske og kan starte på grundforløbet inden for et år."],
}
ASSESSMENT_NOTES = ["", "", "", "Vurderingen er lavet sammen med borgeren ved første samtale.",
                    "Borgeren ønsker at starte med få timer og bygge op.",
                    "Aftalt opfølgning om fire uger."]


@dataclass(slots=True)
class PlannedCase:
    benefit: str
    target_group: int | None
    fsm_group: int | None
    opened: dt.date
    closed: dt.date | None
    close_reason: str
    public_support_since: dt.date | None
    team: str
    staff: list = field(default_factory=list)  # [(employee index, role, is_primary)]
    assessment: tuple | None = None  # plan_assessment(): (assessed_on, answers, suggestion, chosen, reason)
    fleksjob_visitated: bool = False


@dataclass(slots=True)
class PlannedCitizen:
    cpr: str
    name: str
    address: str
    postal_code: str | None
    phone: str
    cases: list


@dataclass(slots=True)
class PlannedEmployee:
    name: str
    username: str
    team: str | None
    role: str


@dataclass
class DemoResult:
    skipped: bool = False
    cases: int = 0
    closed_cases: int = 0
    citizens: int = 0
    employees: int = 0
    teams: int = 0
    departments: int = 0
    assessments: int = 0
    seconds: float = 0.0
    jobcentre: str = JOBCENTRE_NAME
    existing_cases: int = 0
    extra: list = field(default_factory=list)  # (count, singular, plural) from the apps' demo extensions


# --- small helpers -----------------------------------------------------------------------------------

class Picker:
    """Weighted choice with precomputed cumulative weights (random.choices is slower per call)."""

    def __init__(self, rng: random.Random, weights: dict):
        self.rng = rng
        self.items = list(weights)
        self.cum = list(accumulate(weights.values()))
        self.total = self.cum[-1]

    def __call__(self):
        return self.rng.choices(self.items, cum_weights=self.cum, k=1)[0]


def _years(days: float) -> dt.timedelta:
    return dt.timedelta(days=round(days * 365.25))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _ascii(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "o", "ä": "a"})
    return "".join(c for c in text.lower().translate(table) if c.isalnum())


def _mod11_valid(cpr: str) -> bool:
    return sum(w * int(n) for w, n in zip((4, 3, 2, 7, 6, 5, 4, 3, 2, 1), cpr, strict=True)) % 11 == 0


def make_cpr(birth: dt.date, male: bool, rng: random.Random, used: set) -> str:
    """A CPR number for this birth date and sex that stdnum reads back as the same date (its 7th digit
    gives the century), not used before, and failing modulus 11 (see the module docstring)."""
    yy = birth.year % 100
    if 1900 <= birth.year <= 1999:
        sevenths = "0123" + ("49" if yy >= 37 else "")
    elif 2000 <= birth.year <= 2036:
        sevenths = "49" + ("5678" if yy < 58 else "")
    else:  # pragma: no cover - ages are 18–66
        raise ValueError(f"no CPR century digit for {birth.year}")
    stem = birth.strftime("%d%m") + f"{yy:02d}"
    parity = 1 if male else 0
    while True:
        cpr = f"{stem}{rng.choice(sevenths)}{rng.randrange(100):02d}{rng.randrange(5) * 2 + parity}"
        if cpr not in used and not _mod11_valid(cpr):
            used.add(cpr)
            return cpr


class PostalPool:
    """Real postal codes: mostly the jobcentre's municipality, then neighbours, a few further away."""

    def __init__(self, rng: random.Random, municipality_code: str):
        self.rng = rng
        rows = list(PostalCode.objects.order_by("code").values_list(
            "code", "town", "municipality_code", "municipality", "latitude", "longitude"))
        self.rows = {r[0]: r for r in rows}
        home = [r for r in rows if r[2] == municipality_code]
        if not home:
            self.pickers = [Picker(rng, {r[0]: 1 for r in rows})] if rows else []
            self.shares = [1.0]
            self.centre = None
            return
        lat = sum(r[4] for r in home) / len(home)
        lon = sum(r[5] for r in home) / len(home)
        self.centre = (lat, lon)
        home_w = {r[0]: HOME_POSTAL_WEIGHTS.get(r[0], 1) for r in home}
        near, far = {}, Counter()
        for r in rows:
            if r[2] == municipality_code:
                continue
            if self.km(r[4], r[5]) <= NEIGHBOUR_KM:
                near[r[0]] = 1
            else:
                far[r[2]] += 1
        # Further away: every municipality equally likely, however many postal codes it has.
        far_w = {r[0]: 1 / far[r[2]] for r in rows if r[2] in far and r[2] != municipality_code
                 and r[0] not in near}
        self.pickers = [Picker(rng, w) for w in (home_w, near, far_w) if w]
        self.shares = list(accumulate(s for s, w in zip(POSTAL_SHARES, (home_w, near, far_w), strict=True) if w))

    def km(self, lat, lon) -> float:
        clat, clon = self.centre
        dx = (lon - clon) * 111.32 * math.cos(math.radians(clat))
        dy = (lat - clat) * 110.57
        return math.hypot(dx, dy)

    def __call__(self) -> str | None:
        if not self.pickers:
            return None
        r = self.rng.random() * self.shares[-1]
        for picker, limit in zip(self.pickers, self.shares, strict=True):
            if r < limit:
                return picker()
        return self.pickers[-1]()


# --- the plan: every value decided in memory before anything is written ----------------------------

class Planner:
    def __init__(self, *, today: dt.date, postal: PostalPool, rng: random.Random, fake: Faker):
        self.today = today
        self.rng = rng
        self.fake = fake
        self.postal = postal
        self.used_cpr: set[str] = set(Citizen.objects.values_list("cpr", flat=True))
        self.benefit = Picker(rng, {b: spec[0] for b, spec in BENEFITS.items()})
        self.surname = Picker(rng, COMMON_SURNAMES)
        self.group = {b: Picker(rng, {g: w for g, w in zip((1, 2, 3), spec[3], strict=True) if w})
                      for b, spec in BENEFITS.items()}
        self.fsm = Picker(rng, dict(zip((1, 2, 3), FSM_WEIGHTS, strict=True)))
        self.reasons_group = {g: Picker(rng, w) for g, w in CLOSE_REASONS_BY_GROUP.items()}
        self.reasons_benefit = {b: Picker(rng, w) for b, w in CLOSE_REASONS_BY_BENEFIT.items()}

    # names -------------------------------------------------------------------------------------------
    def last_name(self) -> str:
        return self.surname() if self.rng.random() < COMMON_SURNAME_SHARE else self.fake.last_name()

    def person_name(self, male: bool) -> str:
        first = self.fake.first_name_male if male else self.fake.first_name_female
        parts = [first()]
        r = self.rng.random()
        if r < 0.15:
            second = first()
            if second != parts[0]:
                parts.append(second)
        elif r < 0.40:
            parts.append(self.last_name())
        last = self.last_name()
        if last not in parts:
            parts.append(last)
        else:
            parts.append(self.fake.last_name())
        return " ".join(parts)

    def phone(self) -> str:
        n = f"{self.rng.choice('2345678')}{self.rng.randrange(10_000_000):07d}"
        return f"{n[0:2]} {n[2:4]} {n[4:6]} {n[6:8]}"

    # cases -------------------------------------------------------------------------------------------
    def pick_benefit(self, age_at_open: float) -> str:
        for _ in range(30):
            benefit = self.benefit()
            low, high, _mode = BENEFITS[benefit][1]
            if low - 3 <= age_at_open <= high:
                return benefit
        return "kontanthjaelp_jobparat" if age_at_open >= YOUNG else "uddannelseshjaelp_uddannelsesparat"

    def team_for(self, group: int | None, young: bool) -> str:
        """By target group and age, never by benefit: every team mixes benefits."""
        if group is None:
            return "visitation"
        if group == 3:
            return "unge_udd"
        if group == 2:
            return "unge_akt" if young else JOBFIRST_TEAMS[self.rng.randrange(len(JOBFIRST_TEAMS))]
        return CLOSEST_TEAMS[self.rng.randrange(len(CLOSEST_TEAMS))]

    def assess(self, case: PlannedCase, birth: dt.date) -> None:
        """The uniform assessment decides the target group (planned case.target_group is the citizen's situation,
        which the answers describe); then the case gets its team."""
        young = (case.opened - birth).days / 365.25 < YOUNG
        if case.target_group is not None:
            case.assessment = plan_assessment(self.rng, case, birth, self.today)
            case.target_group = case.assessment[3]
            if case.target_group != 2:
                case.fsm_group = None
            elif case.fsm_group is None and self.rng.random() < FSM_SHARE_OF_GROUP_2:
                case.fsm_group = self.fsm()
        case.team = self.team_for(case.target_group, young)

    def target_group(self, benefit: str, young: bool) -> int:
        group = self.group[benefit]()
        if group == 3 and not young:
            group = 1
        return group

    def close_reason(self, benefit: str, group: int | None, age_at_close: float) -> str:
        if age_at_close >= 66 and self.rng.random() < 0.5:
            return "folkepension"
        picker = self.reasons_benefit.get(benefit) or self.reasons_group[group or 1]
        for _ in range(10):
            reason = picker()
            if reason != benefit:
                return reason
        return "andet"

    def support_since(self, benefit: str, opened: dt.date, adult: dt.date) -> dt.date | None:
        spec = BENEFITS[benefit][2]
        if spec is None:
            return None
        low, high, mode = spec
        since = opened - _years(self.rng.triangular(low, high, mode))
        return min(max(since, adult), opened)

    def case(self, *, benefit, birth, opened, closed=None, allow_unvisited=True) -> PlannedCase:
        age_at_open = (opened - birth).days / 365.25
        young = age_at_open < YOUNG
        # The citizen's situation: what the assessment's answers will describe (Planner.assess decides the group).
        group = self.target_group(benefit, young)
        if allow_unvisited and closed is None and (self.today - opened).days < 21 and self.rng.random() < 0.5:
            group = None  # not visited yet
        fsm = self.fsm() if group == 2 and self.rng.random() < FSM_SHARE_OF_GROUP_2 else None
        reason = ""
        if closed is not None:
            reason = self.close_reason(benefit, group, (closed - birth).days / 365.25)
        return PlannedCase(
            benefit=benefit, target_group=group, fsm_group=fsm, opened=opened, closed=closed,
            close_reason=reason, public_support_since=self.support_since(benefit, opened, _add_years(birth, 18)),
            team="", fleksjob_visitated=benefit == "ledighedsydelse",
        )

    def citizen(self, *, with_second_case: bool) -> PlannedCitizen:
        rng, today = self.rng, self.today
        benefit = self.benefit()
        low, high, mode = BENEFITS[benefit][1]
        if with_second_case:
            low = max(low, 21.0)
            mode = max(mode, low)
        age = rng.triangular(low, high, mode)
        birth = min(today - dt.timedelta(days=int(age * 365.25)), _add_years(today, -18) - dt.timedelta(days=1))
        male = rng.random() < 0.52
        cpr = make_cpr(birth, male, rng, self.used_cpr)
        birth = cpr_birth_date(cpr)
        adult = _add_years(birth, 18)
        # A second (older) case needs room between the 18th birthday and this case.
        earliest = adult + dt.timedelta(days=550 if with_second_case else 0)
        opened = today - dt.timedelta(days=rng.randrange(3 * 365))
        if opened < earliest:
            opened = min(today, earliest + dt.timedelta(days=rng.randrange(max(1, (today - earliest).days + 1))))
        days_open = (today - opened).days
        closed = None
        if rng.random() < CLOSE_FACTOR * days_open / (3 * 365):
            closed = opened + dt.timedelta(days=rng.randint(min(30, days_open), days_open))
        main = self.case(benefit=benefit, birth=birth, opened=opened, closed=closed)
        cases = [main]
        if with_second_case:
            old_closed = opened - dt.timedelta(days=rng.randint(14, 400))
            old_opened = max(adult, old_closed - dt.timedelta(days=rng.randint(60, 1000)))
            old_benefit = self.pick_benefit((old_opened - birth).days / 365.25)
            old = self.case(benefit=old_benefit, birth=birth, opened=old_opened, closed=old_closed,
                            allow_unvisited=False)
            if old.close_reason in ("ordinaer_beskaeftigelse", "ordinaer_uddannelse") and \
                    main.public_support_since and main.public_support_since < old_closed:
                # Back on public support some time after the job or education ended.
                main.public_support_since = min(opened, old_closed + dt.timedelta(days=rng.randint(30, 120)))
            cases.insert(0, old)
        for case in cases:
            self.assess(case, birth)
        return PlannedCitizen(
            cpr=cpr, name=self.person_name(male), address=self.fake.street_address(), postal_code=self.postal(),
            phone=self.phone() if rng.random() < 0.85 else "", cases=cases,
        )


def plan_citizens(planner: Planner, n_cases: int) -> list[PlannedCitizen]:
    """N cases in all: N - N//21 citizens, N//21 of them (≈ 5 %) also with an older, closed case."""
    n_second = n_cases // SECOND_CASE_EVERY
    n_citizens = n_cases - n_second
    second = set(planner.rng.sample(range(n_citizens), n_second))
    return [planner.citizen(with_second_case=i in second) for i in range(n_citizens)]


def plan_staff(planner: Planner, citizens: list[PlannedCitizen]) -> list[PlannedEmployee]:
    """Staff in proportion to the cases: a jobformidler per ~27 active cases (capped), a makker
    (myndighedssagsbehandler) per 1½ jobformidlere, consultants, mentors, leaders, administrators.
    The fixed demo logins come first, in the first team."""
    active = Counter(c.team for p in citizens for c in p.cases if c.closed is None)
    case_teams = [key for key, _n, _d, kind in TEAMS if kind == "cases"]
    brokers = {t: max(1, round(active[t] / CASES_PER_BROKER)) for t in case_teams}
    total = sum(brokers.values())
    if total > MAX_BROKERS:
        brokers = {t: max(1, math.floor(n * MAX_BROKERS / total)) for t, n in brokers.items()}
    n_mentor_cases = sum(len(p.cases) for p in citizens) * MENTOR_SHARE
    n_mentors = min(MAX_MENTORS, max(2, round(n_mentor_cases / CASES_PER_MENTOR)))
    n_consultants = min(MAX_CONSULTANTS, max(2, round(sum(brokers.values()) / 4)))

    def count():
        # + the fixed konsulent, mentor, leder and admin, two department leaders, the jobcentre manager and
        # one more administrator
        return sum(brokers.values()) + sum(math.ceil(n * 2 / 3) for n in brokers.values()) \
            + n_mentors + n_consultants + 4 + 2 + 1 + 1
    while count() < MIN_STAFF:
        busiest = max(case_teams, key=lambda t: active[t] / brokers[t])
        brokers[busiest] += 1

    rng = planner.rng
    staff: list[PlannedEmployee] = []
    taken = {u for _r, u, _l in FIXED_LOGINS} | set(User.objects.values_list("username", flat=True))

    def add(role, team, username=None):
        male = rng.random() < 0.4
        name = planner.person_name(male)
        if username is None:
            parts = name.split()
            stem = _ascii(parts[0])[:2] + _ascii(parts[-1])[:2]
            n = len(staff) + 1
            username = f"{stem}{n}"
            while username in taken:
                n += 1000
                username = f"{stem}{n}"
            taken.add(username)
        staff.append(PlannedEmployee(name=name, username=username, team=team, role=str(role)))

    for role, username, _label in FIXED_LOGINS:
        add(role, None if role == Role.ADMINISTRATOR else FIRST_TEAM, username)
    # Jobformidler and makker: the fixed logins are the first of each in the first team.
    for team in case_teams:
        n_brokers = brokers[team] - (1 if team == FIRST_TEAM else 0)
        n_caseworkers = math.ceil(brokers[team] * 2 / 3) - (1 if team == FIRST_TEAM else 0)
        for _ in range(n_brokers):
            add(Role.JOB_BROKER, team)
        for _ in range(n_caseworkers):
            add(Role.CASEWORKER, team)
    consultant_teams = [key for key, _n, _d, kind in TEAMS if kind == "consultants"]
    for i in range(n_consultants):
        add(Role.COMPANY_CONSULTANT, consultant_teams[i % len(consultant_teams)])
    young_share = sum(active[t] for t, _n, d, k in TEAMS if d == 1 and k == "cases") / max(1, sum(active.values()))
    n_young_mentors = max(1, round(n_mentors * young_share))
    for i in range(n_mentors):
        add(Role.MENTOR, "ungementor" if i < n_young_mentors else "mentorkorps")
    for team in DEPARTMENT_LEADER_TEAMS[1:]:  # the first department's leader is the fixed `leder`
        add(Role.MANAGER, team)
    add(Role.MANAGER, FIRST_TEAM)  # the jobcentre manager, placed in the first department
    add(Role.ADMINISTRATOR, None)
    return staff


def assign_staff(planner: Planner, citizens: list[PlannedCitizen], staff: list[PlannedEmployee]) -> None:
    """Primary contact (a jobformidler of the case's team), the makker, sometimes a mentor or a consultant."""
    rng = planner.rng
    by = defaultdict(list)
    for i, e in enumerate(staff):
        by[(e.role, e.team)].append(i)
    fixed = {role: i for i, (role, _u, _l) in enumerate(FIXED_LOGINS)}
    consultants = [i for i, e in enumerate(staff) if e.role == Role.COMPANY_CONSULTANT and e.team != FIRST_TEAM]
    department = {key: d for key, _n, d, _k in TEAMS}
    for p in citizens:
        for c in p.cases:
            brokers = by[(Role.JOB_BROKER, c.team)]
            caseworkers = by[(Role.CASEWORKER, c.team)]
            k = rng.randrange(len(brokers))
            c.staff.append((brokers[k], Role.JOB_BROKER.value, True))
            if rng.random() < CASEWORKER_SHARE:
                c.staff.append((caseworkers[k * len(caseworkers) // len(brokers)], Role.CASEWORKER.value, False))
            if rng.random() < MENTOR_SHARE:
                mentors = by[(Role.MENTOR, MENTOR_TEAM_OF_DEPARTMENT[department[c.team]])]
                if c.team == FIRST_TEAM and rng.random() < 0.5:
                    mentor = fixed[Role.MENTOR]
                else:
                    mentor = mentors[rng.randrange(len(mentors))] if mentors else fixed[Role.MENTOR]
                c.staff.append((mentor, Role.MENTOR.value, False))
            if rng.random() < CONSULTANT_SHARE:
                if c.team == FIRST_TEAM and rng.random() < 0.5:
                    consultant = fixed[Role.COMPANY_CONSULTANT]
                else:
                    consultant = consultants[rng.randrange(len(consultants))]
                c.staff.append((consultant, Role.COMPANY_CONSULTANT.value, False))


# --- assessments ---------------------------------------------------------------------------------------

ANSWER_PROFILES = {1: (72, 24, 4), 2: (30, 45, 25), 3: (70, 26, 4)}


def plan_assessment(rng: random.Random, case: PlannedCase, birth: dt.date, today: dt.date):
    """Answers that fit the caseworker's view of the citizen (the case's target group), the suggestion
    they give, and the caseworker's decision. Returns (assessed_on, answers, suggestion, chosen, reason)."""
    view = case.target_group
    end = case.closed or today
    assessed_on = min(end, case.opened + dt.timedelta(days=rng.randint(3, 60)))
    age = age_on(birth, assessed_on)
    weights = ANSWER_PROFILES[view]
    answers = {area: rng.choices((0, 1, 2), weights=weights)[0] for area in AREAS}
    if view == 1:
        hours = rng.randint(12, 37)
        wish = age < YOUNG and rng.random() < 0.3
    elif view == 2:
        hours = rng.choice((0, 0, 2, 4, 5, 6, 8, 10, 12, 15))
        wish = rng.random() < 0.1
    else:
        answers["education"] = rng.choice((1, 2))
        hours = rng.randint(10, 30)
        wish = rng.random() < 0.9
    answers["hours_now"] = hours
    answers["education_wish"] = wish
    years = None
    if case.public_support_since:
        years = (assessed_on - case.public_support_since).days / 365.25
    suggestion = suggest(answers, age=age, years_on_support=years)
    chosen, reason = suggestion.group, ""
    if suggestion.group != view and rng.random() < OVERRIDE_SHARE and not (view == 3 and age >= YOUNG):
        chosen = view
        reason = rng.choice(OVERRIDE_REASONS[view])
    return assessed_on, answers, suggestion, chosen, reason


# --- writing -------------------------------------------------------------------------------------------

def _bulk(model, objs):
    model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
    if objs and objs[0].pk is None:  # a backend that does not return primary keys from bulk inserts
        ids = dict(model.objects.filter(external_id__in=[o.external_id for o in objs])
                   .values_list("external_id", "pk"))
        for o in objs:
            o.pk = ids[o.external_id]
    return objs


def _write_organisation(staff: list[PlannedEmployee], password_hash: str):
    jobcentre = Jobcentre.objects.create(name=JOBCENTRE_NAME, municipality_code=MUNICIPALITY_CODE)
    departments = [Department.objects.create(jobcentre=jobcentre, name=name) for name in DEPARTMENTS]
    teams = {}
    for i, (key, name, dept, _kind) in enumerate(TEAMS, start=1):
        teams[key] = Team.objects.create(external_id=f"{ID_PREFIX}T{i:02d}", name=name,
                                         department=departments[dept])
    users = []
    for e in staff:
        first, _sep, last = e.name.rpartition(" ")
        is_admin = e.role == Role.ADMINISTRATOR
        users.append(User(username=e.username, password=password_hash, first_name=first, last_name=last,
                          email=f"{e.username}@{EMAIL_DOMAIN}", is_staff=is_admin, is_superuser=is_admin))
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    if users and users[0].pk is None:
        ids = dict(User.objects.filter(username__in=[u.username for u in users]).values_list("username", "pk"))
        for u in users:
            u.pk = ids[u.username]
    employees = [
        Employee(external_id=f"{ID_PREFIX}E{i:04d}", user=u, name=e.name, email=u.email,
                 phone=f"76 29 {i // 100 % 100:02d} {i % 100:02d}", team=teams.get(e.team), roles=[e.role])
        for i, (e, u) in enumerate(zip(staff, users, strict=True), start=1)
    ]
    _bulk(Employee, employees)
    return jobcentre, departments, teams, employees


CITIZEN_COLUMNS = ["external_id", "cpr", "name", "search_name", "birth_date", "sex", "address", "postal_code",
                   "phone"]
CASE_COLUMNS = ["external_id", "citizen", "benefit", "target_group", "fsm_group", "opened", "closed", "close_reason",
                "public_support_since", "fleksjob_visitated", "team"]
ASSESSMENT_COLUMNS = ["case", "assessed_at", "assessed_by", "answers", "note", "suggested_group",
                      "suggestion_reasons", "chosen_group", "override_reason", "fsm_group"]


def _ids(model, external_ids):
    """external_id → pk of rows just inserted (rows_insert does not return primary keys)."""
    ids = {}
    for start in range(0, len(external_ids), 500):  # SQLite's limit on bound parameters
        ids.update(model.objects.filter(external_id__in=external_ids[start:start + 500])
                   .values_list("external_id", "pk"))
    return [ids[external_id] for external_id in external_ids]


def _write_chunk(chunk, *, offset, case_offset, employees, rng, today, tz):
    """Citizens, their name words, cases, case staff and assessments as plain rows (jobspor.core.bulk.rows_insert:
    the ORM's per-instance work for ~7 rows per case was most of the writing time). Values as citizen_save,
    case_create and assessment_complete would store them; the random numbers are drawn in the same order as
    when the rows were model instances."""
    citizen_ids = [f"{ID_PREFIX}B{offset + i:06d}" for i in range(1, len(chunk) + 1)]
    rows_insert(Citizen, CITIZEN_COLUMNS, [
        (external_id, p.cpr, p.name, p.name.casefold(), cpr_birth_date(p.cpr), cpr_sex(p.cpr), p.address,
         p.postal_code, p.phone)
        for external_id, p in zip(citizen_ids, chunk, strict=True)])
    citizen_pks = _ids(Citizen, citizen_ids)
    rows_insert(CitizenNameWord, ["citizen", "word"],
                [(pk, word) for pk, p in zip(citizen_pks, chunk, strict=True) for word in sorted(name_words(p.name))])
    cases, staff, assessments = [], [], []  # staff and assessments hold the case's position in `cases`
    for citizen_pk, p in zip(citizen_pks, chunk, strict=True):
        for c in p.cases:
            n = len(cases)
            if c.assessment is not None:  # the case follows its assessment (Planner.assess), as assessment_complete
                assessed_on, answers, suggestion, chosen, reason = c.assessment
                first = c.staff[1] if len(c.staff) > 1 and c.staff[1][1] == Role.CASEWORKER else c.staff[0]
                moment = dt.datetime.combine(assessed_on, dt.time(rng.randint(8, 15), rng.choice((0, 15, 30, 45))))
                assessments.append((n, timezone.make_aware(moment, tz), employees[first[0]].user_id, answers,
                                    rng.choice(ASSESSMENT_NOTES), suggestion.group, suggestion.reasons, chosen,
                                    reason, c.fsm_group))
            case_offset += 1
            cases.append((f"{ID_PREFIX}S{case_offset:06d}", citizen_pk, c.benefit, c.target_group, c.fsm_group,
                          c.opened, c.closed, c.close_reason, c.public_support_since, c.fleksjob_visitated,
                          employees[c.staff[0][0]].team_id))
            staff.extend((n, employees[i].pk, role, primary) for i, role, primary in c.staff)
    rows_insert(Case, CASE_COLUMNS, cases)
    case_pks = _ids(Case, [row[0] for row in cases])
    rows_insert(CaseStaff, ["case", "employee", "role", "is_primary"],
                [(case_pks[n], *row) for n, *row in staff])
    rows_insert(Assessment, ASSESSMENT_COLUMNS, [(case_pks[n], *row) for n, *row in assessments])
    return len(cases), sum(1 for row in cases if row[6]), len(assessments), case_offset


def demo_extensions():
    """Each app may add its own demo data in `<app>/demo.py` with

        def demo_extend(*, rng, today, fake, say) -> list[tuple[int, str, str]]

    which runs after the citizens, cases and staff are written (in INSTALLED_APPS order, inside the
    same transaction), writes in bulk (100,000 cases must stay within minutes) and returns what it
    made as (count, Danish singular, Danish plural) for the summary."""
    for app in apps.get_app_configs():
        if not app.name.startswith("jobspor."):
            continue
        try:
            module = import_module(f"{app.name}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"{app.name}.demo":
                raise
            continue
        yield module.demo_extend


def demo_exists() -> bool:
    return Jobcentre.objects.filter(name=JOBCENTRE_NAME).exists() and \
        User.objects.filter(username=FIXED_LOGINS[0][1]).exists()


def demo_load(*, cases: int = DEFAULT_CASES, seed: int = DEFAULT_SEED, if_empty: bool = False,
              today: dt.date | None = None, progress=None) -> DemoResult:
    """Load the demo jobcentre with `cases` cases in all (see plan_citizens). Refuses a database that
    already has cases, unless `if_empty`, in which case it does nothing."""
    started = time.monotonic()
    existing = Case.objects.count()
    if existing:
        if if_empty:
            return DemoResult(skipped=True, existing_cases=existing)
        raise DemoError(f"Databasen har allerede {_n(existing)} sager; demodata indlæses kun i en database uden "
                        "sager (brug --if-empty for at springe over).")
    if cases < 1:
        raise DemoError("Antallet af sager skal være mindst 1.")
    clash = sorted(User.objects.filter(username__in=[u for _r, u, _l in FIXED_LOGINS])
                   .values_list("username", flat=True))
    if clash:
        raise DemoError("Brugernavnene findes allerede: " + ", ".join(clash) + ".")
    if Team.objects.filter(external_id__startswith=ID_PREFIX).exists() or \
            Citizen.objects.filter(external_id__startswith=ID_PREFIX).exists():
        raise DemoError("Databasen indeholder allerede demodata.")

    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()
    rng = random.Random(seed)
    fake = Faker("da_DK")
    fake.seed_instance(seed)
    say = progress or (lambda message: None)
    with _direct_writes(), translation.override("da"), transaction.atomic(), facts_paused(), matching_paused(), \
            _page_cache():
        planner = Planner(today=today, postal=PostalPool(rng, MUNICIPALITY_CODE), rng=rng, fake=fake)
        citizens = plan_citizens(planner, cases)
        staff = plan_staff(planner, citizens)
        assign_staff(planner, citizens, staff)
        say(f"Planlagt på {_seconds(time.monotonic() - started)} s; skriver …")
        password_hash = make_password(DEMO_PASSWORD)  # once: hashing per user would take minutes
        _jc, departments, teams, employees = _write_organisation(staff, password_hash)
        result = DemoResult(citizens=len(citizens), employees=len(employees), teams=len(teams),
                            departments=len(departments))
        case_offset = 0
        for start in range(0, len(citizens), CHUNK_CITIZENS):
            n, closed, assessed, case_offset = _write_chunk(
                citizens[start:start + CHUNK_CITIZENS], offset=start, case_offset=case_offset,
                employees=employees, rng=rng, today=today, tz=tz)
            result.cases += n
            result.closed_cases += closed
            result.assessments += assessed
            if start and start % (10 * CHUNK_CITIZENS) == 0:
                say(f"  {_n(result.cases)} sager …")
        for extend in demo_extensions():
            result.extra += extend(rng=rng, today=today, fake=fake, say=say)
    # The production chain and ordinary hours per month of every case, once, rather than on the first dashboard;
    # then the statistics, of the kept facts too (the tables went from empty to full: plans must not be made for
    # empty ones).
    facts_refresh()
    statistics_refresh()
    result.seconds = time.monotonic() - started
    return result


@contextmanager
def _direct_writes():
    """SQLite: the load's one transaction writes into the database file (a rollback journal) instead of the
    write-ahead log, then WAL again. In WAL mode all of it (1.5 GB at 100,000 cases) went to the log first and was
    copied into the file when the connection closed: ≈ 10 s of the command. Unchanged when another connection holds
    the file (SQLite then keeps WAL), inside a transaction (tests) and on PostgreSQL."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        was_wal = cursor.fetchone()[0] == "wal"
        if was_wal:
            cursor.execute("PRAGMA journal_mode = DELETE")
    try:
        yield
    finally:
        if was_wal:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode = WAL")


@contextmanager
def _page_cache(mib: int = 256):
    """SQLite: a page cache of `mib` MiB for this connection while the load runs (the default 2 MiB re-reads
    index pages from the OS for every row of the big tables), then the size it had. PostgreSQL: nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-1024 * mib}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


# --- what the command prints -----------------------------------------------------------------------------

def _n(value) -> str:
    return f"{value:,}".replace(",", ".")


def _count(value: int, singular: str, plural: str) -> str:
    return f"{_n(value)} {singular if value == 1 else plural}"


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def summary_lines(result: DemoResult) -> list[str]:
    if result.skipped:
        return [f"Databasen har allerede {_n(result.existing_cases)} sager; demodata er ikke indlæst igen."]
    seconds = _seconds(result.seconds)
    return [f"Demodata indlæst: {result.jobcentre} med {_count(result.departments, 'afdeling', 'afdelinger')}, "
            f"{_count(result.teams, 'team', 'teams')}, {_count(result.employees, 'medarbejder', 'medarbejdere')}, "
            f"{_count(result.citizens, 'borger', 'borgere')}, {_count(result.cases, 'sag', 'sager')} "
            f"({_count(result.closed_cases, 'afsluttet', 'afsluttede')}) og "
            f"{_count(result.assessments, 'vurdering', 'vurderinger')} på {seconds} s."] + (
        ["Desuden: " + ", ".join(_count(n, one, many) for n, one, many in result.extra) + "."]
        if result.extra else [])


def login_lines(port: str | None = None) -> list[str]:
    port = port or os.environ.get("PORT") or "8000"
    width = max(len(label) for _r, _u, label in FIXED_LOGINS) + 2
    lines = ["Demo-logins (samme adgangskode for alle):"]
    lines += [f"{label + ':':<{width}}{username} / {DEMO_PASSWORD}" for _r, username, label in FIXED_LOGINS]
    lines.append(f"Åbn Jobspor på http://127.0.0.1:{port}")
    lines.append(f"Min side (borger, demo-login uden MitID):         http://127.0.0.1:{port}/min-side/log-ind/")
    lines.append(f"Virksomhedsindgang (demo-login uden MitID Erhverv): http://127.0.0.1:{port}/virksomhed/log-ind/")
    return lines
