"""Audit hooks for actions Django itself performs (sign-in, permission edits in the admin).

Signals are used only here: the auth views and the admin have no service to call.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, pre_save

from walletdesk.guard.services import audit_record
from walletdesk.guard.throttle import client_ip

PRIVILEGE_FIELDS = ("is_staff", "is_superuser", "is_active")


def _ip(request) -> str | None:
    return client_ip(request) if request is not None else None


def _signed_in(sender, request, user, **kwargs):
    audit_record(action="auth.sign_in", actor=user, ip=_ip(request))


def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action="auth.sign_out", actor=user, ip=_ip(request))


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]  # the password is never recorded
    audit_record(action="auth.sign_in_failed", ip=_ip(request), data={"username": username})


def _skip(instance, fields, update_fields) -> bool:
    """New rows and saves that cannot touch the watched fields cost no query."""
    if instance.pk is None:
        return True
    return update_fields is not None and not set(fields) & set(update_fields)


def _user_privileges(sender, instance, update_fields=None, **kwargs):
    if _skip(instance, PRIVILEGE_FIELDS, update_fields):
        return
    before = sender.objects.filter(pk=instance.pk).values(*PRIVILEGE_FIELDS).first() or {}
    changed = {f: getattr(instance, f) for f in before if before[f] != getattr(instance, f)}
    if changed:
        audit_record(action="permissions.changed", target=instance, data=changed)


def _agent_role(sender, instance, update_fields=None, **kwargs):
    if _skip(instance, ("role",), update_fields):
        return
    before = sender.objects.filter(pk=instance.pk).values_list("role", flat=True).first()
    if before is not None and before != instance.role:
        audit_record(
            action="permissions.changed", target=instance, data={"role": [before, instance.role]}
        )


def _memberships(sender, instance, action, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        ids = sorted(pk_set or ())
        data = {"relation": sender._meta.model_name, "change": action, "ids": ids}
        audit_record(action="permissions.changed", target=instance, data=data)


def connect() -> None:
    from walletdesk.accounts.models import Agent

    user_model = get_user_model()
    user_logged_in.connect(_signed_in, dispatch_uid="guard_sign_in")
    user_logged_out.connect(_signed_out, dispatch_uid="guard_sign_out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="guard_sign_in_failed")
    pre_save.connect(_user_privileges, sender=user_model, dispatch_uid="guard_user_privileges")
    pre_save.connect(_agent_role, sender=Agent, dispatch_uid="guard_agent_role")
    for through in (user_model.groups.through, user_model.user_permissions.through):
        m2m_changed.connect(_memberships, sender=through, dispatch_uid=f"guard_{through.__name__}")
