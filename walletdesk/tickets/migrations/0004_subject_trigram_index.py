"""Subject search (`subject__icontains`, i.e. UPPER(subject) LIKE UPPER('%…%') on PostgreSQL)
uses a trigram index there instead of scanning every ticket. SQLite has no equivalent; nothing
is done on it."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS ticket_subject_trgm "
    "ON tickets_ticket USING gin (UPPER(subject) gin_trgm_ops)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS ticket_subject_trgm")


class Migration(migrations.Migration):
    dependencies = [("tickets", "0003_active_ticket_indexes")]
    operations = [migrations.RunPython(forwards, backwards)]
