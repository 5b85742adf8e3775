"""People-friendly references for family contacts ("WX-26-004187", docs/adr/0026).

Existing contacts are given theirs here in the order they were received, numbered within the year
received (London time), and each year's counter is left at the last number given, so new
contacts carry on from there. The field is added empty and filled here; 0009 makes it required and unique (its own
transaction: PostgreSQL will not alter a table with the fill's trigger events pending).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import migrations, models

LONDON = ZoneInfo("Europe/London")


def give_existing_references(apps, schema_editor):
    FamilyContact = apps.get_model("contacts", "FamilyContact")
    ReferenceCounter = apps.get_model("contacts", "ReferenceCounter")
    prefix = settings.FRONTDOOR_REFERENCE_PREFIX
    last: dict[int, int] = {}
    batch = []
    rows = FamilyContact.objects.order_by("received_at", "id").only("id", "received_at")
    for family in rows.iterator(chunk_size=2000):
        year = family.received_at.astimezone(LONDON).year % 100
        last[year] = last.get(year, 0) + 1
        family.reference = f"{prefix}-{year:02d}-{last[year]:06d}"
        batch.append(family)
        if len(batch) >= 2000:
            FamilyContact.objects.bulk_update(batch, ["reference"])
            batch = []
    FamilyContact.objects.bulk_update(batch, ["reference"])
    ReferenceCounter.objects.bulk_create(
        [ReferenceCounter(year=year, last=number) for year, number in last.items()]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0007_family_contact_claims"),
    ]

    operations = [
        migrations.CreateModel(
            name="ReferenceCounter",
            fields=[
                ("year", models.PositiveSmallIntegerField(primary_key=True, serialize=False)),
                ("last", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name="familycontact",
            name="reference",
            field=models.CharField(max_length=20, null=True),
        ),
        migrations.RunPython(give_existing_references, migrations.RunPython.noop),
    ]
