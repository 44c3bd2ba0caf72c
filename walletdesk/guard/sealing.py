"""Values that must be kept but never stored in clear, sealed with AES-256-GCM.

The API keeps its first answer to an idempotent request, to replay it on a retry; a ticket
creation's answer carries the ticket's access token, which is otherwise stored nowhere (the
ticket keeps its SHA-256). `seal(value)` gives `{"sealed": "wd-sealed-v1:…"}` (JSON-safe, a new
random nonce each time); `unseal` gives the value back, and returns anything it did not seal
unchanged. The key is derived from SECRET_KEY; SECRET_KEY_FALLBACKS still open older seals.
"""

import base64
import json
import secrets
from typing import Any

from Crypto.Cipher import AES
from django.conf import settings
from django.utils.crypto import salted_hmac

SALT = "walletdesk.guard.sealing"
FIELD = "sealed"
PREFIX = "wd-sealed-v1:"
NONCE_BYTES, TAG_BYTES = 12, 16


class Unsealable(ValueError):
    """Sealed with a key this process does not have (or altered)."""


def _key(secret: str | bytes) -> bytes:
    return salted_hmac(SALT, "aes-256-gcm", secret=secret, algorithm="sha256").digest()


def seal(value: Any) -> dict[str, str]:
    nonce = secrets.token_bytes(NONCE_BYTES)
    cipher = AES.new(_key(settings.SECRET_KEY), AES.MODE_GCM, nonce=nonce)
    data, tag = cipher.encrypt_and_digest(json.dumps(value).encode())
    return {FIELD: PREFIX + base64.urlsafe_b64encode(nonce + tag + data).decode()}


def is_sealed(value: Any) -> bool:
    return (
        isinstance(value, dict) and list(value) == [FIELD] and str(value[FIELD]).startswith(PREFIX)
    )


def unseal(value: Any) -> Any:
    if not is_sealed(value):
        return value
    raw = base64.urlsafe_b64decode(value[FIELD][len(PREFIX) :])
    head = NONCE_BYTES + TAG_BYTES
    nonce, tag, data = raw[:NONCE_BYTES], raw[NONCE_BYTES:head], raw[head:]
    for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
        cipher = AES.new(_key(secret), AES.MODE_GCM, nonce=nonce)
        try:
            return json.loads(cipher.decrypt_and_verify(data, tag))
        except ValueError:
            continue
    raise Unsealable("sealed with another SECRET_KEY, or altered")
