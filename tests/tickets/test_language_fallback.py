"""Follow-the-sun without a speaker on shift: urgent tickets do not wait for one."""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def night_shift(db):
    f.default_policies()
    return f.agent("emma", teams=[f.team()], languages=["en"])


def test_a_normal_chinese_ticket_waits_for_a_chinese_speaker(night_shift):
    ticket, _ = f.ticket(f.customer(language="zh-hans"), priority="normal")
    assert ticket.assignee is None


def test_an_urgent_chinese_ticket_goes_to_whoever_is_on_shift(night_shift):
    ticket, _ = f.ticket(f.customer(language="zh-hans"), priority="urgent")
    assert ticket.assignee == night_shift


def test_a_speaker_on_shift_is_preferred(night_shift):
    speaker = f.agent("li", teams=[f.team()], languages=["zh-hans"], capacity=50)
    for _ in range(3):  # the speaker stays first even with more open tickets
        ticket, _ = f.ticket(f.customer(language="zh-hans"), priority="urgent")
        assert ticket.assignee == speaker


def test_the_assignment_made_at_creation_is_stored(night_shift):
    ticket, _ = f.ticket(priority="urgent")
    ticket.refresh_from_db()
    assert ticket.assignee == night_shift
    assert ticket.events.filter(kind="assigned").count() == 1
