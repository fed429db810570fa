from django.utils import timezone

from jobspor.core.commands import DataCommand
from jobspor.jobs.services import jobs_expire


class Command(DataCommand):
    help = "Sætter åbne jobåbninger og småjob, hvis ansøgningsfrist er passeret, til udløbet. Køres dagligt."

    def handle(self, *args, **options):
        count = jobs_expire(actor=None, today=timezone.localdate())
        self.stdout.write(f"{count} jobåbninger er sat til udløbet.")
