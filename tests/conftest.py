import pytest
from django.db import connection


@pytest.fixture
def on_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://… (CI runs the suite on both)")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def staff_2fa_only_in_guard_tests(request, settings):
    """Staff 2FA is on by default (production and tests/guard). Other suites sign agents in
    with force_login and test their views directly, so it is off for them."""
    if "guard" not in request.node.path.parts:
        settings.STAFF_2FA_REQUIRED = False


@pytest.fixture(autouse=True)
def assistant_on_channels_only_in_assistant_tests(request, settings):
    """The assistant answers channel messages first (WALLETDESK_ASSISTANT_CHANNELS); the other
    suites test the channels without its replies, tests/assistant with them."""
    if "assistant" not in request.node.path.parts:
        settings.WALLETDESK = {**settings.WALLETDESK, "ASSISTANT_CHANNELS": ""}


@pytest.fixture(autouse=True)
def fresh_desk_config():
    """Each test starts with no snapshot of the desk configuration or the guard's registry (rows
    of earlier tests were rolled back)."""
    from walletdesk.guard.selectors import directory_forget
    from walletdesk.tickets.services.desk_config import desk_config_clear

    desk_config_clear()
    directory_forget()
    yield
    desk_config_clear()
    directory_forget()


@pytest.fixture(autouse=True)
def audit_log_emptied_before_flush(request):
    """A transactional test ends with a flush, which the audit log's append-only triggers
    refuse while it holds rows: empty it first (triggers lifted and put back at once)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or {
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not transactional:
        yield
        return
    request.getfixturevalue("transactional_db")  # so that this teardown runs before the flush
    yield
    from walletdesk.guard.append_only import purge_for_tests

    purge_for_tests(connection)
