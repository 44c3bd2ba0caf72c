"""Database triggers that refuse UPDATE and DELETE on the audit log (see guard.append_only)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from walletdesk.guard import append_only

    append_only.install(schema_editor.connection)


def backwards(apps, schema_editor):
    from walletdesk.guard import append_only

    append_only.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("guard", "0002_registry_revision")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
