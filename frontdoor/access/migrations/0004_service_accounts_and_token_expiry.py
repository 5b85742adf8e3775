"""Service accounts, and API tokens that expire (issue 13).

Existing tokens are given the expiry they would have had: 90 days after they were issued (the
default of settings.FRONTDOOR_API_TOKEN_DAYS). No existing user is made a service account, so
every existing token stops working: only a service account may hold one. A system that used a
person's token needs a service account and a new token (docs/api.md, "Moving to service
accounts").

Each new column is added nullable, filled row by row, then made required (and, for the public
id, unique): a column default would give every existing row the same uuid.
"""

import uuid
from datetime import timedelta

from django.db import migrations, models

DAYS_BEFORE_THIS_MIGRATION = 90


def fill_public_ids_and_expiry(apps, schema_editor):
    ApiToken = apps.get_model("access", "ApiToken")
    for token in ApiToken.objects.all().only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(
            public_id=uuid.uuid4(),
            expires_at=token.created_at + timedelta(days=DAYS_BEFORE_THIS_MIGRATION),
        )


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0003_restricted_records_and_kept_answers"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="is_service_account",
            field=models.BooleanField(
                default=False, help_text="Another system's account for the API, never a person's"
            ),
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(("is_service_account", False))
                | models.Q(("is_staff", False), ("is_superuser", False)),
                name="user_service_account_is_not_staff",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="public_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(fill_public_ids_and_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(),
        ),
    ]
