"""The charts of open data on /transparansi/, /wilayah/<code>/ and the campaign page: the
tables read the stored rollup's numbers, the drawn marks carry the same numbers, a group under
three donations counts as nothing, and no page carries a donor."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.utils import translation

from gotong.campaigns.models import Campaign
from gotong.core.money import rupiah
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from gotong.regions.models import Region
from tests.factories import CampaignFactory, DonationFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def money(regions):
    """Makassar: 4 medis donations of Rp 100.000. Bogor: 2 of Rp 60.000 (under the rule)."""
    cache.clear()
    makassar = CampaignFactory(category="medis", region=Region.objects.get(code="73.71"))
    bogor = CampaignFactory(category="pendidikan", region=Region.objects.get(code="32.01"))
    for campaign, amount, count in ((makassar, 100_000, 4), (bogor, 60_000, 2)):
        for i in range(count):
            donation = DonationFactory(
                campaign=campaign, amount=amount, name=f"Rahasia Donatur {i}"
            )
            donation_event_apply(donation=donation, event=DonationEvent.PAID)
    return makassar, bogor


def _figures(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-testid="chart-([a-z0-9-]+)".*?(<table.*?</table>)', html, re.S))


def _marks(html: str, slug: str) -> list[str]:
    svg = re.search(rf'data-testid="chart-{slug}".*?(<svg.*?</svg>)', html, re.S)
    assert svg is not None, slug
    root = ET.fromstring(svg.group(1))
    return [t.text or "" for t in root.iter(f"{SVG}title")][1:]


def test_transparency_charts_read_the_rollup_and_hide_a_group_under_three(client, money):
    with translation.override("id"):
        html = client.get("/transparansi/").content.decode()
    tables = _figures(html)
    assert set(tables) >= {"all-months", "all-categories", "all-provinces"}
    assert rupiah(520_000) in tables["all-months"]  # six donations in the month: shown
    assert "Medis" in tables["all-categories"]
    assert "Pendidikan" not in tables["all-categories"]  # two donations: under the rule
    assert "Sulawesi Selatan" in tables["all-provinces"]
    assert "Jawa Barat" not in tables["all-provinces"]
    for slug in ("all-months", "all-categories"):
        for mark in _marks(html, slug):
            assert mark.rsplit(": ", 1)[-1] in tables[slug], mark
    assert "Rahasia Donatur" not in html


def test_fee_share_is_drawn_against_the_legal_cap(client, money):
    with translation.override("id"):
        html = client.get("/transparansi/").content.decode()
    fees = _figures(html)["all-fees"]
    makassar = Campaign.objects.get(pk=money[0].pk)
    share = makassar.fees * 10_000 // makassar.collected
    assert f"{share // 100},{share % 100 // 10} %" in fees
    assert "chart-cap" in html


def test_a_region_shows_its_own_flows_and_one_under_the_rule_none(client, money):
    with translation.override("id"):
        sulsel = client.get("/wilayah/73/").content.decode()
        jabar = client.get("/wilayah/32/").content.decode()
    assert 'data-testid="region-flows"' in sulsel
    assert rupiah(400_000) in _figures(sulsel)["r73-months"]
    assert 'data-testid="region-flows"' not in jabar


def test_the_campaign_page_draws_its_donations_per_day(client, money):
    makassar, _bogor = money
    makassar.refresh_from_db()
    with translation.override("id"):
        html = client.get(f"/kampanye/{makassar.slug}/").content.decode()
    table = _figures(html)[f"c{makassar.pk}-days"]
    assert rupiah(400_000) in table
    assert len(re.findall(r"<tr>", table)) == 31  # the header and 30 days
