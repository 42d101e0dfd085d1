"""THE RAW-SQL PATH OF bench/donations.py: the settlement transaction the notification endpoint
sends, written out as plain SQL (psycopg). Not a benchmark by itself.

This file is the one place to edit when the app's settlement changes (gotong/payments/services.py
`payment_report_apply` → gotong/donations/services.py `donation_transition_locked` →
gotong/ledger/movements.py `movement_record`):
the statements below, their order in `settle_sql`, and `RawPlan` if the accounts a settlement
touches change. Everything else in the bench (seeding, senders, rounds, the printout) stays.

- Account codes are not written here: bench/donations_tree.py `seed` creates each raw campaign's
  accounts with the tree's own code and hands back the code of each account under its role
  ("clearing", "funds", "fees": the per-campaign accounts of decision 17).
- The statement count of this path is measured (`count_statements`, BEGIN and COMMIT included)
  and printed beside the endpoint's own count, captured on one donation inside the tree: after
  an edit, `python bench/donations.py --smoke` shows whether the two still agree. Their *order*
  is not compared: keep `settle_sql` in the order the app issues them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

# --- The statements, as the endpoint's transaction sends them ---------------------------------
# (once the campaign's ledger accounts exist; BEGIN and COMMIT come from psycopg)
LOCK_DONATION = """SELECT d.id, d.campaign_id, d.amount, d.fee, d.status, d.order_id, d.name,
    d.email, d.is_anonymous, d.message, d.donor_id, d.referrer_id, d.language, d.gateway,
    d.gateway_status, d.payment_type, d.gateway_transaction_id, d.payment_token, d.payment_url,
    d.created_at, d.settled_at, d.failed_at, c.category AS campaign_category
    FROM donations_donation d INNER JOIN campaigns_campaign c ON (d.campaign_id = c.id)
    WHERE d.order_id = %s ORDER BY d.created_at DESC, d.id DESC LIMIT 1 FOR UPDATE OF d"""
SETTLE_DONATION = """UPDATE donations_donation SET status = 'settled', settled_at = now(),
    fee = %s, gateway_status = %s, payment_type = %s, gateway_transaction_id = %s WHERE id = %s"""
ENSURE_ACCOUNTS = """INSERT INTO ledger_ledgeraccount (code, name, kind, campaign_id, balance)
    SELECT v.column1, v.column2, v.column3, CAST(v.column4 AS BIGINT), 0 FROM (VALUES {}) AS v
    WHERE NOT EXISTS (SELECT 1 FROM ledger_ledgeraccount a WHERE a.code = v.column1)
    ON CONFLICT (code) DO NOTHING"""
INSERT_ENTRIES = """INSERT INTO ledger_journalentry (created_at, kind, memo, idempotency_key,
    campaign_id, donation_id) VALUES {} RETURNING id"""
INSERT_POSTINGS = "INSERT INTO ledger_posting (entry_id, account_id, amount) VALUES {}"
POSTING = "(%s, (SELECT id FROM ledger_ledgeraccount WHERE code = %s), %s)"
MOVE_BALANCES = """UPDATE ledger_ledgeraccount SET balance = balance + CASE code {} END
    WHERE id IN (SELECT id FROM ledger_ledgeraccount WHERE code IN ({}) ORDER BY id
    FOR NO KEY UPDATE)"""
ADD_FLOWS = """INSERT INTO ledger_flowmonth (month, campaign_id, collected, donor_count, fees,
    paid_out, refunded)
    VALUES (CAST(date_trunc('month', now() AT TIME ZONE 'Asia/Jakarta') AS date),
    %s, %s, 1, %s, 0, 0)
    ON CONFLICT (month, campaign_id) DO UPDATE SET
    collected = ledger_flowmonth.collected + excluded.collected,
    donor_count = ledger_flowmonth.donor_count + excluded.donor_count,
    fees = ledger_flowmonth.fees + excluded.fees, paid_out = ledger_flowmonth.paid_out +
    excluded.paid_out, refunded = ledger_flowmonth.refunded + excluded.refunded"""
BUMP_CAMPAIGN = """UPDATE campaigns_campaign SET collected = collected + %s,
    donor_count = donor_count + 1, fees = fees + %s WHERE id = %s AND NOT status = 'closed'"""
INSERT_NOTIFICATION = """INSERT INTO payments_paymentnotification (received_at, source, gateway,
    raw_body, order_id, transaction_status, outcome, detail, remote_addr) VALUES (now(), 'http',
    'midtrans', %s, %s, 'settlement', 'applied', 'settlement → donation settled', '127.0.0.1')"""


@dataclass(frozen=True)
class RawPlan:
    """What the plain-SQL path reads from the checkout's settings and seeded accounts."""

    # campaign id -> {role: account code}, roles as gotong.ledger.movements.Role names them
    accounts: dict[int, dict[str, str]]
    fee_basis_points: int
    fee_zero_categories: frozenset[str]

    def fee(self, amount: int, category: str) -> int:
        """As gotong.donations.fees.fee_for: basis points of the amount, rounded down."""
        if not self.fee_basis_points or category in self.fee_zero_categories:
            return 0
        return amount * self.fee_basis_points // 10_000


def settle_sql(cur: psycopg.Cursor, order_id: str, body: str, plan: RawPlan) -> str:
    """The statements the endpoint's transaction issues, in the app's order: lock the donation
    (its campaign's category joined), settle it, create the campaign's accounts if missing
    (a no-op here: they exist), insert both entries, then their four postings, then the hot
    rows last: move each balance once (one UPDATE locking the accounts in id order), add to the
    campaign's month row of open data, move the campaign's counters; record the notification."""
    row = cur.execute(LOCK_DONATION, (order_id,)).fetchone()
    if row is None or row[4] == "settled":
        return "duplicate"
    donation_id, campaign_id, amount, category = row[0], row[1], row[2], row[-1]
    codes = plan.accounts[campaign_id]
    fee = plan.fee(amount, category)
    cur.execute(SETTLE_DONATION, (fee, "settlement", "qris", str(uuid.uuid4()), donation_id))
    wanted = [codes["clearing"], codes["funds"]] + ([codes["fees"]] if fee > 0 else [])
    cur.execute(
        ENSURE_ACCOUNTS.format(", ".join(["(%s, %s, %s, %s)"] * len(wanted))),
        [p for code in wanted for p in (code, code, "asset", campaign_id)],
    )
    clearing, funds = codes["clearing"], codes["funds"]
    entries = [("donation_settled", f"Donasi {order_id}", "settled", clearing, funds, amount)]
    if fee > 0:
        entries.append(
            ("platform_fee", f"Biaya platform donasi {order_id}", "fee", funds, codes["fees"], fee)
        )
    values = ", ".join(["(now(), %s, %s, %s, %s, %s)"] * len(entries))
    params = [
        p
        for kind, memo, suffix, *_ in entries
        for p in (kind, memo, f"donation:{order_id}:{suffix}", campaign_id, donation_id)
    ]
    entry_ids = [r[0] for r in cur.execute(INSERT_ENTRIES.format(values), params).fetchall()]
    postings = [
        p
        for entry_id, (_k, _m, _s, debit, credit, value) in zip(entry_ids, entries, strict=True)
        for p in (entry_id, debit, value, entry_id, credit, -value)
    ]
    cur.execute(INSERT_POSTINGS.format(", ".join([POSTING] * (2 * len(entries)))), postings)
    deltas: dict[str, int] = {}
    for *_head, debit, credit, value in entries:
        deltas[debit] = deltas.get(debit, 0) + value
        deltas[credit] = deltas.get(credit, 0) - value
    moved = {k: v for k, v in deltas.items() if v}
    cases = " ".join(["WHEN %s THEN CAST(%s AS BIGINT)"] * len(moved))
    cur.execute(
        MOVE_BALANCES.format(cases, ", ".join(["%s"] * len(moved))),
        [p for item in moved.items() for p in item] + list(moved),
    )
    cur.execute(ADD_FLOWS, (campaign_id, amount, fee))  # open data's month row (decision 36)
    cur.execute(BUMP_CAMPAIGN, (amount, fee, campaign_id))  # the hottest row last, as the app does
    cur.execute(INSERT_NOTIFICATION, (body, order_id))
    return "applied"


# --- Plumbing (no need to touch when the statements change) -----------------------------------


def sql_worker(conn: psycopg.Connection, plan: RawPlan) -> Callable[[tuple[str, str]], str]:
    """Settle one donation in one transaction on this thread's own connection."""

    def settle(item: tuple[str, str]) -> str:
        try:
            with conn.transaction(), conn.cursor() as cur:
                return settle_sql(cur, *item, plan)
        except psycopg.Error as exc:
            return type(exc).__name__

    return settle


class _CountingCursor:
    """Just enough of a psycopg cursor for `settle_sql`, counting `execute` calls."""

    def __init__(self, cur: psycopg.Cursor) -> None:
        self.cur, self.statements = cur, 0

    def execute(self, query: str, params: object = None) -> psycopg.Cursor:
        self.statements += 1
        return self.cur.execute(query, params)


def count_statements(dsn: str, item: tuple[str, str], plan: RawPlan) -> tuple[int, str]:
    """Settle one donation through `settle_sql`: (statements with BEGIN and COMMIT, result)."""
    with psycopg.connect(dsn) as conn, conn.transaction(), conn.cursor() as cur:
        counting = _CountingCursor(cur)
        result = settle_sql(counting, *item, plan)  # type: ignore[arg-type]
    return counting.statements + 2, result
