import sys

from django.core.management.base import CommandError
from django.utils import translation

from jobspor.core.commands import DataCommand
from jobspor.interchange.errors import ImportRejected
from jobspor.interchange.importer import import_file
from jobspor.interchange.progress import progress_for
from jobspor.interchange.summary import counts_format


class Command(DataCommand):
    help = ("Importerer en JSON Lines-fil (docs: interchange.md). Alle linjer valideres først; er en linje "
            "ugyldig, skrives 'line N: årsag' for hver, intet ændres, og kommandoen slutter med status 1.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines-fil")

    def handle(self, *args, file, **options):
        with translation.override("da"):
            progress = progress_for(self.stderr._out)  # a bar only when stderr is a terminal
            try:
                counts = import_file(file, progress=progress)
            except OSError as exc:
                raise CommandError(f"Kan ikke læse {file}: {exc.strerror or exc}") from exc
            except ImportRejected as exc:
                progress.stop()
                for error in exc.errors:
                    self.stderr.write(str(error))
                sys.exit(1)
            finally:
                progress.stop()
            self.stdout.write(f"Importeret: {counts_format(counts)}")
