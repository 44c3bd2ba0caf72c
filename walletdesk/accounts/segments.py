"""How experienced a customer is, from simple signals; agents may override it."""

NOVICE, REGULAR, PRO = "novice", "regular", "pro"
NOVICE_MAX_AGE_DAYS = 30
PRO_MIN_AGE_DAYS = 365
PRO_MIN_TICKETS = 10


def derive_segment(*, account_age_days: int | None, ticket_count: int, uses_advanced: bool) -> str:
    """novice: new account and few tickets; pro: old account, many tickets or advanced features."""
    if uses_advanced or ticket_count >= PRO_MIN_TICKETS:
        return PRO
    if account_age_days is not None and account_age_days >= PRO_MIN_AGE_DAYS:
        return PRO
    if (account_age_days is None or account_age_days < NOVICE_MAX_AGE_DAYS) and ticket_count < 2:
        return NOVICE
    return REGULAR
