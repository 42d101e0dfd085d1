"""A small rule-based stemmer for Indonesian, used by the SQLite search index (FTS5 has none).

Indonesian builds words by adding affixes to a root: *obat* (medicine) gives *berobat*,
*mengobati*, *pengobatan*, *obat-obatan*. A stemmer that strips them lets a search for one form
find the others. The rules here, applied in this order, are the usual ones:

1. inflectional particles *-lah*, *-kah*, *-pun*, then possessives *-ku*, *-mu*, *-nya*;
2. a first-order prefix *meN-*, *peN-*, *di-*, *ter-*, *ke-* (with *ke-* only together with
   *-an*), then one derivational suffix *-kan*, *-an* or *-i*, then a second-order prefix
   *ber-*, *per-*, *pe-* (so *memperbaiki* → *perbaiki* → *perbaik* → *baik*); or, with no
   first-order prefix, a second-order prefix and then a suffix.

Nasal prefixes change the root's first letter: *meN-*/*peN-* before a vowel may hide a lost
*k* (*mengirim* ← *kirim*), *t* (*menulis* ← *tulis*), *p* (*memukul* ← *pukul*) or *s*
(*menyapu* ← *sapu*). The default recoding follows the most common case; `ROOTS`, a short list
of known roots, settles the ambiguous ones and protects words that only look affixed
(*sekolah*, *terapi*, *perempuan*). A word is only shortened while it keeps more than two
vowels, so short roots (*jalan*, *ikan*, *bulan*) are left alone.

The stemmer only has to be consistent: the index and the query go through the same function.
It is deliberately small; it will not be right for every word.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

VOWELS = frozenset("aeiou")
PARTICLES = ("lah", "kah", "pun")
POSSESSIVES = ("nya", "ku", "mu")
MIN_STEM = 3
MAX_PREFIXES = 3

# Prefix kinds: me- and pe- with their nasal forms (first order), per- and ber- (second
# order), ter-, di-, ke-, se-. A suffix that does not combine with the outermost prefix is not
# taken off: there is no *ke-…-i* or *di-…-an* in Indonesian.
FIRST_ORDER = ("me", "pe", "di", "te", "ke")
SECOND_ORDER = ("per", "be")
FORBIDDEN_CONFIXES = {
    "be": ("i",),
    "di": ("an",),
    "ke": ("i", "kan"),
    "me": ("an",),
    "pe": ("i", "kan"),
    "se": ("i", "kan"),
    "te": ("an",),
}

# Roots the rules alone would get wrong (k/p/t/s/m/n lost after a nasal prefix, roots that look
# affixed, roots ending in -ai/-an/-kan). Lower-case ASCII, alphabetical.
_ROOT_WORDS = """
    ada adil agama air ajar akhir alam alir aman ambil amal anak ancam angkat angkut antar api
    asal asuh atap awal awas ayah bagi bahan baik baju bakar balai bangun bantu banjir banyak
    baru batas bawa bayar bayi beban beda bekal beli benih beras berat berita beri besar betul
    biaya bibit bina bisa buat bumi buruh buku butuh cacat cair cari catat cegah cerita cinta
    cuci daftar damai dampak dana dapat darah darurat dasar data daya derita desa didik diri
    doa dokter dorong duduk dukung dunia gagal gaji ganti gempa gizi guna gunung habis hadap
    hadir hak hancur harap harga hari hasil hidup hilang hormat hujan hukum hutan ibadah ikut
    ilmu imam indah ingat isi istri jaga jalan jamin jangkau janji jantung jual juang kabar
    kaji kala kampung kanker kasih kawal keluarga kembang kena kenal kerja kirim kobar kuat
    kumpul kunjung kurang laku lambat langkah lanjut lapor lawan layan lemah lengkap lestari
    letak lihat lindung lingkung luka lulus lupa makan maju malam malu mampu mandi manfaat
    manusia masak masalah masjid masuk mati milik minta minum miskin modal mohon mudah muda
    mulai murah musibah nafkah nanti nikah nilai obat olah operasi orang pakai pandai pangan
    panjang pantai papar pasang pasar pasti patuh peduli pelihara pemerintah penuh perempuan
    perintah periksa perlu pesan pesisir pikir pilih pindah pinjam pokok potong pukul pulang
    pulih punya putus rasa rata rawat rayap relawan rencana rendam ringan rumah rupa rusak
    sabar sakit salur sama sampai santun satu sawah sayang sedekah sedia segar sehat sejahtera
    sekolah selamat selesai semangat sembako sembuh sempat seragam serah serta siap siswa
    suami subur sulit sumbang sungai susah tahan tahu tambah tampung tanam tanah tangan
    tanggung tangis tani tapi taruh temu tengah terap terapi terima tetap tidur tiba tinggal
    tindak tolong tuju tulis tumbuh tunggu turun uang ubah ujung ulang umur ungsi untung urus
    usaha usia utama wajib waktu warga wudu yatim
"""
ROOTS = frozenset(_ROOT_WORDS.split())


def _vowels(word: str) -> int:
    return sum(1 for ch in word if ch in VOWELS)


def _nasal(rest: str) -> list[str] | None:
    """Readings of what follows me-/pe- (`rest` starts with the nasal, if any), default first;
    None when `rest` cannot follow a nasal prefix."""
    if rest.startswith("ng"):
        after = rest[2:]
        if after[:1] in VOWELS:
            return [after, "k" + after]  # meng-obat-i, meng-(k)irim
        return [after] if after[:1] in ("g", "h", "k") else None
    if rest.startswith("ny"):
        after = rest[2:]
        return ["s" + after, rest] if after[:1] in VOWELS else None  # meny-(s)apu
    if rest.startswith("n"):
        after = rest[1:]
        if after[:1] in VOWELS:
            return ["t" + after, rest]  # men-(t)ulis, me-nanti
        return [after] if after[:1] in ("c", "d", "j", "z") or after.startswith("sy") else None
    if rest.startswith("m"):
        after = rest[1:]
        if after[:1] in VOWELS:
            return ["p" + after, rest]  # mem-(p)ukul, me-minta
        return [after] if after[:1] in ("b", "f", "p", "v") else None
    return None


def _r_prefix(word: str, kind: str) -> list[tuple[str, list[str]]]:
    """ber-/ter- (and per- through the caller): before a vowel either the r is the prefix's
    (ber-obat) or the root's (be-rupa)."""
    after = word[3:]
    if word[2:3] == "r":
        return [(kind, [after, word[2:]] if after[:1] in VOWELS else [after])]
    if word[2:3] not in VOWELS and word[3:5] == "er":
        return [(kind, [word[2:]])]  # be-kerja, te-percaya
    return []


def _prefix_options(word: str) -> list[tuple[str, list[str]]]:
    """Each way `word` may begin with a derivational prefix, as (kind, remainders). The first
    remainder is the default reading, the others recodings that only count when in ROOTS."""
    if _vowels(word) <= 2:
        return []
    options: list[tuple[str, list[str]]] = []
    head, rest = word[:2], word[2:]
    if head == "me":
        nasal = _nasal(rest)
        if nasal:
            options.append(("me", nasal))
        elif rest[:1] in ("l", "r", "w", "y"):
            options.append(("me", [rest]))  # me-lawan, me-rawat
    elif head == "pe":
        nasal = _nasal(rest)
        if word.startswith("pelajar"):
            options.append(("per", [word[3:]]))
        elif word.startswith("per"):
            options += _r_prefix(word, "per")
        elif nasal:
            options.append(("pe", nasal))
        elif rest[:1] and rest[:1] not in VOWELS and rest[:1] not in ("m", "n"):
            options.append(("per", [rest]))  # pe-dagang, pe-laku
    elif head == "be":
        options += [("be", [word[3:]])] if word.startswith("belajar") else _r_prefix(word, "be")
    elif head == "te":
        options += _r_prefix(word, "te")
    elif head in ("di", "ke", "se"):
        options.append((head, [rest]))
    return [
        (kind, [r for r in rests if len(r) >= MIN_STEM and _vowels(r) >= 1])
        for kind, rests in options
    ]


def _suffix_options(word: str, outer: str | None) -> list[tuple[str, str]]:
    """(suffix, remainder) pairs for the derivational suffix `word` may end in, best first.
    `outer` is the outermost prefix taken off so far (it decides which confixes exist)."""
    if _vowels(word) <= 2:
        return []
    found: list[tuple[str, str]] = []
    if word.endswith("kan"):
        # After a vowel, -kan may be a root's k plus -an (tindak-an, pen-didik-an): nouns (pe-,
        # per-, ke-, se- or no prefix) take -an, verbs (me-, di-, ter-, ber-) take -kan.
        kan, an = ("kan", word[:-3]), ("an", word[:-2])
        nounish = outer in (None, "pe", "per", "ke", "se")
        found += [an, kan] if word[-4:-3] in VOWELS and nounish else [kan, an]
    elif word.endswith("an"):
        found.append(("an", word[:-2]))
    elif word.endswith("i") and outer is not None:
        before = word[-2:-1]
        # Never after s (operasi, amputasi); after a vowel only with me-/di- (di-suka-i), as
        # so many roots end in -ai (pantai, sungai, selesai). Without a prefix -i stays (kursi).
        if before != "s" and (before not in VOWELS or outer in ("me", "di")):
            found.append(("i", word[:-1]))
    forbidden = FORBIDDEN_CONFIXES.get(outer or "", ())
    return [
        (suffix, rest)
        for suffix, rest in found
        if suffix not in forbidden and len(rest) >= MIN_STEM and _vowels(rest) >= 1
    ]


def _inflections(word: str) -> list[str]:
    """`word` without its particle and possessive, then with fewer of them, then as it is."""
    forms = []
    current = word
    for endings in (PARTICLES, POSSESSIVES):
        for ending in endings:
            if current.endswith(ending):
                rest = current[: -len(ending)]
                if _vowels(current) > 2 and len(rest) >= MIN_STEM:
                    current = rest
                    forms.append(current)
                break
    return [*reversed(forms), word]


def _first(word: str, kinds: tuple[str, ...]) -> tuple[str, str] | None:
    """The default reading of `word`'s prefix when it is one of `kinds`."""
    for kind, rests in _prefix_options(word):
        if kind in kinds and rests:
            return kind, rests[0]
    return None


def _default(word: str) -> str:
    """The rules without the root list: the answer when no reading ends in a known root."""
    word = _inflections(word)[0]
    first = _first(word, FIRST_ORDER)
    if first is not None:
        kind, rest = first
        suffixes = _suffix_options(rest, kind)
        if kind != "ke" or (suffixes and suffixes[0][0] == "an"):
            rest = suffixes[0][1] if suffixes else rest
            second = _first(rest, SECOND_ORDER)
            return second[1] if second else rest
        # ke- only comes off together with -an (ke-banjir-an, not ke-luarga)
    second = _first(word, SECOND_ORDER)
    if second is not None:
        kind, rest = second
        suffixes = _suffix_options(rest, kind)
        return suffixes[0][1] if suffixes else rest
    suffixes = _suffix_options(word, None)
    return suffixes[0][1] if suffixes else word


def _readings(word: str) -> Iterator[str]:
    """Every form reachable by taking affixes off `word`, fewest removals first."""
    seen: set[str] = set()
    # (form, outermost prefix kind, prefixes taken off, suffix taken off)
    level: list[tuple[str, str | None, int, str | None]] = [
        (form, None, 0, None) for form in _inflections(word)
    ]
    while level:
        following: list[tuple[str, str | None, int, str | None]] = []
        for form, outer, prefixes, suffix in level:
            if form not in seen:
                seen.add(form)
                yield form
            if prefixes < MAX_PREFIXES:
                for kind, rests in _prefix_options(form):
                    if outer is None and suffix in FORBIDDEN_CONFIXES.get(kind, ()):
                        continue
                    following += [(r, outer or kind, prefixes + 1, suffix) for r in rests]
            if suffix is None:
                following += [
                    (rest, outer, prefixes, taken) for taken, rest in _suffix_options(form, outer)
                ]
        level = following


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The root of one lower-case word; words that are not plain ASCII letters stay as they are."""
    if len(word) <= MIN_STEM or not (word.isascii() and word.isalpha()):
        return word
    if word in ROOTS:
        return word
    default = _default(word)
    if default in ROOTS:
        return default
    for reading in _readings(word):
        if reading in ROOTS:
            return reading
    return default
