from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gotong.ledger.movements import FUNDS_SIGNS, available_of

# "Hampir tercapai": a campaign that has this share of its target or more, but not all of it.
NEARLY_FUNDED_PERCENT = 70


class Category(models.TextChoices):
    MEDIS = "medis", _("Medis")
    BENCANA_ALAM = "bencana-alam", _("Bencana alam")
    PENDIDIKAN = "pendidikan", _("Pendidikan")
    RUMAH_IBADAH = "rumah-ibadah", _("Rumah ibadah")
    KEMANUSIAAN = "kemanusiaan", _("Kemanusiaan")
    PEKERJA_INFORMAL = "pekerja-informal", _("Pekerja informal")
    LINGKUNGAN = "lingkungan", _("Lingkungan")
    LAINNYA = "lainnya", _("Lainnya")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    IN_REVIEW = "in_review", _("Dalam tinjauan")
    PUBLISHED = "published", _("Terbit")
    ENDED = "ended", _("Selesai")
    SUSPENDED = "suspended", _("Ditangguhkan")
    CLOSED = "closed", _("Ditutup")


# Statuses whose page, ledger and API record are public (suspended and closed ones show why).
PUBLIC_STATUSES = (
    CampaignStatus.PUBLISHED,
    CampaignStatus.ENDED,
    CampaignStatus.SUSPENDED,
    CampaignStatus.CLOSED,
)


class Campaign(models.Model):
    slug = models.SlugField(max_length=90, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="campaigns"
    )
    title = models.CharField(_("judul"), max_length=120)
    summary = models.CharField(_("ringkasan"), max_length=200, blank=True)
    story = models.TextField(_("cerita"))
    # Sanitized HTML rendered from `story` when the story is written, not on every view.
    story_html = models.TextField(editable=False, default="")
    category = models.CharField(_("kategori"), max_length=20, choices=Category.choices)
    beneficiary = models.CharField(_("penerima manfaat"), max_length=120)
    # Where the money goes, as people would search for it: "Bangkalan, Jawa Timur".
    location = models.CharField(_("lokasi"), max_length=120, blank=True)
    # Where the campaign helps, as a Kemendagri region of any level (its page lists it).
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("wilayah"),
    )
    target = models.BigIntegerField(_("target (Rp)"))
    deadline = models.DateField(_("batas waktu"))
    cover = models.ImageField(_("foto sampul"), upload_to="covers/%Y/%m/", blank=True)
    status = models.CharField(
        max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT, db_index=True
    )
    is_featured = models.BooleanField(_("unggulan"), default=False)
    # The campaigner's choice: donors may start a donasi rutin here (gotong.recurring).
    recurring_allowed = models.BooleanField(_("menerima donasi rutin"), default=False)
    review_note = models.TextField(_("catatan peninjau"), blank=True)

    # Stored counters, moved only by the ledger's movement writer with the entry that explains
    # them (ledger.movements.MOVEMENTS). Pages read these; nothing sums donations on a view.
    collected = models.BigIntegerField(default=0)
    donor_count = models.PositiveIntegerField(default=0)
    fees = models.BigIntegerField(default=0)
    paid_out = models.BigIntegerField(default=0)
    refunded = models.BigIntegerField(default=0)
    # Why a moderator suspended or closed the campaign; shown publicly on its page.
    moderation_note = models.TextField(blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "category", "-published_at"]),
            # The browse sorts of /cari/ and their counts over open campaigns (bench/search.py).
            # Covering: counts and the join of a search's matches with open campaigns read
            # only the index (SQLite has no INCLUDE, so all are key columns).
            models.Index(
                fields=[
                    "status",
                    "deadline",
                    "-id",
                    "published_at",
                    "category",
                    "donor_count",
                    "collected",
                    "target",
                ],
                name="campaign_open_deadline",
            ),
            models.Index(
                fields=["status", "category", "deadline", "-id"], name="campaign_open_cat_deadline"
            ),
            models.Index(
                fields=["status", "-donor_count", "-published_at", "-id"],
                name="campaign_open_donors",
            ),
            # Newest first (and relevance without a query); deadline last, so the open check
            # is read from the index before the row.
            models.Index(
                fields=["status", "-published_at", "-id", "deadline"],
                name="campaign_open_newest",
            ),
            models.Index(
                (models.F("collected") * 10_000 / models.F("target")).desc(),
                models.F("published_at").desc(),
                models.F("id").desc(),
                models.F("deadline"),
                name="campaign_nearly_funded",
                condition=models.Q(
                    status=CampaignStatus.PUBLISHED, collected__lt=models.F("target")
                )
                & models.Q(
                    models.lookups.GreaterThanOrEqual(
                        models.F("collected") * 100, models.F("target") * NEARLY_FUNDED_PERCENT
                    )
                ),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target__gt=0), name="campaign_target_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(collected__gte=0), name="campaign_collected_nonnegative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", kwargs={"slug": self.slug})

    @property
    def public_url(self) -> str:
        return f"{settings.PUBLIC_BASE_URL}{self.get_absolute_url()}"

    @property
    def percent(self) -> int:
        """Progress for the bar, capped at 100."""
        return min(100, self.collected * 100 // self.target) if self.target else 0

    @property
    def available(self) -> int:
        """Dana tersedia: collected minus platform fees, disbursements paid out and refunds,
        by the signs of the ledger's movement table."""
        return available_of({name: getattr(self, name) for name in FUNDS_SIGNS})

    @property
    def days_left(self) -> int:
        today = timezone.localdate()
        return max(0, (self.deadline - today).days)

    @property
    def is_accepting_donations(self) -> bool:
        return self.status == CampaignStatus.PUBLISHED and self.deadline >= timezone.localdate()

    @property
    def deadline_passed(self) -> bool:
        return self.deadline < timezone.localdate()
