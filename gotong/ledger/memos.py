"""Journal entry memos. A memo is part of the signed transparency log, so it is written once, in
Indonesian, whatever language the person who caused it was using; pages show it translated
(`memo_display`). Each template is marked for translation but not translated when written."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gotong.ledger.models import EntryKind

DONATION_SETTLED = gettext_noop("Donasi %(order_id)s")
PLATFORM_FEE = gettext_noop("Biaya platform donasi %(order_id)s")
DONATION_REVERSED = gettext_noop("Donasi dibatalkan bank %(order_id)s")
DISBURSEMENT_PAID = gettext_noop("Pencairan dana: %(purpose)s")
FEE_REVERSED = gettext_noop("Biaya platform dikembalikan %(order_id)s")
DONATION_REFUNDED = gettext_noop("Donasi dikembalikan %(order_id)s")

_BY_KIND: dict[str, tuple[str, str]] = {
    EntryKind.DONATION_SETTLED: (DONATION_SETTLED, "order_id"),
    EntryKind.PLATFORM_FEE: (PLATFORM_FEE, "order_id"),
    EntryKind.DONATION_REVERSED: (DONATION_REVERSED, "order_id"),
    EntryKind.DISBURSEMENT_PAID: (DISBURSEMENT_PAID, "purpose"),
    EntryKind.FEE_REVERSED: (FEE_REVERSED, "order_id"),
    EntryKind.DONATION_REFUNDED: (DONATION_REFUNDED, "order_id"),
}


def memo_display(kind: str, memo: str) -> str:
    """The memo in the active language when it was written from one of the templates above;
    any other memo as it is."""
    found = _BY_KIND.get(kind)
    if found is None:
        return memo
    template, name = found
    head, _marker, tail = template.partition(f"%({name})s")
    if len(memo) < len(head) + len(tail) or not (memo.startswith(head) and memo.endswith(tail)):
        return memo
    return _(template) % {name: memo[len(head) : len(memo) - len(tail)]}
