"""What payments announce to the apps above them, which they may not import: sent after the
commit of the transaction that made the move, never inside it."""

from __future__ import annotations

from django.dispatch import Signal

# A donation settled (or settled again after a failure): `donation_id`. The transparency log
# seals it soon after (transparency.apps).
donation_settled = Signal()

# A gateway subscription's charge moved its donation (settled, failed, denied, …), sent once
# per applied move: `subscription_id`, `donation_id`, `transaction_status` (the gateway's word,
# "settlement", "deny", …) and `status_message` (its reason, or ''). The plan side counts failed
# charges and pauses a plan (decision 35).
subscription_charge_reported = Signal()
