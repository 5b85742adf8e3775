from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from frontdoor.missing.models import Setting


@admin.register(Setting)
class SettingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at runtime
    list_display = ("label", "value", "unit", "key")
    search_fields = ("key", "label")
    # Code finds a setting by its key, so the key never changes; the value is the council's.
    readonly_fields = ("key", "unit")
    fields = ("key", "label", "value", "unit", "description")

    # Every key is read by code: rows arrive and leave by data migration (see timescales/admin).
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Setting | None = None) -> bool:
        return False
