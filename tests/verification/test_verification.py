"""Campaigner verification: private documents, moderator decision with audit, badge, and the
rule that unverified campaigners only get money out for medis campaigns to a hospital."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gotong.audit.models import AuditEntry
from gotong.disbursements import services as disbursements
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from gotong.verification.models import CampaignerVerification
from gotong.verification.services import verification_decide, verification_submit
from tests.factories import CampaignFactory, DonationFactory, UserFactory, staff_with_role

pytestmark = pytest.mark.django_db


def moderator(**kwargs):
    return staff_with_role("moderator", **kwargs)


def photo(name="ktp.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (800, 500), (200, 180, 150)).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def submit(user):
    return verification_submit(
        user=user, ktp_photo=photo(), selfie_photo=photo("selfie.jpg"), phone="0812 3456 7890"
    )


def test_documents_are_private_and_only_moderators_see_them(client, settings):
    user = UserFactory()
    v = submit(user)
    assert str(settings.PRIVATE_MEDIA_ROOT) in v.ktp_photo.path
    assert str(settings.MEDIA_ROOT) not in v.ktp_photo.path
    with pytest.raises(ValueError, match="no URL"):
        _ = v.ktp_photo.url
    url = f"/staf/verifikasi/{v.pk}/ktp"
    assert client.get(url).status_code == 302  # anonymous: to login
    client.force_login(user)
    assert client.get(url).status_code == 403  # not even the owner through this view
    client.force_login(UserFactory(is_staff=True))
    assert client.get(url).status_code == 403  # staff without the moderator role
    client.force_login(moderator())
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"  # a JPEG


def test_bad_documents_and_phone_are_refused():
    with pytest.raises(ValidationError) as info:
        verification_submit(
            user=UserFactory(),
            ktp_photo=SimpleUploadedFile("x.jpg", b"bukan foto"),
            selfie_photo=photo(),
            phone="12345",
        )
    assert set(info.value.message_dict) == {"ktp_photo", "phone"}
    assert not CampaignerVerification.objects.exists()


def test_moderator_decides_with_audit_and_the_badge_appears(client):
    campaign = CampaignFactory()
    v = submit(campaign.owner)
    with pytest.raises(PermissionDenied):
        verification_decide(
            verification=v, actor=UserFactory(is_staff=True), approve=True, reason=""
        )
    with pytest.raises(ValidationError):
        verification_decide(verification=v, actor=moderator(), approve=False, reason="")
    assert (
        'data-testid="verified-badge"'
        not in client.get(campaign.get_absolute_url()).content.decode()
    )
    verification_decide(verification=v, actor=moderator(), approve=True, reason="KTP cocok")
    assert AuditEntry.objects.get().action == "verification.approve"
    assert (
        'data-testid="verified-badge"' in client.get(campaign.get_absolute_url()).content.decode()
    )


def test_rejected_campaigner_can_resubmit():
    user = UserFactory()
    v = submit(user)
    with pytest.raises(ValidationError):
        submit(user)  # already pending
    verification_decide(verification=v, actor=moderator(), approve=False, reason="Buram")
    assert submit(user).status == "pending"


@pytest.mark.parametrize(
    ("category", "to_hospital", "allowed"),
    [("medis", True, True), ("medis", False, False), ("pendidikan", True, False)],
)
def test_unverified_campaigners_only_pay_hospitals_for_medical_campaigns(
    category, to_hospital, allowed
):
    campaign = CampaignFactory(category=category)
    donation_event_apply(
        donation=DonationFactory(campaign=campaign, amount=1_000_000),
        event=DonationEvent.PAID,
    )
    bank = disbursements.BankAccount(
        bank_code="002", account_number="1234567890", account_holder="RS", is_hospital=to_hospital
    )

    def ask():
        return disbursements.disbursement_request(
            campaign=campaign, actor=campaign.owner, amount=100_000, bank=bank, purpose="Operasi"
        )

    if allowed:
        assert ask().to_hospital
    else:
        with pytest.raises(ValidationError, match="Verifikasi identitas"):
            ask()
        verification_decide(
            verification=submit(campaign.owner),
            actor=moderator(),
            approve=True,
            reason="ok",
        )
        assert ask().status == "requested"
