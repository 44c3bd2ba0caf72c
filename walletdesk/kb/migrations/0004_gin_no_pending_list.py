"""PostgreSQL: no GIN pending list on the search index.

With fastupdate on, new entries wait in an unsorted pending list that every search scans until
(auto)vacuum merges it; after a bulk import that made searches take seconds. Knowledge-base
writes are rare, so each goes straight into the index.
"""

from django.db import migrations


def no_pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX kb_searchentry_vector SET (fastupdate = off)")


def pending_list(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER INDEX kb_searchentry_vector RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("kb", "0003_search_terms")]

    operations = [migrations.RunPython(no_pending_list, pending_list)]
