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
