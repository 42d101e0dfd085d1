"""Reports of use: published with receipts after a payout; overdue ones are flagged publicly and
block further disbursements."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gotong.disbursements import services
from gotong.disbursements.models import Disbursement
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from tests.factories import CampaignFactory, DonationFactory, UserFactory, staff_with_role

pytestmark = pytest.mark.django_db


def finance(**kwargs):
    return staff_with_role("finance", **kwargs)


BANK = services.BankAccount(
    bank_code="002", account_number="0123456789", account_holder="RSUD", is_hospital=True
)
TEXT = "Dana dipakai untuk biaya operasi sesuai nota rumah sakit terlampir."


def jpeg():
    out = io.BytesIO()
    Image.new("RGB", (600, 800), (250, 250, 250)).save(out, format="JPEG")
    return SimpleUploadedFile("nota.jpg", out.getvalue(), content_type="image/jpeg")


def pdf():
    return SimpleUploadedFile("nota.pdf", b"%PDF-1.4\n%nota\n", content_type="application/pdf")


@pytest.fixture
def paid():
    campaign = CampaignFactory(category="medis")
    donation_event_apply(
        donation=DonationFactory(campaign=campaign, amount=2_000_000),
        event=DonationEvent.PAID,
    )
    d = services.disbursement_request(
        campaign=campaign, actor=campaign.owner, amount=500_000, bank=BANK, purpose="Operasi"
    )
    services.disbursement_approve(disbursement=d, actor=finance())
    return services.disbursement_mark_paid(disbursement=d, actor=finance(), transfer_reference="T1")


def make_overdue(d: Disbursement) -> None:
    """Fifteen days pass. (Time changes no row, so the anonymous page cache shows the flag
    only when its entry expires, PAGE_CACHE_SECONDS later: let it expire now.)"""
    Disbursement.objects.filter(pk=d.pk).update(
        paid_at=timezone.now() - datetime.timedelta(days=15)
    )
    cache.clear()


def test_overdue_report_is_flagged_and_blocks_the_next_request(client, paid):
    campaign = paid.campaign
    assert (
        'data-testid="overdue-report"'
        not in client.get(campaign.get_absolute_url()).content.decode()
    )
    make_overdue(paid)
    assert (
        'data-testid="overdue-report"' in client.get(campaign.get_absolute_url()).content.decode()
    )
    with pytest.raises(ValidationError, match="terlambat"):
        services.disbursement_request(
            campaign=campaign, actor=campaign.owner, amount=1_000, bank=BANK, purpose="Obat"
        )
    services.usage_report_publish(
        disbursement=paid, actor=campaign.owner, text=TEXT, receipts=[jpeg(), pdf()]
    )
    assert (
        'data-testid="overdue-report"'
        not in client.get(campaign.get_absolute_url()).content.decode()
    )
    services.disbursement_request(
        campaign=campaign, actor=campaign.owner, amount=1_000, bank=BANK, purpose="Obat"
    )


def test_report_appears_on_the_public_ledger_with_receipts(client, paid):
    client.force_login(paid.campaign.owner)
    response = client.post(
        f"/galang-dana/{paid.campaign.slug}/pencairan/{paid.pk}/laporan/",
        {"text": TEXT, "receipts": [jpeg(), pdf()]},
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(f"/kampanye/{paid.campaign.slug}/buku-besar/").content.decode()
    assert "biaya operasi sesuai nota" in page
    assert "PDF 2" in page
    assert "Foto bukti 1" in page


@pytest.mark.parametrize(
    ("text", "receipts", "field"),
    [
        ("pendek", "jpeg", "text"),
        (TEXT, None, "receipts"),
        (TEXT, "junk", "receipts"),
    ],
)
def test_bad_reports_are_refused(paid, text, receipts, field):
    files = {"jpeg": [jpeg()], "junk": [SimpleUploadedFile("x.jpg", b"bukan")], None: []}[receipts]
    with pytest.raises(ValidationError) as info:
        services.usage_report_publish(
            disbursement=paid, actor=paid.campaign.owner, text=text, receipts=files
        )
    assert field in info.value.message_dict


def test_only_the_owner_reports_and_only_once(client, paid):
    with pytest.raises(PermissionDenied):
        services.usage_report_publish(
            disbursement=paid, actor=UserFactory(), text=TEXT, receipts=[jpeg()]
        )
    services.usage_report_publish(
        disbursement=paid, actor=paid.campaign.owner, text=TEXT, receipts=[jpeg()]
    )
    with pytest.raises(ValidationError, match="sudah ada"):
        services.usage_report_publish(
            disbursement=paid, actor=paid.campaign.owner, text=TEXT, receipts=[jpeg()]
        )
    client.force_login(UserFactory())
    url = f"/galang-dana/{paid.campaign.slug}/pencairan/{paid.pk}/laporan/"
    assert client.get(url).status_code == 404
