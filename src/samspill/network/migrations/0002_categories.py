"""The starting taxonomy of needs and offers (editors may change it)."""

from django.db import migrations

CATEGORIES = [
    ("investment", "Investering", "Investering", "Investment"),
    ("grants-funding", "Tilskudd og finansiering", "Tilskud og finansiering", "Grants and funding"),
    ("mentoring", "Mentor og rådgivning", "Mentor og rådgivning", "Mentoring"),
    ("booking", "Booking", "Booking", "Booking"),
    ("distribution", "Distribusjon", "Distribution", "Distribution"),
    ("rights-management", "Rettighetsforvaltning", "Rettighedsforvaltning", "Rights management"),
    ("technology", "Teknologiutvikling", "Teknologiudvikling", "Technology development"),
    ("data-analytics", "Data og analyse", "Data og analyse", "Data and analytics"),
    ("marketing", "Markedsføring", "Markedsføring", "Marketing"),
    ("legal", "Juridisk hjelp", "Juridisk hjælp", "Legal help"),
    ("venues", "Scener og lokaler", "Spillesteder og lokaler", "Venues"),
    ("rehearsal-space", "Øvingslokaler", "Øvelokaler", "Rehearsal space"),
    ("studios", "Studio", "Studie", "Studios"),
    ("partnerships", "Partnerskap", "Partnerskaber", "Partnerships"),
    ("talent-recruitment", "Talent og rekruttering", "Talent og rekruttering", "Talent and recruitment"),
]


def create(apps, schema_editor):
    category = apps.get_model("network", "NeedOfferCategory")
    for order, (slug, nb, da, en) in enumerate(CATEGORIES):
        category.objects.get_or_create(
            slug=slug,
            defaults={"name_nb": nb, "name_da": da, "name_en": en, "sort_order": order * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
