from django.apps import AppConfig


class CodelistsConfig(AppConfig):
    name = "frontdoor.codelists"
    label = "codelists"
