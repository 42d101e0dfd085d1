"""schema.org `ClaimReview` for a `klarifikasi hoaks` post: the claim, where it appeared, the
verdict as a rating (1 false … 5 true) with the fact-checkers' label as its name."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from gotong.core.i18n import bcp47_tag
from gotong.info.claims import RATING_BEST, RATING_WORST, verdict_rating
from gotong.info.kinds import InfoKind
from gotong.info.models import InfoPost
from gotong.info.transitions import LIVE
from gotong.seo.meta import absolute

PUBLISHER = "Gotong"


def claim_review_json_ld(*, post: InfoPost) -> dict[str, Any] | None:
    """None for any other kind, and for a clarification no longer live (declared false by a
    verifikator, or expired): search engines are not told a review nobody stands by."""
    if post.kind != InfoKind.HOAX or not post.has_claim or post.status not in LIVE:
        return None
    home = absolute(reverse("campaigns:home"))
    appearance: dict[str, Any] = {"@type": "CreativeWork", "url": post.claim_archive_url}
    if post.claim_spread_on:
        appearance["description"] = post.claim_spread_on
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute(reverse("info:detail", args=[post.pk])),
        "name": post.title,
        "inLanguage": bcp47_tag(),
        "claimReviewed": post.claim_text,
        "datePublished": post.created_at.date().isoformat(),
        "author": {"@type": "Organization", "name": PUBLISHER, "url": home},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": verdict_rating(post.claim_verdict),
            "bestRating": RATING_BEST,
            "worstRating": RATING_WORST,
            "alternateName": post.claim_verdict_label,
        },
        "itemReviewed": {"@type": "Claim", "appearance": [appearance]},
    }
