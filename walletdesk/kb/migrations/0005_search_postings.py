"""PostgreSQL: rank from postings with precomputed impacts instead of ts_rank at query time.

One row per (translation, lexeme), no primary key, holding that lexeme's ts_rank in the
translation's vector, indexed by (term, impact); filled here from the existing vectors. The GIN index on the vector
is no longer read by any query and goes. Both backends: SearchTerm '' holds the number of
indexed translations, so a search no longer counts the entries.
"""

from django.db import migrations

RANK_WEIGHTS = "{0.167,0.3,0.667,1.0}"  # search_index._PG_RANK_WEIGHTS when this was written


def forwards(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor == "postgresql":
        schema_editor.execute(
            "CREATE TABLE kb_searchposting ("
            " translation_id integer NOT NULL, term text NOT NULL, impact real NOT NULL)"
        )
        # Not a foreign key: the table has no Django model, and Django's flush (transactional
        # tests) truncates kb_searchentry alone, which a referencing table refuses. Triggers
        # follow deletes and truncates of the entries instead.
        schema_editor.execute(
            "CREATE FUNCTION kb_searchposting_follow() RETURNS trigger LANGUAGE plpgsql AS $$"
            " BEGIN"
            "  IF TG_OP = 'TRUNCATE' THEN TRUNCATE kb_searchposting;"
            "  ELSE DELETE FROM kb_searchposting WHERE translation_id = OLD.translation_id;"
            "  END IF;"
            "  RETURN NULL;"
            " END $$"
        )
        schema_editor.execute(
            "CREATE TRIGGER kb_searchposting_on_delete AFTER DELETE ON kb_searchentry"
            " FOR EACH ROW EXECUTE FUNCTION kb_searchposting_follow()"
        )
        schema_editor.execute(
            "CREATE TRIGGER kb_searchposting_on_truncate AFTER TRUNCATE ON kb_searchentry"
            " FOR EACH STATEMENT EXECUTE FUNCTION kb_searchposting_follow()"
        )
        schema_editor.execute(
            "INSERT INTO kb_searchposting (translation_id, term, impact)"  # noqa: S608 (constant)
            " SELECT e.translation_id, u.lexeme,"
            f" ts_rank('{RANK_WEIGHTS}', e.vector, quote_literal(u.lexeme)::tsquery, 1)"
            " FROM kb_searchentry e, unnest(e.vector) u WHERE e.vector IS NOT NULL"
        )
        schema_editor.execute(
            "CREATE INDEX kb_searchposting_term ON kb_searchposting"
            " (term, impact DESC) INCLUDE (translation_id)"
        )
        # rewrites delete by translation; no primary key (a lexeme is unique within a vector)
        schema_editor.execute(
            "CREATE INDEX kb_searchposting_translation ON kb_searchposting (translation_id)"
        )
        schema_editor.execute("DROP INDEX IF EXISTS kb_searchentry_vector")
        schema_editor.execute("ANALYZE kb_searchposting")  # plans need its statistics at once
    SearchEntry = apps.get_model("kb", "SearchEntry")
    SearchTerm = apps.get_model("kb", "SearchTerm")
    SearchTerm.objects.update_or_create(term="", defaults={"df": SearchEntry.objects.count()})


def backwards(apps, schema_editor):
    apps.get_model("kb", "SearchTerm").objects.filter(term="").delete()
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS kb_searchposting")
        schema_editor.execute("DROP TRIGGER IF EXISTS kb_searchposting_on_delete ON kb_searchentry")
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS kb_searchposting_on_truncate ON kb_searchentry"
        )
        schema_editor.execute("DROP FUNCTION IF EXISTS kb_searchposting_follow()")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS kb_searchentry_vector ON kb_searchentry"
            " USING gin (vector) WITH (fastupdate = off)"
        )


class Migration(migrations.Migration):
    dependencies = [("kb", "0004_gin_no_pending_list")]

    operations = [migrations.RunPython(forwards, backwards)]
