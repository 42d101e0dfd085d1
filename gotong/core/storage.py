"""Where uploads live: on the local disk (the default) or in an S3-compatible bucket when
STORAGE_S3_BUCKET is set (config/settings.py, docs/decisions/0031-object-storage.md).

Two storages. `default` holds public uploads (covers, receipts of use, information sources,
photos of goods and hand-overs); their URLs stay under MEDIA_URL and the platform streams them
(`media_file` in gotong/core/views.py), so no page links to another origin. `private` holds
identity documents (KTP, selfie): it has no URL at all, and only the moderators' view in
gotong/verification reads it."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.encoding import filepath_to_uri
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage


class PublicS3Storage(S3Storage):
    """Public uploads in the bucket, linked under MEDIA_URL like files on disk: the bucket
    itself needs no public access."""

    def url(self, name: str, *args: Any, **kwargs: Any) -> str:
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))


class PrivateS3Storage(S3Storage):
    """Identity documents in the private bucket or prefix: never a URL, not even a presigned one."""

    def url(self, name: str, *args: Any, **kwargs: Any) -> str:
        raise ValueError("private files have no URL")


class PrivateFileSystemStorage(FileSystemStorage):
    """Identity documents on disk, outside MEDIA_ROOT and without URL. The folder is read from
    settings on each use."""

    @property
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no URL")


class _PrivateStorage(LazyObject):
    """`storages["private"]`, looked up again when STORAGES changes (as Django does for
    default_storage): a model field keeps the storage object it was given."""

    _wrapped: object  # a Storage, or `empty` until first used

    def _setup(self) -> None:
        self._wrapped = storages["private"]


private_storage = _PrivateStorage()


@receiver(setting_changed)
def _storages_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        private_storage._wrapped = empty
