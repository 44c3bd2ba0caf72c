"""Where a secret could end up once a message came in, read back as plain text.

`database_text()` reads every row of every table (Django's and the search index's virtual and
side tables alike) with raw SQL; JSON is decoded and flattened, stored raw mail is decoded
part by part, so an escaped or base64 copy of a secret is found as well. `files_text()` reads
the stored attachments (also as UTF-16 and the legacy CJK encodings). The tests in
test_no_secret_leaks.py look for the corpus fragments of a secret in all of it, in every log
record and in every outbound message.
"""

import contextlib
import email
import email.policy
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import connection


def flatten(value: Any) -> Iterator[str]:
    """Every string inside a JSON-like value (keys too)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from flatten(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from flatten(item)
    elif value is not None:
        yield str(value)


def _mail_parts(raw: bytes) -> Iterator[str]:
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    for header, value in message.items():
        yield f"{header}: {value}"
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            yield payload.decode(part.get_content_charset() or "utf-8", errors="replace")


def readings(value: Any) -> Iterator[str]:
    """A stored value and what it decodes to (JSON text, raw mail, bytes)."""
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
        yield text
        if b"\n" in value[:2000] and b":" in value[:200]:
            yield from _mail_parts(value)
        value = text
    if isinstance(value, dict | list):
        yield from flatten(value)
        return
    text = str(value)
    yield text
    if text[:1] in '{["':
        with contextlib.suppress(ValueError):
            yield from flatten(json.loads(text))


def table_names() -> list[str]:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            return sorted(row[0] for row in cursor.fetchall())
    return sorted(connection.introspection.table_names(include_views=False))


def table_text(table: str) -> str:
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (names from the catalogue)
        rows = cursor.fetchall()
    return "\n".join(text for row in rows for value in row for text in readings(value))


def database_text() -> dict[str, str]:
    return {table: table_text(table) for table in table_names()}


# A stored file is also read in the encodings a customer's text file may use.
FILE_ENCODINGS = ("utf-16-le", "utf-16-be", "gb18030", "big5", "shift_jis", "euc-kr")


def file_readings(data: bytes) -> Iterator[str]:
    yield from readings(data)
    for encoding in FILE_ENCODINGS:
        for start in (0, 1) if encoding.startswith("utf-16") else (0,):
            yield data[start:].decode(encoding, errors="replace")


def files_text(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): "\n".join(file_readings(path.read_bytes()))
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def log_text(record: logging.LogRecord) -> str:
    parts = [record.getMessage(), repr(record.args), repr(record.__dict__.get("extra", ""))]
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    return "\n".join(parts)


def found_in(places: dict[str, str], fragments: list[str]) -> list[str]:
    """'place: fragment' for every fragment that appears in a place."""
    return [
        f"{place}: {fragment!r}"
        for place, text in places.items()
        for fragment in fragments
        if fragment in text
    ]
