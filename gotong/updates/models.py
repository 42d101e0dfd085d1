from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gotong.core.delivery import Delivery


class CampaignUpdate(models.Model):
    """Kabar terbaru: news the campaigner posts; emailed once to each donor who gave an email."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="updates"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("judul"), max_length=120)
    body = models.TextField(_("isi"))
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class UpdateDelivery(Delivery):
    """One email of one update to one address: the unique pair is what makes it 'once'."""

    update = models.ForeignKey(CampaignUpdate, on_delete=models.PROTECT, related_name="deliveries")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["update", "email"], name="update_delivery_once"),
        ]

    def __str__(self) -> str:
        return f"{self.update_id} → {self.email}"
