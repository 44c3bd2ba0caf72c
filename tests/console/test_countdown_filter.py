"""The server-rendered SLA countdown reads as ui.js writes it once the page runs."""

from datetime import UTC, datetime, timedelta

import pytest

from walletdesk.console.templatetags.walletdesk_ui import countdown

AT = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("left", "shown"),
    [
        (timedelta(minutes=5, seconds=3), "5m 3s"),
        (timedelta(hours=2, minutes=5, seconds=59), "2h 5m"),
        (timedelta(days=1, hours=3, minutes=1), "1d 3h"),
        (timedelta(0), "0m 0s"),
        (-timedelta(minutes=3, seconds=10), "−3m 10s"),
        (-timedelta(hours=26), "−1d 2h"),
    ],
)
def test_countdown(left, shown):
    assert countdown(AT + left, AT) == shown


def test_no_due_time_shows_nothing():
    assert countdown(None, AT) == ""
