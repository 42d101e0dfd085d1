"""A guest donor gets their donations in the browser: the footer's "Donasi saya", the email
form (a real POST from Chromium, so the page's own Referrer-Policy must let the CSRF origin
check pass), the emailed link, and the list with the e-kuitansi."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import DonationFactory
from tests.transparency.helpers import settle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_guest_asks_for_the_link_and_opens_their_donations(page, shot, live_server, settings):
    settings.PUBLIC_BASE_URL = live_server.url
    mine = DonationFactory(email="budi@contoh.id", amount=150_000)
    settle(mine)
    DonationFactory(email="ani@contoh.id", order_id="GTG-ANI-1")

    page.goto("/bantuan/")
    page.get_by_test_id("foot-my-donations").click()
    expect(page).to_have_url(re.compile("/donasi-saya/$"))
    page.get_by_label("Email yang Anda pakai saat berdonasi").fill("budi@contoh.id")
    page.get_by_role("button", name="Kirim tautan ke email saya").click()
    expect(page.locator(".msg-success")).to_contain_text("Jika ada donasi dengan email tersebut")
    shot(page, "history-link-sent")

    [message] = [m for m in mail.outbox if "daftar donasi" in m.subject]
    link = re.search(r"(https?://\S+/donasi-saya/\S+/)", message.body).group(1)
    page.goto(link)
    rows = page.get_by_test_id("donation-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Rp 150.000")
    expect(page.locator("main")).not_to_contain_text("GTG-ANI-1")
    shot(page, "history-by-link")
    rows.first.get_by_test_id("receipt-link").click()
    expect(page).to_have_url(re.compile(f"/kuitansi/{mine.order_id}/$"))
