"""The council's guardrails, edited in the admin: indicators, their minimum responses, the
ordering of responses and the oversight settings. Case records are not read here."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from frontdoor.guardrails.models import ResponseLevel, RiskIndicator, Setting


@admin.register(RiskIndicator)
class RiskIndicatorAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at runtime
    list_display = ("label", "minimum_response", "derivation", "active", "position")
    list_editable = ("minimum_response", "active", "position")
    fields = (
        "code",
        "label",
        "description",
        "minimum_response",
        "derivation",
        "concern_codes",
        "threshold",
        "window_days",
        "max_age_days",
        "active",
        "position",
    )

    # Recorded indicators and decisions refer to a rule: retire one (untick "active") instead.
    def has_delete_permission(self, request: HttpRequest, obj: RiskIndicator | None = None) -> bool:
        return False


@admin.register(ResponseLevel)
class ResponseLevelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at runtime
    list_display = ("outcome", "rank", "phrase")
    fields = ("outcome", "rank", "phrase")
    readonly_fields = ("outcome",)

    # One row per outcome the workflow knows: they arrive by data migration.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ResponseLevel | None = None) -> bool:
        return False


@admin.register(Setting)
class SettingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at runtime
    list_display = ("label", "value", "unit", "key")
    readonly_fields = ("key", "unit")
    fields = ("key", "label", "value", "unit", "description")

    # Every key is read by code: rows arrive and leave by data migration.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Setting | None = None) -> bool:
        return False
