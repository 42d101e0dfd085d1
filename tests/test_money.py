from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gotong.core.forms import RupiahField
from gotong.core.money import parse_gateway_amount, rupiah


@pytest.mark.parametrize(
    ("amount", "text"),
    [(0, "Rp 0"), (10_000, "Rp 10.000"), (1_250_000, "Rp 1.250.000"), (-5_000, "-Rp 5.000")],
)
def test_rupiah_format(amount, text):
    assert rupiah(amount) == text


@given(st.integers(min_value=0, max_value=10**15))
def test_what_we_print_is_what_the_form_reads(amount):
    assert RupiahField().clean(rupiah(amount)) == amount
    assert RupiahField().clean(str(amount)) == amount


@pytest.mark.parametrize(
    "text", ["50,5", "lima", "1e5", "50000.5.", "\u0665\u0660\u0660\u0660\u0660", "-5000", "0x10"]
)
def test_rupiah_field_refuses_what_is_not_whole_rupiah(text):
    with pytest.raises(ValidationError):
        RupiahField().clean(text)


@given(st.integers(min_value=0, max_value=10**15))
def test_gateway_amount_round_trip(amount):
    assert parse_gateway_amount(f"{amount}.00") == amount
    assert parse_gateway_amount(str(amount)) == amount


@pytest.mark.parametrize("value", ["50000.50", "abc", "", "NaN", "Infinity", "1e400x"])
def test_gateway_amount_rejects_fractions_and_junk(value):
    assert parse_gateway_amount(value) is None
