"""What a help-information post says when it is passed on: its status with the date it was last
checked, its first source in a word, and its link. The WhatsApp text, the Open Graph card and the
A4 poster (`gotong/seo/`) all read the status line from here."""

from __future__ import annotations

import datetime
from urllib.parse import quote, urlencode, urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from gotong.info.models import ActorRole, ChangeOutcome, InfoPost, SourceKind
from gotong.info.transitions import InfoStatus

STATUS_EMOJI = {
    InfoStatus.VERIFIED: "✅",
    InfoStatus.COMMUNITY: "👥",
    InfoStatus.UNVERIFIED: "⏳",
    InfoStatus.DISPUTED: "⚠️",
    InfoStatus.FALSE: "❌",
    InfoStatus.EXPIRED: "⌛",
}
# Who checks a post: its history rows by these roles are checks (a verdict, the community's
# confirmation or dispute), as the author's and the verifier's confirmations move `checked_at`.
CHECKERS = (ActorRole.VERIFIER, ActorRole.COMMUNITY)


def info_url(post: InfoPost) -> str:
    return settings.PUBLIC_BASE_URL + reverse("info:detail", args=[post.pk])


def last_checked(post: InfoPost) -> datetime.datetime:
    """When someone last looked at the post: its `checked_at`, or a later verdict, confirmation
    or dispute (a post declared false keeps the `checked_at` of its last confirmation)."""
    checks = [
        change.created_at
        for change in post.history.all()
        if change.outcome == ChangeOutcome.APPLIED and change.role in CHECKERS
    ]
    return max([post.checked_at, *checks])


def checked_on(post: InfoPost) -> str:
    """The day of `last_checked` in the site's time zone: "2 Des 2026"."""
    return formats.date_format(timezone.localtime(last_checked(post)), "j M Y")


def status_label(post: InfoPost) -> str:
    """ "Terverifikasi", "Dikonfirmasi warga": the status as a heading."""
    label = str(InfoStatus(post.status).label)
    return label[:1].upper() + label[1:]


def status_line(post: InfoPost) -> str:
    """ "✅ Terverifikasi 2 Des 2026"."""
    return f"{STATUS_EMOJI[InfoStatus(post.status)]} {status_label(post)} {checked_on(post)}"


def source_text(post: InfoPost) -> str:
    """The first source in a word: a link's domain, "foto/dokumen" or "dilihat langsung"."""
    first = next(iter(post.sources.all()), None)
    if first is None:
        return ""
    if first.kind == SourceKind.URL:
        host = urlsplit(first.url).hostname or ""
        return host.removeprefix("www.")
    if first.kind == SourceKind.FILE:
        return _("foto/dokumen")
    return _("dilihat langsung")


def status_warning(post: InfoPost) -> str:
    """One sentence for the statuses a reader must not miss; empty for the others."""
    return {
        InfoStatus.FALSE: _("Info ini dinyatakan SALAH oleh verifikator: jangan diikuti."),
        InfoStatus.EXPIRED: _("Info ini sudah lewat masa berlakunya: mungkin tidak benar lagi."),
        InfoStatus.DISPUTED: _("Warga membantah info ini: menunggu pemeriksaan verifikator."),
    }.get(InfoStatus(post.status), "")


def info_where(post: InfoPost) -> str:
    """The place as written, then the region without its province."""
    return f"{post.where_text} ({post.region.path.rsplit(',', 1)[0]})"


def info_share_text(post: InfoPost) -> str:
    """The WhatsApp text: status line and source, a warning if any, the title in bold, when and
    where, the link. Nothing about the author; an institution's contact stays on the page."""
    head = status_line(post)
    source = source_text(post)
    if source:
        head += " · " + _("sumber: %(source)s") % {"source": source}
    lines = [
        head,
        status_warning(post),
        f"*{post.title}*",
        _("Kapan: %(when)s") % {"when": post.when_text},
        _("Di mana: %(where)s") % {"where": info_where(post)},
        info_url(post),
    ]
    return "\n".join(line for line in lines if line)


def info_whatsapp_url(post: InfoPost) -> str:
    return "https://wa.me/?" + urlencode({"text": info_share_text(post)}, quote_via=quote)
