"""Admin: the official registry and phishing lists (changes audited), the read-only audit log."""

from django import forms
from django.contrib import admin

from walletdesk.guard import services
from walletdesk.guard.models import (
    AuditEntry,
    BrandName,
    OfficialChannel,
    PhishingEntry,
    PhishingSettings,
    ScamChannel,
)


@admin.register(OfficialChannel)
class OfficialChannelAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "label", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["value", "label"]

    def save_model(self, request, obj, form, change):
        saved = services.official_channel_save(
            kind=obj.kind,
            value=obj.value,
            label=obj.label,
            is_active=obj.is_active,
            actor=request.user,
        )
        if change and saved.pk != obj.pk:  # the value changed: the old row goes
            OfficialChannel.objects.filter(pk=obj.pk).delete()
        obj.pk, obj.value = saved.pk, saved.value

    def delete_model(self, request, obj):
        services.audit_record(action="registry.official_deleted", actor=request.user, target=obj)
        obj.delete()
        services.directory_changed()


class PhishingEntryForm(forms.ModelForm):
    class Meta:
        model = PhishingEntry
        fields = ["kind", "domain", "note"]


@admin.register(PhishingEntry)
class PhishingEntryAdmin(admin.ModelAdmin):
    form = PhishingEntryForm
    list_display = ["domain", "kind", "source", "created_at"]
    list_filter = ["kind", "source"]
    search_fields = ["domain"]
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        obj.source = obj.source or PhishingEntry.Source.MANUAL
        super().save_model(request, obj, form, change)
        services.audit_record(
            action="blocklist.changed",
            actor=request.user,
            target=obj,
            data={"kind": obj.kind, "domain": obj.domain},
        )
        services.directory_changed()

    def delete_model(self, request, obj):
        services.audit_record(
            action="blocklist.removed", actor=request.user, data={"domain": obj.domain}
        )
        super().delete_model(request, obj)
        services.directory_changed()

    def delete_queryset(self, request, queryset):
        domains = list(queryset.values_list("domain", flat=True)[:100])
        services.audit_record(
            action="blocklist.removed", actor=request.user, data={"domains": domains}
        )
        super().delete_queryset(request, queryset)
        services.directory_changed()


@admin.register(ScamChannel)
class ScamChannelAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "note", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value"]

    def save_model(self, request, obj, form, change):
        saved = services.scam_channel_add(
            kind=obj.kind, value=obj.value, note=obj.note, actor=request.user
        )
        obj.pk, obj.value = saved.pk, saved.value


@admin.register(BrandName)
class BrandNameAdmin(admin.ModelAdmin):
    list_display = ["name"]

    def save_model(self, request, obj, form, change):
        obj.name = obj.name.strip().lower()
        super().save_model(request, obj, form, change)
        services.audit_record(action="registry.brand_saved", actor=request.user, target=obj)
        services.directory_changed()


@admin.register(PhishingSettings)
class PhishingSettingsAdmin(admin.ModelAdmin):
    list_display = ["tolerance", "imported_at", "imported_version"]
    readonly_fields = ["imported_at", "imported_version"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not PhishingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.pk = 1
        super().save_model(request, obj, form, change)
        services.audit_record(
            action="blocklist.tolerance", actor=request.user, data={"tolerance": obj.tolerance}
        )
        services.directory_changed()


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only for everyone; only superusers (admins) may look."""

    list_display = ["at", "actor_label", "action", "target_type", "target_id", "ip"]
    list_filter = ["action"]
    search_fields = ["actor_label", "action", "target_id"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
