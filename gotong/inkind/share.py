"""What a need says when it is shared in a WhatsApp group: its open lines and its link."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from gotong.inkind.catalogue import unit_label
from gotong.inkind.models import Need


def need_share_text(need: Need) -> str:
    """ "Dibutuhkan di Pannampu, Tallo: 100 lembar Masker, 50 paket Paket sembako. <link>":
    the desa, never the RT/RW."""
    wanted = [
        f"{line.remaining} {unit_label(line.item, line.unit)} {line.label}"
        for line in need.lines.all()
        if line.remaining > 0
    ]
    where = need.region.path.rsplit(",", 1)[0]  # without the province: short enough to read
    url = settings.PUBLIC_BASE_URL + reverse("inkind:need", args=[need.pk])
    text = _("Dibutuhkan di %(where)s: %(items)s.") % {
        "where": where,
        "items": ", ".join(wanted),
    }
    return f"{need.title}. {text} {url}"


def need_whatsapp_url(need: Need) -> str:
    return "https://wa.me/?" + urlencode({"text": need_share_text(need)}, quote_via=quote)
