"""Every save is a revision with author and time; any two compare; any one restores."""

import pytest

from tests.kb.conftest import make_article
from walletdesk.core.errors import PermissionDenied
from walletdesk.kb import selectors, services
from walletdesk.kb.models import ArticleRevision


def _edit(article, author, body, title="Staking TRX"):
    draft = services.TranslationDraft(language="en", title=title, body=body)
    return services.revision_create(article=article, draft=draft, author=author)


def test_each_save_adds_a_numbered_revision_with_its_author(editor):
    article = make_article("stake", en=("Staking TRX", "Stake for energy."))
    rev = _edit(article, editor, "Stake for energy or bandwidth.")
    assert (rev.number, rev.author, rev.language) == (2, editor, "en")
    assert article.translations.get(language="en").revision == 2


def test_saving_the_same_text_adds_no_revision(editor):
    article = make_article("stake", en=("Staking TRX", "Stake for energy."))
    assert _edit(article, editor, "Stake for energy.") is None
    assert ArticleRevision.objects.filter(article=article).count() == 1


def test_compare_shows_a_unified_diff(editor):
    article = make_article("stake", en=("Staking TRX", "Line one.\nOld line."))
    _edit(article, editor, "Line one.\nNew line.")
    old, new = (selectors.revision_get(article=article, language="en", number=n) for n in (1, 2))
    diff = selectors.revision_compare(old=old, new=new)
    assert "-Old line." in diff and "+New line." in diff and "Line one." not in diff.split("@@")[0]


def test_restore_copies_the_old_text_forward(editor):
    article = make_article("stake", en=("Staking TRX", "First text."))
    _edit(article, editor, "Second text.")
    first = selectors.revision_get(article=article, language="en", number=1)
    restored = services.revision_restore(revision=first, author=editor)
    assert restored.number == 3 and restored.body == "First text."
    assert article.translations.get(language="en").body == "First text."
    assert "restored #1" in restored.note


def test_plain_agents_cannot_edit(plain_agent):
    article = make_article("stake", en=("Staking TRX", "Stake for energy."))
    with pytest.raises(PermissionDenied):
        _edit(article, plain_agent, "Changed.")


def test_the_django_permission_makes_an_editor(plain_agent):
    from django.contrib.auth.models import Permission

    plain_agent.user.user_permissions.add(Permission.objects.get(codename="change_article"))
    plain_agent.user = type(plain_agent.user).objects.get(id=plain_agent.user.id)  # perm cache
    article = make_article("stake", en=("Staking TRX", "Stake for energy."))
    assert _edit(article, plain_agent, "Changed.").number == 2


def test_an_article_asking_for_the_recovery_phrase_is_refused(editor):
    from walletdesk.core.errors import InvalidInput

    article = make_article("stake", en=("Staking TRX", "Stake for energy."))
    with pytest.raises(InvalidInput) as refused:
        _edit(article, editor, "To verify your wallet, send us your 12-word recovery phrase.")
    assert refused.value.code == "article_blocked"
    assert ArticleRevision.objects.filter(article=article).count() == 1
