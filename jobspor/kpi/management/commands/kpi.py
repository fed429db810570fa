"""`jobspor kpi --from YYYY-MM-DD --to YYYY-MM-DD [--fsm-group N] [--target-group N] [--team ID] [--format json]`:
the measures of kpi.md as one JSON object keyed as there (interchange.md). Team by its external id."""

import datetime as dt
import json

from django.core.management.base import CommandError

from jobspor.core.commands import DataCommand
from jobspor.kpi import engine
from jobspor.organisation.models import Team


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Ugyldig dato: {value!r} (brug ÅÅÅÅ-MM-DD).") from None


class Command(DataCommand):
    help = "Skriver nøgletallene fra kpi.md for en periode som ét JSON-objekt."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="første dag (ÅÅÅÅ-MM-DD)")
        parser.add_argument("--to", dest="end", required=True, help="sidste dag (ÅÅÅÅ-MM-DD)")
        parser.add_argument("--fsm-group", type=int, choices=[1, 2, 3])
        parser.add_argument("--target-group", type=int, choices=[1, 2, 3])
        parser.add_argument("--team", help="teamets id (som i importfilen)")
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options):
        start, end = _date(options["start"]), _date(options["end"])
        team_ids = None
        if options["team"] is not None:
            team = Team.objects.using(engine.kpi_database()).filter(external_id=options["team"]).first()
            if team is None:
                raise CommandError(f"Ukendt team: {options['team']!r}.")
            team_ids = (team.pk,)
        try:
            query = engine.KpiQuery(start=start, end=end, fsm_group=options["fsm_group"],
                                    target_group=options["target_group"], team_ids=team_ids)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(engine.compute(query), ensure_ascii=False))
