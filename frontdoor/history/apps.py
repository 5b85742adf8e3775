from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "frontdoor.history"
    label = "history"
    verbose_name = "History from other systems"
