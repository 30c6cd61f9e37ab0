from django.apps import AppConfig


class RopaConfig(AppConfig):
    """The register as a record of processing activities (UK GDPR Art 30): export as .xlsx and .csv, and
    import from the same shape. Sits above notices: its derived columns read the notices using a purpose."""

    name = "ropa"
    verbose_name = "Record of processing"
