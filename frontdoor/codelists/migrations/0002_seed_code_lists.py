"""Seed the code lists: national lists from the DfE CIN census specification, and the default
local lists (concern categories, levels of need) that a council may change.

The data is written out here, not imported from application code, so that this migration means
the same thing forever.
"""

from django.db import migrations

REFERRAL_SOURCE = [
    ("1A", "Individual: family member, relative or carer", "Individual"),
    ("1B", "Individual: acquaintance (including neighbours and child minders)", "Individual"),
    ("1C", "Individual: self", "Individual"),
    ("1D", "Individual: other", "Individual"),
    ("2A", "Schools", "Education"),
    ("2B", "Education services", "Education"),
    ("3A", "Health services: GP", "Health"),
    ("3B", "Health services: health visitor", "Health"),
    ("3C", "Health services: school nurse", "Health"),
    ("3D", "Health services: other primary health services", "Health"),
    ("3E", "Health services: A&E (emergency department)", "Health"),
    ("3F", "Health services: other", "Health"),
    ("4", "Housing", "Housing"),
    ("5A", "LA services: social care", "Local authority services"),
    ("5B", "LA services: other internal", "Local authority services"),
    ("5C", "LA services: external (e.g. from another LA)", "Local authority services"),
    ("5D", "LA services: early help", "Local authority services"),
    ("6", "Police", "Police"),
    ("7", "Other legal agency", "Other"),
    ("8", "Other", "Other"),
    ("9", "Anonymous", "Other"),
    ("10", "Unknown", "Other"),
]

PRIMARY_NEED = [
    ("N1", "Abuse or neglect"),
    ("N2", "Child's disability"),
    ("N3", "Parental disability or illness"),
    ("N4", "Family in acute stress"),
    ("N5", "Family dysfunction"),
    ("N6", "Socially unacceptable behaviour"),
    ("N7", "Low income"),
    ("N8", "Absent parenting"),
    ("N9", "Cases other than children in need"),
    ("N0", "Not stated"),
]

ASSESSMENT_FACTOR = [
    (f"{n}{who}", f"{topic}: concerns about {whom}")
    for n, topic in [
        (1, "Alcohol misuse"),
        (2, "Drug misuse"),
        (3, "Domestic abuse"),
        (4, "Mental health"),
        (5, "Learning disability"),
        (6, "Physical disability or illness"),
    ]
    for who, whom in [
        ("A", "the child"),
        ("B", "the parent or carer"),
        ("C", "another person living in the household"),
    ]
] + [
    ("7A", "Young carer"),
    ("8B", "Privately fostered: overseas children who intend to return"),
    ("8C", "Privately fostered: overseas children who intend to stay"),
    ("8D", "Privately fostered: UK children in educational placements"),
    ("8E", "Privately fostered: UK children making alternative family arrangements"),
    ("8F", "Privately fostered: other"),
    ("9A", "Unaccompanied asylum-seeking child"),
    ("10A", "Going or being missing"),
    ("11A", "Child sexual exploitation"),
    ("12A", "Trafficking"),
    ("13A", "Gangs"),
    ("14A", "Socially unacceptable behaviour"),
    ("15A", "Self-harm"),
    ("16A", "Neglect"),
    ("17A", "Emotional abuse"),
    ("18B", "Physical abuse: by a child"),
    ("18C", "Physical abuse: by an adult"),
    ("19B", "Sexual abuse: by a child"),
    ("19C", "Sexual abuse: by an adult"),
    ("20", "Other"),
    ("21", "No factors identified"),
    ("22A", "Female genital mutilation"),
    ("23A", "Abuse linked to faith or belief"),
    ("24A", "Child criminal exploitation"),
]

CLOSURE_REASON = [
    ("RC1", "Adopted"),
    ("RC2", "Died"),
    ("RC3", "Child arrangements order"),
    ("RC4", "Special guardianship order"),
    ("RC5", "Transferred to services of another local authority"),
    ("RC6", "Transferred to adult social care"),
    ("RC7", "Services ceased for any other reason, including child no longer in need"),
    ("RC8", "Case closed after assessment, no further action"),
    ("RC9", "Case closed after assessment, referred to early help"),
]

ABUSE_CATEGORY = [
    ("NEG", "Neglect"),
    ("PHY", "Physical abuse"),
    ("SAB", "Sexual abuse"),
    ("EMO", "Emotional abuse"),
    ("MUL", "Multiple"),
]

# Local defaults: a council edits these.
CONCERN_CATEGORY = [
    ("DA", "Domestic abuse"),
    ("NEG", "Neglect"),
    ("PHY", "Physical abuse or injury"),
    ("SEX", "Sexual abuse"),
    ("EMO", "Emotional abuse"),
    ("MH", "Parental mental health"),
    ("SUB", "Parental substance misuse"),
    ("EXP", "Exploitation (CSE or CCE)"),
    ("MISS", "Missing from home or care"),
    ("SH", "Self-harm or suicidal thoughts"),
    ("DIS", "Child's disability or health needs"),
    ("HOUS", "Housing or homelessness"),
    ("BEH", "Child's behaviour"),
    ("OTH", "Other"),
]

LEVEL_OF_NEED = [
    ("1", "Level 1: universal services"),
    ("2", "Level 2: early help"),
    ("3", "Level 3: child in need (targeted or specialist)"),
    ("4", "Level 4: child protection (significant harm)"),
]


def seed(apps, schema_editor):
    Code = apps.get_model("codelists", "Code")
    rows = []
    for order, (code, label, group) in enumerate(REFERRAL_SOURCE):
        rows.append(
            Code(code_list="referral_source", code=code, label=label, group=group, order=order)
        )
    for name, values in [
        ("primary_need", PRIMARY_NEED),
        ("assessment_factor", ASSESSMENT_FACTOR),
        ("closure_reason", CLOSURE_REASON),
        ("abuse_category", ABUSE_CATEGORY),
        ("concern_category", CONCERN_CATEGORY),
        ("level_of_need", LEVEL_OF_NEED),
    ]:
        for order, (code, label) in enumerate(values):
            rows.append(Code(code_list=name, code=code, label=label, order=order))
    Code.objects.bulk_create(rows)


def unseed(apps, schema_editor):
    apps.get_model("codelists", "Code").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("codelists", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
