"""Notices: what the public reads, composed from the register and published as frozen versions.

A `Notice` is the working copy an IG officer edits. Its numbered `NoticeVersion`s carry the workflow
(draft → in review → published → superseded). Publishing writes one `Publication` row holding the frozen
document, HTML and PDF with their hashes; that row is never changed or deleted (refused here and, on
PostgreSQL, by a trigger), so a published version can be cited forever.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from retention.models import LegalHold, RetentionRule
from services.models import (
    Controller,
    DataCategory,
    DataSubjectGroup,
    Purpose,
    Recipient,
    Service,
    Source,
)

from .sections import CHOSEN_RELATIONS, SECTION_CHOICES

# The order of a notice's sections (notices.sections): free-text sections are placed after one of these.
SECTION_KEYS = SECTION_CHOICES


class Notice(models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", "Everyone"
        CHILDREN = "children", "Children and young people"
        PARENTS = "parents", "Parents and carers"
        PATIENTS = "patients", "Patients and service users"
        STAFF = "staff", "Staff and volunteers"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The notice's web address: /notices/<slug>/. It never changes once published.",
    )
    # The organisation whose notice it is: only its staff see or change it, and it is composed only from
    # its own register's records.
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="notices", editable=False
    )
    controller = models.ForeignKey(Controller, on_delete=models.PROTECT, related_name="notices")
    services = models.ManyToManyField(Service, blank=True, related_name="notices")
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    summary = models.TextField(
        blank=True, help_text="A few sentences read first: what we do with your information, in plain English."
    )
    # UK GDPR Art 13(2)(e) said once for the whole notice, as real notices do; a purpose's own statement (a
    # statutory duty, a contract) is the exception and is shown with that purpose.
    provision_statement = models.TextField(
        "do people have to give us their information?",
        blank=True,
        help_text="Said once for the whole notice, e.g. “You don't have to give us information, but if you don't "
        "we may not be able to help you.” Where a purpose differs (the law or a contract requires the "
        "information), say so on that purpose.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The wider notice this one sits under, e.g. the organisation-wide notice.",
    )
    # The register records chosen on the builder's pages, section by section (services go with its basics).
    RECORD_RELATIONS = CHOSEN_RELATIONS
    purposes = models.ManyToManyField(Purpose, blank=True, related_name="notices")
    data_categories = models.ManyToManyField(DataCategory, blank=True, related_name="notices")
    subject_groups = models.ManyToManyField(DataSubjectGroup, blank=True, related_name="notices")
    sources = models.ManyToManyField(Source, blank=True, related_name="notices")
    recipients = models.ManyToManyField(Recipient, blank=True, related_name="notices")
    retention_rules = models.ManyToManyField(RetentionRule, blank=True, related_name="notices")
    legal_holds = models.ManyToManyField(LegalHold, blank=True, related_name="notices")
    # The order the officer gave the purposes and recipients: relation name → record ids, first to last (records
    # not listed follow in the register's order). It is the working copy's, so each published version keeps
    # the order it was published with, in its frozen document.
    record_order = models.JSONField(default=dict, blank=True, editable=False)
    # Rights the officer offers beyond those the recorded lawful bases give: [{"key": right key, "note": why}].
    # The note is shown on the public page; the checks warn about an added right without one.
    added_rights = models.JSONField(default=list, blank=True, editable=False)
    review_by = models.DateField(
        null=True, blank=True, help_text="When the notice must next be reviewed; set to 12 months after publishing."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: a form carries the value it loaded and a save is refused if it has moved on.
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(
        m2m_fields=[
            services,
            purposes,
            data_categories,
            subject_groups,
            sources,
            recipients,
            retention_rules,
            legal_holds,
        ]
    )

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:notice", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": ValidationError("A notice cannot sit under itself.", code="self_parent")})


class NoticeSection(models.Model):
    """Free text for what the register does not structure: CCTV, call recordings, reflective practice…"""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(max_length=200)
    body = models.TextField(
        help_text="Markdown: headings, lists, links and tables. Raw HTML is not allowed and is shown as text."
    )
    placement = models.CharField(
        "show after",
        max_length=40,
        choices=SECTION_KEYS,
        default="why_we_use_it",
        help_text="The standard section this text follows.",
    )
    position = models.PositiveIntegerField(default=0, help_text="Order among sections shown in the same place.")
    # Optimistic locking, as on Notice: a save from a form loaded before someone else's save is refused.
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.heading


class NoticeVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        SUPERSEDED = "superseded", "Superseded"
        WITHDRAWN = "withdrawn", "Withdrawn"

    OPEN_STATUSES = (Status.DRAFT, Status.IN_REVIEW)
    PUBLISHED_STATUSES = (Status.PUBLISHED, Status.SUPERSEDED, Status.WITHDRAWN)

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    change_summary = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The document as submitted: the DPO reviews exactly this, and publishing freezes exactly this.
    submitted_document = models.JSONField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)
    # Set when a DPO publishes despite blocking compliance findings: the written reason is kept with the version.
    override_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["notice", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "number"], name="version_number_unique_per_notice"),
            # At most one version being worked on at a time, so edits always have one obvious home.
            models.UniqueConstraint(
                fields=["notice"], condition=Q(status__in=["draft", "in_review"]), name="one_open_version_per_notice"
            ),
        ]

    def __str__(self):
        return f"{self.notice} v{self.number} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("public:version", kwargs={"slug": self.notice.slug, "number": self.number})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Publication(models.Model):
    """The frozen, public form of a published version. Written once, at publish; never changed."""

    version = models.OneToOneField(
        NoticeVersion, on_delete=models.PROTECT, primary_key=True, related_name="publication"
    )
    document = models.JSONField()
    html = models.TextField()
    html_sha256 = models.CharField(max_length=64)
    effective_from = models.DateField(help_text="The day this version comes into force.")
    published_at = models.DateTimeField()
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approver_name = models.CharField(max_length=200)
    change_summary = models.TextField(blank=True)
    # The PDF is rendered once, at publish, and served as stored bytes ever after.
    pdf = models.FileField(upload_to="notices/pdf/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    pdf_size = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-effective_from", "-published_at"]
        indexes = [models.Index(fields=["effective_from"])]

    def __str__(self):
        return f"{self.version} from {self.effective_from}"

    def save(self, *args, **kwargs):
        # Immutability is a rule of the domain, so it is enforced where every write passes.
        if not self._state.adding:
            raise ValidationError("A published version cannot be changed.", code="published_immutable")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A published version cannot be deleted.", code="published_immutable")


class Withdrawal(models.Model):
    """A DPO took a published notice down. The notice's public page then says so, and when."""

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="withdrawals")
    version = models.ForeignKey(NoticeVersion, on_delete=models.PROTECT, related_name="withdrawals")
    withdrawn_at = models.DateTimeField()
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()

    class Meta:
        ordering = ["-withdrawn_at"]

    def __str__(self):
        return f"{self.notice} withdrawn {self.withdrawn_at:%Y-%m-%d}"


class WorkflowEvent(models.Model):
    """Append-only audit of every transition: who, when, from which status to which, and why."""

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="events")
    version = models.ForeignKey(NoticeVersion, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.action}: {self.version} by {self.actor} at {self.at:%Y-%m-%d %H:%M}"


class StaleReference(models.Model):
    """A reference older notices often still make that is no longer right: an abolished body, a repealed
    Act, an invalidated transfer scheme. The compliance checks look for each active one in every text a
    notice shows. Kept in the database so the DPO can add one the day the law moves, with history."""

    class Severity(models.TextChoices):
        WARNING = "warning", "Warning"
        BLOCKER = "blocker", "Blocker: stops publishing"
        BLOCKER_AS_SAFEGUARD = (
            "blocker_as_safeguard",
            "Blocker where it is given as a transfer safeguard, a warning elsewhere",
        )

    name = models.CharField(max_length=120, unique=True, help_text="e.g. EU-US Privacy Shield.")
    pattern = models.CharField(
        max_length=500,
        help_text="What to look for, ignoring case. A phrase, or a Python regular expression when "
        "'regular expression' is ticked (e.g. a negative lookbehind so that “UK GDPR” is not taken for “GDPR”).",
    )
    is_regex = models.BooleanField("regular expression", default=True)
    problem = models.TextField("what is wrong", help_text="Shown with each finding, e.g. “invalidated by the CJEU”.")
    since = models.DateField(null=True, blank=True, help_text="Since when it has been wrong; blank if not known.")
    replacement = models.TextField("what to say instead")
    severity = models.CharField(max_length=30, choices=Severity.choices, default=Severity.WARNING)
    example = models.CharField(
        max_length=300, help_text="A sentence the pattern must find. Checked when saved, and by the tests."
    )
    counter_example = models.CharField(
        max_length=300, blank=True, help_text="A sentence the pattern must NOT find, e.g. “the UK GDPR”."
    )
    source = models.TextField(blank=True, help_text="Where the fact comes from and whether it was verified.")
    active = models.BooleanField(default=True, help_text="Only active references are checked.")
    # Optimistic locking, as for register records: DPOs edit the list in the workspace.
    lock_version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def regex(self) -> re.Pattern:
        if self.is_regex:
            return re.compile(self.pattern, re.IGNORECASE)
        # A plain phrase matches across any run of spaces or line breaks, as text is wrapped.
        words = [re.escape(word) for word in self.pattern.split()]
        return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)

    def clean(self):
        try:
            regex = self.regex
        except re.error as error:
            raise ValidationError(
                {"pattern": ValidationError(f"This is not a valid regular expression: {error}.", code="bad_regex")}
            ) from error
        if not regex.search(self.example):
            raise ValidationError(
                {"example": ValidationError("The pattern does not find anything in this example.", code="no_match")}
            )
        if self.counter_example and regex.search(self.counter_example):
            raise ValidationError(
                {
                    "counter_example": ValidationError(
                        "The pattern finds something in this text, which it must not.", code="counter_match"
                    )
                }
            )


class PublicListing(models.Model):
    """What lists, search and page headings show of a published version, copied from its frozen document
    when it is published. Public pages read these few columns instead of the notice's working copy (which
    holds unreviewed text) or the whole stored document (which is large)."""

    publication = models.OneToOneField(
        Publication, on_delete=models.PROTECT, primary_key=True, related_name="listing"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    controller_pk = models.BigIntegerField(help_text="The controller's id as the document states it.")
    controller_name = models.CharField(max_length=200)
    services = models.JSONField(default=list, help_text="The services' names, as the document lists them.")
    parent_slug = models.SlugField(max_length=80, blank=True)
    parent_title = models.CharField(max_length=200, blank=True)

    def __str__(self):
        return self.title

    def matches(self, query: str) -> bool:
        """Public search: the words typed appear in the title, summary, organisation or a service."""
        haystack = "\n".join([self.title, self.summary, self.controller_name, *self.services]).casefold()
        return query.casefold() in haystack


class PublicChange(models.Model):
    """Append-only: one row each time what the public can see changes (a publication, a withdrawal).
    The latest id is the public "generation" that stored public pages are keyed by (notices/frozen.py),
    so every process and machine knows at once that a page must be made again."""

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="public_changes")
    action = models.CharField(max_length=30)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.action}: {self.notice} at {self.at:%Y-%m-%d %H:%M}"


class PublicPage(models.Model):
    """A public response rendered once and served as these bytes until something it depends on changes.

    `revision` fingerprints the code and templates that made it; `generation` is the PublicChange it was
    made after (0 for a page that can never change, such as a numbered version); `valid_until` is the day
    a scheduled version comes into force and may change it. A lookup names all three, so a stale page is
    never found, whichever process made it."""

    path = models.CharField(max_length=300)
    revision = models.CharField(max_length=16)
    generation = models.PositiveBigIntegerField()
    valid_until = models.DateField(null=True, blank=True)
    status = models.PositiveSmallIntegerField(default=200)
    content_type = models.CharField(max_length=100)
    body = models.BinaryField()
    etag = models.CharField(max_length=70)
    last_modified = models.DateTimeField()
    # Extra headers a page needs (e.g. the JSON download's file name); never anything about a visitor.
    headers = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            # Concurrent first requests for a page make identical bytes; only one row is kept.
            models.UniqueConstraint(fields=["path", "revision", "generation"], name="public_page_unique_key"),
        ]

    def __str__(self):
        return self.path


class OutOfDate(models.Model):
    """A published notice that uses a register record changed after its latest publication: its public
    version no longer says what the register does. Kept by notices.out_of_date whenever a record, the notice's
    choices or its publications change, so the dashboard and record pages read these rows instead of comparing
    every notice's records on every request. Not history: a row comes and goes with the state it records."""

    notice = models.OneToOneField(Notice, on_delete=models.CASCADE, primary_key=True, related_name="out_of_date")
    found_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "out-of-date notices"

    def __str__(self):
        return f"{self.notice} is out of date"


class PublishJob(models.Model):
    """A DPO's publish request, carried out by a background task (notices.tasks.publish_version).

    The version stays in review while the job waits and while its PDF is rendered; only the task's last
    step, in one transaction with the Publication row, makes it public. A job that fails keeps the reason
    the DPO is shown; the version is then still in review and can be published again."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RENDERING = "rendering", "Making the PDF"
        DONE = "done", "Published"
        FAILED = "failed", "Not published"

    ACTIVE = (Status.QUEUED, Status.RENDERING)

    version = models.ForeignKey(NoticeVersion, on_delete=models.PROTECT, related_name="publish_jobs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    # What the DPO asked for, handed to version_publish when the task runs. No date means "today", the day
    # the version is published.
    effective_from = models.DateField(null=True, blank=True)
    override_reason = models.TextField(blank=True)
    historical = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    reason = models.TextField(blank=True, help_text="Why it was not published, as the DPO is told.")
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            # Two publish clicks (two tabs, two DPOs) make one job: the database refuses a second active one.
            models.UniqueConstraint(
                fields=["version"], condition=Q(status__in=["queued", "rendering"]), name="one_active_publish_job"
            ),
        ]

    def __str__(self):
        return f"Publishing {self.version}: {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class ExportJob(models.Model):
    """A DPO's archive of published notices (notices.export), written to storage by a background task and
    downloaded from its progress page. It only ever holds the notices of `organisations`."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        WRITING = "writing", "Writing the archive"
        DONE = "done", "Ready to download"
        FAILED = "failed", "Failed"

    ACTIVE = (Status.QUEUED, Status.WRITING)

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    # The DPO's organisations when they asked: whoever downloads it must be a DPO of every one of them.
    organisations = models.ManyToManyField("accounts.Organisation", related_name="+")
    # The form's choice as ids and an ISO date (JSON), read back by notices.tasks.export_notices.
    selection = models.JSONField(default=dict)
    description = models.TextField(help_text="The selection in words, as manifest.json records it.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/", blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    missing = models.PositiveIntegerField(default=0, help_text="Stored PDFs left out as missing or altered.")
    reason = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self):
        return f"Export {self.pk}: {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE
