"""Django admin pages for the desk's configuration (issue 7: admins only; agents never need them):
SLA policies, business calendars, teams, agents with their shifts, routing rules; and the
console's macros (prepared replies), global, shared with a team or personal to an agent.

Saving here refreshes this process's desk snapshot at once (tickets.services.desk_config
listens for these models); other processes pick the change up within DESK_CONFIG_TTL."""

from django.contrib import admin

from walletdesk.accounts.models import Agent, BusinessCalendar, BusinessHours, Holiday, Shift, Team
from walletdesk.console.models import Macro
from walletdesk.tickets.models import RoutingRule, SlaPolicy


class BusinessHoursInline(admin.TabularInline):
    model = BusinessHours
    extra = 0


class HolidayInline(admin.TabularInline):
    model = Holiday
    extra = 0


@admin.register(BusinessCalendar)
class BusinessCalendarAdmin(admin.ModelAdmin):
    list_display = ("name", "timezone", "always_open")
    inlines = (BusinessHoursInline, HolidayInline)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "kind", "calendar")
    list_filter = ("kind",)
    prepopulated_fields = {"slug": ("name",)}


class ShiftInline(admin.TabularInline):
    model = Shift
    extra = 0


@admin.register(Agent)
class AgentAdmin(admin.ModelAdmin):
    list_display = ("display_name", "role", "capacity", "is_available", "timezone")
    list_filter = ("role", "is_available", "teams")
    search_fields = ("display_name", "user__username")
    filter_horizontal = ("teams",)
    raw_id_fields = ("user",)
    exclude = ("last_assigned_at",)
    inlines = (ShiftInline,)


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = (
        "name", "position", "is_active", "priorities", "categories",
        "first_response_minutes", "next_response_minutes", "resolution_minutes", "calendar",
    )  # fmt: skip
    list_editable = ("position", "is_active")
    list_filter = ("is_active",)


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "is_active", "team", "categories", "languages", "chains")
    list_editable = ("position", "is_active")
    list_filter = ("is_active", "team")


@admin.register(Macro)
class MacroAdmin(admin.ModelAdmin):
    list_display = ("name", "name_zh_hans", "status", "tags", "team", "agent")
    list_filter = ("status", "team")
    search_fields = ("name", "name_zh_hans", "body_en", "body_zh_hans")
    raw_id_fields = ("agent",)
