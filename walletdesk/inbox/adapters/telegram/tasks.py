"""Telegram tasks: they take ids, re-read the rows and are safe to run twice."""

from django.tasks import task

from walletdesk.inbox.adapters.telegram import services


@task()
def update_process(record_id: int) -> str:
    """Kept for tasks queued before the worker drained stored updates itself."""
    return services.update_process(record_id=record_id)
