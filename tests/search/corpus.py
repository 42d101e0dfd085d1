"""The search test corpus: the fourteen demo campaigns plus eight of our own, written so that
the words a donor types differ from the words a story uses (berobat/pengobatan,
kebanjiran/banjir) or appear in several campaigns at once (operasi jantung, kursi roda)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from gotong.accounts.models import User
from gotong.accounts.roles import Role
from gotong.campaigns import services as campaign_services
from gotong.campaigns.models import Campaign
from gotong.demo.data import CAMPAIGNS
from tests.factories import staff_with_role


@dataclass(frozen=True)
class Extra:
    key: str
    title: str
    category: str
    beneficiary: str
    location: str
    story: str


EXTRAS = (
    Extra(
        key="ratna-berobat-kanker",
        title="Bu Ratna Harus Berobat Rutin ke Rumah Sakit Kanker",
        category="medis",
        beneficiary="Ratna Sari (38 tahun), ibu dua anak",
        location="Medan, Sumatera Utara",
        story=(
            "Bu Ratna adalah penderita kanker payudara stadium dua. Setiap tiga minggu ia "
            "berobat ke rumah sakit rujukan di Medan dan menjalani kemoterapi. Suaminya buruh "
            "kebun sawit, dan ongkos perjalanan serta menginap tidak ditanggung BPJS."
        ),
    ),
    Extra(
        key="cieunteung-bangkit",
        title="Bantu Warga Cieunteung Bangkit Lagi",
        category="bencana-alam",
        beneficiary="Warga Kampung Cieunteung",
        location="Kabupaten Bandung, Jawa Barat",
        story=(
            "Setiap musim hujan Kampung Cieunteung kebanjiran. Bulan ini air setinggi pinggang "
            "masuk ke rumah selama seminggu. Kasur, lemari, dan buku sekolah anak-anak rusak. "
            "Kami mengumpulkan dana untuk perabot, kasur, dan perlengkapan sekolah."
        ),
    ),
    Extra(
        key="pemulihan-pak-darto",
        title="Biaya Hidup Keluarga Pak Darto Selama Masa Pemulihan",
        category="medis",
        beneficiary="Darto Wiyono dan keluarga",
        location="Sleman, DI Yogyakarta",
        story=(
            "Pak Darto baru saja menjalani operasi jantung. Setelah operasi jantung itu ia belum "
            "boleh bekerja selama tiga bulan. Dokter jantung memintanya kontrol setiap pekan. "
            "Dana ini untuk kebutuhan keluarga selama masa pemulihan operasi jantung tersebut."
        ),
    ),
    Extra(
        key="beasiswa-yatim-padang",
        title="Beasiswa untuk 30 Anak Yatim di Padang",
        category="pendidikan",
        beneficiary="30 anak yatim binaan Rumah Belajar Harapan",
        location="Padang, Sumatera Barat",
        story=(
            "Tiga puluh anak yatim di Padang ingin tetap bersekolah. Rumah Belajar Harapan "
            "mendidik mereka setiap sore. Beasiswa ini membayar seragam, buku, dan ongkos "
            "sekolah selama satu tahun ajaran."
        ),
    ),
    Extra(
        key="sumur-bor-gunungkidul",
        title="Sumur Bor untuk Warga Gunungkidul yang Kekeringan",
        category="lingkungan",
        beneficiary="120 keluarga Dusun Ngeposari",
        location="Gunungkidul, DI Yogyakarta",
        story=(
            "Setiap kemarau panjang, dusun ini kekeringan. Warga membeli air bersih dari truk "
            "tangki dengan harga mahal. Sumur bor sedalam 120 meter dan tandon bersama akan "
            "mencukupi kebutuhan air bersih seluruh dusun."
        ),
    ),
    Extra(
        key="kursi-roda-kupang",
        title="Kursi Roda untuk 25 Penyandang Disabilitas di Kupang",
        category="kemanusiaan",
        beneficiary="25 penyandang disabilitas fisik",
        location="Kupang, Nusa Tenggara Timur",
        story=(
            "Dua puluh lima warga penyandang disabilitas di Kupang belum punya alat bantu "
            "berjalan. Dengan kursi roda mereka bisa pergi ke pasar, ke gereja, dan bekerja."
        ),
    ),
    Extra(
        key="katarak-lansia-nelayan",
        title="Operasi Katarak Gratis untuk Lansia Nelayan",
        category="medis",
        beneficiary="60 lansia nelayan",
        location="Kabupaten Cirebon, Jawa Barat",
        story=(
            "Banyak lansia nelayan di pesisir Cirebon tidak lagi bisa melihat jelas. Dokter mata "
            "relawan siap mengobati mata mereka dalam bakti sosial akhir bulan ini, asalkan "
            "biaya lensa tanam tersedia."
        ),
    ),
    Extra(
        key="ambulans-desa-flores",
        title="Ambulans Desa untuk Warga Pelosok Flores",
        category="kemanusiaan",
        beneficiary="Warga Desa Wolotopo dan sekitarnya",
        location="Ende, Nusa Tenggara Timur",
        story=(
            "Puskesmas terdekat berjarak dua jam perjalanan. Ibu hamil dan warga yang sakit "
            "sering dibawa dengan sepeda motor. Desa ingin membeli satu ambulans bekas yang "
            "layak jalan dan membiayai bahan bakarnya selama setahun."
        ),
    ),
)


def corpus_create() -> dict[str, Campaign]:
    """Every demo campaign and every extra, created, submitted and published through the
    campaign services (which keep the search index in step), without covers or donations."""
    owner = User.objects.create_user("penggalang-cari@contoh.id", "sandi-rahasia-123")
    staff = staff_with_role(Role.MODERATOR, email="staf-cari@contoh.id")
    today = timezone.localdate()
    rows = [
        (d.key, d.title, d.summary, d.category, d.beneficiary, d.location, d.story, d.days_left)
        for d in CAMPAIGNS
    ] + [(e.key, e.title, "", e.category, e.beneficiary, e.location, e.story, 30) for e in EXTRAS]
    made = {}
    for key, title, summary, category, beneficiary, location, story, days in rows:
        campaign = campaign_services.campaign_create(
            owner=owner,
            details=campaign_services.CampaignDetails(
                title=title,
                summary=summary,
                story=story,
                target=50_000_000,
                deadline=today + datetime.timedelta(days=days),
                category=category,
                beneficiary=beneficiary,
                location=location,
            ),
            slug=key,
        )
        campaign_services.campaign_submit(campaign=campaign, actor=owner)
        made[key] = campaign_services.campaign_publish(campaign=campaign, actor=staff)
    return made
