"""The on-disk spool for Telegram updates the database could not take.

When storing an update fails (the database is down, or no pooled connection came in time), the
webhook and the long-poller write the record as it would have been stored (secrets redacted,
SHA-256 and size of the original) to one file per update in TELEGRAM_SPOOL_DIR, fsync the file
and the directory, and only then acknowledge. `spool_drain` moves the files into the database
(the worker's sweep; the web process itself after its next successful store): the record's
(bot, update_id) key keeps it exactly once, and a file is removed only after its record has
committed. A file that cannot be read is renamed `*.bad` and logged, never deleted.
"""

import base64
import json
import logging
import os
import re
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

from django.db import DatabaseError, connection

from walletdesk.inbox.adapters.telegram.config import conf
from walletdesk.inbox.models import InboundRecord

logger = logging.getLogger(__name__)
SUFFIX = ".json"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")
_draining = threading.Lock()


def spool_dir() -> Path | None:
    """TELEGRAM_SPOOL_DIR; None when it is "off" (or absent from the settings)."""
    configured = str(conf().get("SPOOL_DIR") or "")
    return Path(configured) if configured and configured != "off" else None


def spool_put(record: InboundRecord) -> Path:
    """Write one unsaved record durably; returns its file. Raises OSError when the disk fails
    (then nothing may be acknowledged)."""
    directory = spool_dir()
    if directory is None:
        raise OSError("no TELEGRAM_SPOOL_DIR configured")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = f"{time.time_ns():020d}-{_UNSAFE.sub('_', record.external_id)}{SUFFIX}"
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(json.dumps(_entry(record)).encode())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, directory / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(directory)
    return directory / name


def spool_drain(*, limit: int = 500) -> int:
    """Store spooled updates (oldest first) in the database. Returns how many files it moved.
    Database errors propagate: the files stay for the next drain."""
    from walletdesk.inbox.services import record_process_soon
    from walletdesk.inbox.services.records import inbound_store

    directory = spool_dir()
    if directory is None or not directory.is_dir():
        return 0
    moved = 0
    for path in sorted(directory.glob(f"*{SUFFIX}"))[:limit]:
        try:
            record = _record_of(json.loads(path.read_bytes()))
        except FileNotFoundError:
            continue  # moved meanwhile by another drain
        except (ValueError, KeyError, TypeError):
            logger.error("unreadable telegram spool file %s: renamed .bad", path.name)
            path.rename(path.with_suffix(".bad"))
            continue
        record, new = inbound_store(record)
        if new:
            record_process_soon(record.id)
        path.unlink(missing_ok=True)
        moved += 1
    return moved


def spool_drain_soon() -> None:
    """After a successful store: when updates wait in the spool, move them in a background
    thread of this process (one at a time), so web processes without a worker drain theirs."""
    directory = spool_dir()
    if directory is None or not _has_entries(directory) or _draining.locked():
        return
    threading.Thread(target=_drain_in_background, name="telegram-spool", daemon=True).start()


def _drain_in_background() -> None:
    if not _draining.acquire(blocking=False):
        return
    try:
        spool_drain()
    except DatabaseError:
        logger.warning("telegram spool: database unavailable, the files wait")
    except Exception:
        logger.exception("telegram spool drain failed")
    finally:
        connection.close()
        _draining.release()


def _has_entries(directory: Path) -> bool:
    try:
        with os.scandir(directory) as entries:
            return any(entry.name.endswith(SUFFIX) for entry in entries)
    except FileNotFoundError:
        return False


def _entry(record: InboundRecord) -> dict:
    return {
        "channel": record.channel,
        "external_id": record.external_id,
        "source": record.source,
        "sha256": record.sha256,
        "size": record.size,
        "redacted": record.redacted,
        "received_at": record.received_at.isoformat(),
        "payload": base64.b64encode(bytes(record.payload)).decode(),
    }


def _record_of(entry: dict) -> InboundRecord:
    return InboundRecord(
        channel=entry["channel"],
        external_id=entry["external_id"],
        source=entry["source"],
        sha256=entry["sha256"],
        size=int(entry["size"]),
        redacted=bool(entry["redacted"]),
        received_at=datetime.fromisoformat(entry["received_at"]),
        payload=base64.b64decode(entry["payload"]),
    )


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
