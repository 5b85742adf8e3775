"""Seed the default agency types: the sorts of partner a MASH asks for information and takes
referrals from. A council adds its own (or retires one) as data, in the admin.

The data is written out here, not imported from application code, so that this migration means
the same thing forever. Each type names the CIN census referral source its contacts usually
carry (a contact can still be given another).
"""

from django.db import migrations

# (slug, name, broad kind, CIN census referral source)
TYPES = [
    ("police", "Police", "police", "6"),
    ("gp", "GP practice", "health", "3A"),
    ("health-visiting", "Health visiting", "health", "3B"),
    ("school-nursing", "School nursing", "health", "3C"),
    ("hospital", "Hospital", "health", "3E"),
    ("other-health", "Other health service", "health", "3F"),
    ("education", "School or education service", "education", "2A"),
    ("probation", "Probation", "probation", "7"),
    ("housing", "Housing", "housing", "4"),
    ("adult-services", "Adult services", "adult_services", "5B"),
    ("youth-justice", "Youth justice", "youth_justice", "5B"),
    ("another-council", "Another council", "local_authority", "5C"),
    ("voluntary", "Voluntary or community organisation", "voluntary", "8"),
]


def seed(apps, schema_editor):
    AgencyType = apps.get_model("agencies", "AgencyType")
    Code = apps.get_model("codelists", "Code")
    for order, (slug, name, kind, source) in enumerate(TYPES):
        AgencyType.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "referral_source": Code.objects.get(code_list="referral_source", code=source),
                "order": order,
            },
        )


def unseed(apps, schema_editor):
    AgencyType = apps.get_model("agencies", "AgencyType")
    AgencyType.objects.filter(slug__in=[slug for slug, *_ in TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_agency_types_and_leads"),
        ("codelists", "0002_seed_code_lists"),
    ]
    operations = [migrations.RunPython(seed, unseed)]
