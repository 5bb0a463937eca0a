"""The shipped reference data: every kommune and fylke of Norway (2024), every kommune and region
of Denmark, with source and date; the loader is idempotent and keeps what is attached."""

import json
import re

import pytest

from samspill.core import reference
from samspill.core.data.places import DEMO_MUNICIPALITIES
from samspill.core.models import Municipality, Organisation, Region
from tests.core.factories import OrganisationFactory


def test_norway_has_every_kommune_and_fylke_of_2024():
    places = reference.shipped("NO")
    assert len(places.municipalities) == 357
    assert len(places.regions) == 15
    assert places.valid_from == "2024-01-01"
    assert "SSB" in places.source
    assert any("klass" in url and "131" in url for url in places.source_urls)
    assert any("klass" in url and "104" in url for url in places.source_urls)
    codes = [m["code"] for m in places.municipalities]
    assert len(set(codes)) == 357
    assert all(re.fullmatch(r"\d{4}", code) for code in codes)
    assert all(re.fullmatch(r"\d{2}", r["code"]) for r in places.regions)
    assert {r["code"] for r in places.regions} == {
        "03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"
    }  # fmt: skip
    assert all(m["code"][:2] == m["region"] for m in places.municipalities)
    # Every fylke has kommuner; the counts of the 2024 structure.
    per_fylke = {}
    for m in places.municipalities:
        per_fylke[m["region"]] = per_fylke.get(m["region"], 0) + 1
    assert per_fylke == {
        "03": 1, "11": 23, "15": 27, "18": 41, "31": 12, "32": 21, "33": 18, "34": 46,
        "39": 6, "40": 17, "42": 25, "46": 43, "50": 38, "55": 21, "56": 18,
    }  # fmt: skip


def test_norwegian_names_in_the_official_languages_with_a_plain_sort_name():
    rows = {m["code"]: m for m in reference.shipped("NO").municipalities}
    assert (rows["0301"]["name"], rows["0301"]["region"]) == ("Oslo", "03")
    assert (rows["4601"]["name"], rows["4601"]["region"]) == ("Bergen", "46")
    assert (rows["5001"]["name"], rows["5001"]["sort_name"]) == ("Trondheim - Tråante", "Trondheim")
    assert (rows["5612"]["name"], rows["5612"]["sort_name"]) == (
        "Guovdageaidnu - Kautokeino",
        "Kautokeino",
    )
    assert rows["5622"]["name"] == "Porsanger - Porsáŋgu - Porsanki"
    assert (rows["5041"]["name"], rows["5041"]["sort_name"]) == ("Snåase - Snåsa", "Snåsa")
    assert rows["5610"]["name"] == "Kárášjohka - Karasjok"
    assert rows["1580"]["name"] == "Haram"  # split from Ålesund in 2024
    # A plain name never carries another language's form.
    assert not [m for m in rows.values() if " - " in m["sort_name"]]
    fylker = {r["code"]: r for r in reference.shipped("NO").regions}
    assert (fylker["56"]["name"], fylker["56"]["sort_name"]) == (
        "Finnmark - Finnmárku - Finmarkku",
        "Finnmark",
    )


def test_denmark_has_every_kommune_and_region():
    places = reference.shipped("DK")
    assert len(places.municipalities) == 98
    assert [r["code"] for r in places.regions] == ["1081", "1082", "1083", "1084", "1085"]
    assert "DST" in places.source and places.valid_from
    assert places.source_urls
    codes = [m["code"] for m in places.municipalities]
    assert len(set(codes)) == 98 and all(re.fullmatch(r"\d{3}", c) for c in codes)
    rows = {m["code"]: m for m in places.municipalities}
    assert (rows["101"]["name"], rows["101"]["region"]) == ("København", "1084")
    assert (rows["751"]["name"], rows["751"]["region"]) == ("Aarhus", "1082")
    assert (rows["860"]["name"], rows["860"]["region"]) == ("Hjørring", "1081")
    assert rows["400"]["region"] == "1084"  # Bornholm belongs to Region Hovedstaden
    per_region = {}
    for m in places.municipalities:
        per_region[m["region"]] = per_region.get(m["region"], 0) + 1
    assert per_region == {"1081": 11, "1082": 19, "1083": 22, "1084": 29, "1085": 17}


def test_the_demo_selection_is_official():
    for country, codes in DEMO_MUNICIPALITIES.items():
        assert set(codes) <= reference.shipped(country).municipality_codes()


@pytest.mark.django_db
def test_the_migration_loaded_the_lists_and_loading_again_changes_nothing():
    assert Municipality.objects.filter(country="NO").count() == 357
    assert Municipality.objects.filter(country="DK").count() == 98
    assert Region.objects.filter(country="NO").count() == 15
    assert Region.objects.filter(country="DK").count() == 5
    counts = reference.ensure_reference_data()
    assert counts["municipalities_created"] == counts["municipalities_updated"] == 0
    assert counts["regions_created"] == counts["regions_updated"] == 0
    assert counts["by_country"] == {
        "NO": {"regions": 15, "municipalities": 357},
        "DK": {"regions": 5, "municipalities": 98},
    }
    trondheim = Municipality.objects.select_related("region").get(country="NO", code="5001")
    assert (trondheim.name, trondheim.sort_name, trondheim.region.code) == (
        "Trondheim - Tråante",
        "Trondheim",
        "50",
    )


@pytest.mark.django_db
def test_loading_restores_official_names_and_keeps_rows_and_what_is_attached():
    bergen = Municipality.objects.get(country="NO", code="4601")
    organisation = OrganisationFactory(municipality=bergen)
    Municipality.objects.filter(pk=bergen.pk).update(name="Bjørgvin", region=None)
    Municipality.objects.filter(country="DK", code="860").delete()
    counts = reference.ensure_reference_data()
    assert counts["municipalities_updated"] == 1
    assert counts["municipalities_created"] == 1
    bergen.refresh_from_db()
    assert (bergen.name, bergen.region.code) == ("Bergen", "46")
    assert Organisation.objects.get(pk=organisation.pk).municipality_id == bergen.pk
    assert Municipality.objects.filter(country="DK", code="860", name="Hjørring").exists()


@pytest.mark.django_db
def test_an_empty_database_gets_the_full_lists_with_counts():
    Municipality.objects.all().delete()
    Region.objects.all().delete()
    counts = reference.ensure_reference_data()
    assert counts["municipalities_created"] == 455
    assert counts["regions_created"] == 20
    assert reference.ensure_reference_data()["municipalities_created"] == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "Unknown format"),
        (lambda d: d.update(country="SE"), "Unknown country"),
        (lambda d: d.pop("source"), "“source” is missing"),
        (lambda d: d.update(valid_from="1.1.2024"), "must be a date"),
        (lambda d: d["municipalities"][0].update(code="301"), "not a NO municipality code"),
        (lambda d: d["municipalities"][1].update(code="0301"), "appears twice"),
        (lambda d: d["municipalities"][0].update(region="99"), "not in the file's regions"),
        (lambda d: d["municipalities"][0].update(region="11"), "cannot be in fylke 11"),
        (lambda d: d["municipalities"][0].update(name=""), "“name” is missing"),
        (lambda d: d.update(municipalities=[]), "non-empty list"),
    ],
)
def test_a_bad_file_is_refused_with_a_clear_message(change, message):
    data = json.loads((reference.DATA_DIR / "no.json").read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(reference.ReferenceDataError, match=message):
        reference.validate(data)


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    path = tmp_path / "places.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(reference.ReferenceDataError, match="not a UTF-8 JSON file"):
        reference.read(path)
    with pytest.raises(reference.ReferenceDataError, match="Cannot read"):
        reference.read(tmp_path / "missing.json")
