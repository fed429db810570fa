"""`placement` and `hours` (jobspor.placements).

{"type":"placement","id":"P1","case":"S1","company":"V1","kind":"virksomhedspraktik","purpose":1,
 "start":"2025-03-03","end":null,"agreement_signed":"2025-03-03","end_reason":null}
{"type":"hours","placement":"P1","week":"2025-W10","internship_hours":10,"ordinary_hours":0}

- `purpose` (1, 2, 3) only for `virksomhedspraktik`, and required for it.
- `agreement_signed`: the date the work agreement was signed by all parties; on import it is recorded as signed
  by all three on that date (agreements signed in Jobspor are kept). Exported as the first such date.
- `end_reason` codes: ordinaer_beskaeftigelse, flere_timer_andetsteds, ingen_progression, sygdom,
  stoppet_af_borger, stoppet_af_virksomhed, andet.
- `hours` are keyed by (`placement`, `week`); each of the two numbers 0–60 (at most one decimal), and the week
  must lie within the placement's period (kpi.md v2: the week overlaps start..end). A placement record whose
  new period would leave existing hours outside it is refused with the weeks named (an import deletes no
  hours).
- `contact` (version 2, optional): the company's contact person for the placement, {"name", "email", "phone"}
  (email and phone optional), matched by name within the company and created when missing. Omitted or null keeps
  the placement's contact; a new placement without it has no contact until one is chosen.

What the format does not carry is kept as the database has it: workplace, title, planned end, agreement
versions, follow-ups."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.core.validators import EARLIEST_RECORD
from jobspor.placements.choices import HOURS_MAX, EndReason, PlacementKind, Purpose
from jobspor.placements.models import Placement, WeekHours
from jobspor.placements.periods import week_outside_period
from jobspor.placements.services import (
    hours_import,
    placement_build,
    placement_contacts_flush,
    placement_import_contacts,
    placement_upsert,
    placement_upsert_needed,
    placements_existing,
    placements_insert,
)
from jobspor.placements.weeks import iso_week, parse_iso_week

from ..compiled import Slow, compiled_field, text_check
from ..errors import ImportRejected, LineError, problems_of
from ..fields import Code, Date, FormObject, IntCode, JsonValue, Key, Ref, Text, shown
from ..forms import RecordForm
from ..registry import RecordType, register


class ContactPersonForm(RecordForm):
    name = Text(max_length=200)
    email = Text(max_length=254, required=False)
    phone = Text(max_length=30, required=False)

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                raise ValidationError(_("ugyldig e-mailadresse '%(value)s'") % {"value": shown(email)}) from None
        return email or None

    def clean_phone(self):
        return (self.cleaned_data.get("phone") or "").strip() or None


class PlacementForm(RecordForm):
    id = Key()
    case = Ref("case", unknown=gettext_lazy("sag '%(value)s' findes hverken i filen eller i databasen"))
    company = Ref("company", unknown=gettext_lazy("virksomhed '%(value)s' findes hverken i filen eller i databasen"))
    kind = Code(PlacementKind.choices, unknown=gettext_lazy("ukendt forløbstype '%(value)s'"))
    purpose = IntCode(Purpose.choices, required=False,
                      unknown=gettext_lazy("ukendt formål %(value)s (skal være 1, 2 eller 3)"))
    start = Date(earliest=EARLIEST_RECORD)
    end = Date(earliest=EARLIEST_RECORD, required=False)
    agreement_signed = Date(earliest=EARLIEST_RECORD, required=False)
    end_reason = Code(EndReason.choices, required=False, unknown=gettext_lazy("ukendt afslutningsårsag '%(value)s'"))
    contact = FormObject(ContactPersonForm)

    def clean(self):
        cleaned = super().clean()
        start, end, kind = cleaned.get("start"), cleaned.get("end"), cleaned.get("kind")
        if start and end and end < start:
            self.add_error("end", _("forløbet kan ikke slutte, før det starter (start)"))
        if kind == PlacementKind.INTERNSHIP and "purpose" in cleaned and cleaned["purpose"] is None:
            self.add_error("purpose", _("en virksomhedspraktik skal have et formål (1, 2 eller 3)"))
        if kind and kind != PlacementKind.INTERNSHIP and cleaned.get("purpose") is not None:
            self.add_error("purpose", _("kun en virksomhedspraktik har et formål"))
        if cleaned.get("end_reason") and "end" in cleaned and not end:
            self.add_error("end_reason", _("kun et afsluttet forløb (end) har en afslutningsårsag"))
        return cleaned


@register
class PlacementRecord(RecordType):
    type = "placement"
    form = PlacementForm
    model = Placement
    depends_on = ("case", "company")

    def write_batch(self, items, ctx):
        """New placements are built (placement_build) and inserted together (placements_insert); one that exists is
        compared with the file's in a few queries for the batch, and only one that differs goes through
        placement_upsert (so a second import of the same file writes nothing)."""
        self.prefetch_refs(items, ctx)
        values = [(number, self._values(data, ctx)) for number, data in items]
        existing = placements_existing(v["external_id"] for _number, v in values)
        contacts = placement_import_contacts({v["company"].pk for _number, v in values})
        new = []
        for number, v in values:
            try:
                if v["external_id"] not in existing:
                    new.append(placement_build(actor=ctx.actor, contacts=contacts, **v))
                elif placement_upsert_needed(existing[v["external_id"]], contacts=contacts, **v):
                    placement_contacts_flush(actor=ctx.actor, contacts=contacts)  # their events come first
                    placement_upsert(actor=ctx.actor, **v)
            except ValidationError as exc:  # validation should have caught it; roll back all the same
                raise ImportRejected([LineError(number, problems_of(exc))]) from exc
        placement_contacts_flush(actor=ctx.actor, contacts=contacts)
        placements_insert(actor=ctx.actor, placements=new)

    def upsert(self, data, ctx):
        return placement_upsert(actor=ctx.actor, **self._values(data, ctx))

    @staticmethod
    def _values(data, ctx) -> dict:
        return dict(external_id=data["id"], case=ctx.get("case", data["case"]),
                    company=ctx.get("company", data["company"]), kind=data["kind"], purpose=data["purpose"],
                    start=data["start"], end=data["end"], end_reason=data["end_reason"] or "",
                    agreement_signed=data["agreement_signed"], contact_person=data.get("contact"))

    def lookup_many(self, keys):
        return Placement.objects.select_related("case").in_bulk(list(keys), field_name="external_id")

    def export(self, ctx):
        placements = Placement.objects.select_related("case", "company", "contact").order_by("external_id")
        for p in placements.iterator(chunk_size=2000):
            ctx.shown(p.case.citizen_id)
            yield {"type": self.type, "id": p.external_id, "case": p.case.external_id,
                   "company": p.company.external_id, "kind": p.kind, "purpose": p.purpose,
                   "start": p.start.isoformat(), "end": p.end.isoformat() if p.end else None,
                   "agreement_signed": p.agreement_signed_on.isoformat() if p.agreement_signed_on else None,
                   "end_reason": p.end_reason or None,
                   "contact": {"name": p.contact.name, "email": p.contact.email or None,
                               "phone": p.contact.phone or None} if p.contact else None}


class Hours(forms.Field):
    """0–60 hours, a JSON number with at most one decimal."""

    widget = JsonValue
    default_error_messages = {"type": gettext_lazy("skal være et tal"),
                              "range": gettext_lazy("skal være mellem 0 og %(max)d"),
                              "decimals": gettext_lazy("højst én decimal")}

    def to_python(self, value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(self.error_messages["type"], code="type")
        number = Decimal(str(value))
        if not 0 <= number <= HOURS_MAX:
            raise ValidationError(self.error_messages["range"], code="range", params={"max": HOURS_MAX})
        if number != number.quantize(Decimal("0.1")):
            raise ValidationError(self.error_messages["decimals"], code="decimals")
        return number


class IsoWeek(Text):
    default_error_messages = {"week": gettext_lazy("ugyldig uge '%(value)s' (skal være ÅÅÅÅ-Wuu, fx 2025-W10)"),
                              "future": gettext_lazy("ugen %(value)s er ikke begyndt endnu"),
                              "too_early": gettext_lazy("ugen ligger før %(year)d")}

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return value
        monday = parse_iso_week(value)
        if monday is None:
            raise ValidationError(self.error_messages["week"], code="week", params={"value": shown(value)})
        if monday > timezone.localdate():
            raise ValidationError(self.error_messages["future"], code="future", params={"value": value})
        if monday < EARLIEST_RECORD:
            raise ValidationError(self.error_messages["too_early"], code="too_early",
                                  params={"year": EARLIEST_RECORD.year})
        return value


@compiled_field(Hours)
def _hours_check(field, ctx):
    """Hours.to_python for a valid value (then Field.validate: null refused when required); anything else → Slow."""
    required, tenth = field.required, Decimal("0.1")

    def check(value):
        if value is None:
            if required:
                raise Slow
            return None
        kind = type(value)
        if kind is int:
            if not 0 <= value <= HOURS_MAX:
                raise Slow
            return Decimal(str(value))
        if kind is not float:
            raise Slow
        if not 0 <= value <= HOURS_MAX:  # NaN and infinities too
            raise Slow
        number = Decimal(str(value))
        if not 0 <= number <= HOURS_MAX or number != number.quantize(tenth):
            raise Slow
        return number
    return check


@compiled_field(IsoWeek, text=True)
def _iso_week_check(field, ctx):
    """IsoWeek.clean for a valid week: a week begun by the import's start (a later one goes through the form)."""
    today, weeks = timezone.localdate(), {}

    def known(value):
        try:
            return weeks[value]
        except KeyError:
            pass
        monday = parse_iso_week(value)
        if monday is None or monday > today or monday < EARLIEST_RECORD:
            raise Slow
        weeks[value] = value
        return value
    return text_check(field, ctx, after=known)


class HoursForm(RecordForm):
    placement = Ref("placement", unknown=gettext_lazy(
        "virksomhedsforløb '%(value)s' findes hverken i filen eller i databasen"))
    week = IsoWeek()
    internship_hours = Hours()
    ordinary_hours = Hours()

    def clean(self):
        cleaned = super().clean()
        a, b = cleaned.get("internship_hours"), cleaned.get("ordinary_hours")
        if a is not None and b is not None and a + b > HOURS_MAX:
            self.add_error("ordinary_hours", _("højst %(max)d timer i alt i en uge") % {"max": HOURS_MAX})
        return cleaned


@register
class HoursRecord(RecordType):
    type = "hours"
    key = ("placement", "week")
    form = HoursForm
    model = WeekHours
    depends_on = ("placement",)

    def db_keys(self) -> set:
        return {(pid, iso_week(week)) for pid, week in
                WeekHours.objects.values_list("placement__external_id", "week").iterator(chunk_size=5000)}

    def lookup(self, key):
        return WeekHours.objects.get(placement__external_id=key[0], week=parse_iso_week(key[1]))

    def check_file(self, items, ctx):
        """The week must lie within the placement's period (for placements already in the database; for new ones
        the import checks it as it writes, and still changes nothing on error)."""
        problems = {}
        ids = {data["placement"] for _n, data in items}
        periods = dict()
        for start in range(0, len(ids), 500):
            chunk = list(ids)[start:start + 500]
            periods.update({e: (s, end) for e, s, end in Placement.objects.filter(external_id__in=chunk)
                            .values_list("external_id", "start", "end")})
        in_file = ctx.file_keys.get("placement", set())
        for number, data in items:
            if data["placement"] in in_file or data["placement"] not in periods:
                continue
            start, end = periods[data["placement"]]
            problem = week_outside_period(start, end, parse_iso_week(data["week"]), sentence=False)
            if problem:
                problems[number] = [("week", problem)]
        return problems

    def write_batch(self, items, ctx):
        """Hours are the most numerous records: a batch is written in a few queries (hours_import), each week
        first checked against its placement's period as hours_upsert does, so an error names its line."""
        ctx.prefetch({"placement": {data["placement"] for _number, data in items}})
        rows = []
        for number, data in items:
            placement, week = ctx.get("placement", data["placement"]), parse_iso_week(data["week"])
            problem = week_outside_period(placement.start, placement.end, week, sentence=False)
            if problem:
                raise ImportRejected([LineError(number, [("week", problem)])])
            rows.append({"placement": placement, "week": week, "internship_hours": data["internship_hours"],
                         "ordinary_hours": data["ordinary_hours"]})
        hours_import(actor=ctx.actor, rows=rows)

    def export(self, ctx):
        rows = WeekHours.objects.select_related("placement").order_by("placement__external_id", "week")
        for h in rows.iterator(chunk_size=5000):
            yield {"type": self.type, "placement": h.placement.external_id, "week": iso_week(h.week),
                   "internship_hours": _number(h.internship_hours), "ordinary_hours": _number(h.ordinary_hours)}


def _number(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)
