"""The review decision on a campaign in review, with its notice to the owner: publishing or
sending back to draft (`campaigns.services`) and, in the same transaction, the owner's inbox
row and email (`notifications.notices`, emailed after commit)."""

from __future__ import annotations

from django.db import transaction

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.campaigns.services import campaign_publish, campaign_reject
from gotong.notifications.models import NoticeKind
from gotong.notifications.notices import notice_record


def review_publish(*, campaign: Campaign, actor: User, reason: str = "") -> Campaign:
    """Publish a campaign in review and tell its owner it is live."""
    with transaction.atomic():
        published = campaign_publish(campaign=campaign, actor=actor, reason=reason)
        notice_record(
            user=published.owner,
            kind=NoticeKind.CAMPAIGN_PUBLISHED,
            key=f"campaign:{published.pk}:published",
            url_name="campaigns:detail",
            url_args=(published.slug,),
            campaign=published,
        )
        return published


def review_reject(*, campaign: Campaign, actor: User, reason: str) -> Campaign:
    """Send a campaign in review back to draft and tell its owner why."""
    with transaction.atomic():
        rejected = campaign_reject(campaign=campaign, actor=actor, reason=reason)
        notice_record(
            user=rejected.owner,
            kind=NoticeKind.CAMPAIGN_REJECTED,
            # A campaign may be sent back more than once: each time is its own notice.
            key=f"campaign:{rejected.pk}:rejected:{rejected.updated_at.isoformat()}",
            url_name="campaigns:edit",
            url_args=(rejected.slug,),
            campaign=rejected,
            note=rejected.review_note,
        )
        return rejected
