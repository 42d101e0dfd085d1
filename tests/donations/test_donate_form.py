"""The donation form without JavaScript: amount tiles that are radios (choosing one loses
nothing typed), amounts as people write them, the platform fee before paying, the prayer's
limit; and the thank-you page that invites sharing."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from gotong.donations.models import Donation
from gotong.donations.services import MESSAGE_MAX_LENGTH
from gotong.donations.transitions import DonationEvent
from gotong.payments.services import donation_event_apply
from tests import midtrans
from tests.factories import CampaignFactory, DonationFactory

NOTIFICATION = "/payments/midtrans/notification"


def _post(client, campaign, **fields):
    """Pays by bank transfer: the one method that needs no gateway server."""
    return client.post(
        f"/kampanye/{campaign.slug}/donasi/",
        {"name": "Dewi", "payment_method": "transfer", **fields},
    )


def _pledged(donation: Donation) -> int:
    """The amount the donor chose, without the transfer's unique code."""
    return donation.amount - donation.bank_transfer.unique_code


def _tile(html: str, value: str) -> str:
    match = re.search(
        rf'<label class="amount-tile[^"]*" data-testid="preset-{value}">.*?</label>', html
    )
    assert match, value
    return match.group(0)


@pytest.mark.django_db
def test_choosing_a_tile_keeps_the_name_and_prayer_typed_so_far(client):
    campaign = CampaignFactory()
    response = _post(
        client, campaign, preset="50000", name="", message="Semoga lekas sembuh", email="rina@x.id"
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Nama wajib diisi" in html
    assert "Semoga lekas sembuh</textarea>" in html
    assert 'value="rina@x.id"' in html
    assert " checked" in _tile(html, "50000")
    assert Donation.objects.count() == 0


@pytest.mark.django_db
def test_a_chosen_tile_is_the_amount_whatever_the_hidden_field_holds(client):
    campaign = CampaignFactory()
    assert _post(client, campaign, preset="25000", amount="75.000").status_code == 302
    assert _pledged(Donation.objects.get()) == 25_000


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["50.000", "50000", "Rp 50.000", "rp50.000", " 50.000 "])
def test_other_amount_as_people_write_it(client, typed):
    campaign = CampaignFactory()
    assert _post(client, campaign, preset="lainnya", amount=typed).status_code == 302
    assert _pledged(Donation.objects.get()) == 50_000


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"preset": "lainnya", "amount": "lima puluh ribu"}, "Isi nominal dengan angka rupiah"),
        ({"preset": "lainnya", "amount": "50.000,50"}, "Isi nominal dengan angka rupiah"),
        ({"preset": "lainnya", "amount": "5.00.000"}, "Isi nominal dengan angka rupiah"),
        ({"preset": "lainnya", "amount": ""}, "Isi nominal donasi."),
        ({"preset": "12345"}, "Pilih salah satu nominal yang tersedia."),
        ({"preset": "lainnya", "amount": "9.999"}, "Donasi minimal Rp 10.000."),
    ],
)
def test_junk_amounts_are_refused_in_indonesian(client, fields, message):
    campaign = CampaignFactory()
    response = _post(client, campaign, **fields)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert Donation.objects.count() == 0


@pytest.mark.django_db
def test_a_linked_amount_checks_its_tile_or_fills_the_other_amount(client):
    campaign = CampaignFactory()
    page = f"/kampanye/{campaign.slug}/donasi/"
    html = client.get(f"{page}?nominal=50000").content.decode()
    assert " checked" in _tile(html, "50000")
    assert 'value="50.000"' in html
    html = client.get(f"{page}?nominal=75000").content.decode()
    assert " checked" in _tile(html, "lainnya")
    assert 'value="75.000"' in html
    html = client.get(f"{page}?nominal=banyak").content.decode()
    assert " checked" not in re.search(r'<div class="amount-grid">.*?</div>', html, re.S).group(0)


@pytest.mark.django_db
def test_the_fee_is_shown_before_paying(client):
    campaign = CampaignFactory()
    html = client.get(f"/kampanye/{campaign.slug}/donasi/").content.decode()
    assert "Biaya platform 5% diambil dari donasi" in html
    assert "biaya platform Rp 2.500" in _tile(html, "50000")
    assert "biaya platform Rp 12.500" in _tile(html, "250000")
    assert 'data-fee-bp="500"' in html
    template = unescape(re.search(r'data-fee-template="([^"]*)"', html).group(1))
    assert template == "Biaya platform 5%: {fee} — diambil dari donasi, {net} untuk kampanye."


@pytest.mark.django_db
def test_a_disaster_campaign_says_it_has_no_fee(client):
    campaign = CampaignFactory(category="bencana-alam")
    html = client.get(f"/kampanye/{campaign.slug}/donasi/").content.decode()
    assert "Tanpa biaya platform" in html
    assert "tile-fee" not in html
    assert 'data-fee-bp="0"' in html


@pytest.mark.django_db
def test_english_form_groups_with_commas(client):
    campaign = CampaignFactory()
    html = client.get(f"/en/kampanye/{campaign.slug}/donasi/?nominal=50000").content.decode()
    assert 'data-separator=","' in html
    assert 'value="50,000"' in html
    assert _post(client, campaign, preset="lainnya", amount="Rp 60.000").status_code == 302


@pytest.mark.django_db
def test_the_prayer_has_a_clear_limit(client):
    campaign = CampaignFactory()
    html = client.get(f"/kampanye/{campaign.slug}/donasi/").content.decode()
    assert f'maxlength="{MESSAGE_MAX_LENGTH}"' in html
    assert f"Paling banyak {MESSAGE_MAX_LENGTH} karakter." in html
    assert 'aria-live="polite" data-testid="message-count"' in html
    response = _post(client, campaign, preset="50000", message="x" * (MESSAGE_MAX_LENGTH + 1))
    assert response.status_code == 422
    assert (
        f"Doa dan dukungan paling panjang {MESSAGE_MAX_LENGTH} karakter "
        f"(sekarang {MESSAGE_MAX_LENGTH + 1})"
    ) in response.content.decode()
    assert Donation.objects.count() == 0


@pytest.mark.django_db
def test_line_breaks_count_as_one_character_as_the_counter_says(client):
    campaign = CampaignFactory()
    prayer = "Semoga\r\n" * (MESSAGE_MAX_LENGTH // 7) + "x" * (MESSAGE_MAX_LENGTH % 7)
    assert len(prayer.replace("\r\n", "\n")) == MESSAGE_MAX_LENGTH < len(prayer)
    assert _post(client, campaign, preset="50000", message=prayer).status_code == 302
    assert Donation.objects.get().message == prayer.replace("\r\n", "\n")


@pytest.mark.django_db
def test_thank_you_page_invites_sharing_and_shows_the_progress(client, settings):
    settings.PUBLIC_BASE_URL = "https://gotong.example"
    campaign = CampaignFactory(title="Atap sekolah Desa Sukamaju")
    donation = DonationFactory(campaign=campaign, amount=50_000, message="Semoga cepat selesai")
    html = client.get(f"/donasi/{donation.order_id}/").content.decode()
    assert "Menunggu pembayaran" in html
    link = unescape(re.search(r'href="([^"]+)"[^>]*data-testid="share-whatsapp"', html).group(1))
    assert link.startswith("https://wa.me/?")
    text = parse_qs(urlsplit(link).query)["text"][0]
    assert "“Atap sekolah Desa Sukamaju”" in text
    assert text.endswith(f"https://gotong.example/kampanye/{campaign.slug}/")
    assert f'value="https://gotong.example/kampanye/{campaign.slug}/"' in html
    assert 'data-copy="share-url"' in html
    assert "gotong/copy.js" in html
    assert 'data-testid="collected">Rp 0<' in html
    # The status block still polls itself, and a poll gets back that block alone.
    assert f'hx-get="/donasi/{donation.order_id}/"' in html
    notify = midtrans.notification(donation.order_id, 50_000)
    response = client.post(NOTIFICATION, data=json.dumps(notify), content_type="application/json")
    assert response.status_code == 200
    fragment = client.get(f"/donasi/{donation.order_id}/", headers={"HX-Request": "true"})
    fragment_html = fragment.content.decode()
    assert fragment_html.startswith('<div id="donation-status"')
    assert "Semoga kebaikan Anda kembali berlipat." in fragment_html
    assert "“Semoga cepat selesai”" in fragment_html
    assert "share-whatsapp" not in fragment_html
    html = client.get(f"/donasi/{donation.order_id}/").content.decode()
    assert 'data-testid="collected">Rp 50.000<' in html
    assert 'data-testid="share-whatsapp"' in html


@pytest.mark.django_db
def test_a_failed_payment_does_not_ask_to_share(client):
    donation = DonationFactory()
    donation_event_apply(donation=donation, event=DonationEvent.FAILED)
    html = client.get(f"/donasi/{donation.order_id}/").content.decode()
    assert "Pembayaran tidak berhasil" in html
    assert "share-whatsapp" not in html
