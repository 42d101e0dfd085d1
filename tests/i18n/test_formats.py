"""Rupiah and dates follow the page's language; Indonesian output is what it always was."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from gotong.core.forms import RupiahField
from gotong.core.i18n import bcp47_tag, language_current, og_locale
from gotong.core.money import rupiah, terbilang
from gotong.core.templatetags.gotong import ago

MOMENT = datetime.datetime(2026, 11, 27, 14, 5, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("language", "amount", "text"),
    [
        ("id", 0, "Rp 0"),
        ("id", 1_250_000, "Rp 1.250.000"),
        ("id", -5_000, "-Rp 5.000"),
        ("en", 0, "Rp 0"),
        ("en", 999, "Rp 999"),
        ("en", 1_250_000, "Rp 1,250,000"),
        ("en", -5_000, "-Rp 5,000"),
        ("en", 100_000_000_000, "Rp 100,000,000,000"),
    ],
)
def test_rupiah_per_language(language, amount, text):
    with translation.override(language):
        assert rupiah(amount) == text


def test_rupiah_without_an_active_language_is_indonesian():
    with translation.override(None):
        assert rupiah(1_250_000) == "Rp 1.250.000"
        assert language_current() == "id"


@pytest.mark.parametrize("language", ["id", "en"])
def test_what_we_print_the_form_reads_in_each_language(language):
    with translation.override(language):
        for amount in (0, 10_000, 1_250_000, 987_654_321_000):
            assert RupiahField().clean(rupiah(amount)) == amount


def test_english_reads_commas_and_dots_as_thousands_but_never_as_decimals():
    with translation.override("en"):
        assert RupiahField().clean("50,000") == 50_000
        assert RupiahField().clean("Rp 1,250,000") == 1_250_000
        assert RupiahField().clean("50.000") == 50_000
        for bad in ("50,5", "1,250.000", "1,25,000", "50000.00"):
            with pytest.raises(ValidationError):
                RupiahField().clean(bad)
    with translation.override("id"), pytest.raises(ValidationError):
        RupiahField().clean("50,000")  # a decimal comma in Indonesian: not whole rupiah


def test_amount_in_words_stays_indonesian_in_english():
    with translation.override("en"):
        assert terbilang(1_250_000) == "satu juta dua ratus lima puluh ribu rupiah"


def _render(source: str, value: object) -> str:
    return Template("{% load gotong %}" + source).render(Context({"value": value}))


@pytest.mark.parametrize(
    ("language", "source", "text"),
    [
        ("id", '{{ value|date:"DATE_FORMAT" }}', "27 November 2026"),
        ("en", '{{ value|date:"DATE_FORMAT" }}', "November 27, 2026"),
        ("id", '{{ value|date:"SHORT_DATE_FORMAT" }}', "27 Nov 2026"),
        ("en", '{{ value|date:"SHORT_DATE_FORMAT" }}', "Nov 27, 2026"),
        ("id", '{{ value|date:"SHORT_DATETIME_FORMAT" }}', "27 Nov 2026 21:05"),
        ("en", '{{ value|date:"SHORT_DATETIME_FORMAT" }}', "Nov 27, 2026 21:05"),
        ("id", '{{ value|date:"DATETIME_FORMAT" }}', "27 November 2026, 21.05"),
        ("en", '{{ value|date:"DATETIME_FORMAT" }}', "November 27, 2026, 21:05"),
        ("id", "{{ value|rupiah }}", None),
        ("en", "{{ value|rupiah }}", None),
    ],
)
def test_dates_per_language_in_jakarta_time(language, source, text):
    with translation.override(language):
        if text is None:
            expected = "Rp 1.250.000" if language == "id" else "Rp 1,250,000"
            assert _render(source, 1_250_000) == expected
        else:
            assert _render(source, MOMENT) == text


def test_indonesian_month_names():
    with translation.override("id"):
        assert _render('{{ value|date:"DATE_FORMAT" }}', datetime.date(2026, 8, 17)) == (
            "17 Agustus 2026"
        )


def test_time_ago_per_language():
    an_hour_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1, seconds=5)
    with translation.override("id"):
        assert ago(an_hour_ago) == "1\xa0jam lalu"
    with translation.override("en"):
        assert ago(an_hour_ago) == "1\xa0hour ago"
        assert ago(datetime.datetime.now(datetime.UTC)) == "just now"


def test_open_graph_and_schema_org_language_tags():
    assert (og_locale("id"), og_locale("en")) == ("id_ID", "en_US")
    assert (bcp47_tag("id"), bcp47_tag("en")) == ("id-ID", "en-US")
    with translation.override("en"):
        assert og_locale() == "en_US"


def test_time_ago_says_the_largest_unit_only():
    moment = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=3, hours=2)
    with translation.override("id"):
        assert ago(moment) == "3\xa0hari lalu"
