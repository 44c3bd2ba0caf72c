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
def fresh_desk_config():
    """Each test starts with no configuration snapshot (rows of earlier tests were rolled back)."""
    from walletdesk.tickets.services.desk_config import desk_config_clear

    desk_config_clear()
    yield
    desk_config_clear()
