"""/api/v1/assistant: the wallet app asks the assistant on behalf of a user (app API key)."""

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from walletdesk.api.auth import AppKeyAuth, require_scope
from walletdesk.api.intake import app_customer
from walletdesk.api.schemas import AppMeta, CustomerRef, ErrorOut
from walletdesk.assistant.selectors import conversation_get_for_customer, customer_for_app_user
from walletdesk.assistant.services import (
    Reply,
    assistant_feedback,
    assistant_reply,
    conversation_start,
)
from walletdesk.tickets.choices import Channel

router = Router(auth=AppKeyAuth(), tags=["assistant"])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut, 422: ErrorOut}
SCOPE = "tickets:write"  # the assistant may open a ticket for the user


class AskIn(Schema):
    customer: CustomerRef
    text: str = Field(min_length=1, max_length=4000)
    conversation_id: int | None = None
    segment: str = Field("", pattern=r"^(|novice|regular|pro)$")
    app: AppMeta | None = None


class ArticleOut(Schema):
    slug: str
    title: str
    url: str


class ReplyOut(Schema):
    conversation_id: int
    text: str
    action: str  # answer, clarify, handover, refuse, relay
    reason: str
    intent: str
    confidence: float
    language: str
    articles: list[ArticleOut]
    ticket_number: str
    exchange_id: int


class FeedbackIn(Schema):
    app_user_id: str = Field(min_length=1, max_length=128)
    helpful: bool


def _out(conversation_id: int, reply: Reply) -> dict:
    return {"conversation_id": conversation_id, **reply.__dict__}


@router.post("/messages", response={200: ReplyOut, **ERRORS})
def ask(request: HttpRequest, payload: AskIn):
    """A user's message: the assistant answers, asks one question, refuses or hands over.
    Send the returned conversation_id with the next message of the same conversation."""
    require_scope(request.auth, SCOPE)  # type: ignore[attr-defined]
    customer = app_customer(payload.customer)
    if payload.conversation_id is None:
        metadata = payload.app.model_dump(exclude_defaults=True) if payload.app else {}
        conversation = conversation_start(customer=customer, channel=Channel.APP, metadata=metadata)
    else:
        conversation = conversation_get_for_customer(
            customer=customer, conversation_id=payload.conversation_id
        )
    reply = assistant_reply(conversation=conversation, text=payload.text, segment=payload.segment)
    return _out(conversation.id, reply)


@router.post(
    "/conversations/{conversation_id}/feedback", response={200: ReplyOut, 204: None, **ERRORS}
)
def feedback(request: HttpRequest, conversation_id: int, payload: FeedbackIn):
    """ "Did this solve it?": yes closes the conversation (204); no hands it to a person."""
    require_scope(request.auth, SCOPE)  # type: ignore[attr-defined]
    customer = customer_for_app_user(app_user_id=payload.app_user_id)
    conversation = conversation_get_for_customer(customer=customer, conversation_id=conversation_id)
    reply = assistant_feedback(conversation=conversation, helpful=payload.helpful)
    if reply is None:
        return Status(204, None)
    return _out(conversation.id, reply)
