"""`{{ donation|payment_method }}`: how a donation was paid, by name, wherever a donor reads it
(receipt, finish page, emails)."""

from __future__ import annotations

from django import template

from gotong.donations.models import Donation
from gotong.payments.gateways import payment_method_name

register = template.Library()


@register.filter
def payment_method(donation: Donation) -> str:
    return payment_method_name(donation)
