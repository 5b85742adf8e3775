from django.apps import AppConfig


class RollupsConfig(AppConfig):
    """The front door's figures kept as small day-by-day summaries (docs/adr/0024)."""

    name = "frontdoor.rollups"
    label = "rollups"
    verbose_name = "Management information rollups"

    def ready(self) -> None:
        from frontdoor.audit.signals import events_recorded
        from frontdoor.rollups.tally import on_events

        events_recorded.connect(on_events, dispatch_uid="rollups.on_events")
