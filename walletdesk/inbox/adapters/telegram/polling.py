"""Long polling (getUpdates) for installs without a public URL.

Each update is stored exactly as the webhook stores it (or spooled to disk when the database
fails) before the next getUpdates confirms it (the offset), so a crash between the two
re-delivers updates that are then deduplicated.
"""

import json
import logging

from walletdesk.inbox.adapters.telegram import services
from walletdesk.inbox.adapters.telegram.client import BotApi
from walletdesk.inbox.adapters.telegram.config import BotConfig

logger = logging.getLogger(__name__)
CONFLICT = 409  # a webhook is set: Telegram refuses getUpdates


def poll_once(*, bot: BotConfig, offset: int | None, timeout: int) -> tuple[int | None, int]:
    """One getUpdates round. Returns the next offset and how many new updates were stored
    (or spooled)."""
    api = BotApi(bot, timeout=timeout + 10)
    payload: dict = {"timeout": timeout}
    if offset is not None:
        payload["offset"] = offset
    updates = api.call("getUpdates", payload) or []
    stored = 0
    for update in updates:
        body = json.dumps(update, ensure_ascii=False).encode()
        stored += int(services.update_receive(bot=bot, body=body) != "seen")
        offset = max(offset or 0, int(update["update_id"]) + 1)
    return offset, stored
