"""Seed the code lists a person's census characteristics use (issue 16): ethnicity (the DfE's
main codes), disability (CIN census), the reason a UPN is unknown (CIN census UN1-UN10) and
first language (the DfE's minimum categories; the language itself is named in words beside it).

Written out here, not imported, so that this migration means the same thing forever. A later
year's change is another data migration, never a code change (docs/adr/0020).
"""

from django.db import migrations, models

ETHNICITY = [
    ("WBRI", "White: British", "White"),
    ("WIRI", "White: Irish", "White"),
    ("WIRT", "White: Traveller of Irish heritage", "White"),
    ("WROM", "White: Gypsy or Roma", "White"),
    ("WOTH", "White: any other White background", "White"),
    ("MWBC", "Mixed: White and Black Caribbean", "Mixed"),
    ("MWBA", "Mixed: White and Black African", "Mixed"),
    ("MWAS", "Mixed: White and Asian", "Mixed"),
    ("MOTH", "Mixed: any other mixed background", "Mixed"),
    ("AIND", "Asian or Asian British: Indian", "Asian or Asian British"),
    ("APKN", "Asian or Asian British: Pakistani", "Asian or Asian British"),
    ("ABAN", "Asian or Asian British: Bangladeshi", "Asian or Asian British"),
    ("AOTH", "Asian or Asian British: any other Asian background", "Asian or Asian British"),
    ("BCRB", "Black or Black British: Caribbean", "Black or Black British"),
    ("BAFR", "Black or Black British: African", "Black or Black British"),
    ("BOTH", "Black or Black British: any other Black background", "Black or Black British"),
    ("CHNE", "Chinese", "Other ethnic group"),
    ("OOTH", "Any other ethnic group", "Other ethnic group"),
    ("REFU", "Refused", "Not given"),
    ("NOBT", "Information not yet obtained", "Not given"),
]

DISABILITY = [
    ("NONE", "No disability"),
    ("MOB", "Mobility: getting about"),
    ("HAND", "Hand function"),
    ("PC", "Personal care"),
    ("INC", "Incontinence"),
    ("COMM", "Communication"),
    ("LD", "Learning"),
    ("HEAR", "Hearing"),
    ("VIS", "Vision"),
    ("BEH", "Behaviour"),
    ("CON", "Consciousness (seizures)"),
    ("AUT", "Autism or Asperger syndrome"),
    ("DDA", "Other disability under the Equality Act"),
]

UPN_UNKNOWN = [
    ("UN1", "Child is aged under 6 years old and is not yet attending school"),
    ("UN2", "Child has never attended a school in England"),
    ("UN3", "Child is educated outside England"),
    ("UN4", "Child is newly referred and the UPN is not yet known"),
    ("UN5", "Sources collating UPNs reflect a discrepancy"),
    ("UN6", "Child is aged 18 or over"),
    ("UN7", "Referral with no further action"),
    ("UN8", "Child is educated other than at school"),
    ("UN9", "Child is an asylum seeker with no UPN"),
    ("UN10", "Child is unborn"),
]

FIRST_LANGUAGE = [
    ("ENG", "English"),
    ("ENB", "Believed to be English"),
    ("OTH", "Other than English"),
    ("OTB", "Believed to be other than English"),
    ("NOT", "Information not obtained"),
    ("REF", "Refused"),
]

LISTS = [
    ("disability", DISABILITY),
    ("upn_unknown", UPN_UNKNOWN),
    ("first_language", FIRST_LANGUAGE),
]


def seed(apps, schema_editor):
    Code = apps.get_model("codelists", "Code")
    rows = [
        Code(code_list="ethnicity", code=code, label=label, group=group, order=order)
        for order, (code, label, group) in enumerate(ETHNICITY)
    ]
    for name, values in LISTS:
        rows.extend(
            Code(code_list=name, code=code, label=label, order=order)
            for order, (code, label) in enumerate(values)
        )
    Code.objects.bulk_create(rows)


def unseed(apps, schema_editor):
    apps.get_model("codelists", "Code").objects.filter(
        code_list__in=["ethnicity", *(name for name, _ in LISTS)]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("codelists", "0002_seed_code_lists")]
    operations = [
        migrations.AlterField(
            model_name="code",
            name="code_list",
            field=models.CharField(
                choices=[
                    ("referral_source", "Referral source (CIN census)"),
                    ("primary_need", "Primary need (CIN census)"),
                    ("assessment_factor", "Assessment factor (CIN census)"),
                    ("closure_reason", "Reason for closure (CIN census)"),
                    ("abuse_category", "Category of abuse (CIN census)"),
                    ("concern_category", "Concern category (local)"),
                    ("level_of_need", "Level of need (local)"),
                    ("ethnicity", "Ethnicity (DfE)"),
                    ("disability", "Disability (CIN census)"),
                    ("upn_unknown", "Reason the UPN is unknown (CIN census)"),
                    ("first_language", "First language (DfE)"),
                ],
                max_length=40,
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]
