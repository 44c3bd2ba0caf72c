"""How a customer's browser comes to hold access to a ticket, without the token being stored.

* The confirmation e-mail carries a signed, expiring tracking link (`track_link_url`):
  `/track/<number>/?link=<signed>`; the signed value names the ticket and a binding derived
  from its token's hash (`django.core.signing`, its own salt), never the token itself.
* Opening that link, the old `?token=` link, or the number + access code form puts a *grant*
  in the session: an HMAC of the token's hash (another salt), not the token. The portal reads
  the ticket with it (`portal.selectors.ticket_get_for_grant`).

Both derive from SECRET_KEY and the ticket's token hash: a new token or key voids them.
"""

from django.core import signing
from django.utils.crypto import salted_hmac

from walletdesk.core.conf import desk_setting
from walletdesk.tickets.models import Ticket

LINK_SALT = "walletdesk.portal.track-link"
LINK_BINDING_SALT = "walletdesk.portal.track-link.binding"
GRANT_SALT = "walletdesk.portal.session-grant"


class LinkExpired(Exception):
    """A genuine tracking link past PORTAL_TRACK_LINK_MAX_AGE."""


class LinkInvalid(Exception):
    """A tracking link we did not sign (tampered, cut short) or for another ticket."""


def grant_of(token_hash: str) -> str:
    return salted_hmac(GRANT_SALT, token_hash, algorithm="sha256").hexdigest()


def link_binding(token_hash: str) -> str:
    return salted_hmac(LINK_BINDING_SALT, token_hash, algorithm="sha256").hexdigest()[:32]


def track_link_url(ticket: Ticket) -> str:
    value = signing.dumps(
        {"n": ticket.number, "b": link_binding(ticket.access_token_hash)}, salt=LINK_SALT
    )
    return f"{desk_setting('PORTAL_URL')}/track/{ticket.number}/?link={value}"


def track_link_read(*, number: str, value: str) -> str:
    """The binding a tracking link for `number` carries; raises LinkExpired / LinkInvalid."""
    max_age = desk_setting("PORTAL_TRACK_LINK_MAX_AGE")
    try:
        payload = signing.loads(value, salt=LINK_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    if not isinstance(payload, dict) or str(payload.get("n", "")).upper() != number.upper():
        raise LinkInvalid
    return str(payload.get("b", ""))
