"""manage.py verify_storage

Checks every published version's stored PDF against the SHA-256 recorded when it was published. Lists
each missing or altered file and exits with status 1 if there is any, so a cron job or monitor notices.
"""

from django.core.management.base import BaseCommand, CommandError

from notices.models import Publication
from notices.storage import storage_problems


class Command(BaseCommand):
    help = "Check every stored PDF against its recorded SHA-256; exit 1 if any is missing or altered."

    def handle(self, *args, **options):
        problems = list(storage_problems())
        for problem in problems:
            self.stdout.write(str(problem))
        checked = Publication.objects.exclude(pdf="").count()
        if problems:
            raise CommandError(f"{len(problems)} of {checked} stored PDFs are missing or altered.")
        self.stdout.write(f"All {checked} stored PDFs match their recorded SHA-256.")
