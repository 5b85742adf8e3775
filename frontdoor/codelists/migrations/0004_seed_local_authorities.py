"""Seed the English local authorities with their DfE LA numbers (issue 18: referral to another
council). The LA number is the three-digit code the DfE gives each council with children's
services responsibilities: the <LEA> of the CIN census header and the first digits of a UPN and
of a school's LAESTAB. There are 153 as of April 2023, after the reorganisations that each
kept or gave numbers: Dorset (838) and Bournemouth, Christchurch and Poole (839) in 2019,
Buckinghamshire (825, unitary) in 2020, North Northamptonshire (940) and West Northamptonshire
(941) in 2021, Cumberland (942) and Westmorland and Furness (943) in 2023 (Cumbria, 909,
retired), North Yorkshire (815) and Somerset (933) becoming unitary under their old numbers.

Grouped by the DfE's region (the group heading of a code). Written out here, not imported, so
that this migration means the same thing forever; a later reorganisation is another data
migration that retires the old number (active=False) and adds the new ones (docs/adr/0039).
"""

from django.db import migrations, models

# (LA number, name) by region, alphabetical within each.
REGIONS = {
    "North East": [
        ("840", "County Durham"),
        ("841", "Darlington"),
        ("390", "Gateshead"),
        ("805", "Hartlepool"),
        ("806", "Middlesbrough"),
        ("391", "Newcastle upon Tyne"),
        ("392", "North Tyneside"),
        ("929", "Northumberland"),
        ("807", "Redcar and Cleveland"),
        ("393", "South Tyneside"),
        ("808", "Stockton-on-Tees"),
        ("394", "Sunderland"),
    ],
    "North West": [
        ("889", "Blackburn with Darwen"),
        ("890", "Blackpool"),
        ("350", "Bolton"),
        ("351", "Bury"),
        ("895", "Cheshire East"),
        ("896", "Cheshire West and Chester"),
        ("942", "Cumberland"),
        ("876", "Halton"),
        ("340", "Knowsley"),
        ("888", "Lancashire"),
        ("341", "Liverpool"),
        ("352", "Manchester"),
        ("353", "Oldham"),
        ("354", "Rochdale"),
        ("355", "Salford"),
        ("343", "Sefton"),
        ("342", "St Helens"),
        ("356", "Stockport"),
        ("357", "Tameside"),
        ("358", "Trafford"),
        ("877", "Warrington"),
        ("943", "Westmorland and Furness"),
        ("359", "Wigan"),
        ("344", "Wirral"),
    ],
    "Yorkshire and the Humber": [
        ("370", "Barnsley"),
        ("380", "Bradford"),
        ("381", "Calderdale"),
        ("371", "Doncaster"),
        ("811", "East Riding of Yorkshire"),
        ("810", "Kingston upon Hull, City of"),
        ("382", "Kirklees"),
        ("383", "Leeds"),
        ("812", "North East Lincolnshire"),
        ("813", "North Lincolnshire"),
        ("815", "North Yorkshire"),
        ("372", "Rotherham"),
        ("373", "Sheffield"),
        ("384", "Wakefield"),
        ("816", "York"),
    ],
    "East Midlands": [
        ("831", "Derby"),
        ("830", "Derbyshire"),
        ("856", "Leicester"),
        ("855", "Leicestershire"),
        ("925", "Lincolnshire"),
        ("940", "North Northamptonshire"),
        ("892", "Nottingham"),
        ("891", "Nottinghamshire"),
        ("857", "Rutland"),
        ("941", "West Northamptonshire"),
    ],
    "West Midlands": [
        ("330", "Birmingham"),
        ("331", "Coventry"),
        ("332", "Dudley"),
        ("884", "Herefordshire, County of"),
        ("333", "Sandwell"),
        ("893", "Shropshire"),
        ("334", "Solihull"),
        ("860", "Staffordshire"),
        ("861", "Stoke-on-Trent"),
        ("894", "Telford and Wrekin"),
        ("335", "Walsall"),
        ("937", "Warwickshire"),
        ("336", "Wolverhampton"),
        ("885", "Worcestershire"),
    ],
    "East of England": [
        ("822", "Bedford"),
        ("873", "Cambridgeshire"),
        ("823", "Central Bedfordshire"),
        ("881", "Essex"),
        ("919", "Hertfordshire"),
        ("821", "Luton"),
        ("926", "Norfolk"),
        ("874", "Peterborough"),
        ("882", "Southend-on-Sea"),
        ("935", "Suffolk"),
        ("883", "Thurrock"),
    ],
    "London": [
        ("301", "Barking and Dagenham"),
        ("302", "Barnet"),
        ("303", "Bexley"),
        ("304", "Brent"),
        ("305", "Bromley"),
        ("202", "Camden"),
        ("201", "City of London"),
        ("306", "Croydon"),
        ("307", "Ealing"),
        ("308", "Enfield"),
        ("203", "Greenwich"),
        ("204", "Hackney"),
        ("205", "Hammersmith and Fulham"),
        ("309", "Haringey"),
        ("310", "Harrow"),
        ("311", "Havering"),
        ("312", "Hillingdon"),
        ("313", "Hounslow"),
        ("206", "Islington"),
        ("207", "Kensington and Chelsea"),
        ("314", "Kingston upon Thames"),
        ("208", "Lambeth"),
        ("209", "Lewisham"),
        ("315", "Merton"),
        ("316", "Newham"),
        ("317", "Redbridge"),
        ("318", "Richmond upon Thames"),
        ("210", "Southwark"),
        ("319", "Sutton"),
        ("211", "Tower Hamlets"),
        ("320", "Waltham Forest"),
        ("212", "Wandsworth"),
        ("213", "Westminster"),
    ],
    "South East": [
        ("867", "Bracknell Forest"),
        ("846", "Brighton and Hove"),
        ("825", "Buckinghamshire"),
        ("845", "East Sussex"),
        ("850", "Hampshire"),
        ("921", "Isle of Wight"),
        ("886", "Kent"),
        ("887", "Medway"),
        ("826", "Milton Keynes"),
        ("931", "Oxfordshire"),
        ("851", "Portsmouth"),
        ("870", "Reading"),
        ("871", "Slough"),
        ("852", "Southampton"),
        ("936", "Surrey"),
        ("869", "West Berkshire"),
        ("938", "West Sussex"),
        ("868", "Windsor and Maidenhead"),
        ("872", "Wokingham"),
    ],
    "South West": [
        ("800", "Bath and North East Somerset"),
        ("839", "Bournemouth, Christchurch and Poole"),
        ("801", "Bristol, City of"),
        ("908", "Cornwall"),
        ("878", "Devon"),
        ("838", "Dorset"),
        ("916", "Gloucestershire"),
        ("420", "Isles of Scilly"),
        ("802", "North Somerset"),
        ("879", "Plymouth"),
        ("933", "Somerset"),
        ("803", "South Gloucestershire"),
        ("866", "Swindon"),
        ("880", "Torbay"),
        ("865", "Wiltshire"),
    ],
}


def seed(apps, schema_editor):
    Code = apps.get_model("codelists", "Code")
    everyone = sorted(
        ((name, code, region) for region, rows in REGIONS.items() for code, name in rows),
        key=lambda row: row[0].lower(),
    )
    Code.objects.bulk_create(
        Code(code_list="local_authority", code=code, label=name, group=region, order=order)
        for order, (name, code, region) in enumerate(everyone)
    )


def unseed(apps, schema_editor):
    apps.get_model("codelists", "Code").objects.filter(code_list="local_authority").delete()


class Migration(migrations.Migration):
    dependencies = [("codelists", "0003_seed_person_characteristics")]
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
                    ("local_authority", "Local authority (DfE LA number)"),
                ],
                max_length=40,
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]
