"""Failed sign-ins lock out; sign-ins and permission changes land in the append-only log."""

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests import factories as f
from walletdesk.accounts.models import Agent
from walletdesk.guard.models import AppendOnlyError, AuditEntry
from walletdesk.guard.services import audit_record

pytestmark = pytest.mark.django_db


def login(client, password):
    return client.post(
        "/admin/login/", {"username": "boss", "password": password, "next": "/admin/"}
    )


def test_repeated_failures_lock_the_account_out_even_with_the_right_password(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    get_user_model().objects.create_user("boss", password="right-pw", is_staff=True)
    assert [login(client, "wrong").status_code for _ in range(3)][:2] == [200, 200]
    assert login(client, "right-pw").status_code == 429
    failures = AuditEntry.objects.filter(action="auth.sign_in_failed")
    assert failures.count() >= 2
    assert all(e.data == {"username": "boss"} for e in failures)


def test_successful_sign_in_is_audited(client):
    get_user_model().objects.create_user("boss", password="right-pw", is_staff=True)
    assert login(client, "right-pw").status_code == 302
    entry = AuditEntry.objects.get(action="auth.sign_in")
    assert entry.actor_label == "boss" and entry.ip == "127.0.0.1"


def test_behind_a_trusted_proxy_lockout_and_audit_see_the_client(client, settings):
    settings.WALLETDESK = {**settings.WALLETDESK, "TRUSTED_PROXIES": 1}
    get_user_model().objects.create_user("boss", password="right-pw", is_staff=True)
    via_proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    form = {"username": "boss", "password": "wrong", "next": "/admin/"}
    client.post("/admin/login/", form, **via_proxy)
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    form["password"] = "right-pw"
    client.post("/admin/login/", form, **via_proxy)
    assert AuditEntry.objects.get(action="auth.sign_in").ip == "203.0.113.7"


def test_an_unknown_address_is_audited_as_none():
    assert audit_record(action="test.unknown_ip", ip="unknown").ip is None


def test_a_sign_in_without_a_peer_address_is_recorded(client):
    """A forced sign-in (no REMOTE_ADDR): axes and the audit log store no address, not a word
    that an inet column refuses."""
    user = get_user_model().objects.create_user("boss", password="right-pw", is_staff=True)
    client.force_login(user)
    assert AuditEntry.objects.get(action="auth.sign_in").ip is None
    assert AccessLog.objects.get(username="boss").ip_address is None


def test_permission_changes_are_audited():
    user = get_user_model().objects.create_user("someone")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.create(name="supervisors"))
    agent = f.agent()
    agent.role = Agent.Role.ADMIN
    agent.save()
    changes = list(AuditEntry.objects.filter(action="permissions.changed").order_by("id"))
    assert [c.data.get("is_staff") for c in changes[:1]] == [True]
    assert changes[1].data["relation"] == "user_groups"
    assert changes[2].data == {"role": ["agent", "admin"]}


def test_unrelated_saves_cost_no_audit():
    agent = f.agent()
    agent.save(update_fields=["last_assigned_at"])
    assert not AuditEntry.objects.filter(action="permissions.changed").exists()


def test_audit_entries_cannot_be_changed_or_deleted():
    entry = audit_record(action="ticket.security_viewed", target_type="tickets.ticket", target_id=7)
    entry.action = "nothing"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_audit_admin_is_read_only_and_for_admins_only(client, settings):
    settings.STAFF_2FA_REQUIRED = False
    audit_record(action="export.csv", data={"rows": 3})
    staff = get_user_model().objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/guard/auditentry/").status_code == 403
    root = get_user_model().objects.create_superuser("root", password="pw")
    client.force_login(root)
    listing = client.get("/admin/guard/auditentry/")
    assert listing.status_code == 200 and b"export.csv" in listing.content
    assert client.get("/admin/guard/auditentry/add/").status_code == 403
    entry = AuditEntry.objects.first()
    assert client.post(f"/admin/guard/auditentry/{entry.pk}/delete/").status_code == 403


def test_deleting_a_user_keeps_their_entries_under_their_name():
    user = get_user_model().objects.create_user("leaver")
    audit_record(action="export.csv", actor=user)
    user.delete()
    entry = AuditEntry.objects.get(action="export.csv")
    assert (entry.actor, entry.actor_label) == (None, "leaver")
