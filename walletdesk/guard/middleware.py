"""Staff must pass a TOTP second factor before the admin, the console or the agent API."""

from django.http import JsonResponse
from django.shortcuts import redirect

from walletdesk.guard.staff import needs_second_factor, path_is_protected, verify_url


class StaffTwoFactorMiddleware:
    """After django_otp's OTPMiddleware: a signed-in, unverified staff session is sent to the
    second-factor step (enrolment first if it has no device). Settings: STAFF_2FA_REQUIRED."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if path_is_protected(request.path) and needs_second_factor(request.user):
            if request.path.startswith("/api/"):
                body = {"error": {"code": "second_factor_required", "message": "Verify 2FA."}}
                return JsonResponse(body, status=403)
            return redirect(verify_url(request.get_full_path()))
        return self.get_response(request)
