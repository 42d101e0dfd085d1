"""What a moderator sees to decide on a campaign (/staf/tinjauan/…) and on a campaigner's
identity (/staf/verifikasi/…): everything needed, to moderators only."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from gotong.campaigns import services
from gotong.campaigns.models import CampaignStatus
from gotong.verification.services import verification_submit
from tests.campaigns.test_lifecycle import jpeg
from tests.factories import CampaignFactory, UserFactory, staff_with_role

pytestmark = pytest.mark.django_db

PHONE = "081234567890"


def in_review(owner, *, cover=True, **details):
    fields = {
        "title": "Perbaiki atap Madrasah Nurul Huda",
        "summary": "Atap tiga kelas roboh; 120 santri belajar di teras.",
        "story": "Angin merobohkan atap tiga kelas. **120 santri** belajar di teras masjid.",
        "target": 45_000_000,
        "deadline": timezone.localdate() + datetime.timedelta(days=40),
        "category": "pendidikan",
        "beneficiary": "Santri Madrasah Nurul Huda",
        "location": "Kelurahan Tallo, Makassar",
        "region_code": "73.71.07",
        "cover": jpeg() if cover else None,
    } | details
    campaign = services.campaign_create(owner=owner, details=services.CampaignDetails(**fields))
    return services.campaign_submit(campaign=campaign, actor=owner)


def kyc_of(user):
    return verification_submit(
        user=user, ktp_photo=jpeg(800, 500), selfie_photo=jpeg(600, 800), phone=PHONE
    )


def test_the_review_page_shows_what_a_reviewer_needs(client, tallo, moderator):
    owner = UserFactory(display_name="Komunitas Peduli Santri")
    CampaignFactory(owner=owner)  # published before
    CampaignFactory(owner=owner, status=CampaignStatus.CLOSED)
    kyc = kyc_of(owner)
    campaign = in_review(owner)
    client.force_login(moderator)
    html = client.get(f"/staf/tinjauan/{campaign.slug}/").content.decode()

    assert re.search(rf'<img class="cover" src="/kampanye/{campaign.slug}/sampul-480\.jpg', html)
    assert f'alt="Foto sampul: {campaign.title}"' in html
    assert "Atap tiga kelas roboh; 120 santri belajar di teras." in html
    assert "<strong>120 santri</strong>" in html
    facts = re.search(r'data-testid="review-facts">(.*?)</dl>', html, re.S).group(1)
    for text in [
        "Pendidikan",
        "Santri Madrasah Nurul Huda",
        "Rp 45.000.000",
        "40 hari lagi",
        "Tallo, Kota Makassar, Sulawesi Selatan",
        "Kelurahan Tallo, Makassar",
    ]:
        assert text in facts, text
    owner_facts = re.search(r'data-testid="review-owner">(.*?)</dl>', html, re.S).group(1)
    assert "Komunitas Peduli Santri" in owner_facts
    assert "Menunggu pemeriksaan" in owner_facts
    assert f'href="/staf/verifikasi/{kyc.pk}/"' in owner_facts
    assert "Terbit: 1 · Ditutup: 1" in owner_facts
    assert PHONE not in html  # the KYC page has it; the campaign review does not


def test_a_campaign_without_cover_summary_region_or_kyc_says_so(client, moderator):
    owner = UserFactory()
    campaign = in_review(owner, cover=False, summary="", region_code="", location="")
    client.force_login(moderator)
    html = client.get(f"/staf/tinjauan/{campaign.slug}/").content.decode()
    assert 'data-testid="no-cover"' in html
    assert "Tanpa ringkasan" in html
    assert "Belum mengirim dokumen" in html
    assert 'data-testid="kyc-link"' not in html
    assert "ini kampanye pertamanya" in html


def test_the_queue_shows_each_campaign_with_its_campaigner(client, tallo, moderator):
    verified, newcomer = UserFactory(display_name="Ibu Ani"), UserFactory(display_name="Pak Budi")
    CampaignFactory(owner=verified)
    kyc_of(verified)
    first = in_review(verified)
    second = in_review(newcomer, cover=False, title="Dapur umum korban banjir Sidrap")
    client.force_login(moderator)
    html = client.get("/staf/tinjauan/").content.decode()
    rows = re.findall(r'<article class="dash-row review-row".*?</article>', html, re.S)
    assert len(rows) == 2
    assert first.title in rows[0]
    assert second.title in rows[1]
    assert "sampul-480.jpg" in rows[0]
    assert "Atap tiga kelas roboh" in rows[0]
    assert "Tallo, Kota Makassar, Sulawesi Selatan" in rows[0]
    assert "Ibu Ani" in rows[0]
    assert "Menunggu pemeriksaan" in rows[0]
    assert "1 kampanye lain" in rows[0]
    assert "Pak Budi" in rows[1]
    assert "Belum mengirim dokumen" in rows[1]
    assert "0 kampanye lain" in rows[1]
    assert "Rp 45.000.000" in rows[1]


@pytest.mark.parametrize("who", ["owner", "other", "staff", "finance"])
def test_only_moderators_see_the_review_pages(client, tallo, who):
    owner = UserFactory()
    kyc = kyc_of(owner)
    campaign = in_review(owner)
    viewer = {
        "owner": owner,
        "other": UserFactory(),
        "staff": UserFactory(is_staff=True),
        "finance": staff_with_role("finance"),
    }[who]
    client.force_login(viewer)
    for url in (
        "/staf/tinjauan/",
        f"/staf/tinjauan/{campaign.slug}/",
        f"/staf/verifikasi/{kyc.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert PHONE not in response.content.decode()


def test_the_kyc_page_labels_each_photo(client, tallo, moderator):
    owner = UserFactory(display_name="Ibu Ani")
    kyc = kyc_of(owner)
    campaign = in_review(owner)
    client.force_login(moderator)
    html = client.get(f"/staf/verifikasi/{kyc.pk}/").content.decode()
    ktp = re.search(r'data-testid="kyc-ktp">(.*?)</figure>', html, re.S).group(1)
    selfie = re.search(r'data-testid="kyc-selfie">(.*?)</figure>', html, re.S).group(1)
    assert f'src="/staf/verifikasi/{kyc.pk}/ktp"' in ktp
    assert 'alt="Foto KTP yang dikirim Ibu Ani"' in ktp
    assert "<figcaption>Foto KTP</figcaption>" in ktp
    assert f'src="/staf/verifikasi/{kyc.pk}/selfie"' in selfie
    assert 'alt="Swafoto Ibu Ani sambil memegang KTP"' in selfie
    assert "<figcaption>Swafoto dengan KTP</figcaption>" in selfie
    assert PHONE in html
    assert f'href="/staf/tinjauan/{campaign.slug}/"' in html  # their campaign waiting for review
