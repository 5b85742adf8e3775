"""Every family contact has its reference now (0008): make it required and unique."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0008_family_contact_reference"),
    ]

    operations = [
        migrations.AlterField(
            model_name="familycontact",
            name="reference",
            field=models.CharField(max_length=20, unique=True),
        ),
    ]
