"""Midtrans' GoPay account linking (`/v2/pay/account`): the `RecurringGateway` half that gets
a token to charge. https://docs.midtrans.com/reference/create-pay-account

The person approves the link at the activation URL (GoPay's web flow); once the account is
ENABLED, its GoPay wallet's `payment_option_token` is what a subscription charges.
"""

from __future__ import annotations

from typing import Any

from gotong.payments.gateways.base import GatewayError, PayAccount, PayAccountStatus
from gotong.payments.gateways.midtrans.core import core_request

ACCOUNT_STATUSES: dict[str, PayAccountStatus] = {
    "PENDING": "PENDING",
    "ENABLED": "ENABLED",
    "DISABLED": "DISABLED",
    "EXPIRED": "EXPIRED",
}
# The web flow's link first: it works on any phone, with or without the Gojek app.
ACTIVATION_ACTIONS = ("activation-link-url", "activation-deeplink", "activation-link-app")


def phone_split(phone: str) -> tuple[str, str]:
    """("62", "81234567890") from "+62 812-3456-7890", "0812…", "62812…" or "812…"."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("62"):
        digits = digits[2:]
    return "62", digits.lstrip("0")


def account_parse(data: dict[str, Any]) -> PayAccount:
    status = ACCOUNT_STATUSES.get(str(data.get("account_status", "")))
    if status is None or not data.get("account_id"):
        raise GatewayError("Midtrans answered an unreadable pay account")
    actions = {
        str(a.get("name")): str(a.get("url", ""))
        for a in data.get("actions") or ()
        if isinstance(a, dict)
    }
    raw = data.get("metadata")
    metadata: dict[str, Any] = raw if isinstance(raw, dict) else {}
    options = [o for o in metadata.get("payment_options") or () if isinstance(o, dict)]
    active = [o for o in options if o.get("active")]
    wallet = next((o for o in active if o.get("name") == "GOPAY_WALLET"), None)
    chosen = wallet or (active[0] if active else None)
    return PayAccount(
        id=str(data["account_id"]),
        status=status,
        activation_url=next((actions[n] for n in ACTIVATION_ACTIONS if actions.get(n)), ""),
        payment_option_token=str(chosen.get("token", "")) if chosen else "",
    )


class MidtransPayAccounts:
    """Mixed into MidtransGateway, whose server key, Core API base URL and timeout it uses."""

    server_key: str
    api_base_url: str
    timeout: int

    def _accounts(self, method: str, path: str = "", body: dict[str, Any] | None = None) -> Any:
        return core_request(
            method=method,
            url=f"{self.api_base_url}/v2/pay/account{path}",
            server_key=self.server_key,
            timeout=self.timeout,
            body=body,
        )

    def pay_account_link(
        self, *, customer_name: str, customer_email: str, phone: str, callback_url: str
    ) -> PayAccount:
        """GoPay's partner API takes the phone and where to send the person back; the name
        and email are the protocol's, for gateways that ask for them."""
        country_code, number = phone_split(phone)
        body = {
            "payment_type": "gopay",
            "gopay_partner": {
                "phone_number": number,
                "country_code": country_code,
                "redirect_url": callback_url,
            },
        }
        return account_parse(self._accounts("POST", body=body))

    def pay_account_get(self, account_id: str) -> PayAccount:
        return account_parse(self._accounts("GET", f"/{account_id}"))

    def pay_account_unbind(self, account_id: str) -> PayAccount:
        return account_parse(self._accounts("POST", f"/{account_id}/unbind"))
