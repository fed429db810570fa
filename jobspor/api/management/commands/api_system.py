"""`jobspor api_system NAME --scope cases:read --scope hours:write [--team ID] [--role jobformidler]`: create an
integrating system and print its client id and secret (shown this once)."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from jobspor.api.scopes import Scope
from jobspor.api.services import system_create
from jobspor.core.commands import DataCommand
from jobspor.core.roles import Role
from jobspor.organisation.models import Team


class Command(DataCommand):
    help = "Opretter et integrerende system til API'et og skriver dets klient-id og hemmelighed (vises kun nu)."

    def add_arguments(self, parser):
        parser.add_argument("name", help="systemets navn, fx »Kommunens ESDH«")
        parser.add_argument("--scope", action="append", default=[], choices=Scope.values, help="en rettighed")
        parser.add_argument("--team", help="teamets id (som i importfilen): systemet ser teamets sager")
        parser.add_argument("--role", action="append", default=[], choices=Role.values)
        parser.add_argument("--token-minutes", type=int, default=15)

    def handle(self, *args, **options):
        team = None
        if options["team"]:
            team = Team.objects.filter(external_id=options["team"]).first()
            if team is None:
                raise CommandError(f"Ukendt team: {options['team']!r}.")
        try:
            system, secret = system_create(actor=None, name=options["name"], scopes=options["scope"], team=team,
                                           roles=options["role"] or [Role.JOB_BROKER],
                                           token_minutes=options["token_minutes"])
        except ValidationError as error:
            raise CommandError(" ".join(m for ms in error.message_dict.values() for m in ms)) from None
        self.stdout.write(f"client_id={system.client_id}\nclient_secret={secret}\n"
                          "Gem hemmeligheden nu: den vises ikke igen.")
