"""The Indonesian stemmer behind the SQLite index, and the text normalisation around it."""

from __future__ import annotations

import pytest

from gotong.search.stemmer import ROOTS, stem
from gotong.search.text import MAX_TERMS, query_terms, stemmed, words

FAMILIES = {
    # every form must reduce to the root on the left
    "obat": ["obat", "berobat", "pengobatan", "mengobati", "diobati", "obatan", "pengobatannya"],
    "banjir": ["banjir", "kebanjiran", "banjirnya"],
    "derita": ["derita", "penderita", "menderita"],
    "bantu": ["bantu", "bantuan", "membantu", "dibantu", "bantulah", "bantuannya"],
    "sehat": ["sehat", "kesehatan", "menyehatkan"],
    "baik": ["baik", "perbaikan", "memperbaiki", "diperbaiki"],
    "didik": ["didik", "pendidikan", "mendidik"],
    "salur": ["salur", "penyaluran", "disalurkan", "menyalurkan"],
    "ungsi": ["ungsi", "pengungsi", "mengungsi", "pengungsian"],
    "bangun": ["bangun", "pembangunan", "membangun", "dibangun"],
    "tangan": ["tangan", "penanganan", "menangani"],
    "pulih": ["pulih", "pemulihan", "memulihkan"],
    "rawat": ["rawat", "perawatan", "merawat", "dirawat"],
    "kumpul": ["kumpul", "mengumpulkan", "pengumpulan", "berkumpul"],
    "terima": ["terima", "menerima", "penerima", "diterima"],
    "sakit": ["sakit", "penyakit", "kesakitan"],
    "tulis": ["tulis", "menulis", "penulis", "tulisan"],
    "tanam": ["tanam", "menanam", "penanaman", "tanaman"],
    "kerja": ["kerja", "bekerja", "pekerja", "pekerjaan"],
    "ajar": ["ajar", "belajar", "pelajar", "pelajaran", "mengajar"],
    "siap": ["siap", "persiapan", "mempersiapkan"],
    "hasil": ["hasil", "penghasilan", "keberhasilan"],
    "daya": ["daya", "pemberdayaan", "memberdayakan"],
    "rusak": ["rusak", "kerusakan", "merusak"],
    "tindak": ["tindak", "tindakan"],
    "masak": ["masak", "memasak", "masakan"],
    "minta": ["minta", "meminta", "permintaan"],
    "pakai": ["pakai", "memakai", "dipakai"],
    "sampai": ["sampai", "menyampaikan"],
    "selamat": ["selamat", "menyelamatkan", "keselamatan"],
    "temu": ["temu", "bertemu", "pertemuan"],
    "usia": ["usia", "berusia"],
    "dampak": ["dampak", "terdampak"],
    "hilang": ["hilang", "kehilangan"],
    "celaka": ["celaka", "kecelakaan"],
    "gali": ["gali", "menggali"],
    "sapu": ["sapu", "menyapu"],
    "tani": ["tani", "petani"],
    "dagang": ["dagang", "pedagang", "perdagangan"],
}


@pytest.mark.parametrize("root", sorted(FAMILIES))
def test_every_form_reduces_to_its_root(root):
    assert {word: stem(word) for word in FAMILIES[root]} == dict.fromkeys(FAMILIES[root], root)


@pytest.mark.parametrize(
    "word",
    [
        # roots that look affixed, or end like a suffix, stay whole
        "sekolah", "terapi", "perempuan", "pesisir", "keluarga", "kembali", "kemarau",
        "operasi", "amputasi", "sungai", "pantai", "selesai", "kursi", "negeri", "jalan",
        "ikan", "bulan", "makan", "hutan", "berita", "seragam", "pemerintah", "mangrove",
        "jantung", "peduli", "beras", "berat", "sembako",
    ],
)  # fmt: skip
def test_words_that_only_look_affixed_stay_whole(word):
    assert stem(word) == word


def test_short_words_numbers_and_other_scripts_pass_through():
    assert stem("di") == "di"
    assert stem("rob") == "rob"
    assert stem("15.000") == "15.000"
    assert stem("2024") == "2024"
    assert stem("ジャカルタ") == "ジャカルタ"


def test_the_root_list_is_sorted_lower_case_ascii():
    assert all(word.isascii() and word.isalpha() and word.islower() for word in ROOTS)


def test_words_fold_case_accents_and_punctuation():
    assert words("Bantu Aisyah: operasi JANTUNG, di Surabaya!") == [
        "bantu", "aisyah", "operasi", "jantung", "di", "surabaya",
    ]  # fmt: skip
    full_width = "\uff4a\uff41\uff4e\uff54\uff55\uff4e\uff47"  # "jantung"
    assert words(f"op\u00e9rasi {full_width}") == ["operasi", "jantung"]
    assert words("anak-anak") == ["anak", "anak"]
    assert words("Rp 15.000 untuk 1,2 km") == ["rp", "15.000", "untuk", "1,2", "km"]


def test_stemmed_text_is_what_the_index_stores():
    assert stemmed("Pengobatan untuk penderita kebanjiran") == "obat untuk derita banjir"


@pytest.mark.parametrize(
    "query",
    ["", "   ", "🙏🙏", "!!!???", "***", "\x00", "<>/\\\"'", "\u2014\u2013\u00b7"],
)
def test_queries_without_letters_or_digits_have_no_terms(query):
    assert query_terms(query) == []


def test_query_terms_drop_stopwords_and_repeats_unless_nothing_else_is_left():
    assert query_terms("bantuan untuk korban banjir di Banjar banjir") == [
        "bantuan", "korban", "banjir", "banjar",
    ]  # fmt: skip
    assert query_terms("yang di") == ["yang", "di"]


def test_query_terms_are_capped():
    assert len(query_terms(" ".join(f"kata{i}" for i in range(100)))) == MAX_TERMS
    assert query_terms("a" * 41) == []  # not a word: longer than any Indonesian word
    assert query_terms("' OR 1=1 --") == ["or", "1"]
    assert query_terms('NEAR(banjir "kebanjiran) *') == ["near", "banjir", "kebanjiran"]
