"""Amounts in Indonesian words, as a kuitansi writes them. Checked against fixed examples and,
for every amount hypothesis picks, against an independent reader of Indonesian number words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gotong.core.money import terbilang

DIGITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"]
SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12, "kuadriliun": 10**15}


def read_words(text: str) -> int:
    """Read Indonesian number words as a person does: build a group below a thousand, and when
    a scale word comes, multiply the group (and any smaller scales read since, as in
    "seribu kuadriliun") by it."""
    words = text.split()
    assert words.pop() == "rupiah"
    group, last = 0, 0
    scaled: list[tuple[int, int]] = []  # (scale, value) already closed by a scale word

    def close(scale: int) -> None:
        nonlocal group
        smaller = sum(value for s, value in scaled if s < scale)
        scaled[:] = [(s, value) for s, value in scaled if s >= scale]
        scaled.append((scale, (group + smaller) * scale))
        group = 0

    for word in words:
        if word in DIGITS:
            last = DIGITS.index(word)
            group += last
        elif word == "sepuluh":
            group += 10
        elif word == "sebelas":
            group += 11
        elif word == "seratus":
            group += 100
        elif word == "belas":
            group += 10
        elif word == "puluh":
            group += last * 9
        elif word == "ratus":
            group += last * 99
        elif word == "seribu":
            group += 1
            close(1000)
        elif word in SCALES:
            close(SCALES[word])
        else:
            raise AssertionError(f"unknown word {word!r}")
    return sum(value for _, value in scaled) + group


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "nol rupiah"),
        (1, "satu rupiah"),
        (10, "sepuluh rupiah"),
        (11, "sebelas rupiah"),
        (15, "lima belas rupiah"),
        (21, "dua puluh satu rupiah"),
        (100, "seratus rupiah"),
        (111, "seratus sebelas rupiah"),
        (1_000, "seribu rupiah"),
        (1_500, "seribu lima ratus rupiah"),
        (10_000, "sepuluh ribu rupiah"),
        (50_000, "lima puluh ribu rupiah"),
        (100_000, "seratus ribu rupiah"),
        (111_000, "seratus sebelas ribu rupiah"),
        (1_000_000, "satu juta rupiah"),
        (1_250_000, "satu juta dua ratus lima puluh ribu rupiah"),
        (2_001_000, "dua juta seribu rupiah"),
        (1_000_000_000, "satu miliar rupiah"),
        (7_300_000_000_000, "tujuh triliun tiga ratus miliar rupiah"),
        (999_999_999, "sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan "
                      "puluh sembilan ribu sembilan ratus sembilan puluh sembilan rupiah"),
    ],
)  # fmt: skip
def test_terbilang_examples(amount, words):
    assert terbilang(amount) == words


@given(st.integers(min_value=0, max_value=10**18 - 1))
def test_terbilang_reads_back_to_the_same_amount(amount):
    assert read_words(terbilang(amount)) == amount


@given(st.integers(min_value=1, max_value=10**15))
def test_terbilang_says_se_for_one_hundred_ten_and_eleven(amount):
    text = terbilang(amount)
    for wrong in ("satu ratus", "satu puluh", "satu belas"):
        assert wrong not in text


@given(st.integers(min_value=0, max_value=999))
def test_one_thousand_and_something_is_seribu(rest):
    assert terbilang(1000 + rest).startswith("seribu")
    assert terbilang(1_000_000 + 1000 + rest).startswith("satu juta seribu")
