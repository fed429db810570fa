
from jobspor.core.commands import DataCommand
from jobspor.fidelity.questions import sync


class Command(DataCommand):
    help = "Indlæs spørgsmålene fra Test praksis i eget jobcenter (seed 004) fra jobspor/fidelity/data."

    def handle(self, *args, **options):
        created, changed = sync()
        self.stdout.write(f"{created} spørgsmål oprettet, {changed} rettet.")
