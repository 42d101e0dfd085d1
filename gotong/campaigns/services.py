"""Writes for campaigns. Lifecycle: draft → in_review → published → ended; review can send a
campaign back to draft with a note. Every staff decision leaves an audit row, and so does the
scheduler ending a campaign."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gotong.accounts.models import User
from gotong.accounts.roles import Role, has_role
from gotong.audit.models import AuditAction
from gotong.audit.services import audit_record
from gotong.campaigns.models import Campaign, CampaignStatus, Category
from gotong.core.images import cover_process
from gotong.core.markdown import render_markdown
from gotong.regions.models import Region
from gotong.search.services import search_index_update

TARGET_MIN = 100_000
TARGET_MAX = 100_000_000_000
EDITABLE_STATUSES = (CampaignStatus.DRAFT,)


def _slug_for(title: str) -> str:
    base = slugify(title)[:70].strip("-") or "kampanye"
    slug = base
    while Campaign.objects.filter(slug=slug).exists():
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug


def campaign_validate(*, target: int, deadline: datetime.date, category: str) -> None:
    errors: dict[str, str] = {}
    if not TARGET_MIN <= target <= TARGET_MAX:
        errors["target"] = _("Target harus antara Rp 100.000 dan Rp 100.000.000.000.")
    today = timezone.localdate()
    if deadline <= today:
        errors["deadline"] = _("Batas waktu harus setelah hari ini.")
    elif deadline > today + datetime.timedelta(days=366):
        errors["deadline"] = _("Batas waktu paling lama satu tahun dari sekarang.")
    if category not in Category.values:
        errors["category"] = _("Pilih kategori yang tersedia.")
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class CampaignDetails:
    """What a campaigner writes about a campaign (everything but its state and money)."""

    title: str
    story: str
    target: int
    deadline: datetime.date
    category: str
    beneficiary: str
    summary: str = ""
    cover: UploadedFile | None = None
    # None leaves the stored location as it is (callers that do not ask for one).
    location: str | None = None
    # A Kemendagri code; "" clears it, None leaves it as it is.
    region_code: str | None = None
    # Donors may start a donasi rutin (gotong.recurring); None leaves it as it is.
    recurring_allowed: bool | None = None


def _fill(campaign: Campaign, details: CampaignDetails) -> None:
    """Validate and copy `details` onto `campaign`, save it and bring its search index entry up
    to date (inside the caller's transaction)."""
    campaign_validate(target=details.target, deadline=details.deadline, category=details.category)
    if details.cover is not None:
        try:
            cover = cover_process(details.cover)
        except ValidationError as exc:
            raise ValidationError({"cover": exc.messages}) from exc
        campaign.cover.save("cover.jpg", cover, save=False)
    campaign.title = details.title.strip()
    campaign.summary = details.summary.strip()
    campaign.story = details.story
    campaign.story_html = render_markdown(details.story)
    campaign.target = details.target
    campaign.deadline = details.deadline
    campaign.category = details.category
    campaign.beneficiary = details.beneficiary.strip()
    if details.location is not None:
        campaign.location = details.location.strip()
    if details.region_code is not None:
        region = Region.objects.filter(code=details.region_code).first()
        if details.region_code and region is None:
            raise ValidationError({"region": _("Wilayah tidak dikenal.")})
        campaign.region = region
    if details.recurring_allowed is not None:
        campaign.recurring_allowed = details.recurring_allowed
    campaign.save()
    search_index_update(campaign=campaign)


def campaign_create(*, owner: User, details: CampaignDetails, slug: str | None = None) -> Campaign:
    with transaction.atomic():
        campaign = Campaign(slug=_slug_for(slug or details.title), owner=owner)
        _fill(campaign, details)
        return campaign


def campaign_update(*, campaign: Campaign, actor: User, details: CampaignDetails) -> Campaign:
    if campaign.owner_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status not in EDITABLE_STATUSES:
            raise ValidationError(_("Kampanye hanya bisa diubah selama masih draf."))
        _fill(locked, details)
        return locked


def _locked(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def campaign_submit(*, campaign: Campaign, actor: User) -> Campaign:
    if campaign.owner_id != actor.pk:
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status != CampaignStatus.DRAFT:
            raise ValidationError(_("Hanya draf yang bisa diajukan untuk ditinjau."))
        if locked.deadline_passed:
            raise ValidationError(_("Batas waktu sudah lewat; ubah dulu batas waktunya."))
        locked.status = CampaignStatus.IN_REVIEW
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        return locked


def _require_staff(actor: User) -> None:
    if not actor.is_staff:
        raise PermissionDenied


def _require_reviewer(actor: User, campaign: Campaign) -> None:
    """Review is the moderators' job (admins hold every role), never on one's own campaign."""
    if not has_role(actor, Role.MODERATOR) or actor.pk == campaign.owner_id:
        raise PermissionDenied


def campaign_publish(*, campaign: Campaign, actor: User, reason: str = "") -> Campaign:
    _require_reviewer(actor, campaign)
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status != CampaignStatus.IN_REVIEW:
            raise ValidationError(_("Hanya kampanye dalam tinjauan yang bisa diterbitkan."))
        locked.status = CampaignStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.review_note = ""
        locked.save(update_fields=["status", "published_at", "review_note", "updated_at"])
        search_index_update(campaign=locked)
        audit_record(actor=actor, action=AuditAction.CAMPAIGN_PUBLISH, target=locked, reason=reason)
        return locked


def campaign_reject(*, campaign: Campaign, actor: User, reason: str) -> Campaign:
    """Send a campaign back to its owner as a draft, with the reviewer's reason."""
    _require_reviewer(actor, campaign)
    if not reason.strip():
        raise ValidationError({"reason": _("Tuliskan alasan penolakan untuk penggalang dana.")})
    with transaction.atomic():
        locked = _locked(campaign)
        if locked.status != CampaignStatus.IN_REVIEW:
            raise ValidationError(_("Hanya kampanye dalam tinjauan yang bisa ditolak."))
        locked.status = CampaignStatus.DRAFT
        locked.review_note = reason.strip()
        locked.save(update_fields=["status", "review_note", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.CAMPAIGN_REJECT,
            target=locked,
            reason=reason.strip(),
        )
        return locked


def campaigns_end_expired(*, today: datetime.date | None = None) -> int:
    """Move published campaigns whose deadline has passed to `ended`, each with an audit row
    by the platform (no actor: the scheduler runs this). Returns how many."""
    today = today or timezone.localdate()
    with transaction.atomic():
        expired = list(
            Campaign.objects.select_for_update()
            .filter(status=CampaignStatus.PUBLISHED, deadline__lt=today)
            .order_by("pk")
        )
        ended_at = timezone.now()
        for campaign in expired:
            campaign.status, campaign.ended_at = CampaignStatus.ENDED, ended_at
            campaign.save(update_fields=["status", "ended_at", "updated_at"])
            audit_record(
                actor=None,
                action=AuditAction.CAMPAIGN_END,
                target=campaign,
                data={"deadline": campaign.deadline.isoformat()},
            )
        return len(expired)


def campaign_feature(
    *, campaign: Campaign, actor: User, featured: bool, reason: str = ""
) -> Campaign:
    """Show (or stop showing) a campaign in the home page's picks."""
    _require_staff(actor)
    with transaction.atomic():
        locked = _locked(campaign)
        locked.is_featured = featured
        locked.save(update_fields=["is_featured", "updated_at"])
        audit_record(
            actor=actor,
            action=AuditAction.CAMPAIGN_FEATURE if featured else AuditAction.CAMPAIGN_UNFEATURE,
            target=locked,
            reason=reason,
        )
        return locked
