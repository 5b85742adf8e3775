from django.apps import AppConfig


class BacklogConfig(AppConfig):
    """The backlog by age and urgent reviews of it. Its label (the database's name for it) is
    the app's first name, `oversight`: tables and migrations keep it (docs/adr/0018)."""

    name = "frontdoor.backlog"
    label = "oversight"
    verbose_name = "Backlog and urgent reviews"
