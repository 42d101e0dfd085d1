"""Which fundraiser brought a visitor to a campaign: the `gotong_ref` cookie.

Opening a campaign page with `?ref=<code>` (a valid code, a public campaign, a 200 answer)
remembers that code for that campaign: the last link per campaign wins, for 30 days from when it
was opened, for at most `MAX_CAMPAIGNS` campaigns. The cookie is signed (django.core.signing),
HttpOnly and SameSite=Lax; it is not the session, so anonymous visitors keep getting cached pages
(gotong.core.pagecache). Decision 13.
"""

from __future__ import annotations

import time
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

from gotong.accounts.models import User
from gotong.campaigns.models import Campaign
from gotong.campaigns.selectors import campaign_get_public
from gotong.referrals import selectors

REF_PARAM = "ref"
COOKIE_NAME = "gotong_ref"
COOKIE_SALT = "gotong.referrals.cookie"
MAX_AGE = timedelta(days=30)
MAX_CAMPAIGNS = 10

# {campaign id: (code, unix time the link was opened)}
Entries = dict[int, tuple[str, int]]


def referral_url(*, campaign: Campaign, code: str) -> str:
    """A person's link to a campaign, absolute on PUBLIC_BASE_URL."""
    return f"{campaign.public_url}?{urlencode({REF_PARAM: code})}"


def _entries(request: HttpRequest) -> Entries:
    """The remembered links, expired ones dropped; a tampered or malformed cookie is empty."""
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return {}
    try:
        data = signing.loads(raw, salt=COOKIE_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return {}
    oldest = time.time() - MAX_AGE.total_seconds()
    entries: Entries = {}
    if not isinstance(data, list):
        return {}
    for item in data:
        if (
            isinstance(item, list)
            and len(item) == 3
            and isinstance(item[0], int)
            and isinstance(item[1], str)
            and isinstance(item[2], int)
            and item[2] >= oldest
        ):
            entries[item[0]] = (item[1], item[2])
    return entries


def referral_remember(*, request: HttpRequest, response: HttpResponse, code: str) -> bool:
    """Remember `code` for the campaign this request's page belongs to; True if it did.

    The campaign is the one the URL names by its slug (`/kampanye/<slug>/…`); a page that
    names no campaign, a campaign that is not public and an unknown code change nothing.
    """
    match = request.resolver_match
    slug = match.kwargs.get("slug") if match is not None else None
    if not isinstance(slug, str):
        return False
    campaign = campaign_get_public(slug=slug)
    if campaign is None or selectors.referral_user_get(code=code) is None:
        return False
    campaign_id = campaign.pk
    entries = _entries(request)
    entries.pop(campaign_id, None)
    entries[campaign_id] = (code.strip().lower(), int(time.time()))
    newest = list(entries.items())[-MAX_CAMPAIGNS:]
    value = signing.dumps(
        [[cid, c, opened] for cid, (c, opened) in newest], salt=COOKIE_SALT, compress=True
    )
    response.set_cookie(
        COOKIE_NAME,
        value,
        max_age=int(MAX_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    # This answer carries one visitor's cookie: no shared cache may keep it.
    patch_cache_control(response, private=True)
    return True


def referrer_for(*, request: HttpRequest, campaign: Campaign) -> User | None:
    """The person whose link brought this visitor to `campaign`, if any is remembered."""
    entry = _entries(request).get(campaign.pk)
    if entry is None:
        return None
    return selectors.referral_user_get(code=entry[0])
