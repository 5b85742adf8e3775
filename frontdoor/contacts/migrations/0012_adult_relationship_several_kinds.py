"""An adult may be several things to one child at intake (issue 17): the referrer's
relationships are unique per adult, child and kind, no longer per adult and child. Every
existing row is still unique under the new constraint (it was unique on fewer columns), so no
data changes; going back fails only if an adult has been given two kinds for one child since."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0011_contact_adult_version"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="adultrelationship",
            name="adult_relationship_unique",
        ),
        migrations.AddConstraint(
            model_name="adultrelationship",
            constraint=models.UniqueConstraint(
                fields=("adult", "contact", "kind"), name="adult_relationship_kind_unique"
            ),
        ),
    ]
