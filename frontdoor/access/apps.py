from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "frontdoor.access"
    label = "access"

    def ready(self) -> None:
        from frontdoor.access import checks  # noqa: F401 - registers the system checks
