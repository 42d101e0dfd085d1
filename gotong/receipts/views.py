"""E-kuitansi pages: the receipt (HTML, PDF, JSON) of a settled donation and the public page
that checks a receipt against the transparency log. Read-only; nothing here writes."""

from __future__ import annotations

import base64

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from gotong.notifications.tokens import receipt_key_valid
from gotong.payments.gateways import payment_method_name
from gotong.receipts import documents
from gotong.receipts.forms import ReceiptCheckForm
from gotong.receipts.selectors import Receipt, ReceiptClaim, receipt_get, receipt_verify

# A page about a settlement the log has not sealed yet reloads itself this often (it seals
# within about a minute: transparency.tasks).
AWAITING_SEAL_REFRESH_SECONDS = 15


def _receipt_or_404(order_id: str) -> Receipt:
    receipt = receipt_get(order_id=order_id)
    if receipt is None:
        raise Http404
    return receipt


def _public(response: HttpResponse) -> HttpResponse:
    # A receipt holds only public facts, but it is the donor's document: keep it out of search.
    response["X-Robots-Tag"] = "noindex"
    return response


def _donor_key(request: HttpRequest, order_id: str) -> str:
    """The key of the donor's own link (their receipt email), if this request carries it."""
    key = request.GET.get("kunci", "")
    return key if key and receipt_key_valid(order_id=order_id, key=key) else ""


def _own(response: HttpResponse) -> HttpResponse:
    """The donor's own copy names them: no shared cache keeps it."""
    response["Cache-Control"] = "private, no-store"
    return _public(response)


@require_GET
def receipt_detail(request: HttpRequest, order_id: str) -> HttpResponse:
    receipt = _receipt_or_404(order_id)
    key = _donor_key(request, order_id)
    url = documents.verification_url(receipt=receipt)
    donation = receipt.donation
    return (_own if key else _public)(
        render(
            request,
            "receipts/receipt.html",
            {
                "receipt": receipt,
                "donation": donation,
                "donor_name": donation.name if key else donation.public_name,
                "donor_key": key,
                "payment_method": payment_method_name(donation),
                "campaign": receipt.donation.campaign,
                "amount_words": documents.amount_words(receipt.donation.amount),
                "settled_at": documents.settled_at_text(receipt),
                "verify_url": url,
                "qr_svg": documents.qr_svg(url),
                "proof": receipt.proof,
                "audit_path": [h.hex() for h in receipt.proof.audit_path] if receipt.proof else [],
                "refresh_seconds": AWAITING_SEAL_REFRESH_SECONDS,
            },
        )
    )


@require_GET
def receipt_pdf(request: HttpRequest, order_id: str) -> HttpResponse:
    receipt = _receipt_or_404(order_id)
    key = _donor_key(request, order_id)
    donation = receipt.donation
    # The PDF is the Indonesian legal document whichever page it was downloaded from: its QR
    # code leads to the Indonesian check page too, and its payment method is named in it.
    with translation.override(settings.LANGUAGE_CODE):
        url = documents.verification_url(receipt=receipt)
        method = payment_method_name(donation)
    pdf = documents.receipt_pdf(
        receipt=receipt,
        verify_url=url,
        donor_name=donation.name if key else donation.public_name,
        payment_method=method,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="e-kuitansi-{order_id}.pdf"'
    return (_own if key else _public)(response)


@require_GET
def receipt_json(request: HttpRequest, order_id: str) -> HttpResponse:
    receipt = _receipt_or_404(order_id)
    donation, campaign = receipt.donation, receipt.donation.campaign
    log = None
    if receipt.proof is not None:
        head = receipt.proof.head
        log = {
            "leaf_index": receipt.proof.leaf_index,
            "leaf": base64.b64encode(receipt.proof.leaf).decode(),
            "tree_head": {
                "tree_size": head.tree_size,
                "timestamp": head.timestamp,
                "root_hash": head.root_hash,
                "signature": head.signature,
                "public_key": head.public_key,
            },
            "audit_path": [h.hex() for h in receipt.proof.audit_path],
        }
    return _public(
        JsonResponse(
            {
                "order_id": donation.order_id,
                "amount": donation.amount,
                "amount_words": documents.amount_words(donation.amount),
                "fee": donation.fee,
                "donor_name": donation.public_name,
                "campaign": {"slug": campaign.slug, "title": campaign.title},
                "settled_at": donation.settled_at.isoformat() if donation.settled_at else None,
                "status": donation.status,
                "verify_url": documents.verification_url(receipt=receipt),
                "log": log,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    )


@require_GET
def receipt_check(request: HttpRequest) -> HttpResponse:
    """Anyone may check a receipt: by scanning its QR code, or by typing its order id."""
    if not request.GET:
        return render(request, "receipts/verify.html", {"form": ReceiptCheckForm()})
    form = ReceiptCheckForm(request.GET)
    if not form.is_valid():
        return render(request, "receipts/verify.html", {"form": form}, status=400)
    data = form.cleaned_data
    claim = ReceiptClaim(
        order_id=data["order"],
        amount=data.get("jumlah"),
        leaf_index=data.get("leaf"),
        tree_size=data.get("size"),
        root_hash=data.get("root") or None,
    )
    result = receipt_verify(claim=claim)
    return render(
        request,
        "receipts/verify.html",
        {"form": form, "result": result, "refresh_seconds": AWAITING_SEAL_REFRESH_SECONDS},
    )
