"""What can be asked for and offered in kind: the catalogue, one row per item, with the unit
its quantities are counted in. `lainnya` takes the poster's own words and unit."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _


class Item(models.TextChoices):
    MASKER = "masker", _("Masker")
    HAND_SANITIZER = "hand_sanitizer", _("Hand sanitizer")
    DISINFECTION = "penyemprotan_disinfektan", _("Penyemprotan disinfektan")
    SEMBAKO = "paket_sembako", _("Paket sembako")
    BERAS = "beras", _("Beras")
    AIR_BERSIH = "air_bersih", _("Air bersih")
    OBAT = "obat_obatan", _("Obat-obatan")
    APD = "apd", _("APD (alat pelindung diri)")
    RELAWAN = "relawan", _("Relawan")
    PEKERJA_INFORMAL = "bantuan_pekerja_informal", _("Bantuan pekerja informal")
    LAINNYA = "lainnya", _("Lainnya")


@dataclass(frozen=True)
class CatalogueItem:
    unit: str  # what one of the quantity is, in Indonesian (stored so; translated when shown)
    service: bool = False  # help given, not goods handed over


CATALOGUE: dict[str, CatalogueItem] = {
    Item.MASKER: CatalogueItem(gettext_noop("lembar")),
    Item.HAND_SANITIZER: CatalogueItem(gettext_noop("botol")),
    Item.DISINFECTION: CatalogueItem(gettext_noop("kali semprot"), service=True),
    Item.SEMBAKO: CatalogueItem(gettext_noop("paket")),
    Item.BERAS: CatalogueItem(gettext_noop("kg")),
    Item.AIR_BERSIH: CatalogueItem(gettext_noop("liter")),
    Item.OBAT: CatalogueItem(gettext_noop("paket")),
    Item.APD: CatalogueItem(gettext_noop("set")),
    Item.RELAWAN: CatalogueItem(gettext_noop("jam-orang"), service=True),
    Item.PEKERJA_INFORMAL: CatalogueItem(gettext_noop("orang"), service=True),
    Item.LAINNYA: CatalogueItem(""),
}

# Bounds on one line's quantity: enough for a kabupaten's masks, far below an integer's reach.
MAX_QUANTITY = 1_000_000


def unit_of(item: str, own_unit: str = "") -> str:
    """The unit a new line stores: the catalogue's, or the poster's own for `lainnya`."""
    return CATALOGUE[item].unit or own_unit


def unit_label(item: str, unit: str) -> str:
    """A stored unit in the reader's language (a poster's own unit stays as written)."""
    return gettext(unit) if item != Item.LAINNYA and unit else unit
