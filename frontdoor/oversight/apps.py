from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "frontdoor.oversight"
    label = "oversight"
