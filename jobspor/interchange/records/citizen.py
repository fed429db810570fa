"""`citizen`: {"type":"citizen","id":"B1","cpr":"0103874321","name":"Jens Hansen","postal_code":"8210"}

Address, phone and e-mail are not part of the format: an import keeps what the database has."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from jobspor.citizens.models import Citizen
from jobspor.citizens.models import PostalCode as PostalCodeRow
from jobspor.citizens.services import (
    citizen_build,
    citizen_save,
    citizen_save_needed,
    citizens_insert,
    postal_code_get,
)

from ..errors import ImportRejected, LineError, problems_of
from ..fields import Cpr, Key, PostalCode, Text
from ..forms import RecordForm
from ..registry import RecordType, register


class CitizenForm(RecordForm):
    id = Key()
    cpr = Cpr()
    name = Text(max_length=200)
    postal_code = PostalCode(required=False)


@register
class CitizenRecord(RecordType):
    type = "citizen"
    form = CitizenForm
    model = Citizen

    def check_file(self, items, ctx):
        """One CPR number, one citizen: in the file and against the database (never printing the number)."""
        problems = defaultdict(list)
        first_line = ctx.seen[self.type]  # CPR number -> (line, id) of its first record, across batches
        for number, data in items:
            other = first_line.setdefault(data["cpr"], (number, data["id"]))
            if other[1] != data["id"]:
                problems[number].append(("cpr", _("CPR-nummeret er også borger '%(id)s' (linje %(line)d)")
                                         % {"id": other[1], "line": other[0]}))
        cprs = list({data["cpr"] for _number, data in items})
        owners = {}
        for start in range(0, len(cprs), 500):
            owners.update(Citizen.objects.filter(cpr__in=cprs[start:start + 500]).values_list("cpr", "external_id"))
        for number, data in items:
            owner = owners.get(data["cpr"])
            if owner is not None and owner != data["id"]:
                problems[number].append(("cpr", _("CPR-nummeret tilhører allerede borger '%(id)s' i databasen")
                                         % {"id": owner}))
        return problems

    def write_batch(self, items, ctx):
        """The new citizens of a batch are inserted together (citizen_build, citizens_insert: check_file has made
        sure their CPR numbers are new); one that exists and differs goes through citizen_save (upsert)."""
        existing = self.lookup_many(data["id"] for _n, data in items)
        postal_codes = PostalCodeRow.objects.in_bulk({data["postal_code"] for _n, data in items} - {None, ""})
        new = []
        for number, data in items:
            try:
                if data["id"] in existing:
                    if citizen_save_needed(existing[data["id"]], cpr=data["cpr"], name=data["name"],
                                           postal_code=data["postal_code"]):
                        self.upsert(data, ctx)
                else:
                    code = data["postal_code"]
                    new.append(citizen_build(actor=ctx.actor, external_id=data["id"], cpr=data["cpr"],
                                             name=data["name"],
                                             postal_code=postal_codes.get(code) or postal_code_get(code)))
            except ValidationError as exc:  # validation should have caught it; roll back all the same
                raise ImportRejected([LineError(number, problems_of(exc))]) from exc
        citizens_insert(actor=ctx.actor, citizens=new)

    def upsert(self, data, ctx):
        citizen = Citizen.objects.filter(external_id=data["id"]).first()
        kept = {"address": citizen.address, "phone": citizen.phone, "email": citizen.email} if citizen else {}
        return citizen_save(actor=ctx.actor, external_id=data["id"], citizen=citizen, cpr=data["cpr"],
                            name=data["name"], postal_code=data["postal_code"] or None, **kept)

    def export(self, ctx):
        for citizen in Citizen.objects.order_by("external_id").iterator(chunk_size=1000):
            ctx.shown(citizen.pk)
            yield {"type": self.type, "id": citizen.external_id, "cpr": citizen.cpr, "name": citizen.name,
                   "postal_code": citizen.postal_code_id}
