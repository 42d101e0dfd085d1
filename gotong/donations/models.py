from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class DonationStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu pembayaran")
    SETTLED = "settled", _("Berhasil")
    FAILED = "failed", _("Gagal")
    REFUNDED = "refunded", _("Dikembalikan")
    REVERSED = "reversed", _("Dibatalkan bank")


class Donation(models.Model):
    """One gift to one campaign. Only `settled` donations count towards totals.

    Status moves only by the table in `donations.transitions` (pending → settled | failed,
    failed → settled, settled → refunded | reversed), consulted by `donation_transition_locked`.
    """

    order_id = models.CharField(max_length=50, unique=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="donations"
    )
    amount = models.BigIntegerField(_("nominal"))
    # Platform fee booked when the donation settled (policy at that moment); 0 until then.
    fee = models.BigIntegerField(default=0)
    name = models.CharField(_("nama"), max_length=80)
    email = models.EmailField(_("email"), blank=True)
    is_anonymous = models.BooleanField(_("sembunyikan nama saya"), default=False)
    message = models.CharField(_("doa dan dukungan"), max_length=500, blank=True)
    donor = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="donations"
    )
    # Whose personal fundraiser link brought the donor here (gotong.referrals, decision 13).
    referrer = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_donations",
    )

    # The language the donor gave in (settings.LANGUAGES): where the gateway sends them back,
    # and the language of their receipt and update emails (decision 15).
    language = models.CharField(max_length=8, default="id", editable=False)

    # The payment gateway plugin the donor pays through (settings.PAYMENT_GATEWAYS).
    gateway = models.CharField(max_length=32, default="midtrans")
    status = models.CharField(
        max_length=16, choices=DonationStatus.choices, default=DonationStatus.PENDING
    )
    # Last transaction_status the gateway reported (settlement, pending, expire, ...).
    gateway_status = models.CharField(max_length=32, blank=True)
    payment_type = models.CharField(max_length=32, blank=True)
    gateway_transaction_id = models.CharField(max_length=64, blank=True)
    payment_token = models.CharField(max_length=100, blank=True)
    payment_url = models.URLField(max_length=500, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    settled_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["campaign", "status", "-settled_at"]),
            models.Index(fields=["status", "created_at"]),
            # A donor's own donations by address, whatever its case (gotong.history).
            models.Index(Lower("email"), name="donation_email_lower"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="donation_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} Rp{self.amount} {self.status}"

    @property
    def public_name(self) -> str:
        return str(_("Orang Baik")) if self.is_anonymous else self.name

    @property
    def public_initials(self) -> str:
        """Up to two letters for the donor list's avatar, from the public name (anonymous: the
        initials of "Orang Baik")."""
        letters = [word[0] for word in self.public_name.split() if word[0].isalnum()]
        return "".join(letters[:2]).upper() or "?"


class Amen(models.Model):
    """One "Aamiin" to a donor's prayer (doa): once per signed-in user, or once per browser
    (a random id in a signed cookie) for guests."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="amens")
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    browser_id = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["donation", "user"],
                condition=models.Q(user__isnull=False),
                name="amen_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["donation", "browser_id"],
                condition=models.Q(user__isnull=True),
                name="amen_once_per_browser",
            ),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False, browser_id="")
                | models.Q(user__isnull=True) & ~models.Q(browser_id=""),
                name="amen_user_or_browser",
            ),
        ]

    def __str__(self) -> str:
        return f"amen {self.donation_id} {self.user_id or self.browser_id}"
