"""Reads of customers."""

from walletdesk.accounts.models import Customer, CustomerIdentity


def customers_by_identity(*, kind: str, values: set[str]) -> dict[str, Customer]:
    """The customers behind these channel identities, by identity value (unknown ones absent)."""
    return {
        identity.value: identity.customer
        for identity in CustomerIdentity.objects.select_related("customer").filter(
            kind=kind, value__in=values
        )
    }
