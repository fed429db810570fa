"""`cv`: one line per citizen, which replaces that citizen's CV (keyed by `citizen`; there is no `id`).

{"type":"cv","citizen":"B1","created":"2025-02-01","competencies":["truckcertifikat"],
 "tasks":["pakke varer","rengøre lager"],
 "experience":[{"kind":"job","title":"Lagerarbejder","from":"2009-01-01","to":"2012-06-30"}],
 "job_goals":[{"title":"Lagermedarbejder","created":"2025-02-01"}],
 "driving_licence":["B"],"max_commute_km":25,"hours_per_week":10,"accommodations":["ingen tunge løft"]}

- `citizen` and `created` are required; every other field may be omitted or null (an empty list, no value).
- `tasks`, `competencies`: each one short sentence (at most 120 characters, no full stop in the middle), each
  at most once — also when written differently ("pakke varer" and "pakning af varer" are the same task).
- `experience[].kind` codes: `job`, `uddannelse`, `praktik`, `fritid`, `privat`. Also accepted, and exported
  as the code before them: `arbejde`/`work` → `job`; `education` → `uddannelse`; `internship`/
  `virksomhedspraktik` → `praktik`; `leisure`/`fritidsliv` → `fritid`; `private`/`privatliv` → `privat`.
  `from` is required, `to` may be null (still going on) and is never before `from`.
- `driving_licence`: Danish classes AM, A1, A2, A, B, BE, C1, C1E, C, CE, D1, D1E, D, DE.
- `hours_per_week` (0–60) is the citizen's hours now; `max_commute_km` 0–300.

What the format does not carry is kept as the database has it: job wishes, languages, means of transport,
hours hoped for, company statements, and where an experience took place."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.core.codes import codes
from jobspor.core.danish_text import phrase_key
from jobspor.cv.choices import EXPERIENCE_ALIASES, LICENCE_CLASSES, ExperienceKind, ItemKind
from jobspor.cv.models import Cv, CvItem
from jobspor.cv.services import (
    COMMUTE_MAX,
    HOURS_MAX,
    cv_build,
    cv_replace,
    cv_replace_needed,
    cvs_existing,
    cvs_insert,
    item_text_clean,
)

from ..compiled import Slow, compiled_field, list_check, text_check
from ..errors import ImportRejected, LineError, problems_of
from ..fields import CodeList, Date, FormList, JsonValue, Ref, Text, nested_error, shown
from ..forms import RecordForm
from ..registry import RecordType, register


class Count(forms.Field):
    """A whole number from 0 to `maximum`; null when not required."""

    widget = JsonValue
    default_error_messages = {"type": gettext_lazy("skal være et heltal"),
                              "range": gettext_lazy("skal være mellem 0 og %(max)d")}

    def __init__(self, maximum, **kwargs):
        super().__init__(**kwargs)
        self.maximum = maximum

    def to_python(self, value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(self.error_messages["type"], code="type")
        return value

    def validate(self, value):
        super().validate(value)
        if value is not None and not 0 <= value <= self.maximum:
            raise ValidationError(self.error_messages["range"], code="range", params={"max": self.maximum})


class PhraseList(forms.Field):
    """A list of CV lines of one kind, each valid for that kind and each meaning something different."""

    widget = JsonValue
    default_error_messages = {"type": gettext_lazy("skal være en liste af tekster")}

    def __init__(self, kind, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.kind = kind

    def to_python(self, value):
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(self.error_messages["type"], code="type")
        return value

    def clean(self, value):
        items = super().clean(value)
        cleaned, errors, seen = [], [], {}
        for number, text in enumerate(items, start=1):
            try:
                text = item_text_clean(self.kind, text)
            except ValidationError as exc:
                errors.extend(nested_error(f"[{number}]", message) for message in exc.messages)
                continue
            key = phrase_key(text)
            if key in seen:
                errors.append(nested_error(f"[{number}]", _("'%(text)s' er det samme som '%(other)s' ([%(n)d])")
                                           % {"text": shown(text), "other": shown(seen[key][1]), "n": seen[key][0]}))
                continue
            seen[key] = (number, text)
            cleaned.append(text)
        if errors:
            raise ValidationError(errors)
        return cleaned


@compiled_field(Count)
def _count_check(field, ctx):
    """Count for a valid value: an int (not a bool) from 0 to its maximum; null when not required."""
    required, maximum = field.required, field.maximum

    def check(value):
        if value is None:
            if required:
                raise Slow
            return None
        if type(value) is not int or not 0 <= value <= maximum:
            raise Slow
        return value
    return check


@compiled_field(PhraseList)
def _phrase_list_check(field, ctx):
    """PhraseList.clean for a valid list: each line as item_text_clean tidies it, no two with the same key."""
    kind = field.kind

    def items(value):
        cleaned, keys = [], set()
        for text in value:
            if type(text) is not str:
                raise Slow
            try:
                text = item_text_clean(kind, text)
            except ValidationError:
                raise Slow from None
            key = phrase_key(text)
            if key in keys:
                raise Slow
            keys.add(key)
            cleaned.append(text)
        return cleaned
    return list_check(field.required, items)


class ExperienceKindField(Text):
    default_error_messages = {"unknown": gettext_lazy(
        "ukendt slags erfaring '%(value)s' (brug job, uddannelse, praktik, fritid eller privat)")}

    def clean(self, value):
        value = super().clean(value)
        code = (value or "").strip().lower()
        code = EXPERIENCE_ALIASES.get(code, code)
        if value and code not in codes(ExperienceKind):
            raise ValidationError(self.error_messages["unknown"], code="unknown", params={"value": shown(value)})
        return str(code)


@compiled_field(ExperienceKindField, text=True)
def _experience_kind_check(field, ctx):
    """ExperienceKindField.clean for a known kind (or alias): its code."""
    known = set(codes(ExperienceKind))

    def code_of(value):
        code = value.strip().lower()
        code = EXPERIENCE_ALIASES.get(code, code)
        if code not in known:
            raise Slow
        return str(code)
    return text_check(field, ctx, after=code_of)


class ExperienceForm(RecordForm):
    # "from" is a Python keyword, so the fields are declared below.
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            self.add_error("to", _("slutter før den begynder (from)"))
        return cleaned


ExperienceForm.base_fields.update({
    "kind": ExperienceKindField(max_length=40),
    "title": Text(max_length=200),
    "from": Date(),
    "to": Date(required=False),
})


class JobGoalForm(RecordForm):
    title = Text(max_length=200)
    created = Date()


class CvForm(RecordForm):
    citizen = Ref("citizen", unknown=gettext_lazy("borger '%(value)s' findes hverken i filen eller i databasen"))
    created = Date()
    competencies = PhraseList(ItemKind.COMPETENCY)
    tasks = PhraseList(ItemKind.TASK)
    experience = FormList(ExperienceForm, required=False)
    job_goals = FormList(JobGoalForm, required=False)
    driving_licence = CodeList([(c, c) for c in LICENCE_CLASSES], required=False, unknown=format_lazy(
        "{} ({})", gettext_lazy("ukendt kørekortkategori '%(value)s'"), ", ".join(LICENCE_CLASSES)))
    max_commute_km = Count(COMMUTE_MAX, required=False)
    hours_per_week = Count(HOURS_MAX, required=False)
    accommodations = PhraseList(ItemKind.ACCOMMODATION)


@register
class CvRecord(RecordType):
    type = "cv"
    key = ("citizen",)
    form = CvForm
    model = Cv
    depends_on = ("citizen",)

    def db_keys(self) -> set:
        return set(Cv.objects.values_list("citizen__external_id", flat=True))

    def lookup(self, key):
        return Cv.objects.get(citizen__external_id=key)

    def write_batch(self, items, ctx):
        """New CVs are built (cv_build) and inserted together (cvs_insert); a CV that exists is compared with the
        file's in four queries for the batch, and only one that differs goes through cv_replace (so a second
        import of the same file writes nothing)."""
        self.prefetch_refs(items, ctx)
        values = [(number, self._values(data, ctx)) for number, data in items]
        existing = cvs_existing(v["citizen"].pk for _number, v in values)
        new = []
        for number, v in values:
            try:
                have = existing.get(v["citizen"].pk)
                if have is None:
                    new.append(cv_build(actor=ctx.actor, **v))
                elif cv_replace_needed(have, **v):
                    cv_replace(actor=ctx.actor, **v)
            except ValidationError as exc:  # validation should have caught it; roll back all the same
                raise ImportRejected([LineError(number, problems_of(exc))]) from exc
        cvs_insert(actor=ctx.actor, cvs=new)

    def upsert(self, data, ctx):
        return cv_replace(actor=ctx.actor, **self._values(data, ctx))

    @staticmethod
    def _values(data, ctx) -> dict:
        return dict(citizen=ctx.get("citizen", data["citizen"]), created=data["created"], tasks=data["tasks"],
                    competencies=data["competencies"], accommodations=data["accommodations"],
                    experience=data["experience"], job_goals=data["job_goals"],
                    driving_licence=data["driving_licence"] or [], max_commute_km=data["max_commute_km"],
                    hours_per_week=data["hours_per_week"])

    def export(self, ctx):
        items = CvItem.objects.order_by("position", "id")
        cvs = (Cv.objects.select_related("citizen")
               .prefetch_related(Prefetch("items", queryset=items), "experience", "job_goals")
               .order_by("citizen__external_id"))
        for cv in cvs.iterator(chunk_size=1000):
            ctx.shown(cv.citizen_id)
            texts = {kind: [] for kind in ItemKind.values}
            for item in cv.items.all():
                texts[item.kind].append(item.text)
            yield {
                "type": self.type, "citizen": cv.citizen.external_id, "created": cv.created.isoformat(),
                "competencies": texts[ItemKind.COMPETENCY], "tasks": texts[ItemKind.TASK],
                "experience": [{"kind": e.kind, "title": e.title, "from": e.start.isoformat(),
                                "to": e.end.isoformat() if e.end else None}
                               for e in sorted(cv.experience.all(), key=lambda e: e.pk)],
                "job_goals": [{"title": g.title, "created": g.set_on.isoformat()}
                              for g in sorted(cv.job_goals.all(), key=lambda g: g.pk)],
                "driving_licence": list(cv.driving_licence), "max_commute_km": cv.max_commute_km,
                "hours_per_week": cv.hours_now, "accommodations": texts[ItemKind.ACCOMMODATION],
            }
