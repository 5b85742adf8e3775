from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "frontdoor.operations"
    label = "operations"
    verbose_name = "Running the service"
