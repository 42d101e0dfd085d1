"""Demo help information through the real services: posts in every status, each with its
history (community votes from two kecamatan, a verifikator's checks, a correction, an
expiry), a hoax clarification with its claim and verdict, one linked from the demo campaign
and its need ("info terkait"), and an open report in the verifikator's queue."""

from __future__ import annotations

import datetime

from django.utils import timezone

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.info import links, reports, services, votes
from gotong.info.claims import ClaimInput, Verdict
from gotong.info.kinds import InfoKind
from gotong.info.models import InfoLink, InfoPost, InfoReport, SourceKind
from gotong.inkind.models import Need
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
        ("Vaksinasi keliling Kelurahan Lembo", InfoKind.HEALTH, "expired"),
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
            ttl_days=1 if fate == "expired" else None,
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
        if fate == "expired":
            _expire(post)
        created += 1
    _link_and_report(author, voters[0])
    return created


def _expire(post: InfoPost) -> None:
    """The post as if published eight days ago and checked by nobody since: the scheduler's
    sweep (the real one) makes it `kedaluwarsa`."""
    now = timezone.now()
    InfoPost.objects.filter(pk=post.pk).update(
        checked_at=now - datetime.timedelta(days=8), expires_at=now - datetime.timedelta(days=7)
    )
    services.infos_expire(now=now)


def _link_and_report(author: User, reporter: User) -> None:
    """The health post linked from the author's demo campaign and need; a resident's open
    report on the disputed posko."""
    health = InfoPost.objects.filter(title="Tes usap gratis di Puskesmas Tallo").first()
    campaign = Campaign.objects.filter(slug="sehat-bersama-rw04-tallo", owner=author).first()
    need = Need.objects.filter(campaign=campaign, poster=author).first()
    if health is not None:
        if campaign is not None and not InfoLink.objects.filter(campaign=campaign).exists():
            links.info_link_add(actor=author, reference=str(health.pk), campaign=campaign)
        if need is not None and not InfoLink.objects.filter(need=need).exists():
            links.info_link_add(actor=author, reference=str(health.pk), need=need)
    posko = InfoPost.objects.filter(title="Posko relawan Jl. Sunu").first()
    if posko is not None and not InfoReport.objects.filter(post=posko).exists():
        reports.info_report_create(
            post=posko,
            reporter=reporter,
            reason="hoaks",
            text="Posko ini sudah tutup sejak minggu lalu; relawannya pindah ke Jl. Kandea.",
        )
