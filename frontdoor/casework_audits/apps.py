from django.apps import AppConfig


class CaseworkAuditsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "frontdoor.casework_audits"
    verbose_name = "Case audits"
