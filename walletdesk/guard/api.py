"""Guard endpoints: /api/v1/verify (public, no auth, rate-limited "is this really us?"),
and for customers (signed customer token) the anti-phishing code and scam reports."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from walletdesk.accounts.models import Customer
from walletdesk.api.auth import CustomerAuth, CustomerPrincipal
from walletdesk.core.errors import PermissionDenied
from walletdesk.guard import presenters, texts
from walletdesk.guard.channels import Kind
from walletdesk.guard.reports import scam_report_create
from walletdesk.guard.selectors import anti_phishing_footer, channel_verify
from walletdesk.guard.services import anti_phishing_code_clear, anti_phishing_code_set
from walletdesk.guard.throttle import limit_setting, throttle_check
from walletdesk.tickets.choices import Channel

LANGS = (texts.EN, texts.ZH)

router = Router(tags=["verification"])


class VerifyIn(Schema):
    value: str = Field(..., min_length=1, max_length=500, description="URL, e-mail, handle, phone")
    kind: Kind | None = Field(None, description="leave empty to guess")


class VerifyOut(Schema):
    kind: str
    value: str
    status: str = Field(..., description="official | not_official | known_scam")
    resembles: str
    reasons: list[str]
    message: dict[str, str]
    explanations: list[dict[str, str]]
    advice: dict[str, str]


class ErrorOut(Schema):
    error: dict


@router.get("/verify", response={200: VerifyOut, 429: ErrorOut}, auth=None)
def verify(request: HttpRequest, query: Query[VerifyIn]):
    """Check a URL, e-mail address, Telegram / X / Reddit handle or phone number against the
    official registry and the phishing lists. Answers in English and Simplified Chinese."""
    throttle_check(request, scope="verify", limit=limit_setting("VERIFY_RATE_PER_MINUTE"))
    return presenters.verify_result(channel_verify(value=query.value, kind=query.kind))


class CodeIn(Schema):
    code: str = Field(..., min_length=4, max_length=32)


class CodeOut(Schema):
    code: str
    footer: dict[str, str]


class ScamReportIn(Schema):
    description: str = Field(..., min_length=1, max_length=10_000)
    suspicious: str = Field("", max_length=500, description="the link, account or number")
    language: str = Field("", max_length=10)


class ScamReportOut(Schema):
    number: str
    access_token: str
    status: str


def _customer(request: HttpRequest) -> Customer:
    principal: CustomerPrincipal = getattr(request, "auth")  # noqa: B009 (set by ninja)
    if principal.customer is None:
        raise PermissionDenied("This needs a customer token.", code="customer_token_required")
    return principal.customer


@router.put(
    "/customer/anti-phishing-code",
    response={200: CodeOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    auth=CustomerAuth(),
    tags=["customer"],
)
def set_anti_phishing_code(request: HttpRequest, payload: CodeIn):
    """Set the personal code every genuine message from the desk will show."""
    customer = _customer(request)
    row = anti_phishing_code_set(customer=customer, code=payload.code)
    footers = {lang: anti_phishing_footer(customer=customer, language=lang) for lang in LANGS}
    return {"code": row.code, "footer": footers}


@router.delete(
    "/customer/anti-phishing-code",
    response={204: None, 401: ErrorOut, 403: ErrorOut},
    auth=CustomerAuth(),
    tags=["customer"],
)
def clear_anti_phishing_code(request: HttpRequest):
    anti_phishing_code_clear(customer=_customer(request))
    return Status(204, None)


@router.post(
    "/customer/scam-reports",
    response={201: ScamReportOut, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    auth=CustomerAuth(),
    tags=["customer"],
)
def report_scam(request: HttpRequest, payload: ScamReportIn):
    """Report a fake site, account or number: it becomes an urgent security ticket."""
    customer = _customer(request)
    throttle_check(request, scope="scam-report", limit=10, window=3600)
    ticket, token = scam_report_create(
        customer=customer,
        description=payload.description,
        suspicious=payload.suspicious,
        channel=Channel.APP,
        language=payload.language,
    )
    return Status(201, {"number": ticket.number, "access_token": token, "status": ticket.status})
