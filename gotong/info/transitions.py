"""The one state machine of an info post. Every service that moves a post consults it; a move
it refuses changes nothing and is recorded (`InfoStatusChange` with outcome refused).

    belum_diverifikasi ──confirmed_by_community──▶ dikonfirmasi_warga ──verify──▶ terverifikasi
        ▲                                                  │                          │
        └──────────── correct (an edit of what/when/where) ┴──────────────────────────┘
    any live status ──dispute──▶ diperselisihkan ──verify / mark_false / correct──▶ …
    any live status ──mark_false──▶ salah        any live status ──expire──▶ kedaluwarsa
    kedaluwarsa ──renew (the author: "masih berlaku")──▶ belum_diverifikasi

`terverifikasi` and `salah` are set by the verifikator role only, with a note and evidence.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gotong.core.statemachine import Decision, table_decide


class InfoStatus(models.TextChoices):
    UNVERIFIED = "belum_diverifikasi", _("belum diverifikasi")
    COMMUNITY = "dikonfirmasi_warga", _("dikonfirmasi warga")
    VERIFIED = "terverifikasi", _("terverifikasi")
    DISPUTED = "diperselisihkan", _("diperselisihkan")
    FALSE = "salah", _("salah")
    EXPIRED = "kedaluwarsa", _("kedaluwarsa")


class InfoEvent(models.TextChoices):
    PUBLISH = "publish", _("diterbitkan")
    COMMUNITY = "confirmed_by_community", _("dikonfirmasi warga dari beberapa kelompok")
    VERIFY = "verify", _("diverifikasi verifikator")
    DISPUTE = "dispute", _("dibantah warga dari beberapa kelompok")
    MARK_FALSE = "mark_false", _("dinyatakan salah oleh verifikator")
    CORRECT = "correct", _("dikoreksi, kembali ditinjau")
    EXPIRE = "expire", _("kedaluwarsa")
    RENEW = "renew", _("dinyatakan masih berlaku oleh penulis")


S, E = InfoStatus, InfoEvent
LIVE = (S.UNVERIFIED, S.COMMUNITY, S.VERIFIED, S.DISPUTED)
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.UNVERIFIED, E.COMMUNITY): S.COMMUNITY,
    (S.UNVERIFIED, E.VERIFY): S.VERIFIED,
    (S.COMMUNITY, E.VERIFY): S.VERIFIED,
    (S.DISPUTED, E.VERIFY): S.VERIFIED,
    (S.COMMUNITY, E.CORRECT): S.UNVERIFIED,
    (S.VERIFIED, E.CORRECT): S.UNVERIFIED,
    (S.DISPUTED, E.CORRECT): S.UNVERIFIED,
    (S.EXPIRED, E.RENEW): S.UNVERIFIED,
    **{(status, E.DISPUTE): S.DISPUTED for status in LIVE if status != S.DISPUTED},
    **{(status, E.MARK_FALSE): S.FALSE for status in LIVE},
    **{(status, E.EXPIRE): S.EXPIRED for status in LIVE},
}
# Shown in default lists; `salah` and `kedaluwarsa` stay reachable by link with a banner.
LISTED = frozenset(LIVE)


def info_decide(*, status: str, event: str) -> Decision:
    return table_decide(TRANSITIONS, noun="post", status=status, event=event)
