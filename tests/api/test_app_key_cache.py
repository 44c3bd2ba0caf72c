"""App keys are read once and cached; deactivating or deleting one refuses it at once."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories as f

pytestmark = pytest.mark.django_db


def listing(key: str):
    http = Client(headers={"Authorization": f"Bearer {key}"})
    return http.get("/api/v1/tickets", {"app_user_id": "nobody"})


def client_reads(captured) -> int:
    return sum('FROM "api_apiclient"' in q["sql"] for q in captured.captured_queries)


def test_a_known_key_is_not_read_again_within_the_cache_time(desk):
    key = f.app_client()[1]
    assert listing(key).status_code == 404  # authenticated: the user is unknown
    with CaptureQueriesContext(connection) as again:
        assert listing(key).status_code == 404
    assert client_reads(again) == 0


def test_the_cache_still_checks_the_whole_secret(desk):
    key = f.app_client()[1]
    listing(key)
    prefix, _secret = key.split(".", 1)
    assert listing(f"{prefix}.not-the-secret").status_code == 401


@pytest.mark.parametrize("end", ["deactivate", "delete"])
def test_a_deactivated_or_deleted_key_is_refused_at_once(desk, end):
    row, key = f.app_client()
    assert listing(key).status_code == 404
    if end == "deactivate":
        row.is_active = False
        row.save()
    else:
        row.delete()
    assert listing(key).status_code == 401


def test_with_the_cache_off_every_request_reads_the_key(desk, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "API_KEY_CACHE_SECONDS": 0}
    key = f.app_client()[1]
    listing(key)
    with CaptureQueriesContext(connection) as again:
        listing(key)
    assert client_reads(again) == 1
