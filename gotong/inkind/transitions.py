"""The two state machines of in-kind aid: needs and pledges. Every service that moves one
consults its table; a move the table refuses changes nothing and is recorded (`AidEvent`, with
the reason) instead of raising.

Need:
    draft ──submit──▶ in_review ──approve──▶ open ──fulfil──▶ fulfilled
      │  ◀──reject───┘                        │  ◀──reopen────┘
      └──publish (a poster with an approved need before)──▶ open ──expire──▶ expired
    draft, in_review, open ──close──▶ closed;  in_review, open ──merge──▶ closed (a duplicate)

Pledge (the quantity is held on the line from `proposed` until a freeing status):
    proposed ──accept──▶ accepted ──deliver──▶ delivered ──confirm──▶ confirmed
       │                    │  └────────confirm (code at handover)──────┘
       ├─decline─▶ declined │
       ├─withdraw / lapse───┴─▶ withdrawn / lapsed
    accepted, delivered ──dispute──▶ disputed ──resolve_delivered──▶ confirmed
                                        └──────resolve_cancelled──▶ cancelled
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gotong.core.statemachine import Decision, table_decide


class NeedStatus(models.TextChoices):
    DRAFT = "draft", _("draf")
    IN_REVIEW = "in_review", _("menunggu peninjauan")
    OPEN = "open", _("terbuka")
    FULFILLED = "fulfilled", _("terpenuhi")
    EXPIRED = "expired", _("kedaluwarsa")
    CLOSED = "closed", _("ditutup")


class NeedEvent(models.TextChoices):
    SUBMIT = "submit", _("diajukan untuk ditinjau")
    PUBLISH = "publish", _("diterbitkan")
    APPROVE = "approve", _("disetujui moderator")
    REJECT = "reject", _("dikembalikan ke pengaju")
    FULFIL = "fulfil", _("semua kebutuhan terpenuhi")
    REOPEN = "reopen", _("dibuka kembali")
    EXPIRE = "expire", _("batas waktu lewat")
    CLOSE = "close", _("ditutup")
    MERGE = "merge", _("digabung dengan kebutuhan yang sama")


class PledgeStatus(models.TextChoices):
    PROPOSED = "proposed", _("menunggu persetujuan")
    ACCEPTED = "accepted", _("disetujui")
    DELIVERED = "delivered", _("ditandai terkirim")
    CONFIRMED = "confirmed", _("diterima, dikonfirmasi penerima")
    DISPUTED = "disputed", _("dipersoalkan")
    DECLINED = "declined", _("ditolak")
    WITHDRAWN = "withdrawn", _("dibatalkan")
    LAPSED = "lapsed", _("lewat tanggal")
    CANCELLED = "cancelled", _("dibatalkan moderator")


class PledgeEvent(models.TextChoices):
    ACCEPT = "accept", _("disetujui")
    DECLINE = "decline", _("ditolak")
    WITHDRAW = "withdraw", _("dibatalkan")
    LAPSE = "lapse", _("lewat tanggal")
    DELIVER = "deliver", _("ditandai terkirim")
    CONFIRM = "confirm", _("penerimaan dikonfirmasi")
    DISPUTE = "dispute", _("dipersoalkan")
    RESOLVE_DELIVERED = "resolve_delivered", _("moderator: sudah diterima")
    RESOLVE_CANCELLED = "resolve_cancelled", _("moderator: dibatalkan")


N, NE = NeedStatus, NeedEvent
NEED_TRANSITIONS: dict[tuple[str, str], str] = {
    (N.DRAFT, NE.SUBMIT): N.IN_REVIEW,
    (N.DRAFT, NE.PUBLISH): N.OPEN,
    (N.IN_REVIEW, NE.APPROVE): N.OPEN,
    (N.IN_REVIEW, NE.REJECT): N.DRAFT,
    (N.OPEN, NE.FULFIL): N.FULFILLED,
    (N.FULFILLED, NE.REOPEN): N.OPEN,
    (N.OPEN, NE.EXPIRE): N.EXPIRED,
    (N.DRAFT, NE.CLOSE): N.CLOSED,
    (N.IN_REVIEW, NE.CLOSE): N.CLOSED,
    (N.OPEN, NE.CLOSE): N.CLOSED,
    (N.IN_REVIEW, NE.MERGE): N.CLOSED,
    (N.OPEN, NE.MERGE): N.CLOSED,
}
# Needs people can see and pledge to.
PUBLIC_NEED = frozenset({N.OPEN, N.FULFILLED, N.EXPIRED, N.CLOSED})

P, PE = PledgeStatus, PledgeEvent
PLEDGE_TRANSITIONS: dict[tuple[str, str], str] = {
    (P.PROPOSED, PE.ACCEPT): P.ACCEPTED,
    (P.PROPOSED, PE.DECLINE): P.DECLINED,
    (P.PROPOSED, PE.WITHDRAW): P.WITHDRAWN,
    (P.ACCEPTED, PE.WITHDRAW): P.WITHDRAWN,
    (P.PROPOSED, PE.LAPSE): P.LAPSED,
    (P.ACCEPTED, PE.LAPSE): P.LAPSED,
    (P.ACCEPTED, PE.DELIVER): P.DELIVERED,
    (P.ACCEPTED, PE.CONFIRM): P.CONFIRMED,
    (P.DELIVERED, PE.CONFIRM): P.CONFIRMED,
    (P.ACCEPTED, PE.DISPUTE): P.DISPUTED,
    (P.DELIVERED, PE.DISPUTE): P.DISPUTED,
    (P.DISPUTED, PE.RESOLVE_DELIVERED): P.CONFIRMED,
    (P.DISPUTED, PE.RESOLVE_CANCELLED): P.CANCELLED,
}
# Statuses whose quantity is held on the need line (counted as pledged); the others free it.
HOLDS = frozenset({P.PROPOSED, P.ACCEPTED, P.DELIVERED, P.DISPUTED, P.CONFIRMED})
# Statuses in which the two people see each other's contact.
MATCHED = frozenset({P.ACCEPTED, P.DELIVERED, P.DISPUTED, P.CONFIRMED})


def need_decide(*, status: str, event: str) -> Decision:
    return table_decide(NEED_TRANSITIONS, noun="need", status=status, event=event)


def pledge_decide(*, status: str, event: str) -> Decision:
    return table_decide(PLEDGE_TRANSITIONS, noun="pledge", status=status, event=event)
