"""Demo help information through the real services: posts in every status, each with its
history (community votes from two kecamatan, a verifikator's checks, a correction, an
expiry), and a hoax clarification with its claim and verdict."""

from __future__ import annotations

import datetime

from django.utils import timezone

from gotong.accounts.models import User
from gotong.info import services, votes
from gotong.info.claims import ClaimInput, Verdict
from gotong.info.kinds import InfoKind
from gotong.info.models import InfoPost, SourceKind
from gotong.regions.models import Region
from gotong.regions.services import regions_load

TALLO, MARISO = "73.71.07", "73.71.01"
HOAX_TITLE = "Hoaks: pendaftaran bansos Rp 600 ribu lewat tautan WhatsApp"
# The demo's one hoax clarification, with its full claim (links on reserved .example names).
HOAX_CLAIM = ClaimInput(
    text=(
        "Segera daftar! Bansos tunai Rp 600.000 untuk semua warga Makassar, cukup isi nama, NIK "
        "dan nomor HP di tautan ini sebelum Jumat. Sebarkan ke grup keluarga."
    ),
    spread_on="grup WhatsApp warga, Facebook",
    archive_url="https://web.archive.org/web/20261201000000/https://bansos-daftar.example/",
    verdict=Verdict.FRAUD,
    method=(
        "Ditelepon Dinas Sosial Kota Makassar: tidak ada pendaftaran bansos lewat tautan. "
        "Domain tautan baru dibuat seminggu lalu dan meminta NIK serta kode OTP."
    ),
    references=[
        "https://cekfakta.example/bansos-600-ribu-wa",
        "https://dinsos.makassar.example/pengumuman/bansos-resmi",
    ],
)


def _voters() -> list[User]:
    """Three demo residents whose accounts are older than a week (their votes count)."""
    joined = timezone.now() - datetime.timedelta(days=60)
    voters = []
    for n in range(1, 4):
        email = f"warga{n}@gotong.local"
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email, None, display_name=f"Warga Demo {n}"
        )
        User.objects.filter(pk=user.pk).update(date_joined=joined)
        user.date_joined = joined
        voters.append(user)
    return voters


def demo_info_seed(*, author: User, verifier: User) -> int:
    """Once (a post already there by title is left); returns how many posts were created."""
    for code in (TALLO, MARISO):
        if not Region.objects.filter(code=code).exists():
            regions_load(within=code)
    today = timezone.localdate()
    seen = [services.SourceInput(kind=SourceKind.SEEN, seen_on=today)]
    plan = [
        ("Pembagian sembako di Balai RW 04", InfoKind.DISTRIBUTION, "verified"),
        ("Dapur umum Masjid Nurul Iman", InfoKind.KITCHEN, "community"),
        ("Tes usap gratis di Puskesmas Tallo", InfoKind.HEALTH, "unverified"),
        ("Pendaftaran bansos lewat pesan berantai", InfoKind.BANSOS, "false"),
        ("Posko relawan Jl. Sunu", InfoKind.POSKO, "disputed"),
        ("Lowongan relawan antar makanan lansia", InfoKind.VOLUNTEERS, "corrected"),
        (HOAX_TITLE, InfoKind.HOAX, "verified"),
    ]
    voters = _voters()
    created = 0
    for title, kind, fate in plan:
        if InfoPost.objects.filter(title=title).exists():
            continue
        post = services.info_post_create(
            author=author,
            kind=kind,
            region_code=TALLO,
            title=title,
            what=f"{title}. Info demo.",
            when_text="Sabtu, 09.00-12.00",
            where_text="Kecamatan Tallo, Kota Makassar",
            sources=seen,
            claim=HOAX_CLAIM if kind == InfoKind.HOAX else None,
        )
        if fate in ("verified", "community", "corrected"):
            for voter, kecamatan in zip(voters, (TALLO, TALLO, MARISO), strict=True):
                votes.info_vote(
                    post=post,
                    voter=voter,
                    still_true=True,
                    group_kind="kecamatan",
                    group_key=kecamatan,
                )
        if fate in ("verified", "corrected"):
            services.info_verify(
                post=post, actor=verifier, note="Ditelepon pengurus", evidence="Data demo"
            )
        if fate == "corrected":
            services.info_post_edit(
                post=post,
                actor=author,
                title=title,
                what=post.what,
                when_text="Minggu, 09.00-12.00",
                where_text=post.where_text,
            )
        if fate == "false":
            services.info_mark_false(
                post=post, actor=verifier, note="Bukan dari dinas sosial", evidence="Data demo"
            )
        if fate == "disputed":
            for voter, kecamatan in zip(voters[1:], (TALLO, MARISO), strict=True):
                votes.info_vote(
                    post=post,
                    voter=voter,
                    still_true=False,
                    group_kind="kecamatan",
                    group_key=kecamatan,
                )
        created += 1
    return created
