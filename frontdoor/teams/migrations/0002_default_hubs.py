"""Three MASH hubs by default, chosen by the initial level of need. A council renames, adds or
retires hubs as data; nothing in the code names a hub."""

from django.db import migrations

HUBS = [
    ("early-help-hub", "Early help hub", "Early help and lower level need"),
    ("child-in-need-hub", "Child in need hub", "Child in need: child and family assessment"),
    ("child-protection-hub", "Child protection hub", "Child protection and high risk"),
]


def seed(apps, schema_editor):
    Team = apps.get_model("teams", "Team")
    for order, (slug, name, description) in enumerate(HUBS):
        Team.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "kind": "hub", "description": description, "order": order},
        )
    Team.objects.get_or_create(
        slug="front-door", defaults={"name": "Front door", "kind": "front_door", "order": 0}
    )


def unseed(apps, schema_editor):
    Team = apps.get_model("teams", "Team")
    Team.objects.filter(slug__in=[slug for slug, _, _ in HUBS] + ["front-door"]).delete()


class Migration(migrations.Migration):
    dependencies = [("teams", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
