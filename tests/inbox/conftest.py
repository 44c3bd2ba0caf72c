import imaplib
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.inbox import servers


@pytest.fixture
def imap_server():
    if servers.DOVECOT is None:
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd; CI installs it)")
    # Not pytest's tmp_path: its 0700 parents would keep Dovecot's own user out when root.
    root = Path(tempfile.mkdtemp(prefix="wd-dovecot-"))
    try:
        with servers.dovecot(root) as server:
            yield server
    finally:
        shutil.rmtree(root, ignore_errors=True)


def imap_append(server, raw: bytes, folder: str = "INBOX") -> None:
    client = imaplib.IMAP4(server.host, server.port)
    client.login(server.user, server.password)
    typ, data = client.append(folder, None, None, raw)
    assert typ == "OK", data
    client.logout()


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Attachments are written to a temporary MEDIA_ROOT, not the checkout's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
