"""Names of the ledger's accounts, in one place."""

from __future__ import annotations

GATEWAY_CLEARING = "gateway:midtrans:clearing"
PLATFORM_FEES = "platform:fees"


def campaign_funds_code(campaign_id: int) -> str:
    return f"campaign:{campaign_id}:funds"
