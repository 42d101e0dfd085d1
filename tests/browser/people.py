"""People in browser tests: staff with a verified address, and signing in as a person would."""

from __future__ import annotations

import re

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from playwright.sync_api import Page, expect

from gotong.accounts.models import User
from tests.factories import staff_with_role, totp_code, totp_step_wait

PASSWORD = "sandi-rahasia-123"  # UserFactory's password


def finance_officer() -> User:
    user = staff_with_role("finance", email="keuangan@gotong.id")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Fill allauth's login form (the page must be showing it) and submit."""
    form = page.locator("main form[action*='/akun/login/']")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()


def sign_in(page: Page, email: str) -> None:
    """From the home page as a person would: "Masuk", allauth's form, the code of their
    authenticator app when they have one (all staff do), then the dashboard."""
    page.goto("/")
    page.get_by_role("link", name="Masuk", exact=True).click()
    log_in(page, email)
    expect(page).to_have_url(re.compile(r"/dasbor/$|/akun/2fa/authenticate/$"))
    if page.url.endswith("/akun/2fa/authenticate/"):
        app = Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)
        totp_step_wait()
        page.locator("main input[name=code]").fill(totp_code(decrypt(app.data["secret"])))
        page.get_by_test_id("mfa-submit").click()
    expect(page).to_have_url(re.compile(r"/dasbor/$"))
    expect(page.get_by_test_id("account")).to_have_text("Dasbor")
