"""The log's Ed25519 key and what a tree-head signature covers.

The key is `settings.LOG_SIGNING_KEY` (base64 of the raw 32-byte private key) or, when that is
empty, the file `VAR_DIR/log-signing-key` (same format), generated with mode 0600 on first use.
Only the sealer needs the private key; each TreeHead stores the public key it was signed with.
"""

from __future__ import annotations

import base64
import binascii
import functools
import logging
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from gotong.transparency.leaves import canonical_json

KEY_FILE_NAME = "log-signing-key"
logger = logging.getLogger(__name__)


def head_message(*, tree_size: int, timestamp: int, root_hash: str) -> bytes:
    """The exact bytes a tree-head signature covers:
    `{"root_hash":"<64 lowercase hex>","timestamp":<ms>,"tree_size":<n>}` in UTF-8."""
    return canonical_json({"tree_size": tree_size, "timestamp": timestamp, "root_hash": root_hash})


def _decode_key(text: str, source: str) -> Ed25519PrivateKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise ImproperlyConfigured(
            f"{source} must be the base64 of a raw 32-byte Ed25519 private key "
            "(e.g. `openssl rand -base64 32`)"
        )
    return Ed25519PrivateKey.from_private_bytes(raw)


def _key_file_load_or_create(path: Path) -> Ed25519PrivateKey:
    """Read the key file, creating it first if missing. Two processes racing here end up with
    the same key: each writes a private temp file and hard-links it into place; the loser's
    link fails and it reads the winner's file."""
    if not path.exists():
        raw = secrets.token_bytes(32)
        temp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(base64.b64encode(raw).decode() + "\n")
        try:
            os.link(temp, path)
            logger.warning("generated a new transparency-log signing key in %s", path)
        except FileExistsError:
            pass
        finally:
            temp.unlink()
    if path.stat().st_mode & 0o077:
        logger.warning("%s is readable by other users; it should be mode 0600", path)
    return _decode_key(path.read_text(), str(path))


@functools.lru_cache(maxsize=4)
def _signing_key(configured: str, key_file: str) -> Ed25519PrivateKey:
    if configured:
        return _decode_key(configured, "LOG_SIGNING_KEY")
    return _key_file_load_or_create(Path(key_file))


def signing_key() -> Ed25519PrivateKey:
    return _signing_key(settings.LOG_SIGNING_KEY, str(Path(settings.VAR_DIR) / KEY_FILE_NAME))


def public_key_b64(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def head_sign(*, key: Ed25519PrivateKey, tree_size: int, timestamp: int, root_hash: str) -> str:
    message = head_message(tree_size=tree_size, timestamp=timestamp, root_hash=root_hash)
    return base64.b64encode(key.sign(message)).decode()


def head_signature_valid(
    *, tree_size: int, timestamp: int, root_hash: str, signature: str, public_key: str
) -> bool:
    """Does `signature` (base64) by `public_key` (base64 raw Ed25519) cover this head?"""
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key, validate=True))
        key.verify(
            base64.b64decode(signature, validate=True),
            head_message(tree_size=tree_size, timestamp=timestamp, root_hash=root_hash),
        )
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True
