"""Uploads to /verify/ are fingerprinted as they arrive and never stored.

The public can upload a PDF to learn whether we published it. All we need is its SHA-256, so this
handler hashes each chunk and keeps only the first bytes (to tell a PDF from anything else). Nothing
reaches memory or a temporary file, and the first chunk past the size limit stops the upload: the rest of
the body is never read, so a 100 MB upload costs us the limit plus one chunk, not 100 MB.
"""

import hashlib
from io import BytesIO

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

HEAD_BYTES = 8


class Fingerprint(UploadedFile):
    """What is left of an upload: its name, size, SHA-256 and first bytes. The content is not kept."""

    def __init__(self, *, name: str, content_type: str, size: int, sha256: str, head: bytes, too_large: bool):
        super().__init__(file=BytesIO(), name=name, content_type=content_type, size=size)
        self.sha256 = sha256
        self.head = head
        self.too_large = too_large


class FingerprintUploadHandler(FileUploadHandler):
    def __init__(self, request=None, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.refused: Fingerprint | None = None

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.hash = hashlib.sha256()
        self.size = 0
        self.head = b""

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        if len(self.head) < HEAD_BYTES:
            self.head = (self.head + raw_data)[:HEAD_BYTES]
        if self.size > self.limit:
            # Stop reading the body here (connection_reset: Django does not drain the rest). The parser then
            # drops the file, so it is kept as `refused` for the view to report.
            self.refused = self._fingerprint()
            raise StopUpload(connection_reset=True)
        self.hash.update(raw_data)
        return None  # handled here: later handlers (memory, temporary file) never see the data

    def file_complete(self, file_size):
        return self._fingerprint()

    def files(self, parsed):
        """The request's files as the form should see them: the refused upload in its field if there was one."""
        return {**parsed.dict(), self.refused.field_name: self.refused} if self.refused else parsed

    def _fingerprint(self) -> Fingerprint:
        upload = Fingerprint(
            name=self.file_name,
            content_type=self.content_type,
            size=self.size,
            sha256=self.hash.hexdigest(),
            head=self.head,
            too_large=self.size > self.limit,
        )
        upload.field_name = self.field_name
        return upload
