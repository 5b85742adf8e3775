from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "frontdoor.visits"
    label = "visits"
