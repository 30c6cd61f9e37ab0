from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff accounts and audit trail"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import receivers
        from .db import append_only_protect_history

        receivers.connect()
        # Registered for this app only, so it runs once per migrate and after every other app's tables
        # exist: history tables added by later migrations get the trigger too.
        post_migrate.connect(append_only_protect_history, sender=self)
