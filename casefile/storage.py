"""The private storage of case documents: a folder outside any public URL.

No base URL: a stored file has no URL at all; the only way out is the scoped download view
(`casefile.views.DocumentDownloadView`), which checks the door and writes the access log.
The folder is `DOCUMENTS_ROOT` (default `<MEDIA_ROOT>/documenten`, so `make backup` takes it
along with the other media files; nothing serves MEDIA_ROOT over HTTP), read at each use so
tests and deployments can move it. Files are readable by their owner only.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None, file_permissions_mode=0o600)

    @property
    def base_location(self):
        return str(settings.DOCUMENTS_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Case documents have no public URL; use the download view.")

    def deconstruct(self):
        return ("casefile.storage.PrivateStorage", (), {})


def private_storage() -> PrivateStorage:
    return PrivateStorage()
