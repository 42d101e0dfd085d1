"""What a need says when it is shared in a WhatsApp group: its open lines and its link."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from gotong.inkind.catalogue import unit_label
from gotong.inkind.models import Need
from gotong.regions.models import Region


def _wanted(need: Need) -> list[str]:
    return [
        f"{line.remaining} {unit_label(line.item, line.unit)} {line.label}"
        for line in need.lines.all()
        if line.remaining > 0
    ]


def _url(need: Need) -> str:
    return settings.PUBLIC_BASE_URL + reverse("inkind:need", args=[need.pk])


def need_share_text(need: Need) -> str:
    """ "Dibutuhkan di Pannampu, Tallo: 100 lembar Masker, 50 paket Paket sembako. <link>":
    the desa, never the RT/RW."""
    where = need.region.path.rsplit(",", 1)[0]  # without the province: short enough to read
    text = _("Dibutuhkan di %(where)s: %(items)s.") % {
        "where": where,
        "items": ", ".join(_wanted(need)),
    }
    return f"{need.title}. {text} {_url(need)}"


def need_whatsapp_url(need: Need) -> str:
    return "https://wa.me/?" + urlencode({"text": need_share_text(need)}, quote_via=quote)


def regional_text(*, region: Region, needs: list[Need]) -> str:
    """The open needs of a region as a plain-text list for a WhatsApp group."""
    head = _("Kebutuhan warga di %(region)s (%(n)d):") % {"region": region.path, "n": len(needs)}
    blocks = [
        f"{number}. {need.title} ({need.region.name})\n"
        f"   {', '.join(_wanted(need))}\n"
        f"   {_url(need)}"
        for number, need in enumerate(needs, start=1)
    ]
    footer = settings.PUBLIC_BASE_URL + reverse("regions:detail", args=[region.code])
    return "\n\n".join([head, *blocks, footer]) + "\n"
