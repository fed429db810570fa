"""`employee`: {"type":"employee","id":"E1","name":"Anne Holm","roles":["jobformidler"],"team":"T1"}"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jobspor.core.roles import Role
from jobspor.organisation.models import Employee
from jobspor.organisation.services import employee_build, employee_upsert, employee_upsert_needed, employees_insert

from ..errors import ImportRejected, LineError, problems_of
from ..fields import CodeList, Key, Ref, Text
from ..forms import RecordForm
from ..registry import RecordType, register


class EmployeeForm(RecordForm):
    id = Key()
    name = Text(max_length=200)
    roles = CodeList(Role.choices, unknown=_("ukendt rolle '%(value)s'"))
    team = Ref("team", required=False, unknown=_("team '%(value)s' findes hverken i filen eller i databasen"))


@register
class EmployeeRecord(RecordType):
    type = "employee"
    form = EmployeeForm
    model = Employee
    depends_on = ("team",)

    def write_batch(self, items, ctx):
        """New employees are built (employee_build) and inserted together (employees_insert); one that exists and
        differs goes through employee_upsert (the new ones before it saved first, so the events keep the file's
        order); one that exists unchanged costs no query."""
        self.prefetch_refs(items, ctx)
        existing = self.lookup_many(data["id"] for _number, data in items)
        new = []
        for number, data in items:
            team = ctx.get("team", data["team"]) if data["team"] else None
            try:
                employee = existing.get(data["id"])
                if employee is None:
                    new.append(employee_build(actor=ctx.actor, external_id=data["id"], name=data["name"],
                                              roles=data["roles"], team=team))
                elif employee_upsert_needed(employee, name=data["name"], roles=data["roles"], team=team):
                    employees_insert(actor=ctx.actor, employees=new)
                    new = []
                    self.upsert(data, ctx)
            except ValidationError as exc:  # validation should have caught it; roll back all the same
                raise ImportRejected([LineError(number, problems_of(exc))]) from exc
        employees_insert(actor=ctx.actor, employees=new)

    def upsert(self, data, ctx):
        team = ctx.get("team", data["team"]) if data["team"] else None
        return employee_upsert(actor=ctx.actor, external_id=data["id"], name=data["name"], roles=data["roles"],
                               team=team)

    def export(self, ctx):
        for employee in Employee.objects.select_related("team").order_by("external_id").iterator(chunk_size=1000):
            yield {"type": self.type, "id": employee.external_id, "name": employee.name,
                   "roles": list(employee.roles), "team": employee.team.external_id if employee.team else None}
