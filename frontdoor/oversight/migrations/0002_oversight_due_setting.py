"""The council's setting for how long an open case may go without management oversight, held
with the other oversight settings (`guardrails.Setting`, edited in the admin; docs/adr/0015)."""

from django.db import migrations

KEY = "oversight-due-days"


def seed(apps, schema_editor):
    Setting = apps.get_model("guardrails", "Setting")
    Setting.objects.get_or_create(
        key=KEY,
        defaults={
            "label": "Management oversight due on an open case after",
            "value": 28,
            "unit": "calendar days",
            "description": (
                "Counted from the last management oversight or supervision recorded on the "
                "child's record or, if there has been none, from when the case opened."
            ),
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("guardrails", "Setting").objects.filter(key=KEY).delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial"), ("guardrails", "0002_seed_indicators")]

    operations = [migrations.RunPython(seed, unseed)]
