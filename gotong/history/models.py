"""The emailed links to one address's donations ("Donasi saya"): one claim row per address and
window, so however often the link is asked for, one email leaves per window (core.delivery)."""

from __future__ import annotations

from django.db import models

from gotong.core.delivery import Delivery


class HistoryLinkDelivery(Delivery):
    """The link to `email`'s donations, asked for during the window starting at `window`."""

    window = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["email", "window"], name="history_link_once_per_window"
            ),
        ]

    def __str__(self) -> str:
        return f"history link {self.window:%Y-%m-%d %H:%M} → {self.email}"
