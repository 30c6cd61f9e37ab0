from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Privacy notices"

    def ready(self):
        from services.hooks import notice_hooks_register

        from .hooks import RegisterHooks

        # The register shows where a record is used and starts new drafts through this (see services.hooks).
        notice_hooks_register(RegisterHooks())
