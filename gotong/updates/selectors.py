from __future__ import annotations

from django.db.models import QuerySet

from gotong.campaigns.models import Campaign
from gotong.updates.models import CampaignUpdate


def updates_for(*, campaign: Campaign) -> QuerySet[CampaignUpdate]:
    return CampaignUpdate.objects.filter(campaign=campaign).order_by("-created_at", "-id")
