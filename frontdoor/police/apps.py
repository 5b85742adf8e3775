from django.apps import AppConfig


class PoliceConfig(AppConfig):
    name = "frontdoor.police"
    label = "police"
    verbose_name = "Police notifications"
