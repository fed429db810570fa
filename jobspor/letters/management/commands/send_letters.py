"""`jobspor send_letters`: deliver the letters waiting in the outbox whose turn it is (run it every few minutes,
e.g. from cron or a systemd timer). Failures keep their reason on the letter and are tried again next time."""


from jobspor.core.commands import DataCommand
from jobspor.letters.services import letters_send_pending


class Command(DataCommand):
    help = "Send breve, der venter i udbakken (Digital Post eller udbakkemappen)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=200, help="højst så mange breve pr. kørsel")

    def handle(self, *args, limit, **options):
        sent, failed = letters_send_pending(limit=limit)
        self.stdout.write(f"{sent} sendt, {failed} fejlede (prøves igen)")
