"""Midtrans' API authentication: HTTP Basic with the server key as user name, empty password."""

from __future__ import annotations

import base64
import binascii
import hmac

from django.conf import settings
from django.http import HttpRequest


def basic_auth_username(request: HttpRequest) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, _, _password = decoded.partition(":")
    return username


def server_key_valid(request: HttpRequest) -> bool:
    username = basic_auth_username(request)
    if not username:
        return False
    return hmac.compare_digest(username.encode(), settings.MIDTRANS_SERVER_KEY.encode())
