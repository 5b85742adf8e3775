from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "frontdoor.practice"
    label = "practice"
    verbose_name = "Practice model: risk, need and strength analysis"
