from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "frontdoor.enquiries"
    label = "enquiries"
