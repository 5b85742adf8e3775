"""An adult named in a contact has a version, so that linking and unlinking them (issue 17)
refuse a worker who read the adult before someone else changed the link. Every existing adult
starts at 1 (as every version does): nobody holds an older version of them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0010_contact_adult_person"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactadult",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
