"""The API's stored answers to idempotent requests held ticket access tokens in clear (a
creation answers with the token and a tracking link carrying it): seal the ones stored before
the API sealed them (guard.sealing). Replays unseal them."""

from django.db import migrations


def forwards(apps, schema_editor):
    from walletdesk.guard.sealing import is_sealed, seal

    record_model = apps.get_model("api", "IdempotencyRecord")
    rows = record_model.objects.filter(response__isnull=False).only("id", "response")
    for row in rows.iterator(chunk_size=500):
        if not is_sealed(row.response):
            record_model.objects.filter(id=row.id).update(response=seal(row.response))


class Migration(migrations.Migration):
    dependencies = [("guard", "0003_audit_append_only_triggers"), ("api", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
