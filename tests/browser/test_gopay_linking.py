"""A person links GoPay on the sandbox's linking page (the activation URL of a pay account),
phone-sized, and declines a second request."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from gotong.payments.gateways import gateway_get
from gotong.payments.gateways.base import RecurringGateway

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def link(callback: str):
    gateway = gateway_get("midtrans")
    assert isinstance(gateway, RecurringGateway)
    account = gateway.pay_account_link(
        customer_name="Siti Rahma",
        customer_email="siti@example.com",
        phone="081234567890",
        callback_url=callback,
    )
    return gateway, account


def test_linking_page_approves_and_declines(page, shot, live_gateway):
    callback = f"{live_gateway.url}/"
    gateway, account = link(callback)

    page.goto(account.activation_url)
    expect(page.get_by_test_id("merchant")).to_have_text("Gotong (Sandbox)")
    expect(page.get_by_test_id("phone")).to_have_text("+62 812•••890")
    expect(page.get_by_test_id("consent")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone
    shot(page, "linking-request")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("result")).to_have_attribute("data-status", "ENABLED")
    shot(page, "linking-approved")
    assert gateway.pay_account_get(account.id).status == "ENABLED"
    page.get_by_test_id("back-to-merchant").click()
    expect(page).to_have_url(callback)

    _, second = link(callback)
    page.goto(second.activation_url)
    page.get_by_test_id("decline").click()
    expect(page.get_by_test_id("result")).to_have_attribute("data-status", "DISABLED")
    shot(page, "linking-declined")
    assert gateway.pay_account_get(second.id).status == "DISABLED"
    page.goto(second.activation_url)  # answered once: the buttons are gone
    expect(page.get_by_test_id("consent")).to_have_count(0)
