"""`contact`: {"type":"contact","id":"K1","case":"S1","employee":"E1","date":"2025-03-10","kind":"opfoelgning",
"note":"…"}

Upserted by id. A changed note becomes a new version of the journal note (the earlier text is kept).
Participants and the next agreed contact are not part of the format: an import keeps what the database has."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.contacts.choices import ContactKind
from jobspor.contacts.models import Contact
from jobspor.contacts.services import contact_build, contact_upsert, contact_upsert_needed, contacts_insert
from jobspor.core.validators import EARLIEST_RECORD

from ..errors import ImportRejected, LineError, problems_of
from ..fields import Code, Date, Key, Ref, Text
from ..forms import RecordForm
from ..registry import RecordType, register


class ContactForm(RecordForm):
    id = Key()
    case = Ref("case", unknown=gettext_lazy("sag '%(value)s' findes hverken i filen eller i databasen"))
    employee = Ref("employee", unknown=gettext_lazy("medarbejder '%(value)s' findes hverken i filen eller i databasen"))
    date = Date(earliest=EARLIEST_RECORD, fact=True)
    kind = Code(ContactKind.choices, unknown=gettext_lazy(
        "ukendt kontaktform '%(value)s' (tilladt: visitation, jobsamtale, opfoelgning, walk_and_talk, "
        "faellesmoede, virksomhedsbesoeg, telefon, besked)"))
    note = Text(required=False, strip=False)


@register
class ContactRecord(RecordType):
    type = "contact"
    form = ContactForm
    model = Contact
    depends_on = ("case", "employee")

    def check_file(self, items, ctx):
        """A contact stays with its case: an import cannot move it to another."""
        problems = defaultdict(list)
        ids = [data["id"] for _number, data in items]
        owners = {}
        for start in range(0, len(ids), 500):
            owners.update(Contact.objects.filter(external_id__in=ids[start:start + 500])
                          .values_list("external_id", "case__external_id"))
        for number, data in items:
            owner = owners.get(data["id"])
            if owner is not None and owner != data["case"]:
                problems[number].append(("case", _("kontakten hører til sag '%(id)s' og kan ikke flyttes")
                                         % {"id": owner}))
        return problems

    def write_batch(self, items, ctx):
        """Contacts are numerous: the new ones of a batch are inserted together (contact_build, contacts_insert);
        one that exists and differs goes through contact_upsert, which writes only what differs (a changed note is a new
        version)."""
        ctx.prefetch({"case": {data["case"] for _n, data in items},
                      "employee": {data["employee"] for _n, data in items}})
        existing = Contact.objects.in_bulk([data["id"] for _n, data in items], field_name="external_id")
        new = []
        for number, data in items:
            fields = {"actor": ctx.actor, "external_id": data["id"], "case": ctx.get("case", data["case"]),
                      "employee": ctx.get("employee", data["employee"]), "date": data["date"],
                      "kind": data["kind"], "note": data["note"] or ""}
            try:
                if data["id"] in existing:
                    if contact_upsert_needed(existing[data["id"]], **fields):
                        contact_upsert(**fields)
                else:
                    new.append(contact_build(**fields))
            except ValidationError as exc:  # validation should have caught it; roll back all the same
                raise ImportRejected([LineError(number, problems_of(exc))]) from exc
        contacts_insert(actor=ctx.actor, contacts=new)

    def export(self, ctx):
        contacts = (Contact.objects.select_related("case", "employee").order_by("external_id")
                    .only("external_id", "date", "kind", "note", "case__external_id", "case__citizen_id",
                          "employee__external_id"))
        for contact in contacts.iterator(chunk_size=2000):
            ctx.shown(contact.case.citizen_id)
            yield {"type": self.type, "id": contact.external_id, "case": contact.case.external_id,
                   "employee": contact.employee.external_id, "date": contact.date.isoformat(),
                   "kind": contact.kind, "note": contact.note}
