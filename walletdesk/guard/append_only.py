"""The audit log is append-only in the database too: triggers refuse UPDATE and DELETE on
`guard_auditentry` (and TRUNCATE of a non-empty table on PostgreSQL), whoever issues them.

The one change allowed is the one Django makes when a user is deleted: `actor_id` set to
NULL with every other column unchanged (`actor_label` keeps the name). Installed by migration
`guard.0003_audit_append_only_triggers`; `install` is idempotent, so a later migration that
changes the SQL below simply calls it again.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "guard_auditentry"  # the SQL below spells it out (no query built from strings)

POSTGRESQL_INSTALL = [
    """
CREATE OR REPLACE FUNCTION guard_audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
       AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;  -- the user was deleted: unlink, keep actor_label
    END IF;
    IF TG_OP = 'TRUNCATE' AND NOT EXISTS (SELECT 1 FROM guard_auditentry) THEN
        RETURN NULL;  -- nothing to lose (test database flushes)
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % refused', TG_OP
        USING ERRCODE = 'restrict_violation';
END $$""",
    "DROP TRIGGER IF EXISTS guard_audit_no_change ON guard_auditentry",
    """CREATE TRIGGER guard_audit_no_change BEFORE UPDATE OR DELETE ON guard_auditentry
        FOR EACH ROW EXECUTE FUNCTION guard_audit_refuse()""",
    "DROP TRIGGER IF EXISTS guard_audit_no_truncate ON guard_auditentry",
    """CREATE TRIGGER guard_audit_no_truncate BEFORE TRUNCATE ON guard_auditentry
        FOR EACH STATEMENT EXECUTE FUNCTION guard_audit_refuse()""",
]
POSTGRESQL_UNINSTALL = [
    "DROP TRIGGER IF EXISTS guard_audit_no_change ON guard_auditentry",
    "DROP TRIGGER IF EXISTS guard_audit_no_truncate ON guard_auditentry",
    "DROP FUNCTION IF EXISTS guard_audit_refuse()",
]

SQLITE_INSTALL = [
    "DROP TRIGGER IF EXISTS guard_audit_no_update",
    """CREATE TRIGGER guard_audit_no_update BEFORE UPDATE ON guard_auditentry
        WHEN NOT (OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
                  AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor_label IS OLD.actor_label
                  AND NEW.action IS OLD.action AND NEW.target_type IS OLD.target_type
                  AND NEW.target_id IS OLD.target_id AND NEW.ip IS OLD.ip
                  AND NEW.data IS OLD.data)
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: UPDATE refused'); END""",
    "DROP TRIGGER IF EXISTS guard_audit_no_delete",
    """CREATE TRIGGER guard_audit_no_delete BEFORE DELETE ON guard_auditentry
        BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: DELETE refused'); END""",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS guard_audit_no_update",
    "DROP TRIGGER IF EXISTS guard_audit_no_delete",
]

_SQL = {
    "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_UNINSTALL),
    "sqlite": (SQLITE_INSTALL, SQLITE_UNINSTALL),
}


def _run(connection: BaseDatabaseWrapper, which: int) -> None:
    statements = _SQL.get(connection.vendor)
    if statements is None:
        return  # other databases: the model-level guard only
    with connection.cursor() as cursor:
        for sql in statements[which]:
            cursor.execute(sql)


def install(connection: BaseDatabaseWrapper) -> None:
    _run(connection, 0)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    _run(connection, 1)


def purge_for_tests(connection: BaseDatabaseWrapper) -> None:
    """Empty the table (triggers lifted and put back in one transaction): only for test
    databases that a transactional test flushes afterwards."""
    from django.db import transaction

    with transaction.atomic(using=connection.alias):
        uninstall(connection)
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM guard_auditentry")
        install(connection)
