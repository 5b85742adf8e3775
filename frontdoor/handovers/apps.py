from django.apps import AppConfig


class HandoversConfig(AppConfig):
    name = "frontdoor.handovers"
    label = "handovers"
