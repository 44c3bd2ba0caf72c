"""The one secret redactor: recovery phrases and private keys never leave customer text.

    >>> redact("私钥 0x" + "ab" * 32).text
    '私钥 [redacted: private key]'

Pure and deterministic: no settings, no database, no network (unless hash_is_tx does it).
Findings carry the kind and the marker's position, never the secret or a hash of it.
"""

from ._core import redact
from ._files import redact_attachment
from ._model import MARKERS, Finding, Redaction, SecretKind

__all__ = ["MARKERS", "Finding", "Redaction", "SecretKind", "redact", "redact_attachment"]
