from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "frontdoor.matching"
    label = "matching"
