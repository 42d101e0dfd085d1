from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferralCode(models.Model):
    """A person's fundraiser code, the `ref` of their links (`/kampanye/<slug>/?ref=<code>`).

    One per person, the same for every campaign they share: random, never derived from the
    email or the id (decision 13).
    """

    user = models.OneToOneField(
        "accounts.User", on_delete=models.CASCADE, related_name="referral_code"
    )
    code = models.CharField(_("kode"), max_length=16, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kode penggalangan")
        verbose_name_plural = _("kode penggalangan")

    def __str__(self) -> str:
        return self.code
