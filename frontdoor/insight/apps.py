from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "frontdoor.insight"
    label = "insight"
