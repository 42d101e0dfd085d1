"""THE RAW-SQL PATH OF bench/donations.py: the settlement transaction the notification endpoint
sends, written out as plain SQL (psycopg). Not a benchmark by itself.

This file is the one place to edit when the app's settlement changes (gotong/payments/services.py
`payment_report_apply` → gotong/donations/services.py `donation_settle_locked` → gotong/ledger):
the statements below, their order in `settle_sql`, and `RawPlan` if the accounts a settlement
touches change. Everything else in the bench (seeding, senders, rounds, the printout) stays.

- Account codes are not written here: bench/donations_tree.py `seed` creates each raw campaign's
  accounts by calling the tree's own `campaign_accounts_locked` and hands back the code of each
  account under the name that function gives it ("clearing", "funds", "fees"). Per-campaign
  sub-accounts therefore arrive here by themselves; a new role needs its name used below.
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
LOCK_DONATION = """SELECT id, campaign_id, amount, fee, status, order_id, name, email,
    is_anonymous, message, donor_id, gateway_status, payment_type, gateway_transaction_id,
    payment_token, payment_url, created_at, settled_at, failed_at FROM donations_donation
    WHERE order_id = %s ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE"""
GET_CATEGORY = "SELECT category FROM campaigns_campaign WHERE id = %s LIMIT 21"
SETTLE_DONATION = """UPDATE donations_donation SET status = 'settled', gateway_status = %s,
    payment_type = %s, gateway_transaction_id = %s, settled_at = now(), fee = %s WHERE id = %s"""
GET_ACCOUNT = """SELECT id, code, name, kind, campaign_id, balance FROM ledger_ledgeraccount
    WHERE code = %s LIMIT 21"""
LOCK_ACCOUNTS = """SELECT id, code, name, kind, campaign_id, balance FROM ledger_ledgeraccount
    WHERE id IN ({}) ORDER BY id ASC FOR UPDATE"""
INSERT_ENTRY = """INSERT INTO ledger_journalentry (created_at, kind, memo, idempotency_key,
    campaign_id, donation_id) VALUES (now(), %s, %s, %s, %s, %s) RETURNING id"""
INSERT_POSTINGS = """INSERT INTO ledger_posting (entry_id, account_id, amount)
    VALUES (%s, %s, %s), (%s, %s, %s)"""
MOVE_BALANCE = "UPDATE ledger_ledgeraccount SET balance = balance + %s WHERE id = %s"
BUMP_CAMPAIGN = """UPDATE campaigns_campaign SET collected = collected + %s,
    donor_count = donor_count + 1, fees = fees + %s WHERE id = %s"""
INSERT_NOTIFICATION = """INSERT INTO payments_paymentnotification (received_at, source, gateway,
    raw_body, order_id, transaction_status, outcome, detail, remote_addr) VALUES (now(), 'http',
    'midtrans', %s, %s, 'settlement', 'applied', 'settlement → donation settled', '127.0.0.1')"""


@dataclass(frozen=True)
class RawPlan:
    """What the plain-SQL path reads from the checkout's settings and seeded accounts."""

    # campaign id -> {role: account code}, roles as campaign_accounts_locked names them
    accounts: dict[int, dict[str, str]]
    fee_basis_points: int
    fee_zero_categories: frozenset[str]

    def fee(self, amount: int, category: str) -> int:
        """As gotong.donations.fees.fee_for: basis points of the amount, rounded down."""
        if not self.fee_basis_points or category in self.fee_zero_categories:
            return 0
        return amount * self.fee_basis_points // 10_000


def settle_sql(cur: psycopg.Cursor, order_id: str, body: str, plan: RawPlan) -> str:
    """The statements the endpoint's transaction issues for a campaign whose accounts exist, in
    donation_settle_locked's order: lock the donation, read the campaign's category for the fee,
    settle the donation, look the accounts up and lock them in id order, book the donation and
    then the platform fee (each entry, its two postings, the two balances in account-id order),
    move the campaign's counters (last, the hottest row), record the notification."""
    row = cur.execute(LOCK_DONATION, (order_id,)).fetchone()
    if row is None or row[4] == "settled":
        return "duplicate"
    donation_id, campaign_id, amount = row[0], row[1], row[2]
    codes = plan.accounts[campaign_id]
    (category,) = cur.execute(GET_CATEGORY, (campaign_id,)).fetchone()
    fee = plan.fee(amount, category)
    cur.execute(SETTLE_DONATION, ("settlement", "qris", str(uuid.uuid4()), fee, donation_id))
    clearing_id = cur.execute(GET_ACCOUNT, (codes["clearing"],)).fetchone()[0]
    funds_id = cur.execute(GET_ACCOUNT, (codes["funds"],)).fetchone()[0]
    entries = [
        ("donation_settled", f"Donasi {order_id}", "settled", clearing_id, funds_id, amount),
    ]
    ids = {clearing_id, funds_id}
    if fee > 0:
        fees_id = cur.execute(GET_ACCOUNT, (codes["fees"],)).fetchone()[0]
        memo = f"Biaya platform donasi {order_id}"
        entries.append(("platform_fee", memo, "fee", funds_id, fees_id, fee))
        ids.add(fees_id)
    locked = sorted(ids)
    cur.execute(LOCK_ACCOUNTS.format(", ".join(["%s"] * len(locked))), locked).fetchall()
    for kind, memo, suffix, debit, credit, value in entries:
        key = f"donation:{order_id}:{suffix}"
        entry = cur.execute(INSERT_ENTRY, (kind, memo, key, campaign_id, donation_id)).fetchone()[0]
        cur.execute(INSERT_POSTINGS, (entry, debit, value, entry, credit, -value))
        for account_id, delta in sorted([(debit, value), (credit, -value)]):
            cur.execute(MOVE_BALANCE, (delta, account_id))
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
