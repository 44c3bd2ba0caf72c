"""The audit log is append-only in the database: raw SQL cannot change or delete an entry
(triggers on SQLite and PostgreSQL), yet deleting a user still unlinks their entries."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction

from walletdesk.guard.models import AuditEntry
from walletdesk.guard.services import audit_record

pytestmark = pytest.mark.django_db


def raw(sql: str, params=()) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def entry():
    return audit_record(action="blocklist.added", data={"domain": "evil.example"})


def test_raw_update_is_refused(entry):
    with pytest.raises(IntegrityError, match="append-only"):
        raw("UPDATE guard_auditentry SET action = %s WHERE id = %s", ["nothing", entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "blocklist.added"


def test_raw_delete_is_refused(entry):
    with pytest.raises(IntegrityError, match="append-only"):
        raw("DELETE FROM guard_auditentry WHERE id = %s", [entry.pk])
    with pytest.raises(IntegrityError, match="append-only"):
        raw("DELETE FROM guard_auditentry")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_truncate_of_the_log_is_refused_on_postgres(on_postgres, entry):
    raw("SET CONSTRAINTS ALL IMMEDIATE")  # no pending foreign-key checks: the trigger answers
    with pytest.raises(IntegrityError, match="append-only"):
        raw("TRUNCATE guard_auditentry")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_deleting_a_user_unlinks_their_entries_and_keeps_the_name():
    user = get_user_model().objects.create_user(username="leaver", password="pw")
    entry = audit_record(action="auth.sign_in", actor=user)
    user.delete()
    kept = AuditEntry.objects.get(pk=entry.pk)
    assert (kept.actor_id, kept.actor_label, kept.action) == (None, "leaver", "auth.sign_in")


def test_unlinking_the_actor_cannot_smuggle_another_change():
    user = get_user_model().objects.create_user(username="mallory", password="pw")
    entry = audit_record(action="auth.sign_in", actor=user)
    with pytest.raises(IntegrityError, match="append-only"):
        raw(
            "UPDATE guard_auditentry SET actor_id = NULL, actor_label = %s WHERE id = %s",
            ["someone else", entry.pk],
        )
    assert AuditEntry.objects.get(pk=entry.pk).actor_label == "mallory"


def test_inserting_still_works(entry):
    audit_record(action="export.csv", data={"rows": 1})
    assert AuditEntry.objects.count() == 2


def test_purging_a_test_database_puts_the_triggers_back(entry):
    from walletdesk.guard.append_only import purge_for_tests

    purge_for_tests(connection)
    assert not AuditEntry.objects.exists()
    again = audit_record(action="export.csv")
    with pytest.raises(IntegrityError, match="append-only"):
        raw("DELETE FROM guard_auditentry WHERE id = %s", [again.pk])


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_may_write_audit_entries():
    """Its closing flush would hit the triggers; tests/conftest.py empties the log first."""
    audit_record(action="auth.sign_in")
    assert AuditEntry.objects.count() == 1
