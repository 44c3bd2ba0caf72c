"""Web chat rate limits: fixed-window counters in Django's cache.

The counters are shared by every process when the cache is (Redis, Memcached, the database);
with the default local-memory cache each process counts on its own.
"""

import contextlib
import math
import time
from dataclasses import dataclass

from django.core.cache import cache

from walletdesk.core.conf import desk_setting


@dataclass(frozen=True, slots=True)
class Limit:
    scope: str
    setting: str  # the WALLETDESK key holding how many uses a window allows
    window: int  # seconds


MESSAGE_VISITOR = Limit("msg-visitor", "WEBCHAT_MESSAGES_PER_MINUTE", 60)
MESSAGE_IP = Limit("msg-ip", "WEBCHAT_IP_MESSAGES_PER_MINUTE", 60)
RESUME_VISITOR = Limit("resume-visitor", "WEBCHAT_RESUMES_PER_MINUTE", 60)
START_IP = Limit("start-ip", "WEBCHAT_IP_SESSIONS_PER_HOUR", 3600)


async def _count(key: str, window: int) -> int:
    if await cache.aadd(key, 1, timeout=window + 1):
        return 1
    try:
        return await cache.aincr(key)
    except ValueError:  # expired between add and incr
        await cache.aset(key, 1, timeout=window + 1)
        return 1


async def limit_hit(limit: Limit, key: str) -> int:
    """Count one use of `limit` by `key`: 0 when allowed, else the seconds until it is again."""
    at = time.time()
    bucket = int(at // limit.window)
    used = await _count(f"webchat:rate:{limit.scope}:{key}:{bucket}", limit.window)
    if used <= int(desk_setting(limit.setting)):
        return 0
    return max(1, math.ceil((bucket + 1) * limit.window - at))


async def limit_refund(limit: Limit, key: str) -> None:
    """Give back one use that did not happen (a session start the database refused), so a
    visitor retrying through an outage is not locked out afterwards."""
    bucket = int(time.time() // limit.window)
    with contextlib.suppress(ValueError):  # the window has turned: nothing to give back
        await cache.adecr(f"webchat:rate:{limit.scope}:{key}:{bucket}")


async def limits_hit(*checks: tuple[Limit, str]) -> int:
    """Count a use against every (limit, key); the longest wait among those exceeded, or 0."""
    return max([await limit_hit(limit, key) for limit, key in checks], default=0)
