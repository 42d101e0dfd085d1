"""The sandbox's GoPay account linking: a PENDING link that the person approves or declines on
the linking page, becoming ENABLED (with a payment option token) or DISABLED; one nobody
answered in `LINK_VALID` is EXPIRED the next time anything looks at it."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from gotong.payments.sandbox.models import AccountStatus, SandboxPayAccount

LINK_VALID = timedelta(minutes=30)


class AccountStateError(Exception):
    def __init__(self, account: SandboxPayAccount) -> None:
        super().__init__(f"account is {account.account_status}")
        self.account = account


def account_create(*, phone_number: str, country_code: str, redirect_url: str) -> SandboxPayAccount:
    with transaction.atomic():
        return SandboxPayAccount.objects.create(
            phone_number=phone_number,
            country_code=country_code,
            redirect_url=redirect_url,
            expires_at=timezone.now() + LINK_VALID,
        )


def _locked(account: SandboxPayAccount) -> SandboxPayAccount:
    return SandboxPayAccount.objects.select_for_update().get(pk=account.pk)


def account_expire_if_due(*, account: SandboxPayAccount) -> SandboxPayAccount:
    if account.account_status != AccountStatus.PENDING or timezone.now() < account.expires_at:
        return account
    with transaction.atomic():
        locked = _locked(account)
        if locked.account_status == AccountStatus.PENDING:
            locked.account_status = AccountStatus.EXPIRED
            locked.save(update_fields=["account_status", "updated_at"])
    return locked


def _wallet_token(account: SandboxPayAccount) -> str:
    """Shaped like GoPay's: base64 of {"type": "GOPAY_WALLET", "id": …}."""
    raw = json.dumps({"type": "GOPAY_WALLET", "id": str(account.account_id)})
    return base64.b64encode(raw.encode()).decode()


def account_answer(*, account: SandboxPayAccount, approve: bool) -> SandboxPayAccount:
    """The person's answer on the linking page; only a PENDING link can be answered."""
    account = account_expire_if_due(account=account)
    with transaction.atomic():
        locked = _locked(account)
        if locked.account_status != AccountStatus.PENDING:
            raise AccountStateError(locked)
        locked.account_status = AccountStatus.ENABLED if approve else AccountStatus.DISABLED
        locked.payment_option_token = _wallet_token(locked) if approve else ""
        locked.save(update_fields=["account_status", "payment_option_token", "updated_at"])
    return locked


def account_unbind(*, account: SandboxPayAccount) -> SandboxPayAccount:
    """Unlink: the token stops working. An expired link stays EXPIRED; repeating is harmless."""
    account = account_expire_if_due(account=account)
    with transaction.atomic():
        locked = _locked(account)
        if locked.account_status != AccountStatus.EXPIRED:
            locked.account_status = AccountStatus.DISABLED
            locked.payment_option_token = ""
            locked.save(update_fields=["account_status", "payment_option_token", "updated_at"])
    return locked
