"""Admin: quarantined payloads (with a reprocess action), the outbox, mailbox cursors."""

from django.contrib import admin, messages

from walletdesk.inbox import services
from walletdesk.inbox.models import Delivery, InboundRecord, MailboxCursor

PREVIEW_BYTES = 20_000


@admin.register(InboundRecord)
class InboundRecordAdmin(admin.ModelAdmin):
    list_display = ["id", "channel", "external_id", "state", "reason", "size", "received_at"]
    list_filter = ["state", "channel"]
    search_fields = ["external_id", "sha256"]
    readonly_fields = [f.name for f in InboundRecord._meta.fields if f.name != "payload"] + [
        "payload_preview"
    ]
    exclude = ["payload"]
    actions = ["reprocess"]

    @admin.display(description="payload (redacted)")
    def payload_preview(self, record: InboundRecord) -> str:
        return bytes(record.payload[:PREVIEW_BYTES]).decode("utf-8", "replace")

    @admin.action(description="Reprocess the selected quarantined payloads")
    def reprocess(self, request, queryset) -> None:  # type: ignore[no-untyped-def]
        done = 0
        for record in queryset.filter(state=InboundRecord.State.QUARANTINED):
            services.record_reprocess(record_id=record.id)
            done += 1
        self.message_user(request, f"{done} payload(s) reprocessed", messages.SUCCESS)

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["id", "channel", "recipient", "state", "attempts", "next_attempt_at"]
    list_filter = ["state", "channel"]
    search_fields = ["recipient", "external_id"]
    readonly_fields = [f.name for f in Delivery._meta.fields]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(MailboxCursor)
class MailboxCursorAdmin(admin.ModelAdmin):
    list_display = ["mailbox", "uidvalidity", "last_uid", "polled_at"]
