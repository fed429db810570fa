"""`employee`: {"type":"employee","id":"E1","name":"Anne Holm","roles":["jobformidler"],"team":"T1"}"""

from django.utils.translation import gettext_lazy as _

from jobspor.core.roles import Role
from jobspor.organisation.models import Employee
from jobspor.organisation.services import employee_upsert

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

    def upsert(self, data, ctx):
        team = ctx.get("team", data["team"]) if data["team"] else None
        return employee_upsert(actor=ctx.actor, external_id=data["id"], name=data["name"], roles=data["roles"],
                               team=team)

    def export(self, ctx):
        for employee in Employee.objects.select_related("team").order_by("external_id").iterator(chunk_size=1000):
            yield {"type": self.type, "id": employee.external_id, "name": employee.name,
                   "roles": list(employee.roles), "team": employee.team.external_id if employee.team else None}
