from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the portal: the database roles it serves as, backup and restore. No models."""

    name = "operations"
    verbose_name = "Operations"
