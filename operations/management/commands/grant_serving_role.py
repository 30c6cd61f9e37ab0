"""manage.py grant_serving_role ROLE [--password-env NAME]

Run as the role that owns the tables (the one `migrate` runs as), after every migrate. See
operations/roles.py for what the serving role may and may not do.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from operations.roles import RoleError, serving_role_grant


class Command(BaseCommand):
    help = "Create or update the PostgreSQL role the portal serves as: no ownership, no TRUNCATE, append-only kept."

    def add_arguments(self, parser):
        parser.add_argument("role", help="The serving role's name, e.g. portal_web.")
        parser.add_argument(
            "--password-env", metavar="NAME",
            help="Set the role's password from this environment variable (never from the command line).",
        )

    def handle(self, *args, role: str, password_env: str | None, **options):
        password = None
        if password_env:
            password = os.environ.get(password_env)
            if not password:
                raise CommandError(f"--password-env {password_env}: that environment variable is empty or not set.")
        try:
            grants = serving_role_grant(connection, role=role, password=password)
        except RoleError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{grants.role}: read and write on {len(grants.read_write)} tables; read and add only on "
            f"{len(grants.append_only)} append-only tables; owns none, no TRUNCATE."
        )
