"""The transparency log: every ledger journal entry, every confirmed in-kind delivery and every
applied change of a help-information post's status as a leaf of an RFC 6962 Merkle tree, and
signed tree heads. Leaves, stored subtree hashes and heads are only ever inserted (by
`services.log_seal_batch`); `LogState` is the one row sealers lock and move forward.

The database is not what makes the log trustworthy: anyone holding an earlier signed head can
check that every later head extends it (docs/transparency.md, tools/verify_log.py).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

# Complete subtrees of 2**NODE_MIN_LEVEL leaves and larger are stored when sealing closes them,
# so a proof needs O(log n) stored hashes plus at most a few hundred leaf hashes.
NODE_MIN_LEVEL = 8


class LogLeaf(models.Model):
    """One leaf: a ledger journal entry, a confirmed delivery (the pledge the recipient
    confirmed), or an applied change in an info post's status history; exactly one of the
    three."""

    leaf_index = models.PositiveBigIntegerField(primary_key=True)
    entry = models.OneToOneField(
        "ledger.JournalEntry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="log_leaf",
    )
    pledge = models.OneToOneField(
        "inkind.Pledge", on_delete=models.PROTECT, null=True, blank=True, related_name="log_leaf"
    )
    info_change = models.OneToOneField(
        "info.InfoStatusChange",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="log_leaf",
    )
    # The canonical JSON bytes (leaves.leaf_encode, delivery_leaf_encode, info_leaf_encode)
    # exactly as hashed and served.
    leaf = models.BinaryField()
    # SHA-256(0x00 || leaf), 32 bytes.
    leaf_hash = models.BinaryField(max_length=32)

    class Meta:
        ordering = ["leaf_index"]
        constraints = [
            models.CheckConstraint(
                condition=Q(entry__isnull=False, pledge__isnull=True, info_change__isnull=True)
                | Q(entry__isnull=True, pledge__isnull=False, info_change__isnull=True)
                | Q(entry__isnull=True, pledge__isnull=True, info_change__isnull=False),
                name="logleaf_one_subject",
            )
        ]

    def __str__(self) -> str:
        if self.pledge_id is not None:
            return f"leaf {self.leaf_index} (delivery of pledge #{self.pledge_id})"
        if self.info_change_id is not None:
            return f"leaf {self.leaf_index} (info status change #{self.info_change_id})"
        return f"leaf {self.leaf_index} (entry #{self.entry_id})"


class LogNode(models.Model):
    """The hash of the complete subtree over leaves [index * 2**level, (index + 1) * 2**level)."""

    level = models.PositiveSmallIntegerField()
    index = models.PositiveBigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["level", "index"], name="lognode_level_index_unique")
        ]

    def __str__(self) -> str:
        return f"node {self.level}/{self.index}"


class TreeHead(models.Model):
    """A signed statement that the log's first `tree_size` leaves have Merkle root `root_hash`.

    The Ed25519 signature covers `signing.head_message(...)`: the canonical JSON of
    {"root_hash": <hex>, "timestamp": <ms>, "tree_size": <int>}.
    """

    tree_size = models.PositiveBigIntegerField()
    timestamp = models.BigIntegerField(help_text="Milliseconds since the Unix epoch.")
    root_hash = models.CharField(max_length=64, help_text="Lowercase hex SHA-256.")
    signature = models.CharField(max_length=100, help_text="Base64 Ed25519 signature.")
    public_key = models.CharField(max_length=64, help_text="Base64 raw 32-byte Ed25519 key.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"head {self.tree_size} {self.root_hash[:12]}"


class LogState(models.Model):
    """The single row (pk 1) every sealer locks first, so leaf indexes are handed out by one
    sealer at a time. Holds the tree's right edge (merkle.MerkleFrontier) so a seal hashes only
    the new leaves."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    tree_size = models.PositiveBigIntegerField(default=0)
    # Hex hashes of the complete subtrees along the right edge, largest first.
    frontier = models.JSONField(default=list)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="logstate_singleton")]

    def __str__(self) -> str:
        return f"log state: {self.tree_size} leaves"
