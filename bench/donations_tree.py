"""The part of bench/donations.py that runs inside one source tree's Django: the checkout's, or
the worktree of another revision (`--compare`), whose models and services may differ. Not a
benchmark by itself; bench/donations.py runs it with that tree as working directory and the
app's environment (DATABASE_URL and so on):

    python bench/donations_tree.py seed SPEC_JSON   # campaigns, pending donations, accounts
    python bench/donations_tree.py count ORDER_ID   # statements of one settlement

Each prints one JSON line last on stdout. Only model and service APIs that every benchmarked
revision has are used; anything newer is looked up with getattr and a fallback.
"""

from __future__ import annotations

import datetime
import json
import os
import sys

# bench/ is sys.path[0] (this script's folder), so `donations` is bench/donations.py; the tree
# goes first only after it is imported, so the tree's own `bench` package cannot shadow it.
from donations import AMOUNT, notification_body, order_ids

sys.path.insert(0, os.getcwd())


def seed(spec: dict) -> dict:
    """One published campaign per path named in `groups` ({tag: [path, count]}) with that many
    pending donations per tag; the ledger accounts a plain-SQL path needs for each path in
    `raw`. Returns the signing key, account codes and fee policy that the SQL path needs."""
    import django

    django.setup()
    from django.conf import settings
    from django.utils import timezone
    from gotong.ledger.services import account_get_or_create

    import gotong
    from gotong.accounts.models import User
    from gotong.campaigns.models import Campaign, CampaignStatus, Category
    from gotong.donations.models import Donation
    from gotong.ledger import accounts
    from gotong.ledger.models import AccountKind

    groups = {tag: (path, n) for tag, (path, n) in spec["groups"].items()}
    owner = User.objects.create_user("bench@contoh.id", None, display_name="Bench")
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    campaigns = {
        path: Campaign.objects.create(
            slug=f"bench-{path}",
            owner=owner,
            title=f"Bench ({path})",
            story="Bench.",
            story_html="<p>Bench.</p>",
            category=Category.LAINNYA,
            beneficiary="Bench",
            target=10**12,
            deadline=deadline,
            status=CampaignStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        for path in dict.fromkeys(path for path, _ in groups.values())
    }
    rows = [
        Donation(order_id=oid, campaign=campaigns[path], amount=AMOUNT, name="Bench")
        for tag, (path, n) in groups.items()
        for oid in order_ids(tag, n)
    ]
    Donation.objects.bulk_create(rows, batch_size=2000)
    fees_code = getattr(accounts, "PLATFORM_FEES", None)
    funds = {}
    for path in spec["raw"]:
        campaign_id = campaigns[path].pk
        funds[path] = accounts.campaign_funds_code(campaign_id)
        name, kind = f"Dana kampanye #{campaign_id}", AccountKind.LIABILITY
        account_get_or_create(code=funds[path], name=name, kind=kind, campaign_id=campaign_id)
        if fees_code:  # as campaign_accounts_locked creates it
            account_get_or_create(code=fees_code, name="Biaya platform", kind=AccountKind.INCOME)
    return {
        "source": os.path.dirname(gotong.__file__),
        "category": str(Category.LAINNYA),
        "server_key": settings.MIDTRANS_SERVER_KEY,
        "clearing": accounts.GATEWAY_CLEARING,
        "funds": funds,
        "fees": fees_code,
        "fee_basis_points": int(getattr(settings, "PLATFORM_FEE_BASIS_POINTS", 0)),
        "fee_zero_categories": list(getattr(settings, "FEE_ZERO_CATEGORIES", [])),
    }


def count(order_id: str) -> dict:
    """Run one settlement in-process through the service the view calls; count statements
    (BEGIN and COMMIT included). The campaign's accounts should exist already (after warm-up)."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gotong.payments.models import NotificationSource
    from gotong.payments.services import payment_report_apply

    body = notification_body(order_id, settings.MIDTRANS_SERVER_KEY)
    with CaptureQueriesContext(connection) as captured:
        result = payment_report_apply(raw_body=body, source=NotificationSource.HTTP)
    return {"statements": len(captured.captured_queries), "outcome": str(result.outcome)}


if __name__ == "__main__":
    action, arg = sys.argv[1:3]
    out = seed(json.loads(arg)) if action == "seed" else count(arg)
    print(json.dumps(out))
