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
    """One published campaign per campaign key named in `groups` ({tag: [key, count]}) with
    that many pending donations per tag; for each key in `raw`, the ledger accounts the
    plain-SQL path needs, created as the app creates them on a campaign's first settlement.
    Returns the signing key, each raw campaign's account codes by role and the fee policy."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    import gotong
    from gotong.accounts.models import User
    from gotong.campaigns.models import Campaign, CampaignStatus, Category
    from gotong.donations.models import Donation

    groups = {tag: (key, n) for tag, (key, n) in spec["groups"].items()}
    owner = User.objects.create_user("bench@contoh.id", None, display_name="Bench")
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    campaigns = {
        key: Campaign.objects.create(
            slug=f"bench-{key}",
            owner=owner,
            title=f"Bench ({key})",
            story="Bench.",
            story_html="<p>Bench.</p>",
            category=Category.LAINNYA,
            beneficiary="Bench",
            target=10**12,
            deadline=deadline,
            status=CampaignStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        for key in dict.fromkeys(key for key, _ in groups.values())
    }
    rows = [
        Donation(order_id=oid, campaign=campaigns[key], amount=AMOUNT, name="Bench")
        for tag, (key, n) in groups.items()
        for oid in order_ids(tag, n)
    ]
    Donation.objects.bulk_create(rows, batch_size=2000)
    raw = {}
    for key in spec["raw"]:
        campaign_id = campaigns[key].pk
        with transaction.atomic():
            codes = raw_accounts_create(campaign_id)
        raw[key] = {"campaign_id": campaign_id, "codes": codes}
    return {
        "source": os.path.dirname(gotong.__file__),
        "category": str(Category.LAINNYA),
        "server_key": settings.MIDTRANS_SERVER_KEY,
        "raw": raw,
        "fee_basis_points": int(getattr(settings, "PLATFORM_FEE_BASIS_POINTS", 0)),
        "fee_zero_categories": list(getattr(settings, "FEE_ZERO_CATEGORIES", [])),
    }


def raw_accounts_create(campaign_id: int) -> dict[str, str]:
    """{role: code} of the accounts a settlement of this campaign moves, fees included, made
    by the tree's own code: the movement writer's account specs (decision 17), or in an older
    tree its `campaign_accounts_locked`, or the codes of issue 3."""
    from django.db import transaction

    try:
        from gotong.ledger import movements
    except ImportError:
        movements = None
    if movements is not None:
        from gotong.donations.services import clearing_account

        specs = movements.campaign_accounts(
            campaign_id=campaign_id,
            clearing=clearing_account(gateway="midtrans", campaign_id=campaign_id),
        )
        with transaction.atomic():
            movements.accounts_lock(list(specs.values()))
        return {str(role): spec.code for role, spec in specs.items()}
    from gotong.ledger import accounts, services

    if hasattr(services, "campaign_accounts_locked"):
        made = services.campaign_accounts_locked(campaign_id=campaign_id, with_fees=True)
        return {role: account.code for role, account in made.items()}
    from gotong.ledger.models import AccountKind

    codes = {
        "clearing": (accounts.GATEWAY_CLEARING, "Clearing", AccountKind.ASSET, None),
        "funds": (
            accounts.campaign_funds_code(campaign_id),
            f"Dana kampanye #{campaign_id}",
            AccountKind.LIABILITY,
            campaign_id,
        ),
        "fees": (accounts.PLATFORM_FEES, "Biaya platform", AccountKind.INCOME, None),
    }
    for code, name, kind, campaign in codes.values():
        services.account_get_or_create(code=code, name=name, kind=kind, campaign_id=campaign)
    return {role: code for role, (code, *_) in codes.items()}


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
