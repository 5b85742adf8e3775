from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "frontdoor.synthetic"
    label = "synthetic"
