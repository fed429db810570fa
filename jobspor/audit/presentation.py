"""Event payloads shown to people: Danish field names and the Danish names of codes, as sentences.

Labels and the names of codes come from LABELS, else from the field of the event's target model (its
verbose_name and choices), so a new field reads in Danish without being listed here. Values are never shown
as Python: lists are joined, booleans are ja/nej, dates and weeks are Danish, numbers use a decimal comma."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from jobspor.audit.verbs import verb_label
from jobspor.cases.choices import Benefit, CloseReason, FsmGroup, TargetGroup
from jobspor.core.roles import Role
from jobspor.mentors.catalogue import BY_KEY as MENTOR_AREAS
from jobspor.mentors.choices import Decision
from jobspor.placements.choices import SignerRole
from jobspor.plans.choices import Goal, SubGoalStatus
from jobspor.signing.choices import SigningChannel

LABELS = {
    "benefit": (_("Ydelse"), dict(Benefit.choices)),
    "target_group": (_("Hovedmålgruppe"), dict(TargetGroup.choices)),
    "fsm_group": (_("'Flere skal med'-gruppe"), dict(FsmGroup.choices)),
    "opened": (_("Oprettet"), None),
    "closed": (_("Afsluttet"), None),
    "close_reason": (_("Afslutningsårsag"), dict(CloseReason.choices)),
    "public_support_since": (_("På offentlig forsørgelse siden"), None),
    "fleksjob_visitated": (_("Visiteret til fleksjob"), {True: _("ja"), False: _("nej")}),
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
}


# Keys written by services that are not fields of the target model.
EXTRA_LABELS = {
    "signer": _("Underskrevet af"),
    "signed_by_all": _("Underskrevet af alle parter"),
    "hash": _("Dokumentets fingeraftryk"),
    "ratings": _("Vurderinger (borger/virksomhed)"),
    "version": _("Version"),
    "week": _("Uge"),
    "agreement_signed_on": _("Arbejdsaftale underskrevet af alle"),
    "statement": _("Udtalelse"),
    "statement_by": _("Udtalelse fra"),
    "count": _("Antal"),
    "items": _("Punkter"),
}
# A key that means something else on one kind of target: the party that signed an agreement version.
TARGET_LABELS = {("workagreement", "role"): (_("Part"), dict(SignerRole.choices)),
                 # the plan and consent forms signed on the spot (jobspor/signing)
                 ("signabledocument", "channel"): (_("Underskrevet"), dict(SigningChannel.choices)),
                 ("signabledocument", "candidate_consent"): (_("Samtykke til deling registreret (nr.)"), None)}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
NUMBER = re.compile(r"^-?\d+\.\d+$")


@cache
def _models_by_name() -> dict:
    return {m._meta.model_name: m for m in apps.get_models()}


def _field(target_type, key):
    model = _models_by_name().get(target_type)
    if model is None:
        return None
    for name in (key, key[:-3] if key.endswith("_id") else None):
        if name:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if getattr(field, "concrete", False):  # not a reverse relation
                return field
    return None


def label_of(key, target_type="") -> str:
    special = TARGET_LABELS.get((target_type, key))
    if special:
        return str(special[0])
    if key in LABELS:
        return str(LABELS[key][0])
    if key in EXTRA_LABELS:
        return str(EXTRA_LABELS[key])
    field = _field(target_type, key)
    if field is not None and getattr(field, "verbose_name", None):
        return str(capfirst(field.verbose_name))
    return capfirst(key.removesuffix("_id").replace("_", " "))


def _related_name(field, pk, cache_):
    if not isinstance(pk, int):  # the event kept the name itself (older events, or a postal code)
        return plain(pk)
    model = field.related_model
    if (model, pk) not in cache_:
        obj = model._default_manager.filter(pk=pk).first() if isinstance(pk, int) else None
        cache_[(model, pk)] = str(obj) if obj is not None else f"#{pk}"
    return cache_[(model, pk)]


def plain(value) -> str:
    """Any JSON value as Danish text."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _g("ja") if value else _g("nej")
    if isinstance(value, int | float | Decimal):
        return number_format(value, use_l10n=True)
    if isinstance(value, list | tuple):
        return ", ".join(plain(v) for v in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {plain(v)}" for k, v in value.items()) or "–"
    text = str(value)
    try:
        if ISO_DATE.match(text):
            return date_format(dt.date.fromisoformat(text), "j. F Y")
        if ISO_DATETIME.match(text):
            return date_format(dt.datetime.fromisoformat(text), "j. F Y H:i")
    except ValueError:
        return text
    week = ISO_WEEK.match(text)
    if week:
        return _g("uge %(week)d (%(year)s)") % {"week": int(week.group(2)), "year": week.group(1)}
    if NUMBER.match(text):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return text
        return number_format(int(number) if number == number.to_integral_value() else number, use_l10n=True)
    return text


def display(key, value, *, target_type="", teams=None, related=None) -> str:
    """One value of an event payload as Danish text."""
    teams = teams or {}
    related = {} if related is None else related
    if value in (None, "", []):
        return "–"
    if key == "hash" and isinstance(value, str):
        return value[:12] + "…"
    kind = (TARGET_LABELS.get((target_type, key)) or LABELS.get(key, (None, None)))[1]
    field = _field(target_type, key)
    choices = dict(field.flatchoices) if field is not None and field.choices else None
    if choices is not None and not isinstance(value, list | dict):
        found = choices.get(value, choices.get(str(value)))
        if found is not None:
            return str(found)
    if kind == "team":
        return str(teams.get(value, value))
    if isinstance(kind, dict) and not isinstance(value, list | dict):
        found = kind.get(value)
        if found is not None:
            return str(found)
    if callable(kind):
        return str(kind(value))
    if isinstance(field, models.ForeignKey) and not isinstance(value, bool):
        return _related_name(field, value, related)
    return plain(value)


def event_lines(event, teams=None) -> list[str]:
    """The changes of one event as Danish sentences: "Status ændret fra Planlagt til Aktiv." """
    teams, related = teams or {}, {}
    before, after = event.before or {}, event.after or {}
    lines = []
    for key in list(dict.fromkeys([*before, *after])):
        label = label_of(key, event.target_type)

        def shown(value, key=key):
            return display(key, value, target_type=event.target_type, teams=teams, related=related)

        had, has = before.get(key) not in (None, "", []), after.get(key) not in (None, "", [])
        if key in before and key in after and had and has:
            line = _g("%(label)s ændret fra %(before)s til %(after)s.") \
                % {"label": label, "before": shown(before[key]), "after": shown(after[key])}
        elif key in before and key in after and has:
            line = _g("%(label)s sat til %(value)s.") % {"label": label, "value": shown(after[key])}
        elif key in before and key in after and had:
            line = _g("%(label)s fjernet (var %(value)s).") % {"label": label, "value": shown(before[key])}
        elif key in before and key in after:
            continue  # empty before and after: nothing a reader needs
        elif key in after:
            line = _g("%(label)s: %(value)s.") % {"label": label, "value": shown(after[key])}
        else:
            line = _g("%(label)s: %(value)s (fjernet).") % {"label": label, "value": shown(before[key])}
        lines.append(_one_stop(line))
    return lines


def _one_stop(line: str) -> str:
    """A value that ends a sentence itself ("… over tid.", "e1d6…") takes no second full stop."""
    if line.endswith("..") or line.endswith("…."):
        return line[:-1]
    return line


def event_sentence(event) -> str:
    """What happened, as a sentence: "Virksomhedsforløb ændret." """
    text = verb_label(event.verb)
    return text if text.endswith(".") else text + "."


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
