from django.core.management.base import BaseCommand

from jobspor.audit.services import access_log_prune


class Command(BaseCommand):
    help = "Sletter adgangslog ældre end opbevaringsperioden (JOBSPOR_ACCESS_LOG_RETENTION_DAYS)."

    def handle(self, *args, **options):
        deleted = access_log_prune()
        self.stdout.write(f"Slettede {deleted} linjer fra adgangsloggen.")
