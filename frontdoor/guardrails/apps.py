from django.apps import AppConfig


class GuardrailsConfig(AppConfig):
    name = "frontdoor.guardrails"
    label = "guardrails"
    verbose_name = "Threshold guardrails"
