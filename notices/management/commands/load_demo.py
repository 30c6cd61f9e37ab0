"""`python manage.py load_demo`: fill the register from the three real notices and create the demo logins."""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.actions import demo_second_factor_ensure
from notices.demo import demo_notices_load
from services.demo.loader import demo_register_load, demo_users_ensure


class Command(BaseCommand):
    help = (
        "Load the demo register (from three real privacy notices) and the demo staff logins. "
        "Safe to run again: records already as the demo has them are left untouched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though DEBUG is off. The demo passwords are published, so never do this on a live site.",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this looks like a live site: the demo creates a superuser whose password is "
                "published. Use --force if this really is a demo."
            )
        with transaction.atomic():
            loads = demo_register_load()
            logins = demo_users_ensure()
            notices = demo_notices_load(loads=loads)
            factors = {
                login.username: demo_second_factor_ensure(user=User.objects.get(username=login.username))
                for login in logins
            }
        for load in loads.values():
            sections = [records for records in vars(load).values() if isinstance(records, list) and records]
            counts = ", ".join(_counted(records) for records in sections)
            self.stdout.write(f"Seed {load.key} ({load.title}): {counts}.")
        for notice in notices:
            self.stdout.write(f"Notice: {notice.title} at /notices/{notice.slug}/")
        self.stdout.write("Demo logins (every staff page also needs a code from an authenticator app):")
        for login in logins:
            factor = factors[login.username]
            self.stdout.write(f"  {login.username} / {login.password}  ({login.role})")
            self.stdout.write(f"    authenticator key: {factor['secret_base32']}")
            self.stdout.write(f"    or add to your app: {factor['otpauth_uri']}")
            self.stdout.write(f"    one-time recovery codes: {' '.join(factor['recovery_codes'])}")


def _counted(records: list) -> str:
    """E.g. "1 controller", "27 services"."""
    meta = records[0]._meta
    return f"{len(records)} {meta.verbose_name if len(records) == 1 else meta.verbose_name_plural}"
