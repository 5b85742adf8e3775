from django.apps import AppConfig


class RollupsConfig(AppConfig):
    """The front door's figures kept as small day-by-day summaries (docs/adr/0024)."""

    name = "frontdoor.rollups"
    label = "rollups"
    verbose_name = "Management information rollups"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from frontdoor.audit.signals import events_recorded
        from frontdoor.rollups.tally import build_if_missing, on_events

        events_recorded.connect(on_events, dispatch_uid="rollups.on_events")
        # After every migration has run (so the current code's models match the tables), a
        # database with contacts but no rollups (one upgraded from before them) gets them.
        post_migrate.connect(build_if_missing, sender=self, dispatch_uid="rollups.build")
