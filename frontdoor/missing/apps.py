from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "frontdoor.missing"
    label = "missing"
    verbose_name = "Children who go missing"
