from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportReason(models.TextChoices):
    FRAUD = "fraud", _("Dugaan penipuan")
    MISLEADING = "misleading", _("Informasi menyesatkan")
    MISUSE = "misuse", _("Dana tidak digunakan sesuai tujuan")
    PRIVACY = "privacy", _("Melanggar privasi")
    OTHER = "other", _("Lainnya")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Baru")
    INFO_REQUESTED = "info_requested", _("Meminta informasi")
    DISMISSED = "dismissed", _("Ditutup tanpa tindakan")
    ACTIONED = "actioned", _("Ditindaklanjuti")


class AbuseReport(models.Model):
    """Laporkan: anyone can report a campaign; moderators act on it."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="abuse_reports"
    )
    reason = models.CharField(_("alasan"), max_length=20, choices=ReportReason.choices)
    text = models.TextField(_("penjelasan"), max_length=2000)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default="open")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"report #{self.pk} on {self.campaign_id}"
