"""Codes of the ledger's accounts, in one place.

Every campaign has its own accounts, so no one row is shared by every settlement (decision 17):
`campaign:<id>:funds` (what the campaign is owed), `platform:fees:<id>` (the platform's fee
income from it) and `gateway:<gateway>:clearing:<id>` (money a gateway, or the foundation's bank
account, holds for it). Totals over the platform are sums over a code prefix. Accounts written
before decision 17 (`gateway:midtrans:clearing`, `platform:fees`) keep their history.
"""

from __future__ import annotations

FUNDS_PREFIX = "campaign:"
# The platform-wide accounts of before decision 17: still read, never written again.
LEGACY_CLEARING = "gateway:midtrans:clearing"
LEGACY_FEES = "platform:fees"
FEES_PREFIX = "platform:fees"
CLEARING_PREFIX = "gateway:"


def campaign_funds_code(campaign_id: int) -> str:
    return f"campaign:{campaign_id}:funds"


def campaign_fees_code(campaign_id: int) -> str:
    return f"platform:fees:{campaign_id}"


def clearing_code(*, gateway: str, campaign_id: int) -> str:
    return f"gateway:{gateway}:clearing:{campaign_id}"


def campaign_of(code: str) -> int | None:
    """The campaign a per-campaign account belongs to; None for a platform-wide one."""
    if code.startswith(FUNDS_PREFIX) and code.endswith(":funds"):
        tail = code[len(FUNDS_PREFIX) : -len(":funds")]
    elif code.startswith((f"{FEES_PREFIX}:", CLEARING_PREFIX)):
        tail = code.rsplit(":", 1)[-1]
    else:
        return None
    return int(tail) if tail.isdigit() else None
