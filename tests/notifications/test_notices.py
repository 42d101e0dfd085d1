"""Campaigners' notices: each staff decision about their campaign, identity or disbursement
is one inbox row at /notifikasi/ and one email after commit, however often it is recorded or
its email task runs; only the owner sees their inbox; the header counts what is unread."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gotong.campaigns.models import CampaignStatus
from gotong.disbursements import services as disbursements
from gotong.donations.transitions import DonationEvent
from gotong.moderation.reviews import review_publish, review_reject
from gotong.notifications.models import Notice, NoticeKind
from gotong.notifications.notices import notice_record, send_notice_email
from gotong.payments.services import donation_event_apply
from gotong.verification.services import verification_decide, verification_submit
from tests.factories import CampaignFactory, DonationFactory, UserFactory, staff_with_role

pytestmark = pytest.mark.django_db

HOSPITAL = disbursements.BankAccount(
    bank_code="002", account_number="0123456789", account_holder="RSUD Sehat", is_hospital=True
)


def to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def in_review():
    return CampaignFactory(
        title="Atap musala Al-Ikhlas",
        status=CampaignStatus.IN_REVIEW,
        published_at=None,
        submitted_at=timezone.now(),
    )


def photo(name):
    out = io.BytesIO()
    Image.new("RGB", (800, 500), (200, 180, 150)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def submitted(user):
    return verification_submit(
        user=user, ktp_photo=photo("ktp.jpg"), selfie_photo=photo("s.jpg"), phone="081234567890"
    )


def requested():
    campaign = CampaignFactory(title="Operasi jantung Adik Sari", category="medis")
    donation_event_apply(
        donation=DonationFactory(campaign=campaign, amount=1_000_000), event=DonationEvent.PAID
    )
    return disbursements.disbursement_request(
        campaign=campaign, actor=campaign.owner, amount=500_000, bank=HOSPITAL, purpose="Operasi"
    )


def publish(moderator):
    campaign = in_review()
    review_publish(campaign=campaign, actor=moderator)
    return campaign.owner, "Kampanye “Atap musala Al-Ikhlas” sudah terbit."


def reject(moderator):
    campaign = in_review()
    review_reject(campaign=campaign, actor=moderator, reason="Foto sampul buram.")
    return campaign.owner, "Kampanye “Atap musala Al-Ikhlas” dikembalikan untuk diperbaiki."


def kyc_approve(moderator):
    user = UserFactory()
    verification_decide(verification=submitted(user), actor=moderator, approve=True, reason="")
    return user, "Identitas Anda terverifikasi."


def kyc_reject(moderator):
    user = UserFactory()
    verification_decide(
        verification=submitted(user), actor=moderator, approve=False, reason="KTP terpotong."
    )
    return user, "Verifikasi identitas Anda belum disetujui."


def payout_approve(moderator):
    d = requested()
    disbursements.disbursement_approve(disbursement=d, actor=staff_with_role("finance"))
    return d.campaign.owner, "Pencairan Rp 500.000 untuk “Operasi jantung Adik Sari” disetujui."


def payout_paid(moderator):
    d = requested()
    disbursements.disbursement_approve(disbursement=d, actor=staff_with_role("finance"))
    disbursements.disbursement_mark_paid(
        disbursement=d, actor=staff_with_role("finance"), transfer_reference="TRX-9"
    )
    return (
        d.campaign.owner,
        "Pencairan Rp 500.000 untuk “Operasi jantung Adik Sari” sudah ditransfer.",
    )


EVENTS = {
    NoticeKind.CAMPAIGN_PUBLISHED: publish,
    NoticeKind.CAMPAIGN_REJECTED: reject,
    NoticeKind.VERIFICATION_APPROVED: kyc_approve,
    NoticeKind.VERIFICATION_REJECTED: kyc_reject,
    NoticeKind.DISBURSEMENT_APPROVED: payout_approve,
    NoticeKind.DISBURSEMENT_PAID: payout_paid,
}


@pytest.mark.parametrize("kind", list(EVENTS))
def test_each_decision_is_one_inbox_row_and_one_email_after_commit(
    kind, moderator, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_BASE_URL = "https://gotong.example"
    with django_capture_on_commit_callbacks(execute=True):
        user, headline = EVENTS[kind](moderator)
    notice = Notice.objects.get(user=user, kind=kind)
    assert notice.headline == headline
    assert len(to(user)) == Notice.objects.filter(user=user).count()  # paid: approved first
    [message] = [m for m in to(user) if m.subject == f"[Gotong] {headline}"]
    assert "Gotong" in message.body
    assert headline in message.body
    assert f"https://gotong.example{notice.link}" in message.body
    assert "https://gotong.example/notifikasi/" in message.body
    assert "127.0.0.1" not in message.body

    # The email task run again (a retry, a second worker) sends nothing more.
    sent = len(to(user))
    assert send_notice_email.call(notice_id=notice.pk) is False
    assert len(to(user)) == sent
    notice.refresh_from_db()
    assert notice.sent_at is not None


def test_no_email_before_commit_and_none_when_the_decision_rolls_back(moderator):
    campaign = in_review()
    review_publish(campaign=campaign, actor=moderator)  # test transaction: never committed
    assert Notice.objects.filter(user=campaign.owner).count() == 1
    assert to(campaign.owner) == []


def test_a_retried_decision_records_nothing_twice(moderator, django_capture_on_commit_callbacks):
    campaign = in_review()
    with django_capture_on_commit_callbacks(execute=True):
        review_publish(campaign=campaign, actor=moderator)
        with pytest.raises(ValidationError):
            review_publish(campaign=campaign, actor=moderator)
        notice = Notice.objects.get(user=campaign.owner)
        again = notice_record(
            user=campaign.owner,
            kind=NoticeKind.CAMPAIGN_PUBLISHED,
            key=notice.key,
            url_name="campaigns:detail",
            url_args=(campaign.slug,),
            campaign=campaign,
        )
    assert again.pk == notice.pk
    assert Notice.objects.filter(user=campaign.owner).count() == 1
    assert len(to(campaign.owner)) == 1


def test_a_campaign_sent_back_twice_is_two_notices(moderator, django_capture_on_commit_callbacks):
    campaign = in_review()
    with django_capture_on_commit_callbacks(execute=True):
        review_reject(campaign=campaign, actor=moderator, reason="Foto sampul buram.")
    campaign.refresh_from_db()
    campaign.status, campaign.submitted_at = CampaignStatus.IN_REVIEW, timezone.now()
    campaign.save()
    with django_capture_on_commit_callbacks(execute=True):
        review_reject(campaign=campaign, actor=moderator, reason="Target belum jelas.")
    notes = list(Notice.objects.filter(user=campaign.owner).values_list("note", flat=True))
    assert sorted(notes) == ["Foto sampul buram.", "Target belum jelas."]
    assert len(to(campaign.owner)) == 2


def test_the_review_page_publishes_and_notifies(
    client, moderator, django_capture_on_commit_callbacks
):
    campaign = in_review()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staf/tinjauan/{campaign.slug}/", {"decision": "publish", "reason": ""}
        )
    assert response.status_code == 302
    assert Notice.objects.filter(user=campaign.owner, kind=NoticeKind.CAMPAIGN_PUBLISHED).exists()
    assert len(to(campaign.owner)) == 1


def test_the_inbox_shows_only_ones_own_notices_newest_first(client, moderator):
    first, _ = reject(moderator)
    campaign = CampaignFactory(owner=first, title="Sumur bor Dusun Kolo")
    notice_record(
        user=first,
        kind=NoticeKind.CAMPAIGN_PUBLISHED,
        key="campaign:x:published",
        url_name="campaigns:detail",
        url_args=(campaign.slug,),
        campaign=campaign,
    )
    other, _ = kyc_approve(moderator)

    assert client.get("/notifikasi/")["Location"].startswith("/akun/login/")

    client.force_login(first)
    page = client.get("/notifikasi/").content.decode()
    assert page.index("Sumur bor Dusun Kolo") < page.index("Atap musala Al-Ikhlas")
    assert "Foto sampul buram." in page
    assert "Identitas Anda terverifikasi." not in page

    client.force_login(other)
    page = client.get("/notifikasi/").content.decode()
    assert "Identitas Anda terverifikasi." in page
    assert "Atap musala" not in page
    assert "Sumur bor" not in page


def test_the_header_counts_unread_notices_until_marked_read(client, moderator):
    owner, _ = reject(moderator)
    other, _ = kyc_approve(moderator)
    notice_record(
        user=owner,
        kind=NoticeKind.VERIFICATION_APPROVED,
        key="verification:x",
        url_name="verification:submit",
    )
    client.force_login(owner)
    page = client.get("/").content.decode()
    assert 'data-testid="inbox-badge" aria-label="2 belum dibaca">2</span>' in page

    response = client.post("/notifikasi/baca-semua/")
    assert response["Location"] == "/notifikasi/"
    assert 'data-testid="inbox-badge"' not in client.get("/notifikasi/").content.decode()
    assert Notice.objects.filter(user=owner, read_at__isnull=True).count() == 0
    assert Notice.objects.filter(user=other, read_at__isnull=True).count() == 1  # not theirs


def test_marking_read_needs_a_post(client, moderator):
    owner, _ = reject(moderator)
    client.force_login(owner)
    assert client.get("/notifikasi/baca-semua/").status_code == 405
    assert Notice.objects.get(user=owner).read_at is None


def test_the_disbursement_page_says_first_that_identity_must_be_verified(client, moderator):
    campaign = CampaignFactory(category="kemanusiaan")
    client.force_login(campaign.owner)
    url = f"/galang-dana/{campaign.slug}/pencairan/"
    page = client.get(url).content.decode()
    assert 'data-testid="kyc-notice"' in page
    assert page.index('data-testid="kyc-notice"') < page.index('data-testid="request-disbursement"')
    assert 'href="/verifikasi/"' in page

    verification = submitted(campaign.owner)
    page = client.get(url).content.decode()
    assert "sedang diperiksa" in page

    verification_decide(verification=verification, actor=moderator, approve=True, reason="")
    assert 'data-testid="kyc-notice"' not in client.get(url).content.decode()
