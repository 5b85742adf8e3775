from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from frontdoor.timescales.models import Timescale


@admin.register(Timescale)
class TimescaleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at runtime
    list_display = ("label", "amount", "unit", "basis", "starts_when", "key")
    list_filter = ("basis", "unit")
    search_fields = ("key", "label")
    # Code finds a timescale by its key, so the key never changes; whether a timescale is
    # national is a fact about the law, not a setting. The amount and unit are the council's to
    # change.
    readonly_fields = ("key", "basis")
    fields = ("key", "label", "amount", "unit", "basis", "starts_when", "description")

    # Every key is referenced by code: a new row would be read by nothing, and a deleted one
    # would stop clocks from starting. Both arrive by data migration instead.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Timescale | None = None) -> bool:
        return False
