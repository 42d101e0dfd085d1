"""The campaign page's "Pencairan dana" timeline: each paid disbursement with its report of use
and photo receipts (thumbnails served by us), public facts only, in a fixed number of queries."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from PIL import Image

from gotong.campaigns.models import CampaignStatus
from gotong.disbursements import services
from gotong.disbursements.models import Disbursement, UsageReceipt
from gotong.donations.models import Amen
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from tests.factories import CampaignFactory, DonationFactory, UserFactory, staff_with_role

pytestmark = pytest.mark.django_db

BANK = services.BankAccount(
    bank_code="002", account_number="0123456789", account_holder="RSUD Rahasia", is_hospital=True
)
REPORT = "Dana dipakai untuk biaya operasi sesuai nota rumah sakit terlampir."


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def jpeg() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (600, 800), (250, 240, 220)).save(out, format="JPEG")
    return SimpleUploadedFile("nota.jpg", out.getvalue(), content_type="image/jpeg")


def pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("nota.pdf", b"%PDF-1.4\n%nota\n", content_type="application/pdf")


@pytest.fixture
def campaign():
    campaign = CampaignFactory(category="medis", owner__email="pemilik@contoh.id")
    donation = DonationFactory(campaign=campaign, amount=5_000_000, email="donatur@contoh.id")
    donation_event_apply(donation=donation, event=DonationEvent.PAID)
    return campaign


def pay(campaign, *, amount: int, purpose: str) -> Disbursement:
    finance = staff_with_role("finance")
    d = services.disbursement_request(
        campaign=campaign, actor=campaign.owner, amount=amount, bank=BANK, purpose=purpose
    )
    services.disbursement_approve(disbursement=d, actor=finance)
    return services.disbursement_mark_paid(disbursement=d, actor=finance, transfer_reference="T1")


def report(d: Disbursement, receipts=None) -> None:
    services.usage_report_publish(
        disbursement=d, actor=d.campaign.owner, text=REPORT, receipts=receipts or [jpeg(), pdf()]
    )


def test_paid_disbursements_show_with_their_report_and_receipts(client, campaign):
    first = pay(campaign, amount=1_500_000, purpose="Biaya operasi katup jantung")
    report(first)
    pay(campaign, amount=250_000, purpose="Obat pasca operasi")
    waiting = services.disbursement_request(
        campaign=campaign, actor=campaign.owner, amount=99_000, bank=BANK, purpose="Belum dibayar"
    )
    page = client.get(campaign.get_absolute_url()).content.decode()
    timeline = page[page.index('data-testid="payouts"') : page.index('class="updates"')]
    assert timeline.index("Rp 1.500.000") < timeline.index("Rp 250.000")  # oldest first
    assert "Biaya operasi katup jantung" in timeline
    assert REPORT in timeline
    photo = UsageReceipt.objects.get(report__disbursement=first, content_type="image/jpeg")
    assert f'src="/kampanye/{campaign.slug}/bukti/{photo.pk}-kecil.jpg"' in timeline
    assert 'alt="Foto bukti 1 penggunaan dana Rp 1.500.000"' in timeline
    assert "Bukti 2 (PDF)" in timeline
    due = timezone.localdate(timezone.now() + datetime.timedelta(days=14))
    assert f"Laporan penggunaan belum diterbitkan (batas {date_format(due)})" in timeline
    assert "terlambat" not in timeline
    assert waiting.purpose not in page  # only paid disbursements


def test_the_timeline_shows_no_bank_details_emails_or_phones(client, campaign):
    report(pay(campaign, amount=1_000_000, purpose="Biaya rawat inap"))
    page = client.get(campaign.get_absolute_url()).content.decode()
    for private in ("0123456789", "RSUD Rahasia", "pemilik@contoh.id", "donatur@contoh.id"):
        assert private not in page
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", page)  # no email address at all
    assert not re.search(r"(\+62|\b08)\d{8,}", page)  # no phone number


def test_an_overdue_report_is_marked_late(client, campaign):
    d = pay(campaign, amount=1_000_000, purpose="Biaya rawat inap")
    Disbursement.objects.filter(pk=d.pk).update(
        paid_at=timezone.now() - datetime.timedelta(days=15)
    )
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert 'data-testid="overdue-report"' in page
    assert "terlambat</strong>" in page


def test_no_disbursement_yet_says_so(client, campaign):
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Belum ada dana yang dicairkan." in page


def test_receipt_thumbnails_are_small_jpegs_of_public_photo_receipts(client, campaign):
    report(pay(campaign, amount=1_000_000, purpose="Biaya rawat inap"))
    photo = UsageReceipt.objects.get(content_type="image/jpeg")
    paper = UsageReceipt.objects.get(content_type="application/pdf")
    url = f"/kampanye/{campaign.slug}/bukti/{photo.pk}-kecil.jpg"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "immutable" in response["Cache-Control"]
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as thumb:
        assert thumb.width == 240
    assert client.get(url).status_code == 200  # made once, then served from storage
    assert client.get(f"/kampanye/{campaign.slug}/bukti/{paper.pk}-kecil.jpg").status_code == 404
    other = CampaignFactory()
    assert client.get(f"/kampanye/{other.slug}/bukti/{photo.pk}-kecil.jpg").status_code == 404
    assert client.get(f"/kampanye/{campaign.slug}/bukti/999999-kecil.jpg").status_code == 404
    campaign.status = CampaignStatus.DRAFT
    campaign.save(update_fields=["status"])
    assert client.get(url).status_code == 404


def _page_queries(client, campaign) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(campaign.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_campaign_page_takes_the_same_queries_for_one_payout_or_many(client, campaign):
    """Disbursements, their reports and receipts, prayers and their Aamiin: no query per row."""
    donation = DonationFactory(campaign=campaign, message="Semoga lekas sembuh")
    donation_event_apply(donation=donation, event=DonationEvent.PAID)
    Amen.objects.create(donation=donation, browser_id="a" * 32)
    report(pay(campaign, amount=100_000, purpose="Obat 1"))
    one = _page_queries(client, campaign)
    for n in range(4):
        d = DonationFactory(campaign=campaign, message=f"Doa nomor {n}")
        donation_event_apply(donation=d, event=DonationEvent.PAID)
        Amen.objects.create(donation=d, user=UserFactory())
        report(pay(campaign, amount=100_000, purpose=f"Obat {n + 2}"), [jpeg(), jpeg(), pdf()])
    pay(campaign, amount=100_000, purpose="Belum dilaporkan")
    # 12 with the chart of donations per day, read again only when the total has moved
    assert _page_queries(client, campaign) == one <= 12
    signed_in = UserFactory()
    client.force_login(signed_in)
    assert _page_queries(client, campaign) <= one + 4  # session, user, roles, own Aamiin
