"""Audit templates are edited in the admin: questions are data. Audits themselves are not:
they change only through the actions, which write the audit trail."""

from __future__ import annotations

from django.contrib import admin

from frontdoor.casework_audits.models import AuditQuestion, AuditTemplate


class AuditQuestionInline(admin.TabularInline):  # type: ignore[type-arg]  # not subscriptable
    model = AuditQuestion
    extra = 1
    fields = ("position", "text", "active")


@admin.register(AuditTemplate)
class AuditTemplateAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # not subscriptable
    list_display = ("name", "active")
    inlines = [AuditQuestionInline]
