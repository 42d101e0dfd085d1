"""Transparency-log figures: how long `log_seal` takes for 100,000 new ledger entries, and how
long tools/verify_log.py takes to verify a 1,000,000-leaf log read from a file.

Run from the repository root: `.venv/bin/python bench/seal_log.py --help`.

1. seal: a temp GOTONG_VAR_DIR with a fresh SQLite database (`--db postgres`: a database
   `gotong_bench_seal_<pid>` on 127.0.0.1), migrated. Each round bulk-inserts `--entries`
   balanced journal entries (a settled donation and its platform fee, alternating, with their
   donations, on 20 campaigns), then times `log_seal()` over them; the log grows every round.
   Then: a seal with nothing new (the cost of finding unsealed entries), proofs from stored
   subtrees, and a full recomputation of the root from every stored leaf hash as a check.
2. verify: without Django, writes a synthetic `--leaves`-leaf JSONL dump of the same shape and
   a signed head, plus a state file holding the head at half the size (so every run also checks
   that history was kept), then times `tools/verify_log.py --entries-file` on it.
Both report the median of `--rounds` runs. Everything lives in the temp dir and is removed at
the end (unless `--keep`).
"""

from __future__ import annotations

import argparse
import base64
import datetime
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

sys.path.insert(0, str(common.ROOT))
from gotong.transparency import merkle

CAMPAIGNS = 20
SMOKE = {"entries": 2_000, "leaves": 5_000, "rounds": 1, "timeout": 180}


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--entries", type=int, default=100_000, help="new entries per seal [100000]")
    p.add_argument("--leaves", type=int, default=1_000_000, help="leaves to verify [1000000]")
    p.add_argument("--rounds", type=int, default=3, help="runs of each measurement [3]")
    p.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    p.add_argument("--skip-seal", action="store_true")
    p.add_argument("--skip-verify", action="store_true")
    p.add_argument(
        "--compare",
        metavar="REV",
        help="also time tools/verify_log.py as of git revision REV on the same dump (before)",
    )
    p.add_argument("--timeout", type=int, default=3600, help="global timeout, seconds [3600]")
    p.add_argument("--keep", action="store_true", help="keep the temp dir (and database)")
    return common.parse_args_smoke(p, SMOKE)


def canonical(obj: object) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# --- 1. Sealing --------------------------------------------------------------------------------


def django_start(var_dir: Path, database_url: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        GOTONG_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY="bench",
        LOG_SIGNING_KEY="",  # generated into the temp VAR_DIR on first seal
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def ledger_fill(round_no: int, n: int) -> None:
    """n entries: n/2 settled donations, each followed by its 5% fee entry (bulk inserts)."""
    from django.utils import timezone

    from gotong.campaigns.models import Campaign
    from gotong.donations.models import Donation, DonationStatus
    from gotong.ledger import codes as account_codes
    from gotong.ledger.models import EntryKind, JournalEntry, LedgerAccount, Posting

    campaigns = list(Campaign.objects.order_by("id").values_list("id", flat=True))
    codes = dict(LedgerAccount.objects.values_list("code", "id"))
    now = timezone.now()
    donations = Donation.objects.bulk_create(
        (
            Donation(
                order_id=f"GTG-{campaigns[i % CAMPAIGNS]}-R{round_no}{i:09d}",
                campaign_id=campaigns[i % CAMPAIGNS],
                amount=10_000 + 1_000 * (i % 500),
                name="Bench",
                status=DonationStatus.SETTLED,
                settled_at=now,
            )
            for i in range(n // 2)
        ),
        batch_size=2_000,
    )
    entries, legs = [], []
    for d in donations:
        funds = codes[account_codes.campaign_funds_code(d.campaign_id)]
        fees = codes[account_codes.campaign_fees_code(d.campaign_id)]
        clearing = codes[account_codes.clearing_code(gateway="midtrans", campaign_id=d.campaign_id)]
        fee = d.amount // 20
        for kind, memo, debit, credit, amount in (
            (EntryKind.DONATION_SETTLED, f"Donasi {d.order_id}", clearing, funds, d.amount),
            (EntryKind.PLATFORM_FEE, f"Biaya platform donasi {d.order_id}", funds, fees, fee),
        ):
            entries.append(
                JournalEntry(
                    kind=kind,
                    memo=memo,
                    idempotency_key=f"{d.order_id}:{kind}",
                    campaign_id=d.campaign_id,
                    donation_id=d.pk,
                )
            )
            legs.append((debit, credit, amount))
    JournalEntry.objects.bulk_create(entries, batch_size=2_000)
    Posting.objects.bulk_create(
        (
            Posting(entry_id=entry.pk, account_id=account, amount=amount)
            for entry, (debit, credit, value) in zip(entries, legs, strict=True)
            for account, amount in ((debit, value), (credit, -value))
        ),
        batch_size=2_000,
    )


def campaigns_create() -> None:
    from django.db import transaction
    from django.utils import timezone

    from gotong.accounts.models import User
    from gotong.campaigns.models import Campaign, CampaignStatus, Category
    from gotong.donations.services import clearing_account
    from gotong.ledger.movements import accounts_lock, campaign_accounts

    owner = User.objects.create_user("bench@contoh.id", None, display_name="Bench")
    for i in range(CAMPAIGNS):
        campaign = Campaign.objects.create(
            slug=f"bench-seal-{i}",
            owner=owner,
            title=f"Bench {i}",
            story="Bench.",
            story_html="<p>Bench.</p>",
            category=Category.LAINNYA,
            beneficiary="Bench",
            target=10**12,
            deadline=timezone.localdate() + datetime.timedelta(days=30),
            status=CampaignStatus.PUBLISHED,
            published_at=timezone.now(),
        )
        specs = campaign_accounts(
            campaign_id=campaign.pk,
            clearing=clearing_account(gateway="midtrans", campaign_id=campaign.pk),
        )
        with transaction.atomic():
            accounts_lock(list(specs.values()))


def bench_seal(args: argparse.Namespace, var_dir: Path) -> bool:
    if args.db == "postgres":
        db = common.db_name("seal")
        common.pg_recreate(db)
        database_url, where = common.pg_url(db), f"PostgreSQL database {db}"
    else:
        path = var_dir / "bench.sqlite3"
        database_url, where = f"sqlite:///{path}", f"SQLite {path}"
    try:
        return _seal_rounds(args, var_dir, database_url, where)
    finally:
        if args.db == "postgres" and not args.keep:
            from django.db import connections

            connections.close_all()
            common.pg_drop(db)


def _seal_rounds(args: argparse.Namespace, var_dir: Path, database_url: str, where: str) -> bool:
    django_start(var_dir, database_url)
    from gotong.transparency import selectors
    from gotong.transparency.services import SEAL_BATCH_SIZE, log_seal

    campaigns_create()
    print(f"seal: {where}; {args.entries} new entries per round, batches of {SEAL_BATCH_SIZE}")
    print(f"{'round':>5}{'log before':>12}{'insert s':>10}{'seal s':>9}{'entries/s':>11}")
    times = []
    for r in range(args.rounds):
        before = selectors.log_size()
        started = time.perf_counter()
        ledger_fill(r, args.entries)
        filled = time.perf_counter() - started
        started = time.perf_counter()
        result = log_seal()
        secs = time.perf_counter() - started
        times.append(secs)
        assert result.sealed == args.entries, result
        print(f"{r + 1:>5}{before:>12}{filled:>10.1f}{secs:>9.2f}{args.entries / secs:>11.0f}")

    size = selectors.log_size()
    started = time.perf_counter()
    assert log_seal().sealed == 0
    print(
        f"seal with nothing new at {size} leaves: {1000 * (time.perf_counter() - started):.0f} ms"
    )
    started = time.perf_counter()
    for i in range(100):
        selectors.log_inclusion_proof(leaf_index=(i * 7919) % size, tree_size=size)
        selectors.log_consistency_proof(first=1 + (i * 104729) % size, second=size)
    per_pair = 10 * (time.perf_counter() - started)
    print(f"one inclusion + one consistency proof from stored subtrees: {per_pair:.1f} ms")
    started = time.perf_counter()
    root = merkle.root_hash(selectors.log_leaf_hashes(size=size)).hex()
    secs = time.perf_counter() - started
    ok = root == selectors.log_head_latest().root_hash
    print(f"root recomputed from all {size} stored leaf hashes in {secs:.1f} s: ", end="")
    print("matches the signed head" if ok else "MISMATCH")
    print(f"median seal of {args.entries} new entries: {statistics.median(times):.2f} s")
    return ok


# --- 2. Verifying ------------------------------------------------------------------------------


def dump_write(n: int, folder: Path) -> tuple[Path, Path, Path]:
    """A synthetic log of n leaves shaped like the real ones: JSONL dump, signed head, and a
    state file holding the signed head at n // 2."""
    key = Ed25519PrivateKey.generate()
    public = base64.b64encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    frontier, half = merkle.MerkleFrontier(), None
    dump = folder / "log.jsonl"
    with dump.open("w") as out:
        for i in range(n):
            campaign, order = 1 + i // 2 % CAMPAIGNS, f"GTG-{1 + i // 2 % CAMPAIGNS}-{i // 2:016X}"
            amount = 10_000 + 1_000 * (i // 2 % 500)
            funds = f"campaign:{campaign}:funds"
            if i % 2 == 0:
                kind, memo = "donation_settled", f"Donasi {order}"
                legs = [("gateway:midtrans:clearing", amount), (funds, -amount)]
            else:
                kind, memo = "platform_fee", f"Biaya platform donasi {order}"
                legs = [(funds, amount // 20), ("platform:fees", -(amount // 20))]
            moment = start + datetime.timedelta(seconds=i)
            leaf = canonical(
                {
                    "entry_id": i + 1,
                    "kind": kind,
                    "created_at": moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                    "memo": memo,
                    "campaign_id": campaign,
                    "order_id": order,
                    "postings": [{"account": a, "amount": x} for a, x in legs],
                }
            )
            frontier.append(hashlib.sha256(b"\x00" + leaf).digest())
            out.write(f'{{"leaf":"{base64.b64encode(leaf).decode()}","leaf_index":{i}}}\n')
            if frontier.size == n // 2:
                half = frontier.root()

    def head(size: int, root: bytes, timestamp: int) -> dict:
        signed = {"tree_size": size, "timestamp": timestamp, "root_hash": root.hex()}
        signature = base64.b64encode(key.sign(canonical(signed))).decode()
        return {**signed, "signature": signature, "public_key": public.decode()}

    now = int(time.time() * 1000)
    head_file, state_file = folder / "head.json", folder / "state.json"
    head_file.write_text(json.dumps(head(n, frontier.root(), now)))
    saved = head(n // 2, half or merkle.EMPTY_ROOT, now - 60_000)
    state_file.write_text(json.dumps({"logs": {f"file:{public.decode()}": saved}}))
    return dump, head_file, state_file


def bench_verify(args: argparse.Namespace, var_dir: Path) -> bool:
    folder = var_dir / "verify"
    folder.mkdir()
    started = time.perf_counter()
    dump, head_file, state_file = dump_write(args.leaves, folder)
    size_mb = dump.stat().st_size / 1e6
    print(
        f"\nverify: wrote a {args.leaves}-leaf dump ({size_mb:.0f} MB), signed head and a state",
        end="",
    )
    print(f" file with the head at {args.leaves // 2} in {time.perf_counter() - started:.1f} s")
    saved_state = state_file.read_text()
    verifiers = {"after": common.ROOT / "tools" / "verify_log.py"}
    if args.compare:
        try:
            sha = common.git("rev-parse", "--verify", "--quiet", f"{args.compare}^{{commit}}")
        except subprocess.CalledProcessError:
            raise SystemExit(f"not a commit in {common.ROOT}: {args.compare!r}") from None
        before = folder / "verify_log_before.py"
        before.write_text(common.git("show", f"{sha}:tools/verify_log.py") + "\n")
        verifiers = {"before": before, **verifiers}
        print(f"  before: tools/verify_log.py at {sha[:12]}; after: this checkout's (as it is)")
    arguments = ["--entries-file", str(dump), "--head-file", str(head_file)]
    arguments += ["--state", str(state_file)]
    times: dict[str, list[float]] = {label: [] for label in verifiers}
    ok, output = True, ""
    for r in range(args.rounds):
        order = list(verifiers) if r % 2 == 0 else list(reversed(verifiers))
        for label in order:
            state_file.write_text(saved_state)  # each run starts from the same saved head
            command = [sys.executable, str(verifiers[label]), *arguments]
            started = time.perf_counter()
            run = subprocess.run(command, capture_output=True, text=True, check=False, timeout=1800)
            secs = time.perf_counter() - started
            times[label].append(secs)
            ok = ok and run.returncode == 0
            if label == "after":
                output = run.stdout + run.stderr
            name = f" {label}" if args.compare else ""
            print(f"  run {r + 1}{name}: exit {run.returncode} in {secs:.1f} s")
    print("  output of the last run (first 9 lines):")
    for line in output.splitlines()[:9]:
        print(f"  | {line}")
    for label, samples in times.items():
        name = f" ({label})" if args.compare else ""
        print(f"median verify of {args.leaves} leaves{name}: {statistics.median(samples):.1f} s")
    if args.compare:
        ratio = statistics.median(times["before"]) / statistics.median(times["after"])
        pairs = zip(times["before"], times["after"], strict=True)
        by_round = ", ".join(f"{before / after:.2f}" for before, after in pairs)
        print(f"before/after: {ratio:.2f} (by round: {by_round})")
    return ok


def main() -> int:
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    common.arm_global_timeout(args.timeout)
    var_dir = Path(tempfile.mkdtemp(prefix="gotong-bench-seal-"))
    print(f"temp dir {var_dir}; cores: {os.cpu_count()}; Python {sys.version.split()[0]}")
    ok = True
    try:
        if not args.skip_seal:
            ok = bench_seal(args, var_dir) and ok
        if not args.skip_verify:
            ok = bench_verify(args, var_dir) and ok
    finally:
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
