"""Signing up, confirming and signing in: in Gotong's words, with Gotong's name in every
account email, and signed in (on the dashboard) after confirming in the same browser."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from gotong.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "display_name": "Komunitas Peduli Tallo",
    "email": "baru@contoh.id",
    "password1": "gotong-royong-2024",
    "password2": "gotong-royong-2024",
}


def test_signup_then_the_link_in_the_same_browser_signs_in_to_the_dashboard(client, settings):
    settings.PUBLIC_BASE_URL = "https://gotong.example"
    response = client.post("/akun/signup/", SIGNUP)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session  # not before confirming

    [message] = mail.outbox
    assert message.subject == "[Gotong] Konfirmasi alamat email Anda"
    assert message.body.startswith("Halo dari Gotong!")
    assert "gotong.example" in message.body
    assert "127.0.0.1" not in message.body
    url = re.search(r"http://testserver(/akun/confirm-email/\S+/)", message.body).group(1)

    page = client.get(url)
    assert page.status_code == 200
    assert "Ya, ini email saya" in page.content.decode()
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == "/dasbor/"
    user = User.objects.get(email="baru@contoh.id")
    assert client.session["_auth_user_id"] == str(user.pk)
    assert user.display_name == "Komunitas Peduli Tallo"
    assert client.get("/dasbor/").status_code == 200


def test_the_link_in_another_browser_confirms_but_asks_to_sign_in(client):
    client.post("/akun/signup/", SIGNUP)
    url = re.search(r"http://testserver(/akun/confirm-email/\S+/)", mail.outbox[0].body).group(1)
    other = client.__class__()
    response = other.post(url)
    assert response.status_code == 302
    assert "_auth_user_id" not in other.session
    assert User.objects.get(email="baru@contoh.id").emailaddress_set.get().verified


def test_the_pages_speak_plain_indonesian_and_errors_sit_by_their_fields(client):
    signup = client.get("/akun/signup/").content.decode()
    for text in ("Daftar di Gotong", "Kata sandi", "Ulangi kata sandi", "Minimal 8 karakter"):
        assert text in signup
    assert "Sandi anda" not in signup
    assert 'autocomplete="new-password"' in signup

    login = client.get("/akun/login/").content.decode()
    for text in ("Masuk ke Gotong", "Kata sandi", "Lupa kata sandi?", "Daftar gratis"):
        assert text in login

    page = client.post("/akun/signup/", {**SIGNUP, "password2": "lain-sama-sekali-99"})
    html = page.content.decode()
    assert page.status_code == 200
    field = html[html.index('id="id_password2"') :]
    assert field.index('class="error" role="alert"') < field.index("</div>")

    UserFactory(email="ada@contoh.id")
    page = client.post("/akun/login/", {"login": "ada@contoh.id", "password": "salah-sekali"})
    assert 'data-testid="form-errors"' in page.content.decode()
    assert "kata sandi" in page.content.decode()


def test_password_reset_email_says_gotong(client, settings):
    settings.PUBLIC_BASE_URL = "https://gotong.example"
    user = UserFactory(email="lupa@contoh.id")
    response = client.post("/akun/password/reset/", {"email": user.email})
    assert response.status_code == 302
    assert "Cek email Anda" in client.get(response["Location"]).content.decode()
    [message] = mail.outbox
    assert message.subject == "[Gotong] Buat kata sandi baru"
    assert message.body.startswith("Halo dari Gotong!")
    assert "Tim Gotong" in message.body
    url = re.search(r"http://testserver(/akun/password/reset/key/\S+/)", message.body).group(1)
    form = client.get(url, follow=True).content.decode()
    assert "Buat kata sandi baru" in form
    assert "Kata sandi baru" in form
