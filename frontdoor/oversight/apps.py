from django.apps import AppConfig


class OversightConfig(AppConfig):
    """Management oversight and supervision on the child's record. Its label (the database's
    name for it) is the app's first name, `supervision`: tables and migrations keep it
    (docs/adr/0018)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "frontdoor.oversight"
    label = "supervision"
    verbose_name = "Management oversight and supervision"
