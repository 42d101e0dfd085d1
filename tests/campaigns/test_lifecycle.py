"""Campaign lifecycle through the public pages: create, submit, review (publish/reject), audit."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from gotong.audit.models import AuditEntry
from gotong.campaigns.models import Campaign, CampaignStatus
from gotong.campaigns.services import campaign_publish, campaigns_end_expired
from tests.factories import CampaignFactory, UserFactory, staff_with_role

pytestmark = pytest.mark.django_db


def jpeg(width: int = 1600, height: int = 900, fmt: str = "JPEG") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 120, 90)).save(out, format=fmt)
    return SimpleUploadedFile(
        f"cover.{fmt.lower()}", out.getvalue(), content_type=f"image/{fmt.lower()}"
    )


def form_data(**overrides):
    data = {
        "title": "Bantu renovasi musala Al-Ikhlas",
        "summary": "Atap musala bocor setiap hujan.",
        "category": "rumah-ibadah",
        "beneficiary": "Jamaah Musala Al-Ikhlas",
        "target": "25000000",
        "deadline": (timezone.localdate() + datetime.timedelta(days=45)).isoformat(),
        "story": "Atap musala kami bocor di banyak titik. **Setiap hujan** jamaah harus pindah. "
        "<script>alert(1)</script> [Lihat foto](javascript:alert(1))",
    }
    data.update(overrides)
    return data


def test_create_requires_login(client):
    response = client.get("/galang-dana/baru/")
    assert response.status_code == 302
    assert "/akun/login/" in response["Location"]


def test_campaigner_creates_a_draft_with_a_resized_cover_and_safe_story(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/galang-dana/baru/", {**form_data(), "cover": jpeg()})
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.status == CampaignStatus.DRAFT
    assert campaign.owner == user
    assert campaign.target == 25_000_000
    assert "<strong>Setiap hujan</strong>" in campaign.story_html
    assert "<script" not in campaign.story_html
    assert "javascript:" not in campaign.story_html
    with Image.open(campaign.cover.path) as cover:
        assert cover.format == "JPEG"
        assert cover.width == 1200
    # Drafts are visible to their owner only.
    assert client.get(campaign.get_absolute_url()).status_code == 200
    client.logout()
    assert client.get(campaign.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"target": "5000"}, "target", "Target harus antara"),
        ({"target": "abc"}, "target", "Isi target dengan angka rupiah"),
        ({"deadline": "2020-01-01"}, "deadline", "Batas waktu harus setelah hari ini"),
        ({"category": "judi"}, "category", "Masukkan pilihan yang valid"),
        ({"title": ""}, "title", "tidak boleh kosong"),
    ],
)
def test_bad_campaign_input_gets_an_indonesian_message_and_creates_nothing(
    client, overrides, field, message
):
    client.force_login(UserFactory())
    response = client.post("/galang-dana/baru/", form_data(**overrides))
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert Campaign.objects.count() == 0


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("x.jpg", b"not an image at all", content_type="image/jpeg"),
        SimpleUploadedFile(
            "x.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", content_type="image/gif"
        ),
    ],
)
def test_invalid_cover_is_refused(client, upload):
    client.force_login(UserFactory())
    response = client.post("/galang-dana/baru/", {**form_data(), "cover": upload})
    assert response.status_code == 200
    assert Campaign.objects.count() == 0


def test_tiny_cover_is_refused(client):
    client.force_login(UserFactory())
    response = client.post("/galang-dana/baru/", {**form_data(), "cover": jpeg(200, 100)})
    assert "Lebar foto minimal" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_submit_publish_flow_with_audit(client):
    owner, staff = UserFactory(), staff_with_role("moderator")
    campaign = CampaignFactory(owner=owner, status=CampaignStatus.DRAFT, published_at=None)
    client.force_login(owner)
    client.post(f"/galang-dana/{campaign.slug}/ajukan/")
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.IN_REVIEW
    assert client.get("/staf/tinjauan/").status_code == 403  # not a moderator
    assert (
        'data-testid="review-link"' not in client.get(campaign.get_absolute_url()).content.decode()
    )

    client.force_login(staff)
    assert 'data-testid="review-link"' in client.get(campaign.get_absolute_url()).content.decode()
    assert campaign.title in client.get("/staf/tinjauan/").content.decode()
    response = client.post(
        f"/staf/tinjauan/{campaign.slug}/", {"decision": "publish", "reason": "Dokumen lengkap"}
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.PUBLISHED
    audit = AuditEntry.objects.get()
    assert (audit.actor, audit.action, audit.reason) == (
        staff,
        "campaign.publish",
        "Dokumen lengkap",
    )
    client.logout()
    assert client.get(campaign.get_absolute_url()).status_code == 200
    assert campaign.title in client.get("/").content.decode()


def test_reject_needs_a_reason_and_returns_to_draft(client):
    staff = staff_with_role("moderator")
    campaign = CampaignFactory(status=CampaignStatus.IN_REVIEW, published_at=None)
    client.force_login(staff)
    response = client.post(f"/staf/tinjauan/{campaign.slug}/", {"decision": "reject", "reason": ""})
    assert "Tuliskan alasan" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.IN_REVIEW
    client.post(
        f"/staf/tinjauan/{campaign.slug}/", {"decision": "reject", "reason": "Foto KTP buram"}
    )
    campaign.refresh_from_db()
    assert (campaign.status, campaign.review_note) == (CampaignStatus.DRAFT, "Foto KTP buram")
    assert AuditEntry.objects.get().action == "campaign.reject"


@pytest.mark.parametrize("decision", ["publish", "reject"])
def test_staff_without_the_moderator_role_cannot_review(client, decision):
    campaign = CampaignFactory(status=CampaignStatus.IN_REVIEW, published_at=None)
    for staff in (UserFactory(is_staff=True), staff_with_role("finance")):
        client.force_login(staff)
        assert client.get("/staf/tinjauan/").status_code == 403
        assert client.get(f"/staf/tinjauan/{campaign.slug}/").status_code == 403
        page = client.get(campaign.get_absolute_url()).content.decode()
        assert 'data-testid="review-link"' not in page
        response = client.post(
            f"/staf/tinjauan/{campaign.slug}/", {"decision": decision, "reason": "Tidak berhak"}
        )
        assert response.status_code == 403
    campaign.refresh_from_db()
    assert (campaign.status, campaign.review_note) == (CampaignStatus.IN_REVIEW, "")
    assert not AuditEntry.objects.exists()


def test_only_the_owner_can_edit_or_submit(client):
    campaign = CampaignFactory(status=CampaignStatus.DRAFT, published_at=None)
    client.force_login(UserFactory())
    assert client.get(f"/galang-dana/{campaign.slug}/ubah/").status_code == 404
    assert client.post(f"/galang-dana/{campaign.slug}/ajukan/").status_code == 404
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT


def test_campaigns_past_their_deadline_end():
    open_one = CampaignFactory()
    past = CampaignFactory(deadline=timezone.localdate() - datetime.timedelta(days=1))
    assert campaigns_end_expired() == 1
    past.refresh_from_db()
    open_one.refresh_from_db()
    assert (past.status, open_one.status) == (CampaignStatus.ENDED, CampaignStatus.PUBLISHED)


def test_dashboard_lists_own_campaigns_with_amounts(client):
    owner = UserFactory()
    CampaignFactory(owner=owner, title="Kampanye milik saya sendiri", collected=1_250_000)
    CampaignFactory(title="Kampanye orang lain sama sekali")
    client.force_login(owner)
    page = client.get("/dasbor/").content.decode()
    assert "Kampanye milik saya sendiri" in page
    assert "Rp 1.250.000" in page
    assert "Kampanye orang lain" not in page


def test_a_moderator_never_reviews_their_own_campaign(client):
    moderator = staff_with_role("moderator")
    campaign = CampaignFactory(owner=moderator, status=CampaignStatus.IN_REVIEW)
    client.force_login(moderator)
    for decision, reason in [("publish", ""), ("reject", "Tidak lengkap")]:
        response = client.post(
            f"/staf/tinjauan/{campaign.slug}/", {"decision": decision, "reason": reason}
        )
        assert response.status_code == 403
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.IN_REVIEW
    assert not AuditEntry.objects.filter(action__startswith="campaign.").exists()
    with pytest.raises(PermissionDenied):
        campaign_publish(campaign=campaign, actor=moderator)
