"""What a campaign page (and a help-information post's) tells link previews, share targets and
search engines.

Everything here is absolute on `settings.PUBLIC_BASE_URL`, the one address the site is known by,
whatever host a request came in on.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gotong.campaigns.models import PUBLIC_STATUSES, Campaign
from gotong.core.i18n import bcp47_tag
from gotong.info.models import InfoPost
from gotong.info.share import checked_on, source_text, status_label, status_warning
from gotong.seo.og import HEIGHT, WIDTH
from gotong.seo.selectors import og_image_version

DESCRIPTION_LENGTH = 200


def absolute(path: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}{path}"


def plain_excerpt(text_html: str, *, limit: int = DESCRIPTION_LENGTH) -> str:
    """Plain text of sanitised HTML, whitespace collapsed, cut at a word and ellipsised."""
    text = html.unescape(strip_tags(text_html.replace("<", " <")))
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" .,;:-") + "…"


def campaign_description(*, campaign: Campaign) -> str:
    """The campaigner's own summary when there is one, else the opening of the story."""
    return campaign.summary.strip() or plain_excerpt(campaign.story_html) or campaign.title


def info_title(*, post: InfoPost) -> str:
    """ "Terverifikasi: Pembagian sembako …": a preview never shows a post without its status."""
    return f"{status_label(post)}: {post.title}"


def info_description(*, post: InfoPost) -> str:
    """The status's warning if any, when it was last checked and from what, when and where."""
    checked = _("Terakhir diperiksa %(date)s") % {"date": checked_on(post)}
    source = source_text(post)
    if source:
        checked += " · " + _("sumber: %(source)s") % {"source": source}
    parts = [
        status_warning(post),
        f"{checked}.",
        _("Kapan: %(when)s.") % {"when": post.when_text},
        _("Di mana: %(where)s.") % {"where": post.where_text},
    ]
    return plain_excerpt(escape(" ".join(part for part in parts if part)))


def og_image_url(*, campaign: Campaign) -> str | None:
    """The card's URL, versioned so crawlers fetch it again after a noticeable change; None for
    a campaign whose page is not public (the card itself answers 404 for those)."""
    if campaign.status not in PUBLIC_STATUSES:
        return None
    path = reverse("seo:og-image", kwargs={"slug": campaign.slug})
    return f"{absolute(path)}?v={og_image_version(campaign=campaign)}"


@dataclass(frozen=True)
class ShareLink:
    key: str
    label: str
    url: str


def whatsapp_url(text: str) -> str:
    """WhatsApp's "choose a chat" link with `text` ready to send."""
    return "https://wa.me/?" + urlencode({"text": text}, quote_via=quote)


def share_links(*, campaign: Campaign, url: str | None = None) -> list[ShareLink]:
    """Where to share the campaign: its canonical URL, or `url` (e.g. a personal ?ref= link)."""
    url, title = url or campaign.public_url, campaign.title
    return [
        ShareLink(
            "whatsapp",
            "WhatsApp",
            whatsapp_url(f"{title} {url}"),
        ),
        ShareLink(
            "telegram",
            "Telegram",
            "https://t.me/share/url?" + urlencode({"url": url, "text": title}, quote_via=quote),
        ),
        ShareLink(
            "x",
            "X",
            "https://x.com/intent/post?" + urlencode({"text": title, "url": url}, quote_via=quote),
        ),
        ShareLink(
            "facebook",
            "Facebook",
            "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}, quote_via=quote),
        ),
    ]


def campaign_json_ld(*, campaign: Campaign, description: str, image: str | None) -> dict[str, Any]:
    """schema.org for the campaign page: a WebPage with a DonateAction and its breadcrumbs.
    `description` and `image` are the page's own (campaign_description, og_image_url)."""
    url = campaign.public_url
    home = absolute(reverse("campaigns:home"))
    listing = absolute(reverse("campaigns:list"))
    page: dict[str, Any] = {
        "@type": "WebPage",
        "@id": f"{url}#halaman",
        "url": url,
        "name": campaign.title,
        "description": description,
        "inLanguage": bcp47_tag(),
        "isPartOf": {"@type": "WebSite", "@id": f"{home}#situs", "name": "Gotong", "url": home},
        "breadcrumb": {"@id": f"{url}#remah"},
        "author": {"@type": "Person", "name": campaign.owner.public_name},
    }
    if campaign.published_at:
        page["datePublished"] = campaign.published_at.isoformat()
    if campaign.updated_at:
        page["dateModified"] = campaign.updated_at.isoformat()
    if image:
        page["primaryImageOfPage"] = {
            "@type": "ImageObject",
            "url": image,
            "width": WIDTH,
            "height": HEIGHT,
        }
    if campaign.is_accepting_donations:
        page["potentialAction"] = {
            "@type": "DonateAction",
            "name": _("Donasi sekarang"),
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(
                    reverse("donations:donate", kwargs={"slug": campaign.slug})
                ),
            },
            "recipient": {"@type": "Audience", "name": campaign.beneficiary},
            "priceSpecification": {
                "@type": "PriceSpecification",
                "priceCurrency": "IDR",
                "minPrice": settings.DONATION_MIN_AMOUNT,
                "maxPrice": settings.DONATION_MAX_AMOUNT,
            },
        }
    crumbs = [
        (_("Beranda"), home),
        (pgettext("plural", "Kampanye"), listing),
        (
            campaign.get_category_display(),
            f"{listing}?{urlencode({'kategori': campaign.category})}",
        ),
        (campaign.title, url),
    ]
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "@id": f"{url}#remah",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": str(name), "item": item}
            for n, (name, item) in enumerate(crumbs, start=1)
        ],
    }
    return {"@context": "https://schema.org", "@graph": [page, breadcrumbs]}


# `<`, `>` and `&` as JSON escapes: a title holding "</script>" or "<!--" stays inside the
# script element. U+2028/2029 too, for any consumer that reads the block as JavaScript.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def json_ld_dumps(data: dict[str, Any]) -> str:
    """JSON that is safe to place, unescaped, between <script type="application/ld+json"> tags."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
