from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "frontdoor.assessments"
    label = "assessments"
