"""Writes to the CV: every function takes the acting user, validates with Danish messages at the field,
runs in one transaction and records its event (citizen-level: the CV belongs to the citizen, not a case)."""

import datetime as dt
import functools
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record, event_row, events_insert
from jobspor.audit.verbs import Verb
from jobspor.citizens.models import Citizen
from jobspor.core.bulk import objects_insert, rows_insert
from jobspor.core.codes import codes
from jobspor.core.danish_text import phrase_key
from jobspor.core.instances import instance_new
from jobspor.core.versioning import Seen, ensure_current
from jobspor.portal.authorship import AuthorKind, author_kind_of

from .choices import LICENCE_CLASSES, ExperienceKind, ItemKind, LanguageLevel, Transport
from .models import TEXT_MAX, Cv, CvExperience, CvItem, CvJobGoal, CvLanguage, CvStatement

SENTENCE_MAX = 120  # a task or competency is one short sentence
HOURS_MAX = 60
COMMUTE_MAX = 300
ABBREVIATIONS = re.compile(r"\b(f\.eks|bl\.a|m\.v|m\.m|o\.l|osv|evt|ca|inkl|ekskl|fx|pga|mht|vha)\.", re.IGNORECASE)
SENTENCE_BREAK = re.compile(r"[.!?;]\s*\S")


def _record(actor, verb, cv, *, before=None, after=None, target=None):
    event_record(actor=actor, verb=verb, target=target or cv, before=before, after=after, citizen_id=cv.citizen_id)


def _clean_line(text) -> str:
    return " ".join((text or "").split())


# --- validation --------------------------------------------------------------------------------------------

def item_text_clean(kind: str, text: str, field: str = "text") -> str:
    """One line of the CV, tidied; a task or competency must be one short sentence."""
    try:
        return _item_text_clean(kind, text)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


@functools.lru_cache(maxsize=65536)
def _item_text_clean(kind: str, text: str) -> str:
    """item_text_clean without the field's name, remembered: an import checks each line in the file's validation
    and again in the service (a refusal is not remembered, so its message is always in the current language)."""
    if kind not in codes(ItemKind):
        raise ValueError(f"unknown item kind {kind}")
    if "\n" in (text or "").strip():
        raise ValidationError(_("Skriv ét punkt ad gangen – uden linjeskift."))
    text = _clean_line(text)
    if kind in (ItemKind.TASK, ItemKind.COMPETENCY):
        text = text.rstrip(".")
    if not text:
        raise ValidationError(_("Skriv en tekst."))
    if kind in (ItemKind.TASK, ItemKind.COMPETENCY):
        noun = _("En arbejdsopgave") if kind == ItemKind.TASK else _("En kompetence")
        if len(text) > SENTENCE_MAX:
            raise ValidationError(_("%(noun)s skal være én kort sætning på højst %(max)d tegn (her er "
                                    "der %(n)d). Del den op i flere.")
                                  % {"noun": noun, "max": SENTENCE_MAX, "n": len(text)})
        if SENTENCE_BREAK.search(ABBREVIATIONS.sub("", text)):
            raise ValidationError(_("%(noun)s skal være én kort sætning – uden punktum i midten. "
                                    "Skriv hver opgave for sig.") % {"noun": noun})
    elif len(text) > TEXT_MAX:
        raise ValidationError(_("Højst %(max)d tegn (her er der %(n)d).") % {"max": TEXT_MAX, "n": len(text)})
    if not phrase_key(text):
        raise ValidationError(_("Skriv noget konkret, fx 'pakke varer'."))
    return text


def licence_classes_clean(classes, field: str = "driving_licence") -> list[str]:
    """Danish driving licence classes, upper-cased, each once, in the usual order."""
    wanted = [str(c).strip().upper() for c in (classes or []) if str(c).strip()]
    unknown = [c for c in wanted if c not in LICENCE_CLASSES]
    if unknown:
        raise ValidationError({field: _("Ukendt kørekortkategori: %(classes)s. Kendte kategorier er %(known)s.")
                               % {"classes": ", ".join(unknown), "known": ", ".join(LICENCE_CLASSES)}})
    return [c for c in LICENCE_CLASSES if c in wanted]


def _number(value, field, maximum, message):
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        raise ValidationError({field: message})
    return value


def _period_clean(start, end, start_field="start", end_field="end"):
    if start is None:
        raise ValidationError({start_field: _("Angiv hvornår det begyndte.")})
    if end is not None and end < start:
        raise ValidationError({end_field: _("Til-datoen kan ikke ligge før fra-datoen.")})


# --- the CV itself ----------------------------------------------------------------------------------------

@transaction.atomic
def cv_ensure(*, actor, citizen, created: dt.date | None = None) -> Cv:
    """The citizen's CV, locked for the rest of the transaction (writers to one CV take turns, so two people
    adding at once cannot collide); created (and recorded) the first time something is written to it."""
    cv = Cv.objects.select_for_update().filter(citizen=citizen).first()
    if cv is None:
        Citizen.objects.select_for_update().filter(pk=citizen.pk).first()  # the first writes take turns, too
        cv = Cv.objects.select_for_update().filter(citizen=citizen).first()
    if cv is None:
        cv = Cv(citizen=citizen, created=created or timezone.localdate())
        cv.stamp(actor)
        cv.save()
        _record(actor, Verb.CV_CREATED, cv, after={"created": cv.created})
    return cv


def _touch(actor, cv):
    cv.stamp(actor)
    cv.save(update_fields=["updated_at", "updated_by"])


@transaction.atomic
def cv_item_add(*, actor, citizen, kind: str, text: str) -> CvItem:
    text = item_text_clean(kind, text)
    cv = cv_ensure(actor=actor, citizen=citizen)
    key = phrase_key(text)
    same = CvItem.objects.filter(cv=cv, kind=kind, key=key).first()
    if same is not None:
        raise ValidationError({"text": _("'%(text)s' står allerede på CV'et (som '%(same)s').")
                               % {"text": text, "same": same.text}})
    position = (CvItem.objects.filter(cv=cv, kind=kind).aggregate(m=Max("position"))["m"] or 0) + 1
    author_kind = author_kind_of(actor)  # the citizen's own lines (Min side) are marked as theirs
    item = CvItem(cv=cv, kind=kind, text=text, key=key, position=position, author_kind=author_kind)
    item.stamp(actor)
    item.save()
    _touch(actor, cv)
    after = {kind: text} | ({"author_kind": author_kind} if author_kind == AuthorKind.CITIZEN else {})
    _record(actor, Verb.CV_UPDATED, cv, after=after, target=item)
    return item


@transaction.atomic
def cv_item_remove(*, actor, cv: Cv, item: CvItem) -> None:
    if item.cv_id != cv.pk:
        raise ValidationError(_("Punktet hører ikke til dette CV."))
    _record(actor, Verb.CV_UPDATED, cv, before={item.kind: item.text}, target=item)
    CvItem.objects.filter(pk=item.pk).delete()
    _touch(actor, cv)


@transaction.atomic
def cv_experience_add(*, actor, citizen, kind: str, title: str, start: dt.date, end: dt.date | None = None,
                      place: str = "") -> CvExperience:
    if kind not in codes(ExperienceKind):
        raise ValidationError({"kind": _("Ukendt slags erfaring.")})
    title = _clean_line(title)
    if not title:
        raise ValidationError({"title": _("Skriv hvad borgeren lavede, fx 'Lagermedarbejder'.")})
    _period_clean(start, end)
    cv = cv_ensure(actor=actor, citizen=citizen)
    row = CvExperience(cv=cv, kind=kind, title=title, place=_clean_line(place), start=start, end=end)
    row.stamp(actor)
    row.full_clean()
    row.save()
    _touch(actor, cv)
    _record(actor, Verb.CV_UPDATED, cv, after={"experience": _experience_label(row)}, target=row)
    return row


def _experience_label(row) -> str:
    period = f"{row.start:%d.%m.%Y}–{row.end:%d.%m.%Y}" if row.end else f"{row.start:%d.%m.%Y}–"
    place = f", {row.place}" if row.place else ""
    return f"{row.get_kind_display()}: {row.title}{place} ({period})"


@transaction.atomic
def cv_job_goal_add(*, actor, citizen, title: str, set_on: dt.date | None = None) -> CvJobGoal:
    title = _clean_line(title)
    if not title:
        raise ValidationError({"title": _("Skriv et jobmål, fx 'Lagermedarbejder'.")})
    if len(title) > TEXT_MAX:
        raise ValidationError({"title": _("Højst %(max)d tegn.") % {"max": TEXT_MAX}})
    cv = cv_ensure(actor=actor, citizen=citizen)
    if CvJobGoal.objects.filter(cv=cv, title__iexact=title).exists():
        raise ValidationError({"title": _("Jobmålet '%(title)s' står allerede på CV'et.") % {"title": title}})
    goal = CvJobGoal(cv=cv, title=title, set_on=set_on or timezone.localdate())
    goal.stamp(actor)
    goal.save()
    _touch(actor, cv)
    _record(actor, Verb.CV_UPDATED, cv, after={"job_goal": f"{goal.title} ({goal.set_on:%d.%m.%Y})"}, target=goal)
    return goal


@transaction.atomic
def cv_language_add(*, actor, citizen, language: str, level: str) -> CvLanguage:
    language = _clean_line(language)
    if not language:
        raise ValidationError({"language": _("Skriv sproget, fx 'Dansk'.")})
    if level not in LanguageLevel.values:
        raise ValidationError({"level": _("Vælg et niveau.")})
    cv = cv_ensure(actor=actor, citizen=citizen)
    if CvLanguage.objects.filter(cv=cv, language__iexact=language).exists():
        raise ValidationError({"language": _("%(language)s står allerede på CV'et.") % {"language": language}})
    row = CvLanguage(cv=cv, language=language[:1].upper() + language[1:], level=level)
    row.stamp(actor)
    row.save()
    _touch(actor, cv)
    _record(actor, Verb.CV_UPDATED, cv, after={"language": f"{row.language} ({row.get_level_display()})"},
            target=row)
    return row


REMOVABLE = {"experience": CvExperience, "job_goal": CvJobGoal, "language": CvLanguage, "item": CvItem}


@transaction.atomic
def cv_row_remove(*, actor, cv: Cv, section: str, pk: int) -> None:
    """Remove one row of a section (experience, job_goal, language, item) from the CV."""
    model = REMOVABLE.get(section)
    row = model.objects.filter(cv=cv, pk=pk).first() if model else None
    if row is None:
        raise ValidationError(_("Punktet findes ikke (længere) på CV'et."))
    if section == "item":
        return cv_item_remove(actor=actor, cv=cv, item=row)
    label = _experience_label(row) if section == "experience" else str(row)
    _record(actor, Verb.CV_UPDATED, cv, before={section: label}, target=row)
    row.delete()
    _touch(actor, cv)


DETAIL_FIELDS = ["hours_now", "hours_wanted", "max_commute_km", "transport", "driving_licence"]


@transaction.atomic
def cv_details_update(*, actor, citizen, hours_now=None, hours_wanted=None, max_commute_km=None, transport=(),
                      driving_licence=(), seen: Seen | None = None) -> Cv:
    """Hours now and hoped for, and mobility: commute distance, means of transport, driving licence.
    `seen`: the version the user's form was made from; a stale one is refused (StaleEdit)."""
    hours_message = _("Timer pr. uge skal være et helt tal mellem 0 og %(max)d.") % {"max": HOURS_MAX}
    values = {
        "hours_now": _number(hours_now, "hours_now", HOURS_MAX, hours_message),
        "hours_wanted": _number(hours_wanted, "hours_wanted", HOURS_MAX, hours_message),
        "max_commute_km": _number(max_commute_km, "max_commute_km", COMMUTE_MAX,
                                  _("Afstand skal være et helt antal km mellem 0 og %(max)d.") % {"max": COMMUTE_MAX}),
        "driving_licence": licence_classes_clean(driving_licence),
    }
    unknown = [t for t in transport or () if t not in Transport.values]
    if unknown:
        raise ValidationError({"transport": _("Ukendt transportmiddel: %(t)s.") % {"t": ", ".join(unknown)}})
    values["transport"] = [t for t in Transport.values if t in (transport or ())]
    cv = cv_ensure(actor=actor, citizen=citizen)
    ensure_current(cv, seen)
    before = {f: getattr(cv, f) for f in DETAIL_FIELDS}
    changed = [f for f in DETAIL_FIELDS if before[f] != values[f]]
    if changed:
        for f in changed:
            setattr(cv, f, values[f])
        if "hours_wanted" in changed:
            cv.hours_wanted_by = author_kind_of(actor)
        cv.stamp(actor)
        cv.save()
        _record(actor, Verb.CV_UPDATED, cv, before={f: before[f] for f in changed},
                after={f: values[f] for f in changed})
    return cv


# Min side: what the citizen may write to their own CV (the citizen as actor; the lines are marked as theirs).
CITIZEN_ITEM_KINDS = (ItemKind.TASK, ItemKind.JOB_WISH)


@transaction.atomic
def citizen_cv_item_add(*, actor, citizen, kind: str, text: str) -> CvItem:
    """A task the citizen can do, or a job wish, added by the citizen on Min side."""
    if kind not in CITIZEN_ITEM_KINDS:
        raise ValidationError({"text": _("Det kan du ikke tilføje her.")})
    if author_kind_of(actor) != AuthorKind.CITIZEN or getattr(actor.citizen_user, "citizen_id", None) != citizen.pk:
        raise PermissionDenied
    return cv_item_add(actor=actor, citizen=citizen, kind=kind, text=text)


@transaction.atomic
def citizen_hours_set(*, actor, citizen, hours_wanted) -> Cv:
    """The hours per week the citizen can and will work, as the citizen says on Min side (0–60; None: unknown).
    The other details on the CV (hours now, mobility) are left as they are."""
    if author_kind_of(actor) != AuthorKind.CITIZEN or getattr(actor.citizen_user, "citizen_id", None) != citizen.pk:
        raise PermissionDenied
    hours = _number(hours_wanted, "hours_wanted", HOURS_MAX,
                    _("Timer pr. uge skal være et helt tal mellem 0 og %(max)d.") % {"max": HOURS_MAX})
    cv = cv_ensure(actor=actor, citizen=citizen)
    if cv.hours_wanted == hours:
        return cv
    before = {"hours_wanted": cv.hours_wanted}
    cv.hours_wanted, cv.hours_wanted_by = hours, AuthorKind.CITIZEN
    cv.stamp(actor)
    # Only the citizen's own fields: a colleague saving the CV's other details meanwhile keeps their change.
    cv.save(update_fields=["hours_wanted", "hours_wanted_by", "updated_at", "updated_by"])
    _record(actor, Verb.CV_UPDATED, cv, before=before, after={"hours_wanted": hours, "author_kind": AuthorKind.CITIZEN})
    return cv


@transaction.atomic
def cv_statement_add(*, actor, citizen, company_name: str, given_on: dt.date, given_by: str,
                     text: str) -> CvStatement:
    errors = {}
    company_name, given_by, text = _clean_line(company_name), _clean_line(given_by), (text or "").strip()
    if not company_name:
        errors["company_name"] = _("Skriv virksomhedens navn.")
    if not given_by:
        errors["given_by"] = _("Skriv hvem på virksomheden der giver udtalelsen.")
    if not text:
        errors["text"] = _("Skriv udtalelsen.")
    if given_on is None:
        errors["given_on"] = _("Angiv datoen for udtalelsen.")
    elif given_on > timezone.localdate():
        errors["given_on"] = _("En udtalelse kan ikke være givet i fremtiden.")
    if errors:
        raise ValidationError(errors)
    cv = cv_ensure(actor=actor, citizen=citizen)
    row = CvStatement(cv=cv, company_name=company_name, given_on=given_on, given_by=given_by, text=text)
    row.stamp(actor)
    row.save()
    _touch(actor, cv)
    _record(actor, Verb.CV_STATEMENT_ADDED, cv, target=row,
            after={"statement": f"{company_name} ({given_on:%d.%m.%Y}, {given_by})"})
    return row


# --- import: a whole CV at once ------------------------------------------------------------------------------

REPLACED_ITEM_KINDS = {"tasks": ItemKind.TASK, "competencies": ItemKind.COMPETENCY,
                       "accommodations": ItemKind.ACCOMMODATION}


@transaction.atomic
def cv_replace(*, actor, citizen, created: dt.date, tasks=(), competencies=(), accommodations=(), experience=(),
               job_goals=(), driving_licence=(), max_commute_km=None, hours_per_week=None) -> Cv:
    """Replace the citizen's CV with these values (a `cv` record of interchange.md).

    `experience` is [{"kind", "title", "from", "to"}], `job_goals` [{"title", "created"}]. What the format does
    not carry (job wishes, languages, transport, hours hoped for, company statements, where an experience was)
    is kept. Only what differs is written, so replacing a CV with itself records nothing."""
    cleaned, licence, hours, commute = _replace_clean(
        tasks=tasks, competencies=competencies, accommodations=accommodations, experience=experience,
        driving_licence=driving_licence, max_commute_km=max_commute_km, hours_per_week=hours_per_week)

    cv = Cv.objects.filter(citizen=citizen).first()
    if cv is None:
        cv = cv_ensure(actor=actor, citizen=citizen, created=created)
    before, after = {}, {}
    scalars = {"created": created, "driving_licence": licence, "max_commute_km": commute, "hours_now": hours}
    changed = {f: v for f, v in scalars.items() if getattr(cv, f) != v}
    for f, v in changed.items():
        before[f], after[f] = getattr(cv, f), v
        setattr(cv, f, v)

    items = list(CvItem.objects.filter(cv=cv, kind__in=REPLACED_ITEM_KINDS.values()).order_by("position", "id"))
    for name, kind in REPLACED_ITEM_KINDS.items():
        have = [i.text for i in items if i.kind == kind]
        if have != cleaned[name]:
            before[kind], after[kind] = have, cleaned[name]
            CvItem.objects.filter(cv=cv, kind=kind).delete()
            rows = [CvItem(cv=cv, kind=kind, text=t, key=phrase_key(t), position=n, created=created,
                           created_by=_user(actor), updated_by=_user(actor))
                    for n, t in enumerate(cleaned[name], start=1)]
            CvItem.objects.bulk_create(rows)

    have = [(e.kind, e.title, e.start, e.end) for e in cv.experience.order_by("id")]
    want = [(e["kind"], _clean_line(e["title"]), e["from"], e["to"]) for e in experience]
    if have != want:
        before["experience"] = [_period_text(*e) for e in have]
        after["experience"] = [_period_text(*e) for e in want]
        places = {(e.kind, e.title, e.start): e.place for e in cv.experience.all()}
        cv.experience.all().delete()
        CvExperience.objects.bulk_create([
            CvExperience(cv=cv, kind=k, title=t, start=s, end=e, place=places.get((k, t, s), ""), created=created,
                         created_by=_user(actor), updated_by=_user(actor)) for k, t, s, e in want])
    # kpi.md v2: imported entries are dated by the record's `created` (also when only that date changed).
    CvItem.objects.filter(cv=cv, kind__in=REPLACED_ITEM_KINDS.values()).exclude(created=created) \
        .update(created=created)
    cv.experience.exclude(created=created).update(created=created)

    have = [(g.title, g.set_on) for g in cv.job_goals.order_by("id")]
    want = [(_clean_line(g["title"]), g["created"]) for g in job_goals]
    if have != want:
        before["job_goal"] = [f"{t} ({d:%d.%m.%Y})" for t, d in have]
        after["job_goal"] = [f"{t} ({d:%d.%m.%Y})" for t, d in want]
        cv.job_goals.all().delete()
        CvJobGoal.objects.bulk_create([CvJobGoal(cv=cv, title=t, set_on=d, created_by=_user(actor),
                                                 updated_by=_user(actor)) for t, d in want])
    if after:
        cv.stamp(actor)
        cv.save()
        _record(actor, Verb.CV_REPLACED, cv, before=before, after=after)
    return cv


def _replace_clean(*, tasks, competencies, accommodations, experience, driving_licence, max_commute_km,
                   hours_per_week):
    """cv_replace's checks of a whole CV: ({list name: tidied texts}, licence classes, hours, commute)."""
    lists = {"tasks": tasks, "competencies": competencies, "accommodations": accommodations}
    cleaned = {}
    for name, kind in REPLACED_ITEM_KINDS.items():
        texts = [item_text_clean(kind, text, field=name) for text in lists[name]]
        keys = [phrase_key(t) for t in texts]
        if len(set(keys)) != len(keys):
            raise ValidationError({name: _("samme punkt står flere gange (også når det er skrevet forskelligt)")})
        cleaned[name] = texts
    for entry in experience:
        if entry["kind"] not in codes(ExperienceKind):
            raise ValidationError({"experience": _("ukendt slags erfaring '%(kind)s'") % {"kind": entry["kind"]}})
        _period_clean(entry["from"], entry["to"], "experience", "experience")
    licence = licence_classes_clean(driving_licence)
    hours = _number(hours_per_week, "hours_per_week", HOURS_MAX, _("skal være et helt tal mellem 0 og 60"))
    commute = _number(max_commute_km, "max_commute_km", COMMUTE_MAX, _("skal være et helt tal mellem 0 og 300"))
    return cleaned, licence, hours, commute


# --- import: many CVs at once ---------------------------------------------------------------------------------

def cv_build(*, actor, citizen, created: dt.date, tasks=(), competencies=(), accommodations=(), experience=(),
             job_goals=(), driving_licence=(), max_commute_km=None, hours_per_week=None) -> Cv:
    """The new CV cv_replace would write for a citizen who has none, checked as cv_replace checks it but not saved
    and without a query: cvs_insert writes a batch of them with their lines, experience and job goals."""
    cleaned, licence, hours, commute = _replace_clean(
        tasks=tasks, competencies=competencies, accommodations=accommodations, experience=experience,
        driving_licence=driving_licence, max_commute_km=max_commute_km, hours_per_week=hours_per_week)
    cv = instance_new(Cv, citizen=citizen, created=created)
    cv.stamp(actor)
    # What cv_replace records on top of CV_CREATED: each value that differs from an empty CV's, in its order.
    before, after = {}, {}
    for name, value in {"driving_licence": licence, "max_commute_km": commute, "hours_now": hours}.items():
        if getattr(cv, name) != value:
            before[name], after[name] = getattr(cv, name), value
            setattr(cv, name, value)
    for name, kind in REPLACED_ITEM_KINDS.items():
        if cleaned[name]:
            before[kind], after[kind] = [], cleaned[name]
    user = _user(actor)
    user_id = user.pk if user is not None else None
    # The lines as rows (cvs_insert adds the CV's id in front): (kind, text, key, position, created, by, by).
    cv.import_items = [(kind, t, phrase_key(t), n, created, user_id, user_id)
                       for name, kind in REPLACED_ITEM_KINDS.items() for n, t in enumerate(cleaned[name], start=1)]
    want = [(e["kind"], _clean_line(e["title"]), e["from"], e["to"]) for e in experience]
    if want:
        before["experience"], after["experience"] = [], [_period_text(*e) for e in want]
    cv.import_experience = [(k, t, st, e, "", created, user_id, user_id) for k, t, st, e in want]
    goals = [(_clean_line(g["title"]), g["created"]) for g in job_goals]
    if goals:
        before["job_goal"], after["job_goal"] = [], [f"{t} ({d:%d.%m.%Y})" for t, d in goals]
    cv.import_goals = [(t, d, user_id, user_id) for t, d in goals]
    cv.import_change = (before, after)
    return cv


@transaction.atomic
def cvs_insert(*, actor, cvs: list[Cv]) -> None:
    """Save CVs from cv_build in a few inserts, with the events cv_replace records for a new CV: CV_CREATED, and
    CV_REPLACED with what the file put on it (none for an empty CV)."""
    for cv in cvs:
        if cv.import_change[1]:
            cv.lock_version = 2  # cv_replace saves the CV it has just created once more
    objects_insert(cvs)  # sets the ids (SQLite ≥ 3.35, PostgreSQL)
    # The lines, experience and goals as tuples (no ids needed back), in the CVs' order as before; every other
    # column as the ORM fills it on create (rows_insert: timestamps, defaults).
    by = ("created_by", "updated_by")
    rows_insert(CvItem, ("cv", "kind", "text", "key", "position", "created", *by),
                [(cv.id, *row) for cv in cvs for row in cv.import_items], copy=True)
    rows_insert(CvExperience, ("cv", "kind", "title", "start", "end", "place", "created", *by),
                [(cv.id, *row) for cv in cvs for row in cv.import_experience], copy=True)
    rows_insert(CvJobGoal, ("cv", "title", "set_on", *by),
                [(cv.id, *row) for cv in cvs for row in cv.import_goals], copy=True)
    events = []
    for cv in cvs:
        events.append(event_row(actor=actor, verb=Verb.CV_CREATED, target=cv, after={"created": cv.created},
                                citizen_id=cv.citizen_id))
        before, after = cv.import_change
        if after:
            events.append(event_row(actor=actor, verb=Verb.CV_REPLACED, target=cv, before=before, after=after,
                                    citizen_id=cv.citizen_id))
        del cv.import_items, cv.import_experience, cv.import_goals, cv.import_change
    events_insert(events)


def cvs_existing(citizen_ids) -> dict[int, dict]:
    """{citizen id: what cv_replace compares} of the citizens who have a CV, in four queries."""
    citizen_ids = list(citizen_ids)
    found = {}
    for start in range(0, len(citizen_ids), 500):
        for row in Cv.objects.filter(citizen_id__in=citizen_ids[start:start + 500]).values(
                "id", "citizen_id", "created", "driving_licence", "max_commute_km", "hours_now"):
            row.update(items={kind: [] for kind in REPLACED_ITEM_KINDS.values()}, experience=[], goals=[],
                       dated=set())
            found[row["id"]] = row
    ids = list(found)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for cv_id, kind, text, created in CvItem.objects.filter(
                cv_id__in=chunk, kind__in=REPLACED_ITEM_KINDS.values()).order_by("position", "id") \
                .values_list("cv_id", "kind", "text", "created"):
            found[cv_id]["items"][kind].append(text)
            found[cv_id]["dated"].add(created)
        for cv_id, *entry, created in CvExperience.objects.filter(cv_id__in=chunk).order_by("id") \
                .values_list("cv_id", "kind", "title", "start", "end", "created"):
            found[cv_id]["experience"].append(tuple(entry))
            found[cv_id]["dated"].add(created)
        for cv_id, *goal in CvJobGoal.objects.filter(cv_id__in=chunk).order_by("id") \
                .values_list("cv_id", "title", "set_on"):
            found[cv_id]["goals"].append(tuple(goal))
    return {row["citizen_id"]: row for row in found.values()}


def cv_replace_needed(existing: dict, *, created: dt.date, tasks=(), competencies=(), accommodations=(),
                      experience=(), job_goals=(), driving_licence=(), max_commute_km=None, hours_per_week=None,
                      **_ignored) -> bool:
    """Would cv_replace change anything (or refuse) for a CV that exists (`existing` from cvs_existing)? False:
    it would write nothing, so a batch import may leave the CV alone."""
    try:
        cleaned, licence, hours, commute = _replace_clean(
            tasks=tasks, competencies=competencies, accommodations=accommodations, experience=experience,
            driving_licence=driving_licence, max_commute_km=max_commute_km, hours_per_week=hours_per_week)
    except ValidationError:
        return True
    scalars = {"created": created, "driving_licence": licence, "max_commute_km": commute, "hours_now": hours}
    if any(existing[name] != value for name, value in scalars.items()):
        return True
    if any(existing["items"][kind] != cleaned[name] for name, kind in REPLACED_ITEM_KINDS.items()):
        return True
    if existing["dated"] - {created}:
        return True
    want = [(e["kind"], _clean_line(e["title"]), e["from"], e["to"]) for e in experience]
    goals = [(_clean_line(g["title"]), g["created"]) for g in job_goals]
    return existing["experience"] != want or existing["goals"] != goals


def _period_text(kind, title, start, end) -> str:
    return f"{kind}: {title} ({start:%d.%m.%Y}–{end:%d.%m.%Y})" if end else f"{kind}: {title} ({start:%d.%m.%Y}–)"


def _user(actor):
    return actor if getattr(actor, "pk", None) else None
