"""An adult named in a contact can be linked to their own person record (issue 17). A new,
empty column: every adult already named stays as the referrer described them, with their
relationship to each child, and can be linked from the child's record."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0009_family_contact_reference_required"),
        ("people", "0003_person_characteristics"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactadult",
            name="person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="named_in_contacts",
                to="people.person",
            ),
        ),
    ]
