"""The platform's own pages: Tentang, Bantuan, Syarat & Ketentuan, Kebijakan Privasi, Kontak.
Their facts (fee, limits, periods, the foundation and its officer) come from settings, so the
pages say what this instance does."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gotong.campaigns.models import Category
from gotong.donations.fees import CEILING_BASIS_POINTS, percent_text
from gotong.history.tokens import LINK_HOURS


def _facts() -> dict[str, Any]:
    return {
        "fee_percent": percent_text(settings.PLATFORM_FEE_BASIS_POINTS),
        "fee_ceiling_percent": percent_text(CEILING_BASIS_POINTS),
        "fee_free_categories": [
            label for value, label in Category.choices if value in settings.FEE_ZERO_CATEGORIES
        ],
        "donation_min": settings.DONATION_MIN_AMOUNT,
        "donation_max": settings.DONATION_MAX_AMOUNT,
        "payment_minutes": settings.PAYMENT_EXPIRY_MINUTES,
        "transfer_hours": settings.TRANSFER_VALID_HOURS,
        "transfer_offered": "transfer" in settings.PAYMENT_GATEWAYS,
        "usage_report_days": settings.USAGE_REPORT_DAYS,
        "history_link_hours": LINK_HOURS,
        "foundation_name": settings.FOUNDATION_NAME,
        "foundation_address": settings.FOUNDATION_ADDRESS,
        "pub_permit": settings.FOUNDATION_PUB_PERMIT,
        "contact_email": settings.CONTACT_EMAIL,
        "dpo_name": settings.DPO_NAME,
        "dpo_email": settings.DPO_EMAIL,
        "retention_financial_years": settings.RETENTION_FINANCIAL_YEARS,
        "retention_kyc_years": settings.RETENTION_KYC_YEARS,
        "retention_contact_days": settings.RETENTION_CONTACT_DAYS,
    }


@require_GET
def page(request: HttpRequest, *, template: str) -> HttpResponse:
    return render(request, f"pages/{template}.html", _facts())
