from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "frontdoor.bench"
    label = "bench"
