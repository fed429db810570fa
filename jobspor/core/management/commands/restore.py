import logging
from pathlib import Path

from django.core.management.base import CommandError

from jobspor.core import backup
from jobspor.core.commands import DataCommand

log = logging.getLogger("jobspor.backup")


class Command(DataCommand):
    help = "Læg en backup ind i en ny, tom database (den, DATABASE_URL peger på)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="backupfilen (.sqlite3 eller .pgdump)")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            backup.restore(path)
        except backup.BackupError as error:
            log.warning("Genindlæsning afvist: %s (%s)", path, error)
            backup.record("backup_restore_refused", path, reason=str(error))
            raise CommandError(str(error)) from None
        backup.record("backup_restored", path)
        self.stdout.write(f"Backuppen {path} er lagt ind. Kør `jobspor migrate`, hvis den er fra en ældre version.")
