"""The search index: an FTS5 table on SQLite; a tsvector column with a GIN index on PostgreSQL."""

from django.db import migrations

FTS_TABLE = "kb_search_fts"
CREATE_FTS = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "title, phrasings, body, tokenize = 'unicode61 remove_diacritics 0')"
)


def create_index(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE kb_searchentry ADD COLUMN vector tsvector")
        schema_editor.execute(
            "CREATE INDEX kb_searchentry_vector ON kb_searchentry USING gin (vector)"
        )
    elif conn.vendor == "sqlite":
        schema_editor.execute(CREATE_FTS)


def drop_index(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS kb_searchentry_vector")
        schema_editor.execute("ALTER TABLE kb_searchentry DROP COLUMN IF EXISTS vector")
    elif conn.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("kb", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
