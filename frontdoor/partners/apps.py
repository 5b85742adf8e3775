from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "frontdoor.partners"
    label = "partners"
