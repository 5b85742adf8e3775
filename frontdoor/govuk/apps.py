from django.apps import AppConfig


class GovukConfig(AppConfig):
    name = "frontdoor.govuk"
    label = "govuk"
