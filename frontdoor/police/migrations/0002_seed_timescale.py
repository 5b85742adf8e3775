"""Seed the local timescale for police notifications (domain brief, section 6).

Written out here, not imported from application code, so the migration gives the same result
whenever it runs. A council changes it afterwards by editing the row.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

KEY = "police_notification"


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    Timescale = apps.get_model("timescales", "Timescale")
    Timescale.objects.get_or_create(
        key=KEY,
        defaults={
            "label": "Police notification of domestic abuse",
            "amount": 24,
            "unit": "clock_hours",
            "basis": "local",
            "starts_when": "domestic abuse incident",
            "description": (
                "The police notify the MASH within 24 hours of a domestic abuse incident where "
                "children are present or live. A notification sent later is counted as late."
            ),
        },
    )


def remove(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    apps.get_model("timescales", "Timescale").objects.filter(key=KEY).delete()


class Migration(migrations.Migration):
    # Lists, as Django writes every migration.
    dependencies = [("police", "0001_initial"), ("timescales", "0002_seed_timescales")]  # noqa: RUF012

    operations = [migrations.RunPython(seed, remove)]  # noqa: RUF012
