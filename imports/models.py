"""A notice an organisation already publishes, brought in: the original file as uploaded (hashed), the text
read from it in sections, and the records proposed from that text, each pointing at the sentences it came from.

Nothing here is a register record: proposals become records only through the register's own actions."""

from django.conf import settings
from django.db import models
from django.urls import reverse


class NoticeImport(models.Model):
    class SourceKind(models.TextChoices):
        TEXT = "text", "Pasted text"
        HTML = "html", "Saved web page (HTML)"
        DOCX = "docx", "Word document (.docx)"
        PDF = "pdf", "PDF with a text layer"

    class Status(models.TextChoices):
        TRIAGE = "triage", "Being triaged"
        DRAFTED = "drafted", "Draft notice created"

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    source_kind = models.CharField(max_length=10, choices=SourceKind.choices)
    original_filename = models.CharField(max_length=255, blank=True)
    size = models.PositiveIntegerField(help_text="Bytes, as uploaded.")
    sha256 = models.CharField(max_length=64)
    # Kept byte for byte (at most the upload limit) so every proposal can be traced to what was given.
    original = models.BinaryField()
    text = models.TextField(help_text="The text read from the original, paragraphs separated by blank lines.")
    sections = models.JSONField(default=list, help_text="[{heading, part, paragraphs: [{index, text}]}]")
    # What reading the file left out, said to the officer: scripts dropped, images not fetched, JavaScript ignored.
    notes = models.JSONField(default=list)
    findings = models.JSONField(default=list, help_text="The text checks' findings on the source.")
    # Paragraphs (by index) the officer chose to keep as a free-text section of their own.
    free_text = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.TRIAGE)
    notice = models.ForeignKey("notices.Notice", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               help_text="The draft notice made from this import.")
    # Optimistic locking: two officers triaging one import are refused, not merged.
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_filename or f"{self.get_source_kind_display()} ({self.created_at:%d %b %Y})"

    def get_absolute_url(self):
        return reverse("manage:import", kwargs={"pk": self.pk})


class Proposal(models.Model):
    class RecordType(models.TextChoices):
        CONTROLLER = "controller", "Organisation"
        DPO = "dpo", "DPO contact"
        DATA_CATEGORY = "data_category", "Data category"
        SUBJECT_GROUP = "subject_group", "Data subject group"
        PURPOSE = "purpose", "Purpose"
        LAWFUL_BASIS = "lawful_basis", "Lawful basis or condition"
        LEGISLATION = "legislation", "Legislation"
        RECIPIENT = "recipient", "Recipient or processor"
        SOURCE = "source", "Source of information"
        TRANSFER = "transfer", "Transfer outside the UK"
        RETENTION_RULE = "retention_rule", "Retention period"
        RIGHT = "right", "Right mentioned"

    class Decision(models.TextChoices):
        PENDING = "pending", "Not decided"
        ACCEPTED = "accepted", "Accepted"
        EDITED = "edited", "Accepted with changes"
        REJECTED = "rejected", "Rejected"

    notice_import = models.ForeignKey(NoticeImport, on_delete=models.CASCADE, related_name="proposals")
    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    values = models.JSONField(help_text="The proposed field values.")
    # [{"paragraph": n, "start": i, "end": j, "text": "…"}]: offsets into the paragraph's text.
    spans = models.JSONField(default=list)
    confidence = models.FloatField()
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    # An existing record of the organisation that says the same: accepting uses it instead of adding another.
    matched_model = models.CharField(max_length=60, blank=True)
    matched_id = models.PositiveBigIntegerField(null=True, blank=True)
    matched_label = models.CharField(max_length=300, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["notice_import", "order"]
        constraints = [
            # A match names both the model and the row, or neither.
            models.CheckConstraint(
                condition=models.Q(matched_model="", matched_id__isnull=True)
                | (~models.Q(matched_model="") & models.Q(matched_id__isnull=False)),
                name="proposal_match_whole",
            ),
        ]

    def __str__(self):
        return f"{self.get_record_type_display()}: {self.label}"

    @property
    def label(self) -> str:
        values = self.values or {}
        return str(next((values[k] for k in ("name", "title", "record_type", "code", "dpo_name") if values.get(k)),
                        self.record_type))


class ImportedSection(models.Model):
    """A free-text section the draft got from the imported text. `needs_decision`: nothing in the register says
    it, so the officer must keep, reword or delete it; the triage page lists these until each is decided."""

    notice_import = models.ForeignKey(NoticeImport, on_delete=models.CASCADE, related_name="imported_sections")
    section = models.OneToOneField("notices.NoticeSection", on_delete=models.CASCADE, related_name="+")
    needs_decision = models.BooleanField(default=True)

    class Meta:
        ordering = ["section__position", "pk"]

    def __str__(self):
        return str(self.section)
