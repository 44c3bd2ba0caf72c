"""Background tasks: take ids, re-read rows, safe to retry."""

from django.tasks import task

from .services import ticket_diagnose


@task()
def ticket_diagnose_task(ticket_id: int) -> int:
    return len(ticket_diagnose(ticket_id=ticket_id))
