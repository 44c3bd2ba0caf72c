"""Pure: the web chat wire protocol (JSON frames over one websocket).

Client -> server
  {"type": "hello", "token": "<conversation token or empty>", "after": <last seq seen>,
   "language": "en", "name": "optional display name"}
  {"type": "message", "id": "<client message id>", "text": "..."}   resent until acked
  {"type": "ping"}

Server -> client
  {"type": "welcome", "token": "...", "conversation": "<public id>", "expires_at": "ISO",
   "expired": true (only when the token sent had expired: this is a new conversation)}
      then every message after `after` as "message" frames (resume)
  {"type": "ack", "id": "<client message id>", "seq": <n>, "duplicate": bool}
  {"type": "message", "seq": <n>, "from": "customer" | "agent" | "assistant" | "system",
   "text": "...", "at": "ISO", "name": "<the agent's display name>",
   "client_id": "<id, on the customer's own messages>"}
      "assistant": written by the self-service assistant; "system": other automatic messages
  {"type": "error", "code": "...", "id": "<client message id, when about one>"}
      codes: bad_frame, unknown_type, bad_after, bad_id, empty_text, too_long, hello_first,
      not_stored and unavailable (the database is down: resend; a hello, reconnect),
      token_expired (say hello again: a new conversation),
      rate_limited with "retry_after": <seconds> (the message was NOT stored: resend it after
      the wait; on a hello the socket is then closed with code 4029)
  {"type": "pong"}

The token lasts WEBCHAT_TOKEN_IDLE_SECONDS after the last hello or message (activity renews
it). `seq` is the server's message id: increasing, so "after" resumes exactly where the client was.
"""

import re
from dataclasses import dataclass

MAX_TEXT = 4000
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
LANGUAGES = {"en", "zh-hans"}


class ProtocolError(ValueError):
    def __init__(self, code: str, message_id: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.message_id = message_id


@dataclass(frozen=True, slots=True)
class Hello:
    token: str
    after: int
    language: str
    name: str


@dataclass(frozen=True, slots=True)
class Say:
    client_id: str
    text: str


@dataclass(frozen=True, slots=True)
class Ping:
    pass


Frame = Hello | Say | Ping


def read_frame(data: object) -> Frame:
    if not isinstance(data, dict):
        raise ProtocolError("bad_frame")
    kind = data.get("type")
    if kind == "hello":
        return _hello(data)
    if kind == "message":
        return _say(data)
    if kind == "ping":
        return Ping()
    raise ProtocolError("unknown_type")


def _hello(data: dict) -> Hello:
    after = data.get("after") or 0
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        raise ProtocolError("bad_after")
    language = str(data.get("language") or "").lower()
    if language.startswith("zh"):
        language = "zh-hans"
    return Hello(
        token=str(data.get("token") or "")[:200],
        after=after,
        language=language if language in LANGUAGES else "",
        name=str(data.get("name") or "").strip()[:120],
    )


def _say(data: dict) -> Say:
    client_id = data.get("id")
    if not isinstance(client_id, str) or not CLIENT_ID.match(client_id):
        raise ProtocolError("bad_id")
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ProtocolError("empty_text", client_id)
    if len(text) > MAX_TEXT:
        raise ProtocolError("too_long", client_id)
    return Say(client_id=client_id, text=text)
