"""The Bot API over `core.http` (the one outbound client). Errors never carry the token."""

import logging
from functools import lru_cache
from typing import Any

from django.conf import settings

from walletdesk.core.http import OutboundClient, OutboundError, outbound_client
from walletdesk.inbox.adapters.telegram.config import BotConfig, api_base, scrub

FILE_MAX_BYTES = 20 * 1024 * 1024  # the Bot API does not serve larger files


class _ScrubTokens(logging.Filter):
    """httpx logs every request URL at INFO; Bot API URLs hold the token."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = scrub(record.getMessage()), None
        return True


logging.getLogger("httpx").addFilter(_ScrubTokens())


class TelegramError(Exception):
    """A Bot API call failed. `status` 0 means no response at all."""

    def __init__(self, method: str, status: int, description: str, retry_after: float | None):
        super().__init__(f"{method}: {status} {scrub(description)}")
        self.method = method
        self.status = status
        self.description = scrub(description)
        self.retry_after = retry_after

    @property
    def temporary(self) -> bool:
        return self.status == 0 or self.status == 429 or self.status >= 500


@lru_cache(maxsize=8)
def _shared_client(timeout: float | None, policy_key: tuple) -> OutboundClient:
    """One pooled client per timeout and outbound policy: building one loads the CA store
    (about 0.2 s), far more than a Bot API call."""
    return outbound_client(timeout=timeout)


def http_client(timeout: float | None) -> OutboundClient:
    conf: dict[str, Any] = settings.OUTBOUND
    return _shared_client(timeout, (conf["ALLOW_PRIVATE"], tuple(conf["ALLOWED_HOSTS"])))


class BotApi:
    def __init__(self, bot: BotConfig, *, timeout: float | None = None) -> None:
        self.bot = bot
        self.timeout = timeout

    def _url(self, method: str) -> str:
        return f"{api_base()}/bot{self.bot.token}/{method}"

    def call(self, method: str, payload: dict[str, Any] | None = None) -> Any:
        try:
            response = http_client(self.timeout).post(self._url(method), json=payload or {})
        except OutboundError as exc:
            raise TelegramError(method, 0, f"{type(exc).__name__}: {exc}", None) from None
        return _result(method, response.status_code, _json(response))

    def download(self, file_id: str) -> bytes:
        """getFile, then the file itself (at most 20 MB)."""
        info = self.call("getFile", {"file_id": file_id})
        path = info.get("file_path") if isinstance(info, dict) else None
        if not path:
            raise TelegramError("getFile", 404, "no file_path", None)
        url = f"{api_base()}/file/bot{self.bot.token}/{path}"
        try:
            response = http_client(self.timeout).get(url)
        except OutboundError as exc:
            raise TelegramError("file", 0, f"{type(exc).__name__}: {exc}", None) from None
        if response.status_code != 200:
            raise TelegramError("file", response.status_code, "download failed", None)
        if len(response.content) > FILE_MAX_BYTES:
            raise TelegramError("file", 413, "file too large", None)
        return response.content


def _json(response: Any) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {"ok": False, "description": "not JSON"}
    return data if isinstance(data, dict) else {"ok": False, "description": "not an object"}


def _result(method: str, status: int, data: dict) -> Any:
    if status == 200 and data.get("ok"):
        return data.get("result")
    params = data.get("parameters") or {}
    retry_after = params.get("retry_after") if isinstance(params, dict) else None
    code = int(data.get("error_code") or status or 0)
    raise TelegramError(method, code, str(data.get("description") or ""), retry_after)
