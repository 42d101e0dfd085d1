"""E-kuitansi: what a receipt states, and the checks the public verification page runs.

A receipt holds only what the public ledger already shows (the donor's public name, amount,
campaign, time, order id) plus the donation's place in the transparency log: the leaf index of
its settlement entry, a signed tree head, and the inclusion proof against that head. Nothing
here writes; a receipt for a settlement the sealer has not reached yet (it seals within about a
minute of the settlement) says so and carries no proof until then. docs/transparency.md
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from gotong.donations.models import Donation, DonationStatus
from gotong.ledger import codes
from gotong.ledger.models import EntryKind
from gotong.transparency import merkle, signing
from gotong.transparency import selectors as log_selectors
from gotong.transparency.models import LogLeaf, TreeHead

RECEIPT_STATUSES = (DonationStatus.SETTLED, DonationStatus.REFUNDED)


@dataclass(frozen=True)
class LogProof:
    """Where a donation's settlement sits in the log, and the proof against a signed head."""

    leaf_index: int
    leaf: bytes
    head: TreeHead
    audit_path: list[bytes]


@dataclass(frozen=True)
class Receipt:
    donation: Donation
    proof: LogProof | None = None  # None until the sealer reaches the settlement entry

    @property
    def refunded(self) -> bool:
        return self.donation.status == DonationStatus.REFUNDED


def _settlement_leaf(*, order_id: str) -> LogLeaf | None:
    """The log leaf of an order's settlement entry: one join, None until it is sealed."""
    return LogLeaf.objects.filter(
        entry__donation__order_id=order_id, entry__kind=EntryKind.DONATION_SETTLED
    ).first()


def receipt_get(*, order_id: str) -> Receipt | None:
    """The receipt of a settled (or since refunded) donation, or None."""
    donation = (
        Donation.objects.select_related("campaign", "campaign__owner")
        .filter(order_id=order_id, status__in=RECEIPT_STATUSES)
        .first()
    )
    if donation is None:
        return None
    leaf = _settlement_leaf(order_id=order_id)
    head = log_selectors.log_head_latest()
    if leaf is None or head is None or leaf.leaf_index >= head.tree_size:
        return Receipt(donation=donation)
    path = log_selectors.log_inclusion_proof(leaf_index=leaf.leaf_index, tree_size=head.tree_size)
    proof = LogProof(leaf_index=leaf.leaf_index, leaf=bytes(leaf.leaf), head=head, audit_path=path)
    return Receipt(donation=donation, proof=proof)


@dataclass(frozen=True)
class ReceiptClaim:
    """What a receipt (or its QR code) asserts. Only `order_id` is required: without the log
    fields, the checks run against the latest signed head."""

    order_id: str
    amount: int | None = None
    leaf_index: int | None = None
    tree_size: int | None = None
    root_hash: str | None = None


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    detail: str = ""
    waiting: bool = False  # not passed yet, and not failed: the sealer has yet to reach it


@dataclass(frozen=True)
class Verification:
    claim: ReceiptClaim
    checks: list[Check]
    leaf_data: dict[str, Any] | None = None
    head: TreeHead | None = None

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(check.ok for check in self.checks)

    @property
    def awaiting_seal(self) -> bool:
        """A genuine settlement the log has not sealed yet: nothing failed, something waits."""
        return (
            not self.ok
            and any(check.waiting for check in self.checks)
            and all(check.ok or check.waiting for check in self.checks)
        )


def _leaf_amount(data: dict[str, Any]) -> int | None:
    """The amount a settlement leaf moved into its campaign's funds."""
    campaign_id = data.get("campaign_id")
    if not isinstance(campaign_id, int):
        return None
    funds = codes.campaign_funds_code(campaign_id)
    for posting in data.get("postings") or []:
        if isinstance(posting, dict) and posting.get("account") == funds:
            amount = posting.get("amount")
            return -amount if isinstance(amount, int) else None
    return None


def _head_for(claim: ReceiptClaim, latest: TreeHead) -> TreeHead | None:
    if claim.tree_size is None or claim.root_hash is None:
        return latest
    return (
        TreeHead.objects.filter(tree_size=claim.tree_size, root_hash=claim.root_hash)
        .order_by("id")
        .first()
    )


def _leaf_index_for(claim: ReceiptClaim) -> int | None:
    if claim.leaf_index is not None:
        return claim.leaf_index
    leaf = _settlement_leaf(order_id=claim.order_id)
    return leaf.leaf_index if leaf is not None else None


def _awaiting_seal(claim: ReceiptClaim) -> list[Check] | None:
    """The checks of a receipt whose settlement the sealer has not reached yet (it seals within
    about a minute, transparency.tasks), or None when the order has no receipt or the receipt
    claims a place in the log: only the donations table can vouch for it until then, so this
    never passes, it waits."""
    if claim.leaf_index is not None:
        return None
    amount = (
        Donation.objects.filter(order_id=claim.order_id, status__in=RECEIPT_STATUSES)
        .values_list("amount", flat=True)
        .first()
    )
    if amount is None:
        return None
    checks = [Check(_("Donasi dengan nomor pesanan ini tercatat di buku besar Gotong"), True)]
    if claim.amount is not None:
        checks.append(
            Check(_("Nominal sama dengan yang tercatat di buku besar"), amount == claim.amount)
        )
    checks.append(
        Check(_("Entri donasi ada di log"), False, _("menunggu disegel (±1 menit)"), waiting=True)
    )
    return checks


def receipt_verify(*, claim: ReceiptClaim) -> Verification:
    """Check a receipt against the transparency log, not against the donations table: the
    leaf must be this order's settlement of this amount, the head must carry a valid signature,
    the leaf must be included under that head, and that head must be a prefix of the latest
    one (nothing rewritten since the receipt was issued). A settlement not sealed yet waits
    (`Verification.awaiting_seal`) instead of failing; a forged order id still fails."""
    checks: list[Check] = []
    latest = log_selectors.log_head_latest()
    if latest is None:
        waiting = _awaiting_seal(claim)
        if waiting is not None:
            return Verification(claim, waiting)
        return Verification(claim, [Check(_("Log transparansi sudah memiliki kepala log"), False)])
    head = _head_for(claim, latest)
    if head is None:
        checks.append(Check(_("Kepala log pada kuitansi pernah diterbitkan log ini"), False))
        return Verification(claim, checks)
    index = _leaf_index_for(claim)
    checks.append(
        Check(
            _("Tanda tangan kepala log sah (Ed25519)"),
            signing.head_signature_valid(
                tree_size=head.tree_size,
                timestamp=head.timestamp,
                root_hash=head.root_hash,
                signature=head.signature,
                public_key=head.public_key,
            ),
            f"tree_size {head.tree_size}, root {head.root_hash}",
        )
    )
    if index is None or index >= head.tree_size:
        waiting = _awaiting_seal(claim)
        if waiting is not None:
            return Verification(claim, checks + waiting, head=head)
        checks.append(Check(_("Entri donasi ada di log"), False, _("belum disegel atau tidak ada")))
        return Verification(claim, checks, head=head)
    rows = log_selectors.log_leaves(start=index, end=index)
    leaf = rows[0][1] if rows else b""
    try:
        data = json.loads(leaf)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        checks.append(
            Check(_("Entri donasi ada di log"), False, _("indeks %(index)s") % {"index": index})
        )
        return Verification(claim, checks, head=head)
    amount = _leaf_amount(data)
    checks.append(
        Check(
            _("Entri log adalah donasi dengan nomor pesanan ini"),
            data.get("kind") == EntryKind.DONATION_SETTLED
            and data.get("order_id") == claim.order_id,
            f"#{index}: {data.get('kind')} {data.get('order_id')}",
        )
    )
    if claim.amount is not None:
        checks.append(
            Check(
                _("Nominal sama dengan yang tercatat di log"), amount == claim.amount, str(amount)
            )
        )
    path = log_selectors.log_inclusion_proof(leaf_index=index, tree_size=head.tree_size)
    checks.append(
        Check(
            _("Bukti inklusi cocok dengan root hash kepala log"),
            merkle.verify_inclusion(
                leaf_hash=merkle.leaf_hash(leaf),
                index=index,
                size=head.tree_size,
                path=path,
                root=bytes.fromhex(head.root_hash),
            ),
            f"{len(path)} hash",
        )
    )
    if head.pk != latest.pk:
        proof = log_selectors.log_consistency_proof(first=head.tree_size, second=latest.tree_size)
        checks.append(
            Check(
                _("Log sejak kuitansi terbit hanya bertambah (bukti konsistensi)"),
                merkle.verify_consistency(
                    first=head.tree_size,
                    second=latest.tree_size,
                    first_root=bytes.fromhex(head.root_hash),
                    second_root=bytes.fromhex(latest.root_hash),
                    proof=proof,
                ),
                f"{head.tree_size} → {latest.tree_size}",
            )
        )
    return Verification(claim, checks, leaf_data=data, head=head)
