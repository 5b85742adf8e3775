from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "frontdoor.workflow"
    verbose_name = "Workflow"
