from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "frontdoor.access"
    label = "access"
