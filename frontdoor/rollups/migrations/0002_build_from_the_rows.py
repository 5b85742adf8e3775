"""The rollups of the contacts already stored (docs/adr/0024): from here on the actions keep
them. The same code as `manage.py rebuild_rollups`; with no contacts it writes nothing."""

from typing import Any

from django.db import migrations


def build(apps: Any, schema_editor: Any) -> None:
    Contact = apps.get_model("contacts", "Contact")
    if not Contact.objects.exists():
        return
    from frontdoor.rollups.tally import rebuild

    rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("rollups", "0001_initial"),
        ("contacts", "__latest__"),
        ("referrals", "__latest__"),
    ]

    operations = [migrations.RunPython(build, migrations.RunPython.noop)]
