"""How long records are kept, and the legal holds that suspend destruction."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from services.models import OrganisationRecord, Service, unique_per_organisation


class RetentionRule(OrganisationRecord):
    NAME_FIELD = "record_type"

    class PeriodKind(models.TextChoices):
        FIXED = "fixed", "A fixed period"
        PERMANENT = "permanent", "Kept permanently"
        UNTIL_EVENT = "until_event", "Until an event"

    class Unit(models.TextChoices):
        DAYS = "days", "days"
        MONTHS = "months", "months"
        YEARS = "years", "years"

    class Action(models.TextChoices):
        DESTROY = "destroy", "destroyed"
        REVIEW = "review", "reviewed"
        ARCHIVE = "archive", "archived"
        ANONYMISE = "anonymise", "anonymised"

    record_type = models.CharField(
        max_length=200, help_text="The records this rule covers, e.g. Adoption records."
    )
    period_kind = models.CharField("how long", max_length=20, choices=PeriodKind.choices, default=PeriodKind.FIXED)
    period_number = models.PositiveIntegerField("period", null=True, blank=True, help_text="e.g. 35.")
    period_unit = models.CharField("unit", max_length=10, choices=Unit.choices, blank=True)
    trigger = models.CharField(
        "counted from",
        max_length=200,
        blank=True,
        help_text="What the period runs from: last contact, date of birth, case closure, the adoption order, "
        "the person's 25th birthday…",
    )
    until_event = models.CharField(
        "the event", max_length=200, blank=True, help_text="When kept until an event: e.g. the volunteer leaves."
    )
    authority = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where the period comes from: NHS Records Management Code of Practice 2021, a statute, "
        "the council's retention schedule…",
    )
    action = models.CharField(
        "at the end, records are", max_length=20, choices=Action.choices, default=Action.DESTROY
    )
    services = models.ManyToManyField(Service, blank=True, related_name="retention_rules")
    history = HistoricalRecords(m2m_fields=[services])

    class Meta:
        ordering = ["record_type"]
        constraints = [unique_per_organisation("retentionrule", "record_type")]

    def __str__(self):
        return self.record_type

    def clean(self):
        errors = {}
        if self.period_kind == self.PeriodKind.FIXED:
            if not self.period_number:
                errors["period_number"] = ValidationError("Enter how long the records are kept.", code="period_missing")
            if not self.period_unit:
                errors["period_unit"] = ValidationError(
                    "Choose days, months or years.", code="unit_missing"
                )
            if not self.trigger.strip():
                errors["trigger"] = ValidationError(
                    "Say what the period is counted from, such as last contact or the date of birth.",
                    code="trigger_missing",
                )
        if self.period_kind == self.PeriodKind.UNTIL_EVENT and not self.until_event.strip():
            errors["until_event"] = ValidationError(
                "Say which event ends the retention period.", code="event_missing"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def period_text(self) -> str:
        """The period alone, e.g. "for 100 years from the date of the adoption order"."""
        if self.period_kind == self.PeriodKind.PERMANENT:
            return "permanently"
        if self.period_kind == self.PeriodKind.UNTIL_EVENT:
            return f"until {self.until_event}"
        unit = self.period_unit
        if self.period_number == 1:
            unit = unit.rstrip("s")
        text = f"for {self.period_number} {unit}"
        return f"{text} from {self.trigger}" if self.trigger else text

    @property
    def sentence(self) -> str:
        """One plain sentence for the public, e.g.
        "Adoption records: kept for 100 years from the date of the adoption order, then destroyed."."""
        if self.period_kind == self.PeriodKind.PERMANENT:
            return f"{self.record_type}: kept permanently."
        return f"{self.record_type}: kept {self.period_text}, then {self.get_action_display()}."


class LegalHold(OrganisationRecord):
    name = models.CharField(max_length=200, help_text="e.g. UK Covid-19 Inquiry.")
    description = models.TextField(blank=True, help_text="Why destruction is suspended, in plain English.")
    imposed_by = models.CharField(max_length=200, blank=True, help_text="e.g. NHS England.")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="Leave blank while the hold is in force.")
    retention_rules = models.ManyToManyField(RetentionRule, blank=True, related_name="legal_holds")
    services = models.ManyToManyField(Service, blank=True, related_name="legal_holds")
    history = HistoricalRecords(m2m_fields=[retention_rules, services])

    class Meta:
        ordering = ["name"]
        constraints = [unique_per_organisation("legalhold")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {
                    "end_date": ValidationError(
                        "The end date must be on or after the start date.", code="end_before_start"
                    )
                }
            )

    def is_active_on(self, day) -> bool:
        started = self.start_date is None or self.start_date <= day
        return started and (self.end_date is None or self.end_date >= day)
