from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    """Statutory returns read across the whole front door (issue 16): the CIN census."""

    name = "frontdoor.returns"
    label = "returns"
