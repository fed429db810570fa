from django.core.management.base import CommandError
from django.utils import translation

from jobspor.audit.verbs import Action
from jobspor.core.commands import DataCommand
from jobspor.core.errors import AuditUnavailable
from jobspor.interchange.exporter import export_file
from jobspor.interchange.summary import counts_format


class Command(DataCommand):
    help = (f"Eksporterer alle poster som JSON Lines (docs: interchange.md). Hver eksporteret borger "
            f"skrives i adgangsloggen ({Action.EXPORT.value}).")

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON Lines-fil, der skrives (overskrives)")

    def handle(self, *args, file, **options):
        with translation.override("da"):
            try:
                counts = export_file(file)
            except AuditUnavailable as exc:
                raise CommandError("Adgangsloggen kunne ikke skrives, så intet er eksporteret.") from exc
            except OSError as exc:
                raise CommandError(f"Kan ikke skrive {file}: {exc.strerror or exc}") from exc
            self.stdout.write(f"Eksporteret til {file}: {counts_format(counts)}")
