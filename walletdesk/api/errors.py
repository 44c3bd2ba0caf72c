"""Every API error is JSON: {"error": {"code": ..., "message": ..., "details": [...]}}."""

import logging

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from walletdesk.core.errors import DomainError

logger = logging.getLogger(__name__)


def error_body(code: str, message: str, details: list | None = None) -> dict:
    body: dict = {"code": code, "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def _validation_details(exc: ValidationError) -> list[dict]:
    details = []
    for err in exc.errors:
        loc = [str(part) for part in err.get("loc", ()) if part not in ("body", "payload")]
        details.append(
            {"field": ".".join(loc), "problem": err.get("msg", "invalid"), "type": err.get("type")}
        )
    return details


def install(api: NinjaAPI) -> None:
    def reply(
        request: HttpRequest, status: int, code: str, message: str, details=None
    ) -> HttpResponse:
        return api.create_response(request, error_body(code, message, details), status=status)

    @api.exception_handler(ValidationError)
    def _invalid(request, exc: ValidationError):
        return reply(
            request, 422, "invalid_input", "The request is not valid.", _validation_details(exc)
        )

    @api.exception_handler(DomainError)
    def _domain(request, exc: DomainError):
        return reply(request, exc.status, exc.code, exc.message)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request, exc):
        return reply(request, 401, "unauthenticated", "Missing or invalid credentials.")

    @api.exception_handler(Http404)
    def _absent(request, exc):
        return reply(request, 404, "not_found", "Not found.")

    @api.exception_handler(RequestDataTooBig)
    def _too_big(request, exc):
        return reply(request, 413, "payload_too_large", "The request body is too large.")

    @api.exception_handler(HttpError)
    def _http(request, exc: HttpError):
        code = {400: "bad_request", 405: "method_not_allowed", 413: "payload_too_large"}.get(
            exc.status_code, "error"
        )
        return reply(request, exc.status_code, code, str(exc))

    @api.exception_handler(Exception)
    def _crash(request, exc):
        logger.exception("unhandled API error on %s", request.path)
        return reply(
            request, 500, "internal_error", "Something went wrong on our side; it has been logged."
        )
