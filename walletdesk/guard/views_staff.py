"""The second-factor step after the password: enrol (QR code) or enter the current code."""

from base64 import b32encode

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from walletdesk.guard.staff import (
    confirmed_device,
    is_staff_user,
    qr_svg,
    totp_enrolment_start,
    totp_verify,
)


class CodeForm(forms.Form):
    token = forms.RegexField(regex=r"^\s*\d{6}\s*$", max_length=12, label="6-digit code")


def _next(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or "/console/"
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else "/console/"


@never_cache
@login_required
def two_factor(request):
    if not is_staff_user(request.user):
        return redirect("/")
    device = confirmed_device(request.user)
    enrolling = device is None
    if enrolling:
        device = totp_enrolment_start(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if totp_verify(request=request, device=device, token=form.cleaned_data["token"]):
            return redirect(_next(request))
        form.add_error("token", "That code is not valid. / 验证码不正确。")
    context = {
        "form": form,
        "enrolling": enrolling,
        "qr": qr_svg(device) if enrolling else "",
        "secret": b32encode(device.bin_key).decode() if enrolling and device else "",
        "next": _next(request),
    }
    return render(request, "guard/two_factor.html", context, status=200)
