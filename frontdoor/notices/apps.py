from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "frontdoor.notices"
    verbose_name = "Notices (email)"
