"""Loads the official lists shipped in core/data/reference/ (all kommuner and fylker of Norway,
all kommuner and regioner of Denmark), so that new hubs and upgraded ones have them. Existing rows
keep their primary keys (and everything attached); their names become the official ones."""

from django.db import migrations
from django.db.models import F


def load_places(apps, schema_editor):
    from samspill.core.reference import ensure_reference_data

    Region = apps.get_model("core", "Region")
    Municipality = apps.get_model("core", "Municipality")
    ensure_reference_data(region_model=Region, municipality_model=Municipality)
    # Rows of other countries (or not in the lists) sort by their name.
    Region.objects.filter(sort_name="").update(sort_name=F("name"))
    Municipality.objects.filter(sort_name="").update(sort_name=F("name"))


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_places_sort_name_and_former_codes"),
    ]

    operations = [migrations.RunPython(load_places, migrations.RunPython.noop)]
