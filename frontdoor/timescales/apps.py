from django.apps import AppConfig


class TimescalesConfig(AppConfig):
    name = "frontdoor.timescales"
    label = "timescales"
