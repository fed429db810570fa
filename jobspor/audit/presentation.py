"""Event payloads shown to people: Danish field names and the Danish names of codes."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

from jobspor.cases.choices import Benefit, CloseReason, FsmGroup, TargetGroup
from jobspor.core.roles import Role
from jobspor.core.weeks import week_label
from jobspor.mentors.catalogue import BY_KEY as MENTOR_AREAS
from jobspor.mentors.choices import Decision
from jobspor.plans.choices import Goal, SubGoalStatus

LABELS = {
    "benefit": (_("Ydelse"), dict(Benefit.choices)),
    "target_group": (_("Hovedmålgruppe"), dict(TargetGroup.choices)),
    "fsm_group": (_("'Flere skal med'-gruppe"), dict(FsmGroup.choices)),
    "opened": (_("Oprettet"), None),
    "closed": (_("Afsluttet"), None),
    "close_reason": (_("Afslutningsårsag"), dict(CloseReason.choices)),
    "public_support_since": (_("På offentlig forsørgelse siden"), None),
    "team_id": (_("Team"), "team"),
    "employee": (_("Medarbejder"), None),
    "role": (_("Rolle"), dict(Role.choices)),
    "primary": (_("Primær kontaktperson"), {True: _("ja"), False: _("nej")}),
    "name": (_("Navn"), None),
    "address": (_("Adresse"), None),
    "postal_code_id": (_("Postnummer"), None),
    "phone": (_("Telefon"), None),
    "email": (_("E-mail"), None),
    "cpr": (_("CPR-nummer"), None),
    "suggested_group": (_("Foreslået hovedmålgruppe"), dict(TargetGroup.choices)),
    "chosen_group": (_("Valgt hovedmålgruppe"), dict(TargetGroup.choices)),
    "override": (_("Afveget fra forslaget"), {True: _("ja"), False: _("nej")}),
    "goal": (_("Mål"), dict(Goal.choices)),
    "goal_text": (_("Beskrivelse af målet"), None),
    "made": (_("Planen lagt"), None),
    "text": (_("Tekst"), None),
    "due": (_("Frist"), None),
    "owner": (_("Ansvarlig"), {"borger": _("Borgeren")}),
    "status": (_("Status"), dict(SubGoalStatus.choices)),
    "written_on": (_("Dato"), None),
    "mentor": (_("Mentor"), None),
    "areas": (_("Opgaveområder"), lambda keys: ", ".join(
        str(MENTOR_AREAS[k].name) if k in MENTOR_AREAS else k for k in keys or [])),
    "tasks": (_("Konkrete opgaver"), None),
    "hours_per_week": (_("Timer om ugen"), None),
    "starts": (_("Fra"), None),
    "ends": (_("Til"), None),
    "held_on": (_("Dato"), None),
    "decision": (_("Beslutning"), dict(Decision.choices)),
    "week": (_("Uge"), lambda value: _week(value)),
}


def _week(value):
    """A week kept as YYYY-Www (or its Monday) shown as people read it: uge 50 (2026)."""
    try:
        return week_label(dt.date.fromisoformat(str(value)))
    except ValueError:
        return value


def _value(key, value, teams):
    if value in (None, ""):
        return "–"
    kind = LABELS.get(key, (None, None))[1]
    if kind == "team":
        return teams.get(value, value)
    if isinstance(kind, dict):
        return kind.get(value, value)
    if callable(kind):
        return kind(value)
    return value


def event_rows(event, teams=None):
    """[(label, before, after)] for one event, in Danish."""
    teams = teams or {}
    before, after = event.before or {}, event.after or {}
    rows = []
    for key in list(dict.fromkeys([*before, *after])):
        label = LABELS.get(key, (key, None))[0]
        rows.append((label, _value(key, before.get(key), teams) if key in before else "",
                     _value(key, after.get(key), teams) if key in after else ""))
    return rows
