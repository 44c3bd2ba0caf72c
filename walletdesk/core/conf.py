"""Typed access to the WALLETDESK settings dict (mypy sees its mixed values as `object`)."""

from typing import Any

from django.conf import settings


def desk_setting(name: str) -> Any:
    return settings.WALLETDESK[name]
