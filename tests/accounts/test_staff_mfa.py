"""Staff enrol a second factor before any staff action (decision 30): without an authenticator
app every staff page and /admin/ sends them to enrolment, with one they pass; signing in then
asks for the app's code."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from gotong.info.models import InfoPost
from tests.factories import UserFactory, staff_with_role, totp_code, totp_enrol
from tests.info.conftest import post as info_post

pytestmark = pytest.mark.django_db

MODERATOR_PAGES = ["/staf/tinjauan/", "/staf/verifikasi/", "/staf/laporan/", "/staf/kebutuhan/"]
FINANCE_PAGES = ["/staf/pencairan/", "/staf/mutasi-bank/"]
VERIFIER_PAGES = ["/staf/info/"]
PAGES = {
    "moderator": [*MODERATOR_PAGES, "/admin/"],
    "finance": [*FINANCE_PAGES, "/admin/"],
    "verifikator": [*VERIFIER_PAGES, "/admin/"],
    "admin": [*MODERATOR_PAGES, *FINANCE_PAGES, *VERIFIER_PAGES, "/admin/", "/en/staf/info/"],
}
CASES = [(role, page) for role, pages in PAGES.items() for page in pages]
ENROL = "/akun/2fa/totp/activate/"


def staff(role: str, *, mfa: bool):
    if role == "admin":
        return UserFactory(is_staff=True, is_superuser=True, mfa=mfa)
    return staff_with_role(role, mfa=mfa)


def password_sign_in(client, user) -> None:
    """Sign in with the password as a person would (enrolling asks for a recent sign-in)."""
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    login = {"login": user.email, "password": "sandi-rahasia-123"}
    assert client.post(reverse("account_login"), login).status_code == 302


def reauthenticate(client):
    """Enrolling asks for the password once more (allauth's reauthentication), then shows the
    enrolment page."""
    asked = client.get(ENROL)["Location"]
    assert asked.startswith(reverse("account_reauthenticate"))
    response = client.post(asked, {"password": "sandi-rahasia-123"}, follow=True)
    assert response.redirect_chain[-1][0] == ENROL
    return response


@pytest.mark.parametrize(("role", "page"), CASES)
def test_staff_without_a_second_factor_are_sent_to_enrol(client, role, page):
    client.force_login(staff(role, mfa=False))
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"] == (ENROL if not page.startswith("/en/") else "/en" + ENROL)


@pytest.mark.parametrize(("role", "page"), CASES)
def test_staff_with_a_second_factor_pass(client, role, page):
    client.force_login(staff(role, mfa=True))
    assert client.get(page).status_code == 200


def test_the_enrolment_page_says_why_in_indonesian(client):
    password_sign_in(client, staff_with_role("finance", mfa=False))
    response = client.get("/staf/pencairan/", follow=True)
    assert "wajib memakai verifikasi dua langkah" in response.content.decode()
    response = reauthenticate(client)
    text = response.content.decode()
    assert 'data-testid="mfa-staff-why"' in text
    assert "<svg" in text  # the QR code, drawn by segno


def test_a_staff_decision_outside_staf_is_guarded_too(client, tallo):
    verifier = staff_with_role("verifikator", mfa=False)
    post = info_post(UserFactory())
    client.force_login(verifier)
    response = client.post(
        reverse("info:verdict", args=[post.pk]),
        {"verdict": "verify", "note": "Dicek ke posko.", "evidence": "https://contoh.id/b"},
    )
    assert response.status_code == 302
    assert response["Location"] == ENROL
    assert InfoPost.objects.get(pk=post.pk).status == post.status


def test_staff_api_actions_answer_403_json_without_a_second_factor(client):
    client.force_login(staff_with_role("moderator", mfa=False))
    response = client.get("/api/v1/staf/antrean")
    assert response.status_code == 403
    assert response.json()["code"] == "mfa_required"
    client.force_login(staff_with_role("moderator"))
    assert client.get("/api/v1/staf/antrean").status_code == 404


def test_people_without_a_staff_role_need_no_second_factor(client):
    client.force_login(UserFactory())
    assert client.get("/staf/tinjauan/").status_code == 403
    assert client.get(reverse("campaigns:dashboard")).status_code == 200


def test_enrolling_opens_the_staff_pages(client):
    moderator = staff_with_role("moderator", mfa=False)
    password_sign_in(client, moderator)
    page = reauthenticate(client)
    secret = page.context["form"].secret
    response = client.post(ENROL, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=moderator, type=Authenticator.Type.TOTP).exists()
    assert client.get("/staf/tinjauan/").status_code == 200


def test_signing_in_with_an_authenticator_asks_for_its_code(client):
    moderator = staff_with_role("moderator", mfa=False)
    EmailAddress.objects.create(user=moderator, email=moderator.email, verified=True, primary=True)
    secret = totp_enrol(moderator)
    login = {"login": moderator.email, "password": "sandi-rahasia-123"}
    response = client.post(reverse("account_login"), login)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get("/staf/tinjauan/")["Location"].startswith(reverse("account_login"))

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:dashboard")
    assert client.session["_auth_user_id"] == str(moderator.pk)
    assert client.get("/staf/tinjauan/").status_code == 200


def test_the_admin_sign_in_goes_through_the_second_factor(client):
    moderator = staff_with_role("moderator")
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    login = {"login": moderator.email, "password": "sandi-rahasia-123"}
    assert client.post("/admin/login/?next=/admin/", login)["Location"].startswith(
        reverse("account_login")
    )
    assert "_auth_user_id" not in client.session
