"""Issuing and checking API secrets: `<kind>_<prefix>.<secret>`, stored as SHA-256 of the whole."""

import hashlib
import hmac
import secrets

APP_KEY = "wdk"
AGENT_TOKEN = "wda"  # noqa: S105 (a prefix, not a secret)


def secret_new(kind: str) -> tuple[str, str, str]:
    """(plain key, prefix, hash) for a new secret of `kind`."""
    prefix = secrets.token_hex(5)
    plain = f"{kind}_{prefix}.{secrets.token_urlsafe(32)}"
    return plain, prefix, secret_hash(plain)


def secret_hash(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def secret_parse(plain: str, kind: str) -> str | None:
    """The prefix of a well-formed secret of `kind`, else None."""
    head, dot, _rest = plain.partition(".")
    if not dot or not head.startswith(f"{kind}_"):
        return None
    return head[len(kind) + 1 :] or None


def secret_matches(plain: str, stored_hash: str) -> bool:
    return hmac.compare_digest(secret_hash(plain), stored_hash)
