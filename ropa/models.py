"""An uploaded register workbook waiting for its IG officer to confirm it."""

import uuid

from django.conf import settings
from django.db import models


class RegisterImport(models.Model):
    """A parsed upload, its preview and the register state the preview was made against. Kept on the server so
    the preview survives a reload and the confirm applies exactly the rows that were previewed; tied to the
    person and organisation it was uploaded for (ropa.selectors.import_for_user)."""

    # Not a counter: the address of someone's pending import should not be guessable from anyone else's.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256 of the file", max_length=64)
    # {sheet title: [[row number, {header: cell text}], …]}, every value already text.
    rows = models.JSONField()
    # What the dry run found: ropa.actions.ImportResult.as_dict() (outcomes per record type, errors).
    preview = models.JSONField()
    register_state = models.CharField(max_length=64, help_text="ropa.selectors.register_state when previewed.")
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} for {self.organisation}"

    @property
    def has_errors(self) -> bool:
        return bool(self.preview.get("errors"))
