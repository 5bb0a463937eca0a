"""`samspill update-places`: renumbered, merged and split municipalities keep their history and
everything attached to them; a bad file changes nothing; a dry run reports without saving."""

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command

from samspill.core import reference
from samspill.core.models import Municipality, MunicipalityFormerCode, Organisation
from samspill.core.places_update import PlacesUpdateError, read_changes, update_places
from samspill.events.models import Event
from samspill.surveys import results
from tests.core.factories import OrganisationFactory
from tests.events.factories import EventFactory
from tests.projects.factories import make_programme, make_project
from tests.surveys.factories import answer, make_survey, q, standard_answers

pytestmark = pytest.mark.django_db


def newer_list(*, drop=(), add=(), rename=None):
    """The shipped Norwegian list, as a later version: `drop` codes, `add` (code, name) rows."""
    data = copy.deepcopy(json.loads((reference.DATA_DIR / "no.json").read_text(encoding="utf-8")))
    data["valid_from"] = "2028-01-01"
    data["municipalities"] = [m for m in data["municipalities"] if m["code"] not in drop]
    for code, name in add:
        data["municipalities"].append(
            {"code": code, "name": name, "sort_name": name, "region": code[:2]}
        )
    for row in data["municipalities"]:
        if rename and row["code"] in rename:
            row["name"] = row["sort_name"] = rename[row["code"]]
    return data


def write(tmp_path, name, data):
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def run(*args):
    out = io.StringIO()
    call_command("update_places", *args, stdout=out)
    return out.getvalue()


def by_code(code):
    return Municipality.objects.get(country="NO", code=code)


def test_a_renumbered_municipality_keeps_its_row_and_its_old_code(tmp_path):
    stavanger = by_code("1103")
    organisation = OrganisationFactory(municipality=stavanger)
    places = write(tmp_path, "no.json", newer_list(drop={"1103"}, add=[("1199", "Stavanger")]))
    changes = write(tmp_path, "changes.csv", "old_code,new_code,date\n1103,1199,2028-01-01\n")
    out = run("--country", "NO", str(places), "--changes", str(changes))
    assert "Renumbered: 1103 Stavanger → 1199" in out
    stavanger.refresh_from_db()
    assert stavanger.code == "1199"
    assert Organisation.objects.get(pk=organisation.pk).municipality_id == stavanger.pk
    former = MunicipalityFormerCode.objects.get(code="1103")
    assert (former.municipality_id, former.name, str(former.valid_until)) == (
        stavanger.pk,
        "Stavanger",
        "2027-12-31",
    )
    assert reference.resolve_codes(["1103", "1199"]) == {"1103": stavanger, "1199": stavanger}


def test_a_merger_moves_everything_attached_to_the_successor(tmp_path):
    haugesund, karmoy = by_code("1106"), by_code("1149")
    organisation = OrganisationFactory(municipality=karmoy)
    event = EventFactory(municipality=karmoy)
    programme = make_programme()
    project = make_project(programme, municipalities=[haugesund, karmoy])
    other = make_project(programme, title="Bandcamp", municipalities=[karmoy])
    survey = make_survey()
    for code in ("1149", "1149", "1106"):
        answer(survey, standard_answers(survey, Kommune=code))
    places = write(
        tmp_path,
        "no.json",
        newer_list(drop={"1106", "1149"}, add=[("1198", "Haugesund og Karmøy")]),
    )
    changes = write(
        tmp_path,
        "changes.json",
        {
            "codeChanges": [
                {"oldCode": "1106", "newCode": "1198", "changeOccurred": "2028-01-01"},
                {"oldCode": "1149", "newCode": "1198", "changeOccurred": "2028-01-01"},
            ]
        },
    )
    dry = run("--country", "NO", str(places), "--changes", str(changes), "--dry-run")
    assert "Dry run, nothing saved" in dry and "Merged: 1149 Karmøy" in dry
    assert by_code("1149") == karmoy and not Municipality.objects.filter(code="1198").exists()

    out = run("--country", "NO", str(places), "--changes", str(changes))
    assert "Renumbered: 1106 Haugesund → 1198" in out and "Merged: 1149 Karmøy" in out
    merged = by_code("1198")
    assert merged.pk == haugesund.pk and merged.name == "Haugesund og Karmøy"
    assert not Municipality.objects.filter(pk=karmoy.pk).exists()
    assert Organisation.objects.get(pk=organisation.pk).municipality_id == merged.pk
    assert Event.objects.get(pk=event.pk).municipality_id == merged.pk
    assert list(project.municipalities.all()) == [merged]  # the duplicate link is one link
    assert list(other.municipalities.all()) == [merged]
    assert set(merged.former_codes.values_list("code", flat=True)) == {"1106", "1149"}
    # Answers keep their codes, and are still named and counted.
    result = results.summary(survey, public=False).by_key()[q(survey, "Kommune").key]
    bars = {bar.key: (bar.label, bar.count) for bar in result.bars}
    assert bars["1149"][1] == 2 and bars["1106"][1] == 1
    assert "Haugesund og Karmøy" in bars["1149"][0] and "Karmøy" in bars["1149"][0]

    # Again: nothing left to do.
    again = run("--country", "NO", str(places), "--changes", str(changes))
    assert "0 municipalities created, 0 updated" in again
    assert "Renumbered" not in again and "Merged" not in again


def test_merging_into_a_municipality_that_stays(tmp_path):
    sandnes, gjesdal = by_code("1108"), by_code("1122")
    organisation = OrganisationFactory(municipality=gjesdal)
    places = write(tmp_path, "no.json", newer_list(drop={"1122"}))
    changes = write(tmp_path, "changes.csv", "old_code;new_code\n1122;1108\n")
    out = run("--country", "NO", str(places), "--changes", str(changes))
    assert "Merged: 1122 Gjesdal" in out
    assert Organisation.objects.get(pk=organisation.pk).municipality_id == sandnes.pk
    assert MunicipalityFormerCode.objects.get(code="1122").municipality_id == sandnes.pk
    assert str(MunicipalityFormerCode.objects.get(code="1122").valid_until) == "2027-12-31"


def test_a_split_is_refused_unless_asked_to_go_to_the_first(tmp_path):
    sokndal = by_code("1111")
    organisation = OrganisationFactory(municipality=sokndal)
    places = write(
        tmp_path,
        "no.json",
        newer_list(drop={"1111"}, add=[("1196", "Sokndal nord"), ("1197", "Sokndal sør")]),
    )
    changes = write(tmp_path, "changes.csv", "old_code,new_code\n1111,1196\n1111,1197\n")
    with pytest.raises(CommandError, match="Split municipalities: 1111 Sokndal → 1196, 1197"):
        run("--country", "NO", str(places), "--changes", str(changes))
    assert by_code("1111") == sokndal
    assert not Municipality.objects.filter(code__in=["1196", "1197"]).exists()

    out = run("--country", "NO", str(places), "--changes", str(changes), "--split-to-first")
    assert "Split: 1111 Sokndal → 1196, 1197: everything attached moved to 1196" in out
    assert Organisation.objects.get(pk=organisation.pk).municipality.code == "1196"
    assert by_code("1197").name == "Sokndal sør"


def test_a_code_gone_without_successor_is_left_and_reported(tmp_path):
    places = write(tmp_path, "no.json", newer_list(drop={"1151"}))
    out = run("--country", "NO", str(places))
    assert "Left as is (not in the new list, no successor given): 1151 Utsira" in out
    assert by_code("1151")


def test_new_names_are_taken_and_a_second_run_changes_nothing(tmp_path):
    places = write(tmp_path, "no.json", newer_list(rename={"1820": "Alstahaug - Álahttavuodna"}))
    assert "0 municipalities created, 1 updated" in run("--country", "NO", str(places))
    assert by_code("1820").name == "Alstahaug - Álahttavuodna"
    assert "0 municipalities created, 0 updated" in run("--country", "NO", str(places))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ("old_code,new_code\n1103,1199\n", "which is not in the new list"),
        ("from,to\n1103,1106\n", "needs a header with old_code and new_code"),
        ("old_code,new_code,date\n1103,1106,next year\n", "is not a date"),
        ('{"codeChanges": [{"oldCode": "1103"}]}', "needs “oldCode” and “newCode”"),
        ("{broken", "is not valid JSON"),
    ],
)
def test_bad_changes_change_nothing(tmp_path, changes, message):
    before = list(Municipality.objects.order_by("pk").values_list("pk", "code", "name"))
    places = write(tmp_path, "no.json", newer_list(drop={"1103"}, rename={"1820": "Ny"}))
    with pytest.raises(CommandError, match=message):
        run("--country", "NO", str(places), "--changes", str(write(tmp_path, "c", changes)))
    assert list(Municipality.objects.order_by("pk").values_list("pk", "code", "name")) == before


def test_a_bad_list_changes_nothing(tmp_path):
    data = newer_list()
    data["municipalities"][3]["code"] = "123"
    with pytest.raises(CommandError, match="row 4: code '123' is not a NO municipality code"):
        run("--country", "NO", str(write(tmp_path, "no.json", data)))
    with pytest.raises(CommandError, match="The file is for NO, not DK"):
        run("--country", "DK", str(write(tmp_path, "no2.json", newer_list())))
    with pytest.raises(CommandError, match="Give --country"):
        run()


def test_changes_are_read_from_ssb_json_and_csv(tmp_path):
    ssb = write(
        tmp_path,
        "c.json",
        {"codeChanges": [{"oldCode": "1507", "newCode": "1508", "changeOccurred": "2024-01-01"}]},
    )
    assert [(c.old_code, c.new_code, str(c.date)) for c in read_changes(ssb)] == [
        ("1507", "1508", "2024-01-01")
    ]
    with pytest.raises(PlacesUpdateError, match="Cannot read"):
        read_changes(tmp_path / "missing.csv")


def test_the_shipped_lists_load_from_the_command():
    Municipality.objects.filter(code="5001").delete()
    assert "Municipalities: 1 created, 0 updated" in run("--shipped")


def test_an_update_runs_in_one_transaction(tmp_path, monkeypatch):
    """A failure half-way (here: loading the names) leaves the renumbering undone too."""
    places = reference.read(
        write(tmp_path, "no.json", newer_list(drop={"1103"}, add=[("1199", "Stavanger")]))
    )

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(reference, "load", broken)
    with pytest.raises(RuntimeError):
        from samspill.core.places_update import Change

        update_places(places, [Change("1103", "1199")])
    assert by_code("1103")
    assert not MunicipalityFormerCode.objects.exists()
