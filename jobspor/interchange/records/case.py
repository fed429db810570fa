"""`case`: one line per case, with its whole staff list (which replaces the case's staff).

{"type":"case","id":"S1","citizen":"B1","benefit":"kontanthjaelp_aktivitetsparat","target_group":2,
 "fsm_group":1,"opened":"2025-01-10","closed":null,"close_reason":null,"public_support_since":"2016-05-01",
 "staff":[{"employee":"E1","role":"jobformidler","primary":true}]}

The case's team is the primary contact's team (set by the case services).

Version 2: optional `fleksjob_visitated` (true/false; omitted or null keeps what the case has, false for a new
case). Benefit `ledighedsydelse` implies it, so `false` with that benefit is refused."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.cases.choices import Benefit, CloseReason, FsmGroup, TargetGroup
from jobspor.cases.models import Case, CaseStaff
from jobspor.cases.services import case_build, case_upsert, case_upsert_needed, cases_existing, cases_insert
from jobspor.core.roles import CaseRole
from jobspor.core.validators import EARLIEST_RECORD

from ..errors import ImportRejected, LineError, problems_of
from ..fields import Code, Date, Flag, FormList, IntCode, Key, OptionalFlag, Ref, nested_error
from ..forms import RecordForm
from ..registry import RecordType, register


class StaffForm(RecordForm):
    employee = Ref("employee", unknown=gettext_lazy(
        "medarbejder '%(value)s' findes hverken i filen eller i databasen"))
    role = Code(CaseRole.choices, unknown=gettext_lazy("ukendt rolle på sagen '%(value)s'"))
    primary = Flag()


class CaseForm(RecordForm):
    id = Key()
    citizen = Ref("citizen", unknown=gettext_lazy("borger '%(value)s' findes hverken i filen eller i databasen"))
    benefit = Code(Benefit.choices, unknown=gettext_lazy("ukendt ydelse '%(value)s'"))
    target_group = IntCode(TargetGroup.choices, required=False,
                           unknown=gettext_lazy("ukendt hovedmålgruppe %(value)s (skal være 1, 2 eller 3)"))
    fsm_group = IntCode(FsmGroup.choices, required=False, unknown=gettext_lazy(
        "ukendt 'Flere skal med'-gruppe %(value)s (skal være 1, 2, 3 eller null)"))
    opened = Date(earliest=EARLIEST_RECORD, fact=True)
    closed = Date(earliest=EARLIEST_RECORD, required=False)
    close_reason = Code(CloseReason.choices, required=False,
                        unknown=gettext_lazy("ukendt afslutningsårsag '%(value)s'"))
    public_support_since = Date(fact=True, required=False)
    staff = FormList(StaffForm)
    fleksjob_visitated = OptionalFlag()

    def clean(self):
        cleaned = super().clean()
        opened, closed = cleaned.get("opened"), cleaned.get("closed")
        if cleaned.get("benefit") == Benefit.LEDIGHEDSYDELSE and cleaned.get("fleksjob_visitated") is False:
            self.add_error("fleksjob_visitated", _("ledighedsydelse forudsætter visitation til fleksjob "
                                                   "(fleksjob_visitated: true, eller udelad feltet)"))
        if closed and "close_reason" in cleaned and not cleaned["close_reason"]:
            self.add_error("close_reason", _("angiv en afslutningsårsag, når sagen er afsluttet"))
        if cleaned.get("close_reason") and "closed" in cleaned and not closed:
            self.add_error("closed", _("angiv en afslutningsdato, når der er en afslutningsårsag"))
        if opened and closed and closed < opened:
            self.add_error("closed", _("sagen kan ikke være afsluttet før den er oprettet (opened)"))
        if cleaned.get("staff"):
            self._check_staff(cleaned["staff"])
        return cleaned

    def _check_staff(self, staff):
        primaries = sum(1 for entry in staff if entry["primary"])
        errors = []
        if primaries != 1:
            errors.append(_("en sag skal have præcis én primær kontaktperson (primary: true), her er der %(n)d")
                          % {"n": primaries})
        seen = set()
        for number, entry in enumerate(staff, start=1):
            if entry["employee"] in seen:
                errors.append(nested_error(f"[{number}].employee", _("medarbejder '%(id)s' står flere gange")
                                           % {"id": entry["employee"]}))
            seen.add(entry["employee"])
        if errors:
            self.add_error("staff", errors)


@register
class CaseRecord(RecordType):
    type = "case"
    form = CaseForm
    model = Case
    depends_on = ("citizen", "employee")

    def check_file(self, items, ctx):
        """A case stays with its citizen: an import cannot move it to another."""
        problems = defaultdict(list)
        ids = [data["id"] for _number, data in items]
        owners = {}
        for start in range(0, len(ids), 500):
            owners.update(Case.objects.filter(external_id__in=ids[start:start + 500])
                          .values_list("external_id", "citizen__external_id"))
        for number, data in items:
            owner = owners.get(data["id"])
            if owner is not None and owner != data["citizen"]:
                problems[number].append(("citizen", _("sagen tilhører borger '%(id)s' og kan ikke flyttes")
                                         % {"id": owner}))
        return problems

    def write_batch(self, items, ctx):
        """New cases are built (case_build) and inserted together (cases_insert); a case that exists is compared
        with what the file says in two queries for the batch, and only one that differs goes through case_upsert
        (so a second import of the same file writes nothing)."""
        self.prefetch_refs(items, ctx)
        existing = cases_existing(data["id"] for _number, data in items)
        new = []
        for number, data in items:
            values = self._values(data, ctx)
            try:
                if data["id"] not in existing:
                    new.append(case_build(actor=ctx.actor, **values))
                elif case_upsert_needed(existing[data["id"]], **values):
                    case_upsert(actor=ctx.actor, **values)
            except ValidationError as exc:  # validation should have caught it; roll back all the same
                raise ImportRejected([LineError(number, problems_of(exc))]) from exc
        cases_insert(actor=ctx.actor, cases=new)

    def upsert(self, data, ctx):
        return case_upsert(actor=ctx.actor, **self._values(data, ctx))

    @staticmethod
    def _values(data, ctx) -> dict:
        staff = [{"employee": ctx.get("employee", entry["employee"]), "role": entry["role"],
                  "primary": entry["primary"]} for entry in data["staff"]]
        return dict(external_id=data["id"], citizen=ctx.get("citizen", data["citizen"]),
                    benefit=data["benefit"], target_group=data["target_group"], fsm_group=data["fsm_group"],
                    opened=data["opened"], closed=data["closed"], close_reason=data["close_reason"],
                    public_support_since=data["public_support_since"], staff=staff,
                    fleksjob_visitated=data.get("fleksjob_visitated"))

    def export(self, ctx):
        staff = CaseStaff.objects.select_related("employee").order_by("-is_primary", "employee__external_id")
        cases = (Case.objects.select_related("citizen").prefetch_related(Prefetch("staff", queryset=staff))
                 .order_by("external_id"))
        for case in cases.iterator(chunk_size=1000):
            ctx.shown(case.citizen_id)
            yield {
                "type": self.type, "id": case.external_id, "citizen": case.citizen.external_id,
                "benefit": case.benefit, "target_group": case.target_group, "fsm_group": case.fsm_group,
                "opened": _iso(case.opened), "closed": _iso(case.closed), "close_reason": case.close_reason or None,
                "public_support_since": _iso(case.public_support_since),
                "staff": [{"employee": link.employee.external_id, "role": link.role, "primary": link.is_primary}
                          for link in case.staff.all()],
                "fleksjob_visitated": case.fleksjob_visitated,
            }


def _iso(date):
    return date.isoformat() if date else None
