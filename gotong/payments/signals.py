"""What payments announce to the apps above them, which they may not import: sent after the
commit of the transaction that made the move, never inside it."""

from __future__ import annotations

from django.dispatch import Signal

# A donation settled (or settled again after a failure): `donation_id`. The transparency log
# seals it soon after (transparency.apps).
donation_settled = Signal()
