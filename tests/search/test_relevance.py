"""Relevance: Indonesian queries over the demo campaigns plus our own, with the campaign that
must come first (and others that must be found). Runs on SQLite (FTS5 + our stemmer) and
PostgreSQL (the `indonesian` configuration)."""

from __future__ import annotations

import pytest

from gotong.search.selectors import Match, campaigns_search

pytestmark = pytest.mark.django_db

# (query, the campaign that must be first, campaigns that must also be found)
CASES = [
    ("operasi jantung", "operasi-jantung-aisyah", {"pemulihan-pak-darto"}),
    ("pengobatan", "ratna-berobat-kanker", {"cuci-darah-pak-sudarto"}),
    ("mengobati", "ratna-berobat-kanker", {"operasi-jantung-aisyah"}),
    ("banjir", "banjir-kabupaten-banjar", {"cieunteung-bangkit", "mangrove-sayung-demak"}),
    ("kebanjiran", "banjir-kabupaten-banjar", {"cieunteung-bangkit"}),
    ("cuci darah", "cuci-darah-pak-sudarto", set()),
    ("gagal ginjal", "cuci-darah-pak-sudarto", set()),
    ("penderita kanker", "ratna-berobat-kanker", set()),
    ("kaki palsu", "kaki-palsu-rian", set()),
    ("kursi roda", "kursi-roda-kupang", {"kaki-palsu-rian"}),
    ("tanah longsor", "longsor-kalitengah-banjarnegara", set()),
    ("pengungsi", "longsor-kalitengah-banjarnegara", set()),
    ("atap madrasah", "atap-madrasah-ende", set()),
    ("taman baca lombok", "taman-baca-batu-belek-lombok", set()),
    ("tempat wudu", "tempat-wudu-masjid-cikareo", set()),
    ("masjid garut", "tempat-wudu-masjid-cikareo", set()),
    ("gereja sumba", "atap-gereja-pandawai-sumba", set()),
    ("puting beliung", "atap-gereja-pandawai-sumba", set()),
    ("dapur umum lansia", "dapur-umum-rw07-kalibaru", {"banjir-kabupaten-banjar"}),
    ("ojek daring", "sembako-ojek-daring-bandung", set()),
    ("pedagang korban kebakaran", "modal-pedagang-pasar-pekalongan", set()),
    ("mangrove", "mangrove-sayung-demak", set()),
    ("abrasi pantai demak", "mangrove-sayung-demak", set()),
    ("disinfektan", "sehat-bersama-rw04-tallo", set()),
    ("demam berdarah", "sehat-bersama-rw04-tallo", set()),
    ("surabaya", "operasi-jantung-aisyah", set()),
    ("makassar", "sehat-bersama-rw04-tallo", set()),
    ("beasiswa anak yatim", "beasiswa-yatim-padang", set()),
    ("sekolah", "kaki-palsu-rian", {"beasiswa-yatim-padang", "cieunteung-bangkit"}),
    ("kekeringan air bersih", "sumur-bor-gunungkidul", set()),
    ("ambulans", "ambulans-desa-flores", {"operasi-jantung-aisyah"}),
    ("mengobati mata", "katarak-lansia-nelayan", set()),
    ("OPERASI JANTUNG", "operasi-jantung-aisyah", set()),
    ("opérasi jantung", "operasi-jantung-aisyah", set()),
    ("bantuan untuk korban banjir di kalimantan", "banjir-kabupaten-banjar", set()),
]


@pytest.mark.parametrize(("query", "first", "also"), CASES, ids=[c[0] for c in CASES])
def test_query_finds_the_expected_campaign_first(corpus, query, first, also):
    results = campaigns_search(q=query, limit=50)
    slugs = [c.slug for c in results.campaigns]
    assert results.match in (Match.ALL, Match.ANY), results.match
    assert slugs[:1] == [first], slugs
    assert also <= set(slugs), slugs
    assert results.total == len(slugs)


MORPHOLOGY = [
    # (query, a campaign whose text only has other forms of the word)
    ("pengobatan", "ratna-berobat-kanker"),  # berobat
    ("berobat", "cuci-darah-pak-sudarto"),  # obat, pengobatan
    ("banjir", "cieunteung-bangkit"),  # kebanjiran
    ("pengungsian", "longsor-kalitengah-banjarnegara"),  # mengungsi
    ("pendidikan", "beasiswa-yatim-padang"),  # mendidik
    ("menderita", "ratna-berobat-kanker"),  # penderita
    ("pengumpulan dana", "cieunteung-bangkit"),  # mengumpulkan dana
]


@pytest.mark.parametrize(("query", "finds"), MORPHOLOGY, ids=[m[0] for m in MORPHOLOGY])
def test_word_forms_find_each_other_without_a_fallback(corpus, query, finds):
    results = campaigns_search(q=query, limit=50)
    assert results.match == Match.ALL
    assert finds in {c.slug for c in results.campaigns}
