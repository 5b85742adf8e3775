from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "frontdoor.teams"
    label = "teams"
