"""`team`: {"type":"team","id":"T1","name":"Team Nord"}"""

from jobspor.organisation.models import Team
from jobspor.organisation.services import team_upsert

from ..fields import Key, Text
from ..forms import RecordForm
from ..registry import RecordType, register


class TeamForm(RecordForm):
    id = Key()
    name = Text(max_length=200)


@register
class TeamRecord(RecordType):
    type = "team"
    form = TeamForm
    model = Team

    def upsert(self, data, ctx):
        return team_upsert(actor=ctx.actor, external_id=data["id"], name=data["name"])

    def export(self, ctx):
        for team in Team.objects.order_by("external_id").iterator(chunk_size=1000):
            yield {"type": self.type, "id": team.external_id, "name": team.name}
