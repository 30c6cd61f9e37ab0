"""Uploads to /verify/ are fingerprinted as they arrive and never stored.

The public can upload a PDF to learn whether we published it. All we need is its SHA-256, so this
handler hashes each chunk and keeps only the first bytes (to tell a PDF from anything else). Nothing
reaches memory or a temporary file, and past the size limit the rest is counted but not hashed.
"""

import hashlib
from io import BytesIO

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

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

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.hash = hashlib.sha256()
        self.size = 0
        self.head = b""

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        if len(self.head) < HEAD_BYTES:
            self.head = (self.head + raw_data)[:HEAD_BYTES]
        if self.size <= self.limit:
            self.hash.update(raw_data)
        return None  # handled here: later handlers (memory, temporary file) never see the data

    def file_complete(self, file_size):
        return Fingerprint(
            name=self.file_name,
            content_type=self.content_type,
            size=self.size,
            sha256=self.hash.hexdigest(),
            head=self.head,
            too_large=self.size > self.limit,
        )
