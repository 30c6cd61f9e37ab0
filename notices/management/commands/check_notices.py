"""python manage.py check_notices [--slug SLUG]: the compliance findings for each notice's working copy.

Exits with status 1 while any notice has a blocking finding, so it can gate a deployment or a nightly job.
"""

from django.core.management.base import BaseCommand, CommandError

from notices.compliance import blockers, check_notice
from notices.models import Notice


class Command(BaseCommand):
    help = "Check each notice's working copy against the compliance rules; exit 1 if anything blocks publishing."

    def add_arguments(self, parser):
        parser.add_argument("--slug", help="Check only the notice with this slug.")

    def handle(self, *args, slug=None, **options):
        notices = Notice.objects.select_related("controller").order_by("title")
        if slug:
            notices = notices.filter(slug=slug)
            if not notices.exists():
                raise CommandError(f"There is no notice with the slug “{slug}”.")
        blocked = 0
        for notice in notices:
            findings = check_notice(notice)
            found = blockers(findings)
            blocked += bool(found)
            self.stdout.write(
                f"{notice.title} ({notice.slug}): {len(found)} blocking, {len(findings) - len(found)} warnings"
            )
            for finding in findings:
                label = "BLOCKER" if finding.is_blocker else "warning"
                self.stdout.write(f"  {label} [{finding.code}] {finding.rule}\n    Where to fix: {finding.where}")
        if blocked:
            raise CommandError(
                f"{blocked} notice{'s have' if blocked != 1 else ' has'} blocking findings.", returncode=1
            )
        self.stdout.write(self.style.SUCCESS("No blocking findings."))
