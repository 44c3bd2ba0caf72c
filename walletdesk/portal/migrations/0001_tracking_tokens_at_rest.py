"""Rows written before the signed tracking links held ticket access tokens in clear:

* messages holding the old confirmation link `/track/<number>/?token=<token>` (the outbox sends
  a message as stored; a customer's reply may quote it): the link becomes the portal's "send
  me a new link" page for that ticket, `/track/new-link/?number=<number>`;
* sessions that kept the token itself (`portal_tokens`): it becomes a grant (portal.access).
"""

import hashlib
import re

from django.db import migrations
from django.db.models import Q

OLD_LINK = re.compile(r"/track/(?P<number>[A-Za-z0-9-]+)/\?token=[A-Za-z0-9_-]+")
NEW_LINK = r"/track/new-link/?number=\g<number>"


def messages_forwards(apps) -> None:
    message_model = apps.get_model("tickets", "Message")
    held = Q(body_text__contains="?token=") | Q(body_html__contains="?token=")
    for row in message_model.objects.filter(held).only("id", "body_text", "body_html").iterator():
        text, html = OLD_LINK.sub(NEW_LINK, row.body_text), OLD_LINK.sub(NEW_LINK, row.body_html)
        if (text, html) != (row.body_text, row.body_html):
            message_model.objects.filter(id=row.id).update(body_text=text, body_html=html)


def sessions_forwards(apps) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    from walletdesk.portal.access import grant_of

    session_model = apps.get_model("sessions", "Session")
    store = SessionStore()
    for row in session_model.objects.only("session_key", "session_data").iterator():
        data = store.decode(row.session_data)
        tokens = data.pop("portal_tokens", None)
        if tokens is None:
            continue
        grants = data.setdefault("portal_grants", {})
        for number, token in dict(tokens).items():
            digest = hashlib.sha256(str(token).encode()).hexdigest()
            grants.setdefault(str(number).upper(), grant_of(digest))
        session_model.objects.filter(session_key=row.session_key).update(
            session_data=store.encode(data)
        )


def forwards(apps, schema_editor) -> None:
    messages_forwards(apps)
    sessions_forwards(apps)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0005_fewer_ticket_indexes"), ("sessions", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
