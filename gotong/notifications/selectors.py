from __future__ import annotations

from django.db.models import QuerySet

from gotong.accounts.models import User
from gotong.notifications.models import Notice, Unsubscription


def unsubscribed_emails(*, campaign_id: int) -> QuerySet[Unsubscription, str]:
    """Addresses that want no more updates from this campaign (usable as a subquery)."""
    return Unsubscription.objects.filter(campaign_id=campaign_id).values_list("email", flat=True)


def notices_for(*, user: User) -> QuerySet[Notice]:
    """One campaigner's inbox, newest first."""
    return (
        Notice.objects.filter(user=user).select_related("campaign").order_by("-created_at", "-pk")
    )


def notices_unread_count(*, user: User) -> int:
    return Notice.objects.filter(user=user, read_at__isnull=True).count()
