"""Servers freeze what they loaded at startup so full collections skip it."""

import gc
import subprocess
import sys


def test_wsgi_application_freezes_startup_objects():
    code = (
        "import gc, walletdesk.config.wsgi as w; "
        "assert callable(w.application); print(gc.get_freeze_count())"
    )
    out = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert int(out.strip().splitlines()[-1]) > 10_000


def test_freeze_moves_objects_to_the_permanent_generation():
    from walletdesk.core.runtime import gc_freeze_startup

    try:
        gc_freeze_startup()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_web_servers_load_the_urlconf_before_freezing():
    """Django imports the URLconf (and through it the API and the assistant's libraries) on the
    first request; loaded after the freeze, those objects made every full collection slow."""
    code = (
        "import gc, walletdesk.config.wsgi as w; "
        "from django.urls import resolve; "
        "resolve('/console/queue/'); resolve('/api/v1/tickets'); gc.collect(); "
        "print(len(gc.get_objects(2)))"
    )
    out = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert int(out.strip().splitlines()[-1]) < 10_000  # 120,000 when the URLconf loads late
