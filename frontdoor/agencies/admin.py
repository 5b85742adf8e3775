"""Agencies and agency types are data that a system administrator keeps up to date."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from frontdoor.agencies.models import Agency, AgencyType


@admin.register(AgencyType)
class AgencyTypeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at runtime
    list_display = ("name", "kind", "referral_source", "order", "active")
    list_filter = ("kind", "active")

    # A slug is how data migrations and the demo find a type again: set once, never renamed.
    def get_readonly_fields(
        self, request: HttpRequest, obj: AgencyType | None = None
    ) -> tuple[str, ...]:
        return ("slug",) if obj is not None else ()


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable at runtime
    list_display = ("name", "agency_type", "kind", "mailbox", "lead_email", "active")
    list_filter = ("kind", "agency_type", "active")
    search_fields = ("name",)
