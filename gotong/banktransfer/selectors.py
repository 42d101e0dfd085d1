from __future__ import annotations

from django.db.models import QuerySet

from gotong.banktransfer.models import (
    WAITING_STATUSES,
    BankTransfer,
    StatementImport,
    StatementLine,
    TransferStatus,
)


def transfer_for(*, order_id: str) -> BankTransfer | None:
    return (
        BankTransfer.objects.select_related("donation", "donation__campaign")
        .filter(donation__order_id=order_id)
        .first()
    )


def statement_lines_waiting() -> QuerySet[StatementLine]:
    return StatementLine.objects.filter(status__in=WAITING_STATUSES).order_by("booked_on", "id")


def statement_imports_recent(*, limit: int = 10) -> QuerySet[StatementImport]:
    return StatementImport.objects.select_related("imported_by").order_by("-id")[:limit]


def transfers_open_count() -> int:
    return BankTransfer.objects.filter(status=TransferStatus.OPEN).count()
