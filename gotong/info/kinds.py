"""The kinds of help information and how long each stays fresh: a time-to-live in days, the
default and the bounds a post may choose within (a distribution schedule lasts until its date,
which the author sets as the post's own end, within the bounds)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class InfoKind(models.TextChoices):
    HEALTH = "faskes", _("Layanan kesehatan / faskes")
    POSKO = "posko", _("Posko bantuan")
    KITCHEN = "dapur_umum", _("Dapur umum")
    DISTRIBUTION = "distribusi_sembako", _("Jadwal distribusi sembako")
    VOLUNTEERS = "lowongan_relawan", _("Lowongan relawan")
    INFORMAL = "pekerja_informal", _("Layanan untuk pekerja informal")
    BANSOS = "bansos", _("Bansos / pendaftaran")
    HOAX = "klarifikasi_hoaks", _("Klarifikasi hoaks")
    OTHER = "lainnya", _("Lainnya")


@dataclass(frozen=True)
class Freshness:
    default_days: int
    min_days: int
    max_days: int


FRESHNESS: dict[str, Freshness] = {
    InfoKind.HEALTH: Freshness(7, 1, 30),  # opening hours change
    InfoKind.POSKO: Freshness(7, 1, 30),
    InfoKind.KITCHEN: Freshness(7, 1, 30),
    InfoKind.DISTRIBUTION: Freshness(7, 1, 30),  # until its date: the author shortens it
    InfoKind.VOLUNTEERS: Freshness(30, 1, 60),
    InfoKind.INFORMAL: Freshness(14, 1, 60),
    InfoKind.BANSOS: Freshness(14, 1, 60),
    InfoKind.HOAX: Freshness(365, 30, 730),  # a clarification stays true for long
    InfoKind.OTHER: Freshness(7, 1, 30),
}
