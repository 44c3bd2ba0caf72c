"""Staff two-factor authentication: who must use it, where, and the TOTP device writes."""

import io
from functools import wraps

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from walletdesk.guard.services import audit_record
from walletdesk.guard.throttle import client_ip

PROTECTED_PREFIXES = ("/admin/", "/console/", "/api/v1/agent/")
EXEMPT_PATHS = frozenset({"/admin/login/", "/admin/logout/", "/console/login/", "/console/logout/"})


def is_staff_user(user) -> bool:
    """Django staff, superusers and every agent of the desk."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff or user.is_superuser or hasattr(user, "agent"))


def needs_second_factor(user) -> bool:
    required = getattr(settings, "STAFF_2FA_REQUIRED", True)
    return required and is_staff_user(user) and not user.is_verified()


def path_is_protected(path: str) -> bool:
    return path.startswith(PROTECTED_PREFIXES) and path not in EXEMPT_PATHS


def verify_url(next_path: str) -> str:
    return f"{reverse('guard:two_factor')}?{urlencode({'next': next_path})}"


def staff_2fa_required(view):
    """For staff views outside /admin/ and /console/: a verified second factor first."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if needs_second_factor(request.user):
            return redirect(verify_url(request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapped


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def totp_enrolment_start(*, user) -> TOTPDevice:
    """The user's unconfirmed device (created once), whose key the QR code carries."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@transaction.atomic
def totp_verify(*, request, device: TOTPDevice, token: str) -> bool:
    """Check a code; on success mark the session verified (and confirm a new device)."""
    ip = client_ip(request)
    if not device.verify_token(token.strip().replace(" ", "")):
        audit_record(action="auth.2fa_failed", actor=request.user, ip=ip)
        return False
    enrolled = not device.confirmed
    if enrolled:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    audit_record(
        action="auth.2fa_enrolled" if enrolled else "auth.2fa_verified", actor=request.user, ip=ip
    )
    return True


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code."""
    out = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]
