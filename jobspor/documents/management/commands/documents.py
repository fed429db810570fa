"""`jobspor documents retention [--apply] [--today YYYY-MM-DD]`: documents on closed cases past their retention
period (retention.py). Without --apply it only lists them; with --apply their file content is erased, each row
stays marked with who, when and the end of the period, and an event is recorded. Run daily."""

import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone

from jobspor.core.commands import DataCommand
from jobspor.documents.services import retention_run


class Command(DataCommand):
    help = ("Dokumenter: «retention» viser (eller med --apply sletter indholdet af) dokumenter, hvis "
            "opbevaringsfrist er udløbet.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        retention = sub.add_parser("retention", help="Dokumenter på afsluttede sager efter opbevaringsfristen.")
        retention.add_argument("--apply", action="store_true",
                               help="Slet filernes indhold (uden: vis kun, hvad der ville blive slettet).")
        retention.add_argument("--today", help="Dagen, der regnes fra (ÅÅÅÅ-MM-DD; standard: i dag).")

    def handle(self, *args, action, **options):
        today = timezone.localdate()
        if options.get("today"):
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(f"--today: «{options['today']}» er ikke en dato (ÅÅÅÅ-MM-DD).") from None
        apply = options["apply"]
        due = retention_run(actor=None, today=today, apply=apply)
        for item in due:
            document = item.document
            self.stdout.write(f"{'slettet' if apply else 'forfalden'}: dokument {document.pk} "
                              f"(sag {document.case.external_id}, {document.get_kind_display()}, "
                              f"opbevaringsfrist {item.retention_end.isoformat()})")
        if apply:
            self.stdout.write(f"{len(due)} dokumenter har fået deres indhold slettet efter opbevaringsfristen.")
        else:
            self.stdout.write(f"{len(due)} dokumenter er over opbevaringsfristen. Intet er slettet: "
                              "kør igen med --apply for at slette indholdet.")
