"""The house's ceiling on uploaded files, enforced while the request body streams in.

`LimitedUploadHandler` is first in `FILE_UPLOAD_HANDLERS`. It counts the bytes of each file as
Django's multipart parser hands them over and stops the upload as soon as a file passes
`UPLOAD_MAX_BYTES` (by default the case documents' `DOCUMENT_MAX_BYTES`, 25 MB): nothing past
that point is buffered in memory or written to a temporary file. A body whose announced length
is already far beyond it (`UPLOAD_RESET_FACTOR` times the limit, e.g. a 2 GB upload) is cut
off without being read (`StopUpload(connection_reset=True)`); a file a little over the limit is
read to its end and thrown away chunk by chunk, so that the browser gets the page with the Dutch
message at the field instead of a broken connection.

The handler leaves `request.upload_refused = {"field": name, "limit": bytes}`; a form
(`casefile.forms`) turns it into the message next to its file field, with the other fields the
person filled in kept (the file field is the last one of the form, so they arrive first).
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload


def upload_limit() -> int:
    return int(getattr(settings, "UPLOAD_MAX_BYTES", 0) or settings.DOCUMENT_MAX_BYTES)


class LimitedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = upload_limit()
        factor = int(getattr(settings, "UPLOAD_RESET_FACTOR", 4))
        self.hopeless = content_length > self.limit * factor
        return None

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0
        if getattr(self, "hopeless", False):
            self._refuse(reset=True)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self._refuse(reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None

    def _refuse(self, *, reset: bool):
        if self.request is not None:
            self.request.upload_refused = {"field": self.field_name, "limit": self.limit}
        if reset:
            raise StopUpload(connection_reset=True)
        # Skip the rest of this file (read and dropped, never stored); other fields still come.
        raise SkipFile
