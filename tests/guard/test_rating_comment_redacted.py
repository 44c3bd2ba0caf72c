"""A satisfaction comment is customer text like a message: a secret pasted into it is
redacted before it is stored, and the ticket is handled as exposed (warning, Security)."""

import pytest

from tests import factories as f
from walletdesk.accounts.models import Team
from walletdesk.tickets.services import survey_answer, ticket_transition

PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow"


@pytest.fixture
def resolved(db):
    f.default_policies()
    f.team("frontline")
    f.team("security", kind=Team.Kind.SECURITY)
    ticket, _ = f.ticket(language="en")
    return ticket_transition(ticket=ticket, to="resolved", actor=None)


def test_a_secret_in_a_rating_comment_is_redacted_and_handled(resolved):
    survey = survey_answer(ticket=resolved, score=4, comment=f"thanks! my words: {PHRASE}")
    survey.refresh_from_db()
    assert "sausage" not in survey.comment
    assert survey.comment == "thanks! my words: [redacted: recovery phrase]"
    resolved.refresh_from_db()
    assert (resolved.category, resolved.priority, resolved.team.kind) == (
        "security",
        "urgent",
        "security",
    )
    assert "secret-exposed" in set(resolved.tags.values_list("name", flat=True))
    warning = resolved.messages.filter(direction="outbound").last()
    assert "Treat this wallet as compromised" in warning.body_text


def test_an_ordinary_comment_is_kept_as_written(resolved):
    survey = survey_answer(ticket=resolved, score=5, comment="Quick and kind, thank you")
    assert survey.comment == "Quick and kind, thank you"
    assert resolved.category != "security"
