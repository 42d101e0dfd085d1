"""What the payment page shows for a transaction. Presentation only, no writes."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gotong.payments.sandbox import protocol
from gotong.payments.sandbox.models import PaymentType, SandboxTransaction, TransactionStatus

MERCHANT_NAME = "Gotong (Sandbox)"
RESULT_TEXT: dict[str, tuple[str | Promise, str | Promise]] = {
    TransactionStatus.SETTLEMENT: (
        _("Pembayaran berhasil"),
        _("Terima kasih, pembayaran diterima."),
    ),
    TransactionStatus.CANCEL: (
        _("Pembayaran dibatalkan"),
        _("Transaksi ini telah dibatalkan."),
    ),
    TransactionStatus.DENY: (
        _("Pembayaran ditolak"),
        _("Penyedia pembayaran menolak transaksi ini."),
    ),
    TransactionStatus.EXPIRE: (
        _("Transaksi kedaluwarsa"),
        _("Batas waktu pembayaran telah lewat. Transaksi ini tidak dapat dibayar lagi."),
    ),
}
METHOD_HINTS: dict[str, str | Promise] = {
    PaymentType.BANK_TRANSFER: _("Transfer lewat ATM, m-BCA, atau KlikBCA"),
    PaymentType.QRIS: _("Pindai kode QR dengan aplikasi e-wallet atau m-banking apa pun"),
    PaymentType.GOPAY: _("Bayar langsung dari aplikasi Gojek"),
    PaymentType.CREDIT_CARD: _("Visa, Mastercard, JCB; kartu disimpan untuk tagihan berikutnya"),
}
QR_SIZE = 25
QR_QUIET = 2
FINDER_CORNERS = ((0, 0), (QR_SIZE - 7, 0), (0, QR_SIZE - 7))


def format_wib(moment: datetime) -> str:
    """e.g. "28 November 2025, 18.30 WIB" (month name in the active language)."""
    local = moment.astimezone(protocol.JAKARTA)
    return f"{dateformat.format(local, 'j F Y, H.i')} WIB"


def format_remaining(seconds: int) -> str:
    if seconds <= 0:
        return gettext("waktu habis")
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return gettext("%(hours)s jam %(minutes)s menit") % {"hours": hours, "minutes": minutes}
    return gettext("%(minutes)s menit %(seconds)s detik") % {"minutes": minutes, "seconds": secs}


def page_state(txn: SandboxTransaction) -> str:
    """choose | pending | final | expired"""
    if txn.transaction_status == TransactionStatus.EXPIRE:
        return "expired"
    if txn.is_final:
        return "final"
    if txn.is_past_expiry:
        return "expired"
    if txn.transaction_status == TransactionStatus.PENDING:
        return "pending"
    return "choose"


def _in_finder(x: int, y: int) -> bool:
    return any(cx - 1 <= x <= cx + 7 and cy - 1 <= y <= cy + 7 for cx, cy in FINDER_CORNERS)


def qr_placeholder_path(seed: str) -> str:
    """SVG path data for a QR-looking (not scannable) square derived from `seed`."""
    cells: list[tuple[int, int]] = []
    for cx, cy in FINDER_CORNERS:
        for dy in range(7):
            for dx in range(7):
                ring = dx in (0, 6) or dy in (0, 6)
                core = 2 <= dx <= 4 and 2 <= dy <= 4
                if ring or core:
                    cells.append((cx + dx, cy + dy))
    bits = "".join(
        f"{byte:08b}" for i in range(3) for byte in hashlib.sha256(f"{seed}:{i}".encode()).digest()
    )
    index = 0
    for y in range(QR_SIZE):
        for x in range(QR_SIZE):
            if _in_finder(x, y):
                continue
            if bits[index % len(bits)] == "1":
                cells.append((x, y))
            index += 1
    return "".join(f"M{x + QR_QUIET} {y + QR_QUIET}h1v1h-1z" for x, y in cells)


def back_link(txn: SandboxTransaction, *, state: str) -> str:
    status = txn.transaction_status if state != "expired" else TransactionStatus.EXPIRE
    status = status or TransactionStatus.PENDING
    base = txn.finish_url or f"{settings.PUBLIC_BASE_URL}/"
    return protocol.finish_redirect_url(
        base,
        order_id=txn.order_id,
        status_code=protocol.status_code_for(status),
        transaction_status=status,
    )


def pay_page_context(txn: SandboxTransaction, *, error: str = "") -> dict[str, Any]:
    state = page_state(txn)
    remaining = max(0, int((txn.expires_at - timezone.now()).total_seconds()))
    customer = txn.customer_details or {}
    customer_name = " ".join(
        part for part in (customer.get("first_name"), customer.get("last_name")) if part
    )
    items = [
        {
            "name": item.get("name", ""),
            "quantity": item.get("quantity", 0),
            "subtotal": protocol.format_rupiah(
                int(item.get("price", 0)) * int(item.get("quantity", 0))
            ),
        }
        for item in txn.item_details or []
    ]
    title, message = RESULT_TEXT.get(
        TransactionStatus.EXPIRE if state == "expired" else txn.transaction_status, ("", "")
    )
    return {
        "txn": txn,
        "state": state,
        "error": error,
        "merchant_name": MERCHANT_NAME,
        "amount_display": protocol.format_rupiah(txn.gross_amount),
        "expiry_display": format_wib(txn.expires_at),
        "expires_at_iso": txn.expires_at.isoformat(),
        "remaining_display": format_remaining(remaining),
        "customer_name": customer_name,
        "customer_email": customer.get("email", ""),
        "items": items,
        "methods": [
            {"value": value, "label": label, "hint": METHOD_HINTS[value]}
            for value, label in PaymentType.choices
            if value in txn.methods_offered
        ],
        "card_masked": protocol.card_masked(),
        "method_label": PaymentType(txn.payment_type).label if txn.payment_type else "",
        "qr_path": qr_placeholder_path(str(txn.transaction_id))
        if txn.payment_type == PaymentType.QRIS
        else "",
        "qr_viewbox": f"0 0 {QR_SIZE + 2 * QR_QUIET} {QR_SIZE + 2 * QR_QUIET}",
        "gopay_deeplink": (
            f"gojek://gopay/merchanttransfer?tref={txn.transaction_id}"
            f"&amount={txn.gross_amount}&activity=GP:RR"
        ),
        "result_title": title,
        "result_message": message,
        "back_url": back_link(txn, state=state) if state in ("final", "expired", "pending") else "",
    }
