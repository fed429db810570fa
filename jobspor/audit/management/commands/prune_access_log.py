
from jobspor.audit.services import access_log_prune
from jobspor.core.commands import DataCommand


class Command(DataCommand):
    help = "Sletter adgangslog ældre end opbevaringsperioden (JOBSPOR_ACCESS_LOG_RETENTION_DAYS)."

    def handle(self, *args, **options):
        deleted = access_log_prune()
        self.stdout.write(f"Slettede {deleted} linjer fra adgangsloggen.")
