from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "frontdoor.supervision"
    verbose_name = "Management oversight and supervision"
