"""People in browser tests: staff with a verified address, and signing in as a person would."""

from __future__ import annotations

import re

from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from gotong.accounts.models import User
from tests.factories import staff_with_role

PASSWORD = "sandi-rahasia-123"  # UserFactory's password


def finance_officer() -> User:
    user = staff_with_role("finance", email="keuangan@gotong.id")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def sign_in(page: Page, email: str) -> None:
    """From the home page as a person would: "Masuk", allauth's form, then the dashboard."""
    page.goto("/")
    page.get_by_role("link", name="Masuk", exact=True).click()
    form = page.locator("main form[action*='/akun/login/']")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/dasbor/$"))
    expect(page.get_by_test_id("account")).to_have_text("Dasbor")
