"""The sources of a help-information post: what a person gives (a link with the day it was
seen, a photo or document, or "saya melihat langsung" with a date), checked before anything is
stored. An uploaded photo is re-encoded, so the GPS position a phone writes into it is dropped;
a document must be a PDF; anything else, an HTML page for one, is refused and never served from
our domain."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.core.images import photo_or_pdf_process
from gotong.info.cleaning import clean_url
from gotong.info.models import InfoPost, InfoSource, SourceKind


@dataclass(frozen=True)
class SourceInput:
    kind: str
    seen_on: datetime.date
    url: str = ""
    file: File | None = None


def sources_clean(sources: list[SourceInput]) -> list[SourceInput]:
    """At least one source, at most five; a link must be http(s), a file a photo or a PDF, and
    no source may be dated in the future."""
    if not sources:
        raise ValidationError(
            {"sources": _("Sertakan setidaknya satu sumber: tautan, foto, atau yang Anda lihat.")}
        )
    today = timezone.localdate()
    cleaned = []
    for source in sources[:5]:
        if source.kind not in SourceKind.values:
            raise ValidationError({"sources": _("Jenis sumber tidak dikenal.")})
        if source.seen_on > today:
            raise ValidationError({"sources": _("Tanggal sumber tidak boleh di masa depan.")})
        if source.kind == SourceKind.URL:
            source = SourceInput(
                kind=source.kind,
                seen_on=source.seen_on,
                url=clean_url(source.url, field="sources"),
            )
        elif source.kind == SourceKind.FILE:
            source = SourceInput(
                kind=source.kind, seen_on=source.seen_on, file=_document(source.file)
            )
        cleaned.append(source)
    return cleaned


def _document(upload: File | None) -> File:
    """A photo re-encoded (its metadata, a phone's GPS position among them, dropped) or a PDF;
    anything else (a page of HTML, a program) is refused."""
    if not upload:
        raise ValidationError({"sources": _("Lampirkan foto atau dokumennya.")})
    try:
        document, _type = photo_or_pdf_process(cast(UploadedFile, upload))
    except ValidationError as exc:
        raise ValidationError({"sources": exc.messages}) from None
    return document


def sources_save(*, post: InfoPost, sources: list[SourceInput], added_by: User) -> None:
    """Store checked sources (`sources_clean`) on a post; inside the caller's transaction."""
    for source in sources:
        row = InfoSource(
            post=post, kind=source.kind, url=source.url, seen_on=source.seen_on, added_by=added_by
        )
        if source.file:
            suffix = os.path.splitext(source.file.name or "")[1]
            row.file.save(f"sumber{suffix}", source.file, save=False)
        row.save()
