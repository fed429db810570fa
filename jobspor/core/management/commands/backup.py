from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from jobspor.core import backup
from jobspor.core.commands import DataCommand


class Command(DataCommand):
    help = "Tag en backup af hele databasen (SQLite: online-backup; PostgreSQL: pg_dump). Se docs/deploy.md."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=getattr(settings, "JOBSPOR_BACKUP_DIR", "data/backups"),
                            help="mappe, backuppen skrives i")
        parser.add_argument("--prune", action="store_true",
                            help="slet derefter backupper ud over opbevaringen (14 dage, så én pr. måned i 12 måneder)")

    def handle(self, *args, output, prune, **options):
        try:
            path = backup.backup(Path(output))
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        backup.record("backup_made", path, size=path.stat().st_size)
        self.stdout.write(f"Backup skrevet: {path} ({path.stat().st_size:,} bytes)".replace(",", "."))
        if prune:
            for old in backup.prune(Path(output)):
                self.stdout.write(f"Slettet efter opbevaringstiden: {old}")
