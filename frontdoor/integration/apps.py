from django.apps import AppConfig


class IntegrationConfig(AppConfig):
    name = "frontdoor.integration"
    label = "integration"
    verbose_name = "Events for other systems"
