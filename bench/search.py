"""Search latency: `campaigns_search` and the /cari/ page over 100,000 generated campaigns, on
PostgreSQL and on SQLite in the same run.

Run from the repository root: `.venv/bin/python bench/search.py --help`.

For each database (`--db both`, the default, does PostgreSQL then SQLite), a child process of
this script, with its own Django set-up:
1. migrates a fresh database: PostgreSQL `gotong_bench_search_<pid>` on 127.0.0.1, or a SQLite
   file in a temp GOTONG_VAR_DIR (DEBUG off, as in production, so `collectstatic` too);
2. bulk-inserts `--campaigns` campaigns written from Indonesian templates (titles, summaries,
   beneficiaries, locations, stories of ~100 words with inflected forms: berobat,
   pengobatan, kebanjiran…), 90% published and open, the rest drafts, ended or past their
   deadline, seeded (`--seed`) so both databases get the same text;
3. builds the search index with `search_index_rebuild()` (timed), then ANALYZE (VACUUM
   ANALYZE on PostgreSQL, as autovacuum would leave a live database);
4. runs a fixed set of queries (phrases, inflected words, very common words, a chatty
   sentence, typos, no match, category filter, sorts, no query at all): each twice to warm
   up, then `--repeat` times through `campaigns_search(limit=12)` and `--repeat` times as a
   GET /cari/ through Django's test client (in process: no HTTP server, but middleware,
   template and 12 cards).
Printed per database: load and index times, per query the match kind, total ("1000+" when
counting stopped at the cap), median and p95 in milliseconds; then a summary with median and
p95 over all samples, per database.
Everything is removed at the end (unless `--keep`).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

import common

QUERIES: list[tuple[str, str, str | None, str]] = [
    # (label, q, category, sort)
    ("phrase", "operasi jantung", None, "relevan"),
    ("inflected", "pengobatan", None, "relevan"),
    ("common word", "banjir", None, "relevan"),
    ("very common", "bantuan", None, "relevan"),
    ("place", "garut", None, "relevan"),
    ("three words", "beasiswa anak yatim", None, "relevan"),
    ("sentence", "bantuan untuk korban banjir di kalimantan", None, "relevan"),
    ("no match", "kapal selam nuklir", None, "relevan"),
    ("typo", "jantumg", None, "relevan"),
    ("typo in phrase", "operasi jantumg", None, "relevan"),
    ("category", "sekolah", "pendidikan", "relevan"),
    ("sorted", "banjir", None, "mendesak"),
    ("no query, sorted", "", None, "hampir-tercapai"),
    ("no query, category", "", "medis", "mendesak"),
    ("no query, newest", "", None, "terbaru"),
    ("no query, donors", "", None, "donatur"),
]


SMOKE = {"campaigns": 300, "repeat": 2, "timeout": 300}


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--campaigns", type=int, default=100_000, help="campaigns [100000]")
    p.add_argument("--repeat", type=int, default=20, help="timed runs per query and path [20]")
    p.add_argument("--db", choices=["both", "postgres", "sqlite"], default="both")
    p.add_argument("--seed", type=int, default=7, help="seed for the generated text [7]")
    p.add_argument("--timeout", type=int, default=3600, help="global timeout, seconds [3600]")
    p.add_argument("--keep", action="store_true", help="keep the temp dir and database")
    p.add_argument("--child", choices=["postgres", "sqlite"], help=argparse.SUPPRESS)
    p.add_argument("--database-url", help=argparse.SUPPRESS)
    p.add_argument("--var-dir", help=argparse.SUPPRESS)
    return common.parse_args_smoke(p, SMOKE)


# --- Generated campaigns -------------------------------------------------------------------


def _items(text: str, sep: str = "|") -> list[str]:
    return text.split(sep)


NAMES = _items(
    "Aisyah Budi Citra Dewi Eko Fajar Gilang Hana Indah Joko Kartika Lestari Mukhlis Nanda "
    "Oktaviani Putri Rahmat Sari Taufik Utami Wahyu Yusuf Zahra Rian Siti Agus Bayu Nur Rina "
    "Slamet Ratna Darto Maimunah Sudarto Warsini Ketut Made Yohanes Maria Daeng",
    " ",
)
PLACES = [
    ("Bangkalan", "Jawa Timur"), ("Surabaya", "Jawa Timur"), ("Lumajang", "Jawa Timur"),
    ("Malang", "Jawa Timur"), ("Klaten", "Jawa Tengah"), ("Banjarnegara", "Jawa Tengah"),
    ("Demak", "Jawa Tengah"), ("Pekalongan", "Jawa Tengah"), ("Garut", "Jawa Barat"),
    ("Bandung", "Jawa Barat"), ("Cirebon", "Jawa Barat"), ("Bogor", "Jawa Barat"),
    ("Jakarta Utara", "DKI Jakarta"), ("Sleman", "DI Yogyakarta"),
    ("Gunungkidul", "DI Yogyakarta"), ("Banjar", "Kalimantan Selatan"),
    ("Pontianak", "Kalimantan Barat"), ("Samarinda", "Kalimantan Timur"),
    ("Medan", "Sumatera Utara"), ("Padang", "Sumatera Barat"), ("Palembang", "Sumatera Selatan"),
    ("Aceh Besar", "Aceh"), ("Makassar", "Sulawesi Selatan"), ("Palu", "Sulawesi Tengah"),
    ("Manado", "Sulawesi Utara"), ("Ende", "Nusa Tenggara Timur"),
    ("Sumba Timur", "Nusa Tenggara Timur"), ("Kupang", "Nusa Tenggara Timur"),
    ("Lombok Timur", "Nusa Tenggara Barat"), ("Denpasar", "Bali"), ("Ambon", "Maluku"),
    ("Jayapura", "Papua"),
]  # fmt: skip
ILLNESSES = _items(
    "kanker payudara|leukemia|gagal ginjal|jantung bocor|tumor otak|hidrosefalus|katarak|"
    "thalassemia|tuberkulosis|stroke|diabetes|patah tulang|luka bakar|gizi buruk"
)
TREATMENTS = _items(
    "operasi jantung|kemoterapi|cuci darah|transfusi darah|fisioterapi|operasi katarak|"
    "rawat inap|operasi tulang|terapi radiasi|kaki palsu"
)
DISASTERS = _items(
    "banjir|tanah longsor|gempa bumi|kebakaran|angin puting beliung|banjir rob|"
    "erupsi gunung|kekeringan"
)
NEEDS = _items(
    "sembako|air bersih|obat-obatan|selimut dan tikar|tenda darurat|perlengkapan bayi|"
    "dapur umum|hunian sementara|seragam sekolah|buku pelajaran|atap baru|modal usaha|"
    "kursi roda|bibit mangrove|ambulans desa|beasiswa"
)
PLACES_OF_WORSHIP = _items("masjid|musala|gereja|pura|vihara|tempat wudu|madrasah")
WORKERS = _items(
    "pengemudi ojek daring|pedagang kaki lima|nelayan|petani|buruh harian|pemulung|"
    "penjahit rumahan|pedagang pasar"
)

TITLES = {
    "medis": [
        "Bantu {name} Menjalani {treatment} di {city}",
        "{name} Butuh Biaya {treatment} Melawan {illness}",
        "Biaya Pengobatan {illness} untuk {name} dari {city}",
    ],
    "bencana-alam": [
        "Darurat {disaster} di {city}: {need} untuk {n} Keluarga",
        "Bantu Korban {disaster} {city} Bangkit Kembali",
        "{need} untuk Warga {city} yang Terdampak {disaster}",
    ],
    "pendidikan": [
        "Beasiswa untuk {n} Anak Yatim di {city}",
        "{need} untuk Murid Sekolah Dasar di {city}",
        "Taman Baca untuk Anak-anak {city}",
    ],
    "rumah-ibadah": [
        "Renovasi {worship} di {city}",
        "Bangun Kembali Atap {worship} Warga {city}",
    ],
    "kemanusiaan": [
        "{need} untuk Lansia dan Anak Yatim di {city}",
        "Dapur Umum untuk Warga Rentan {city}",
    ],
    "pekerja-informal": [
        "Modal Usaha untuk {n} {worker} di {city}",
        "Sembako untuk {worker} {city} yang Kehilangan Penghasilan",
    ],
    "lingkungan": [
        "Tanam {n} Pohon dan Mangrove di Pesisir {city}",
        "Bank Sampah dan Air Bersih untuk Desa di {city}",
    ],
    "lainnya": ["Bantu Warga {city} Memperbaiki {need}"],
}
SENTENCES = {
    "medis": [
        "{name} sudah {n} bulan berobat ke rumah sakit rujukan di {city}.",
        "Dokter mendiagnosis {illness} dan menyarankan {treatment} secepatnya.",
        "Sebagian biaya pengobatan ditanggung BPJS, tetapi obat dan transportasi tidak.",
        "Keluarga harus menginap dekat rumah sakit selama masa pemulihan.",
        "Setiap bantuan mendekatkan jadwal tindakan medis yang dibutuhkan.",
        "Penderita {illness} seperti {name} membutuhkan perawatan rutin.",
    ],
    "bencana-alam": [
        "{disaster} melanda {city} dan rumah warga kebanjiran setinggi dada.",
        "Ratusan keluarga mengungsi ke balai desa dan masjid.",
        "Kebutuhan paling mendesak adalah {need} dan obat-obatan.",
        "Relawan setempat membuka dapur umum dan posko kesehatan.",
        "Setelah air surut, dana dipakai untuk memperbaiki rumah yang rusak.",
        "Banyak warga kehilangan penghasilan karena lahan dan lapak terendam.",
    ],
    "pendidikan": [
        "Murid-murid belajar bergantian karena ruang kelas bocor.",
        "Beasiswa ini membayar seragam, buku, dan ongkos sekolah.",
        "Anak-anak yatim di {city} ingin tetap bersekolah.",
        "Para guru honorer mendidik murid dengan fasilitas seadanya.",
        "Perpustakaan kecil akan diisi buku cerita dan buku pelajaran.",
    ],
    "rumah-ibadah": [
        "Jemaah beribadah di bawah tenda karena atap {worship} roboh.",
        "Warga bergotong royong, dana donatur dipakai untuk material.",
        "{worship} ini juga menjadi tempat belajar dan pertemuan warga.",
    ],
    "kemanusiaan": [
        "Ibu-ibu PKK memasak makanan bergizi untuk lansia dan balita.",
        "Harga beras dan minyak goreng terus naik sementara penerima bertambah.",
        "Penyandang disabilitas membutuhkan kursi roda agar bisa bekerja.",
    ],
    "pekerja-informal": [
        "Penghasilan {worker} turun drastis sejak pasar sepi.",
        "Modal usaha akan disalurkan langsung kepada setiap penerima.",
        "Pendampingan kelompok simpan pinjam mencegah utang berbunga tinggi.",
    ],
    "lingkungan": [
        "Abrasi dan banjir rob menenggelamkan tambak warga.",
        "Kelompok nelayan menanam mangrove untuk menahan ombak.",
        "Sampah plastik dikumpulkan dan dipilah di bank sampah desa.",
    ],
    "lainnya": ["Warga {city} membutuhkan bantuan untuk fasilitas umum."],
}
COMMON = [
    "Laporan penggunaan dana akan kami bagikan di halaman ini.",
    "Setiap rupiah tercatat di buku besar publik.",
    "Terima kasih atas doa dan dukungan Anda.",
    "Penggalangan ini dibuat bersama pengurus RT dan keluarga penerima manfaat.",
    "Bantuan sekecil apa pun sangat berarti bagi mereka.",
]


def campaign_texts(rng: random.Random, category: str) -> dict[str, str]:
    city, province = rng.choice(PLACES)
    fill = {
        "name": rng.choice(NAMES),
        "city": city,
        "illness": rng.choice(ILLNESSES),
        "treatment": rng.choice(TREATMENTS),
        "disaster": rng.choice(DISASTERS).title(),
        "need": rng.choice(NEEDS),
        "worship": rng.choice(PLACES_OF_WORSHIP),
        "worker": rng.choice(WORKERS),
        "n": str(rng.randint(2, 400)),
    }
    title = rng.choice(TITLES[category]).format(**fill)[:120]
    own = SENTENCES[category]
    lines = rng.sample(own, min(len(own), rng.randint(3, 5))) + rng.sample(COMMON, 3)
    body = " ".join(line.format(**fill) for line in lines)
    story = f"{body}\n\n## Rencana penggunaan dana\n\n- {fill['need']}: Rp {fill['n']}.000.000"
    return {
        "title": title,
        "summary": lines[0].format(**fill)[:200],
        "beneficiary": f"{fill['name']} dan warga {city}"[:120],
        "location": f"{city}, {province}",
        "story": story,
    }


def campaigns_generate(n: int, seed: int) -> float:
    """Bulk-insert n campaigns; returns seconds."""
    import datetime

    from django.utils import timezone

    from gotong.accounts.models import User
    from gotong.campaigns.models import Campaign, CampaignStatus, Category

    started = time.perf_counter()
    rng = random.Random(seed)
    owner = User.objects.create_user("bench-cari@contoh.id", None, display_name="Bench")
    today, now = timezone.localdate(), timezone.now()
    categories = list(Category.values)
    batch: list[Campaign] = []
    for i in range(n):
        category = rng.choice(categories)
        roll = rng.random()
        status = CampaignStatus.PUBLISHED if roll < 0.95 else CampaignStatus.DRAFT
        if roll < 0.03:
            status = CampaignStatus.ENDED
        deadline = today + datetime.timedelta(days=rng.randint(-10 if roll < 0.05 else 1, 180))
        target = rng.choice([10, 25, 50, 75, 100, 250]) * 1_000_000
        batch.append(
            Campaign(
                slug=f"bench-cari-{i}",
                owner=owner,
                category=category,
                target=target,
                collected=rng.randint(0, target),
                donor_count=rng.randint(0, 2_000),
                deadline=deadline,
                status=status,
                published_at=None
                if status == CampaignStatus.DRAFT
                else now - datetime.timedelta(minutes=rng.randint(0, 200_000)),
                **campaign_texts(rng, category),
            )
        )
        if len(batch) == 5_000:
            Campaign.objects.bulk_create(batch, batch_size=1_000)
            batch = []
    Campaign.objects.bulk_create(batch, batch_size=1_000)
    return time.perf_counter() - started


# --- One database (child process) ----------------------------------------------------------


def all_visible(tables: tuple[str, ...] = ("search_posting", "campaigns_campaign")) -> None:
    """VACUUM again (for up to a minute) until the tables' pages are all visible: right after
    the load an older snapshot elsewhere on the server (a replica's, say) may keep VACUUM from
    marking them, which a live database's autovacuum would do a little later."""
    from django.db import connection

    for _ in range(30):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT coalesce(min(relallvisible::float / greatest(relpages, 1)), 1)"
                " FROM pg_class WHERE relname = ANY(%s)",
                [list(tables)],
            )
            if cursor.fetchone()[0] >= 0.99:
                return
            time.sleep(2)
            cursor.execute("VACUUM " + ", ".join(tables))
    print("postgres: pages not all visible after a minute of VACUUM (index-only scans fetch rows)")


def child(args: argparse.Namespace) -> int:
    common.child_django_setup(database_url=args.database_url, var_dir=args.var_dir)
    from django.db import connection
    from django.test import Client

    from gotong.search.selectors import campaigns_search
    from gotong.search.services import search_index_rebuild

    load = campaigns_generate(args.campaigns, args.seed)
    started = time.perf_counter()
    indexed = search_index_rebuild()
    index = time.perf_counter() - started
    with connection.cursor() as cursor:
        # PostgreSQL: as autovacuum leaves a live database after a bulk load (statistics and
        # the visibility map that index-only scans need).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    if connection.vendor == "postgresql":
        all_visible()
    print(f"{args.child}: {args.campaigns} campaigns inserted in {load:.1f} s; ", end="")
    print(f"index of {indexed} built in {index:.1f} s")
    print(f"{'query':<22}{'q':<44}{'match':<10}{'total':>7}{'med ms':>9}{'p95 ms':>9}", end="")
    print(f"{'page med':>10}{'page p95':>10}")
    client = Client()
    selector_all: list[float] = []
    page_all: list[float] = []
    for label, q, category, sort in QUERIES:
        params = {"q": q, "urutkan": sort, **({"kategori": category} if category else {})}
        for _ in range(2):
            results = campaigns_search(q=q, category=category, sort=sort, limit=12)
            assert client.get("/cari/", params).status_code == 200
        times, pages = [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            results = campaigns_search(q=q, category=category, sort=sort, limit=12)
            times.append(1000 * (time.perf_counter() - started))
            started = time.perf_counter()
            response = client.get("/cari/", params)
            pages.append(1000 * (time.perf_counter() - started))
            assert response.status_code == 200
        selector_all += times
        page_all += pages
        # "1000+": counted up to the cap (decision 32).
        total = f"{results.total}{'+' if results.total_is_lower_bound else ''}"
        print(
            f"{label:<22}{q[:42]:<44}{results.match:<10}{total:>7}"
            f"{statistics.median(times):>9.1f}{common.percentile(times, 95):>9.1f}"
            f"{statistics.median(pages):>10.1f}{common.percentile(pages, 95):>10.1f}"
        )
    summary = {
        "db": args.child,
        "load_s": load,
        "index_s": index,
        "median_ms": statistics.median(selector_all),
        "p95_ms": common.percentile(selector_all, 95),
        "page_median_ms": statistics.median(page_all),
        "page_p95_ms": common.percentile(page_all, 95),
        "samples": len(selector_all),
    }
    print("RESULT " + json.dumps(summary))
    return 0


# --- Both databases (parent) ---------------------------------------------------------------


def main() -> int:
    args = parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if args.child:
        return child(args)
    common.arm_global_timeout(args.timeout)
    print(f"{args.campaigns} campaigns, {len(QUERIES)} queries x {args.repeat} timed runs each\n")
    results = common.children_run(
        script=str(Path(__file__).resolve()),
        kind="search",
        databases=("postgres", "sqlite") if args.db == "both" else (args.db,),
        extra=[
            "--campaigns",
            str(args.campaigns),
            "--repeat",
            str(args.repeat),
            "--seed",
            str(args.seed),
        ],
        keep=args.keep,
    )
    print(f"{'database':<10}{'load s':>8}{'index s':>9}", end="")
    print(f"{'search median ms':>18}{'p95 ms':>8}{'page median ms':>16}{'p95 ms':>8}")
    for r in results:
        print(
            f"{r['db']:<10}{r['load_s']:>8.1f}{r['index_s']:>9.1f}{r['median_ms']:>18.1f}"
            f"{r['p95_ms']:>8.1f}{r['page_median_ms']:>16.1f}{r['page_p95_ms']:>8.1f}"
        )
    return 0 if len(results) == (2 if args.db == "both" else 1) else 1


if __name__ == "__main__":
    sys.exit(main())
