"""The history reads as Danish sentences: every verb has one, and a demo case's history shows no raw key or
Python value (True, None, [..], {..}, snake_case codes)."""

import datetime as dt
import importlib
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import Event
from jobspor.audit.presentation import display, event_lines, event_sentence

ROOT = Path(__file__).resolve().parents[2]


def verbs_used_in_code() -> set[str]:
    """Every verb code: the members of each *Verb TextChoices and the plain strings given as verb=."""
    codes = set()
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        source = path.read_text()
        codes |= set(re.findall(r"""verb=["']([a-z_]+)["']""", source))
        for name in re.findall(r"^class (\w*Verb)\(models\.TextChoices\)", source, re.M):
            module = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
            codes |= set(getattr(importlib.import_module(module), name).values)
    return codes


def test_every_verb_used_in_the_code_has_a_danish_sentence():
    codes = verbs_used_in_code()
    assert {"placement_hours_saved", "forecast_record", "case_created", "company_created"} <= codes
    for code in sorted(codes):
        sentence = event_sentence(Event(verb=code))
        assert sentence != code + "." and "_" not in sentence, code
        assert sentence[0].isupper() and sentence.endswith("."), code


def test_values_are_danish_text():
    assert display("signed_by_all", True) == "ja"
    assert display("tasks", ["beskære buske", "slå græs"]) == "beskære buske, slå græs"
    assert display("status", "planned", target_type="placement") == "Planlagt"
    assert display("status", "aaben", target_type="subgoal") == "Åben"
    assert display("end", "2025-03-03", target_type="placement") == "3. marts 2025"
    assert display("week", "2026-W50", target_type="weekhours") == "uge 50 (2026)"
    assert display("ordinary_hours", "7.5", target_type="weekhours") == "7,5"
    assert display("hash", "ab" * 32).endswith("…")
    event = Event(verb="placement_hours_saved", target_type="weekhours", before=None,
                  after={"week": "2026-W50", "internship_hours": "10.0", "ordinary_hours": "0.0"})
    assert event_lines(event) == ["Uge: uge 50 (2026).", "Praktiktimer: 10.", "Ordinære timer: 0."]
    changed = Event(verb="placement_updated", target_type="placement",
                    before={"end": None, "status": "active", "title": "", "planned_end": "2025-06-01"},
                    after={"end": "2025-05-02", "status": "ended", "title": "", "planned_end": None})
    assert event_lines(changed) == ["Slut sat til 2. maj 2025.", "Status ændret fra I gang til Afsluttet.",
                                    "Planlagt slut fjernet (var 1. juni 2025)."]
    signed = Event(verb="work_agreement_signed", target_type="workagreement",
                   after={"role": "jobcenter", "goal": "Flere timer over tid."})
    assert event_lines(signed) == ["Part: Jobcenter.", "Mål: Flere timer over tid."]


RAW = [re.compile(p) for p in (r"\bTrue\b", r"\bFalse\b", r"\bNone\b", r"\[", r"\{", r"\b[a-z]+_[a-z_]+\b",
                                r"(?<!&)#\w")]


@pytest.mark.django_db
def test_the_history_of_a_demo_case_reads_as_danish(client):
    from jobspor.cases.services import case_update
    from jobspor.demo.generator import demo_load
    from jobspor.matching import bounds
    from jobspor.organisation.models import Employee
    from jobspor.placements import services
    from jobspor.placements.choices import PlacementStatus
    from jobspor.placements.models import Placement
    from jobspor.plans.models import Plan
    from jobspor.plans.services import sub_goal_add, sub_goal_update

    bounds.reset()  # matching's per-process tables can outlive an earlier test's rolled-back demo (SQLite reuses ids)
    demo_load(cases=120, seed=7)
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday() + 7)
    # Last week must be inside the placement (on a Monday the demo starts some placements today).
    placement = (Placement.objects.filter(status=PlacementStatus.ACTIVE, agreement_signed_on__isnull=False,
                                          start__lte=monday)
                 .select_related("case__citizen", "contact").order_by("pk").first())
    broker = Employee.objects.select_related("user").get(
        case_links__case=placement.case, case_links__is_primary=True)
    user, case = broker.user, placement.case
    services.hours_save(actor=user, placement=placement, weeks=[{"week": monday, "internship_hours": 9,
                                                                  "ordinary_hours": "2.5"}])
    agreement = services.agreement_new_version(actor=user, placement=placement, tasks=["beskære buske", "slå græs"],
                                               follow_up_weeks=3)
    content_hash = services.agreement_hash(agreement)
    for role, name in (("borger", case.citizen.name), ("virksomhed", placement.contact.name),
                       ("jobcenter", broker.name)):
        services.agreement_sign(actor=user, agreement=agreement, role=role, signer_name=name,
                                content_hash=content_hash)
    services.follow_up_record(actor=user, placement=placement, date=today, place="På pladsen",
                              participants="Alle tre", ratings=[{"task": "beskære buske", "citizen_rating": 6,
                                                                 "company_rating": 7}], next_date=None)
    services.placement_end(actor=user, placement=placement, end=today, end_reason="ordinaer_beskaeftigelse")
    case_update(actor=user, case=case, fsm_group=2)
    plan = Plan.objects.filter(case=case).first()
    if plan is not None:
        goal = sub_goal_add(actor=user, plan=plan, text="Møde til tiden", due=today + dt.timedelta(days=14))
        sub_goal_update(actor=user, sub_goal=goal, text="Møde til tiden hver dag",
                        due=today + dt.timedelta(days=21), status="naaet")
    assert Event.objects.filter(case_id=case.pk).count() >= 8

    client.force_login(user)
    body = client.get(reverse("cases:detail", args=[case.pk]), {"fane": "historik"}).content.decode()
    history = body[body.index('id="history-list"'):body.index("</ol>", body.index('id="history-list"'))]
    text = re.sub(r"<[^>]+>", " ", history)
    for pattern in RAW:
        found = pattern.findall(text)
        assert not found, f"{pattern.pattern}: {found[:5]}\n{text}"
    for phrase in ("Timer registreret.", "uge ", "beskære buske, slå græs", "Underskrevet af alle parter: ja.",
                   "Part: Borger.", "Status ændret fra I gang til Afsluttet."):
        assert phrase in text, phrase


@pytest.mark.django_db
def test_a_related_record_kept_by_name_reads_as_the_name():
    # Events of staff on a case keep the employee's name, not an id: shown as it is, never "#Bo Berg".
    assert display("employee", "Bo Berg", target_type="casestaff") == "Bo Berg"
    assert display("postal_code", "8210", target_type="citizen") == "8210"
