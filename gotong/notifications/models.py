"""Donor email bookkeeping: one row per email that must go out at most once, and the
addresses that asked for no more news from a campaign."""

from __future__ import annotations

from django.db import models

from gotong.core.delivery import Delivery


class ReceiptDelivery(Delivery):
    """The receipt email of one settled donation."""

    donation = models.ForeignKey("donations.Donation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["donation"], name="receipt_delivery_once"),
        ]

    def __str__(self) -> str:
        return f"receipt {self.donation_id} → {self.email}"


class Unsubscription(models.Model):
    """This address gets no more campaign updates (kabar terbaru) from this campaign."""

    email = models.EmailField()
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="unsubscriptions"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "campaign"], name="unsubscription_once"),
        ]

    def __str__(self) -> str:
        return f"{self.email} ✕ {self.campaign_id}"
