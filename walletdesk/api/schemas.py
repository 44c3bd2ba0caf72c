"""Request and response shapes of /api/v1. Every input model rejects unknown fields."""

from datetime import datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from walletdesk.core.taxonomy import intent_slugs

Language = Literal["zh-hans", "en"]
CategoryIn = Literal["technical", "security", "how_to", "account", "feedback", "other"]
PriorityIn = Literal["low", "normal", "high", "urgent"]
StatusIn = Literal["new", "open", "pending", "on_hold", "resolved", "closed"]
ChainIn = Literal["tron", "evm", "btc"]
Text = Field(min_length=1, max_length=20_000)


def _known_intent(value: str) -> str:
    if value not in intent_slugs():
        raise ValueError(f"unknown intent; expected one of {', '.join(intent_slugs())}")
    return value


Intent = Annotated[str, Field(max_length=40), AfterValidator(_known_intent)]


class In(BaseModel):
    """Input shapes are plain pydantic models: ninja's Schema (made for reading ORM objects)
    validates a model that forbids extra fields twice, and each nested one twice per pass."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ErrorOut(Schema):
    error: dict


class AppMeta(In):
    app_version: str = Field("", max_length=40)
    os: str = Field("", max_length=40)
    os_version: str = Field("", max_length=40)
    device: str = Field("", max_length=80)


class CustomerRef(In):
    app_user_id: str = Field(min_length=1, max_length=128, pattern=r"^[\w.:@-]+$")
    email: str | None = Field(None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    display_name: str = Field("", max_length=120)
    language: Language | None = None
    account_created_at: datetime | None = None


class TicketCreateIn(In):
    customer: CustomerRef
    subject: str = Field(min_length=1, max_length=200)
    body: str = Text
    language: Language | None = None
    category: CategoryIn | None = None
    intent: Intent | None = None
    chain: ChainIn | None = None
    app: AppMeta | None = None
    addresses: list[str] = Field(default_factory=list, max_length=20)
    tx_hashes: list[str] = Field(default_factory=list, max_length=20)

    @field_validator("addresses", "tx_hashes")
    @classmethod
    def _plain_tokens(cls, values: list[str]) -> list[str]:
        for value in values:
            if not (8 <= len(value) <= 128 and value.isascii() and value.isalnum()):
                raise ValueError(f"'{value[:40]}' is not an address or transaction hash")
        return values


class TicketCreatedOut(BaseModel):  # answered from a dict: no ORM reading (see In)
    number: str
    access_token: str
    status: str
    tracking_url: str


class MessageIn(In):
    body: str = Text


class AppMessageIn(MessageIn):
    app_user_id: str = Field(min_length=1, max_length=128)


class CustomerTokenIn(In):
    customer: CustomerRef


class CustomerTokenOut(Schema):
    token: str
    expires_in: int


class RatingIn(In):
    score: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=2000)


class EventOut(Schema):
    kind: str
    at: datetime
    data: dict


class MessageOut(Schema):
    id: int
    direction: str
    channel: str
    author: str
    body: str
    created_at: datetime


class TicketSummaryOut(Schema):
    number: str
    subject: str
    status: str
    category: str
    priority: str
    created_at: datetime
    updated_at: datetime


class TicketProgressOut(TicketSummaryOut):
    timeline: list[EventOut]
    messages: list[MessageOut]
    can_rate: bool


class TicketPageOut(Schema):
    items: list[TicketSummaryOut]
    next_cursor: str | None


class ReplyIn(In):
    body: str = Text
    status: StatusIn | None = None


class AssignIn(In):
    agent_id: int | None


class TransitionIn(In):
    to: StatusIn
    reason: str = Field("", max_length=500)


class EscalateIn(In):
    team_id: int
    reason: str = Field(min_length=1, max_length=500)


class HandBackIn(In):
    note: str = Field("", max_length=500)


class MergeIn(In):
    into: str = Field(min_length=1, max_length=24)


class LinkIn(In):
    target: str = Field(min_length=1, max_length=24)
    kind: Literal["duplicate_of", "related", "parent_incident", "follow_up_of"]


class TagsIn(In):
    add: list[str] = Field(default_factory=list, max_length=20)
    remove: list[str] = Field(default_factory=list, max_length=20)

    @field_validator("add", "remove")
    @classmethod
    def _tag_names(cls, values: list[str]) -> list[str]:
        for value in values:
            if not (1 <= len(value) <= 50) or not all(c.isalnum() or c in "-_" for c in value):
                raise ValueError(f"'{value[:50]}' is not a valid tag (letters, digits, - and _)")
        return [v.lower() for v in values]


class TriageIn(In):
    priority: PriorityIn | None = None
    category: CategoryIn | None = None
    intent: Intent | None = None


class SegmentIn(In):
    """A segment set by hand, or null to derive it from signals again."""

    segment: Literal["novice", "regular", "pro"] | None


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    data: dict
    ticket_id: int | None
    ticket_number: str | None
    created_at: datetime
    read_at: datetime | None


class NotificationPageOut(Schema):
    items: list[NotificationOut]
    unread: int
    next_before: int | None


class NotificationsReadIn(In):
    """The notices to mark read; null marks every unread one."""

    ids: list[int] | None = Field(None, max_length=500)


class NotificationsReadOut(Schema):
    marked: int
    unread: int


class AgentRef(Schema):
    id: int
    name: str


class SlaTargetOut(Schema):
    kind: str
    due_at: datetime | None
    remaining_seconds: int | None
    warned: bool
    breached: bool
    achieved_at: datetime | None


class QueueItemOut(TicketSummaryOut):
    id: int
    language: str
    channel: str
    intent: str
    team: str | None
    assignee: AgentRef | None
    customer: str
    sla_due_at: datetime | None
    tags: list[str]


class QueuePageOut(Schema):
    items: list[QueueItemOut]
    next_cursor: str | None


class AgentMessageOut(MessageOut):
    internal: bool
    delivery_status: str


class AgentEventOut(EventOut):
    actor: str


class RevealOut(Schema):
    customer_id: int
    identities: list[dict]


class CustomerPanelOut(Schema):
    id: int
    name: str
    language: str
    segment: str
    identities: list[dict]
    addresses: list[dict]
    other_tickets: list[TicketSummaryOut]


class TicketDetailOut(QueueItemOut):
    metadata: dict
    first_response_at: datetime | None
    resolved_at: datetime | None
    merged_into: str | None
    messages: list[AgentMessageOut]
    events: list[AgentEventOut]
    sla: list[SlaTargetOut]
    customer_panel: CustomerPanelOut


class QueueFiltersIn(In):
    status: StatusIn | None = None
    priority: PriorityIn | None = None
    category: CategoryIn | None = None
    intent: str | None = Field(None, max_length=40)
    channel: str | None = Field(None, max_length=20)
    language: Language | None = None
    chain: ChainIn | None = None
    tag: str | None = Field(None, max_length=50)
    team: int | None = None
    assignee: int | None = None
    segment: Literal["novice", "regular", "pro"] | None = None
    q: str | None = Field(None, max_length=200)
    sort: Literal["newest", "sla_due"] = "newest"
    cursor: str | None = Field(None, max_length=500)
    limit: int = Field(25, ge=1, le=100)
