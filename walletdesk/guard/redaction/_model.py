"""Result types and the one table of marker texts."""

from dataclasses import dataclass
from enum import StrEnum


class SecretKind(StrEnum):
    RECOVERY_PHRASE = "recovery_phrase"
    PRIVATE_KEY = "private_key"
    WIF_KEY = "wif_key"
    EXTENDED_PRIVATE_KEY = "extended_private_key"
    SOLANA_SECRET_KEY = "solana_secret_key"  # noqa: S105 (a kind name)
    KEYSTORE_JSON = "keystore_json"


MARKERS: dict[SecretKind, str] = {
    SecretKind.RECOVERY_PHRASE: "[redacted: recovery phrase]",
    SecretKind.PRIVATE_KEY: "[redacted: private key]",
    SecretKind.WIF_KEY: "[redacted: WIF private key]",
    SecretKind.EXTENDED_PRIVATE_KEY: "[redacted: extended private key]",
    SecretKind.SOLANA_SECRET_KEY: "[redacted: Solana secret key]",
    SecretKind.KEYSTORE_JSON: "[redacted: keystore file]",
}

# When two detections overlap, the merged span is reported as the kind listed first.
PRIORITY: tuple[SecretKind, ...] = (
    SecretKind.KEYSTORE_JSON,
    SecretKind.EXTENDED_PRIVATE_KEY,
    SecretKind.SOLANA_SECRET_KEY,
    SecretKind.WIF_KEY,
    SecretKind.PRIVATE_KEY,
    SecretKind.RECOVERY_PHRASE,
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One redacted secret: its kind, whether it was verified, and where its marker is.

    `start`/`end` index the *redacted* text (the marker), never the original secret.
    `certain` means the value was verified (BIP-39 checksum, base58check, keystore JSON
    structure, ed25519 key pair) rather than only looking like a secret.
    """

    kind: SecretKind
    certain: bool
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True, slots=True)
class Redaction:
    text: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    """A detection in the original text (internal: it holds positions, not values)."""

    start: int
    end: int
    kind: SecretKind
    certain: bool
