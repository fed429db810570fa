"""`jobspor demo [--cases N] [--seed S] [--if-empty]`: load a synthetic jobcentre (jobspor.demo.generator)."""

from django.core.management.base import CommandError

from jobspor.core.commands import DataCommand
from jobspor.demo import generator


class Command(DataCommand):
    help = "Indlæser et realistisk syntetisk jobcenter til afprøvning af Jobspor."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=generator.DEFAULT_CASES,
                            help="Antal sager i alt, inklusive ca. 5 %% ældre afsluttede sager hos de samme "
                                 "borgere (standard: %(default)s).")
        parser.add_argument("--seed", type=int, default=generator.DEFAULT_SEED,
                            help="Startværdi for tilfældighederne; samme værdi giver samme data "
                                 "(standard: %(default)s).")
        parser.add_argument("--if-empty", action="store_true",
                            help="Gør intet, hvis databasen allerede har sager (bruges af `make run`).")

    def handle(self, *args, cases, seed, if_empty, **options):
        if cases < 1:
            raise CommandError("--cases skal være mindst 1.")
        progress = self.stdout.write if options.get("verbosity", 1) >= 2 else None
        try:
            result = generator.demo_load(cases=cases, seed=seed, if_empty=if_empty, progress=progress)
        except generator.DemoError as exc:
            raise CommandError(str(exc)) from None
        for line in generator.summary_lines(result):
            self.stdout.write(line)
        if result.skipped and not generator.demo_exists():
            self.stdout.write("Databasen har ingen demo-logins (den er ikke fyldt med `jobspor demo`).")
            return
        for line in generator.login_lines():
            self.stdout.write(line)
