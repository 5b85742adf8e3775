# The child's school and GP practice on the person (issue 17). New columns, all blank: nothing
# existing changes.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0003_person_characteristics"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="school",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="person",
            name="school_urn",
            field=models.CharField(blank=True, max_length=6, verbose_name="school URN"),
        ),
        migrations.AddField(
            model_name="person",
            name="gp_practice",
            field=models.CharField(blank=True, max_length=200, verbose_name="GP practice"),
        ),
        migrations.AddField(
            model_name="person",
            name="gp_practice_code",
            field=models.CharField(blank=True, max_length=6, verbose_name="GP practice code"),
        ),
    ]
