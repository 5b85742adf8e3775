"""Seed the local settings for missing children (domain brief, sections 5 and 10).

- A timescale: the longest gap allowed between attempts to reach a child after they return
  (24 clock hours). It is a clock, so it lives with the other timescales and is applied with
  `timescales.queries.due_at`.
- Two settings: the repeat-missing trigger, 3 episodes in 30 days. They count, so they are not
  clocks; they live in `missing.Setting`.

The 72-hour return home interview timescale is national and already seeded by the timescales
app. The values are written out here, not imported from application code, so that this
migration gives the same result whenever it runs. A council changes them afterwards by editing
the rows (admin), not this file.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

GAP = {
    "key": "missing_attempt_gap",
    "label": "Gap between attempts to reach a child who has returned",
    "amount": 24,
    "unit": "clock_hours",
    "basis": "local",
    "starts_when": "child's return, then each attempt to reach them",
    "description": (
        "Attempts to reach a child for their return home interview are made at most this far "
        "apart. A longer gap is shown as a warning (the inspection found long gaps between "
        "attempts to engage children who go missing)."
    ),
}
# (key, label, value, unit, description)
SETTINGS = [
    (
        "repeat_missing_episodes",
        "Repeat missing: episodes",
        3,
        "episodes",
        (
            "A child who goes missing this many times within the window below is put on the "
            "manager's list for a strategy discussion decision."
        ),
    ),
    (
        "repeat_missing_window_days",
        "Repeat missing: window",
        30,
        "calendar days",
        "The number of calendar days (UK time) in which the episodes above are counted.",
    ),
]


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    Timescale = apps.get_model("timescales", "Timescale")
    Timescale.objects.get_or_create(key=GAP["key"], defaults={k: v for k, v in GAP.items() if k != "key"})
    Setting = apps.get_model("missing", "Setting")
    for key, label, value, unit, description in SETTINGS:
        Setting.objects.get_or_create(
            key=key, defaults={"label": label, "value": value, "unit": unit, "description": description}
        )


def unseed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    apps.get_model("timescales", "Timescale").objects.filter(key=GAP["key"]).delete()
    apps.get_model("missing", "Setting").objects.filter(key__in=[s[0] for s in SETTINGS]).delete()


class Migration(migrations.Migration):
    # Lists, as Django writes every migration.
    dependencies = [  # noqa: RUF012
        ("missing", "0001_initial"),
        ("timescales", "0002_seed_timescales"),
    ]

    operations = [migrations.RunPython(seed, unseed)]  # noqa: RUF012
