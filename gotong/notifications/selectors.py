from __future__ import annotations

from django.db.models import QuerySet

from gotong.notifications.models import Unsubscription


def unsubscribed_emails(*, campaign_id: int) -> QuerySet[Unsubscription, str]:
    """Addresses that want no more updates from this campaign (usable as a subquery)."""
    return Unsubscription.objects.filter(campaign_id=campaign_id).values_list("email", flat=True)
