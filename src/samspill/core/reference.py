"""Official reference data: Norway's fylker and kommuner, Denmark's regioner and kommuner.

The lists ship as data files in `core/data/reference/` (`no.json`, `dk.json`), each with its
source (the SSB Klass or DST classification), the date its version is valid from, and the rows:

    {"format": "samspill-places/1", "country": "NO", "source": "...", "source_urls": [...],
     "valid_from": "2024-01-01",
     "regions": [{"code": "46", "name": "Vestland", "sort_name": "Vestland"}, ...],
     "municipalities": [{"code": "4601", "name": "Bergen", "sort_name": "Bergen",
                         "region": "46"}, ...]}

`name` is the official name in every official language, as the source writes it
("Guovdageaidnu - Kautokeino"); `sort_name` the plain Norwegian (Danish) name for sorting and
searching ("Kautokeino").

`ensure_reference_data()` loads the shipped files: it creates what is missing and brings names
and regions up to date by (country, code), and changes nothing on a second run. A data
migration runs it (with the historical models), so new and upgraded hubs alike have the full
lists; `samspill setup` may run it again. Renumbered and merged municipalities are handled by
`core.places_update` (`samspill update-places`), not here: this loader never deletes.

`resolve_codes()` maps codes, current or former, to today's municipality: survey answers keep
the code they were given.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data" / "reference"
FORMAT = "samspill-places/1"
SHIPPED = {"NO": "no.json", "DK": "dk.json"}

# (region code, municipality code) formats per country, as the models' check constraints.
CODE_FORMATS = {
    "NO": (re.compile(r"^[0-9]{2}$"), re.compile(r"^[0-9]{4}$")),
    "DK": (re.compile(r"^[0-9]{4}$"), re.compile(r"^[0-9]{3}$")),
}


class ReferenceDataError(ValueError):
    """A places file that cannot be used; the message says which row and why."""


@dataclass
class PlacesFile:
    country: str
    source: str
    source_urls: list[str]
    valid_from: str
    regions: list[dict]  # code, name, sort_name
    municipalities: list[dict]  # code, name, sort_name, region
    path: str = ""

    def region_codes(self) -> set[str]:
        return {r["code"] for r in self.regions}

    def municipality_codes(self) -> set[str]:
        return {m["code"] for m in self.municipalities}


def _text(row: dict, key: str, where: str, *, required: bool = True, max_length: int = 100):
    value = row.get(key, "")
    if not isinstance(value, str):
        raise ReferenceDataError(f"{where}: “{key}” must be text.")
    value = value.strip()
    if required and not value:
        raise ReferenceDataError(f"{where}: “{key}” is missing.")
    if len(value) > max_length:
        raise ReferenceDataError(f"{where}: “{key}” is longer than {max_length} characters.")
    return value


def validate(data, *, country: str | None = None, path: str = "") -> PlacesFile:
    """Check a parsed places file and return it; raise `ReferenceDataError` on the first problem."""
    if not isinstance(data, dict):
        raise ReferenceDataError("The file must hold one JSON object.")
    if data.get("format") != FORMAT:
        raise ReferenceDataError(f"Unknown format {data.get('format')!r}; expected {FORMAT!r}.")
    file_country = data.get("country")
    if file_country not in CODE_FORMATS:
        raise ReferenceDataError(
            f"Unknown country {file_country!r}; expected one of {', '.join(CODE_FORMATS)}."
        )
    if country and file_country != country:
        raise ReferenceDataError(f"The file is for {file_country}, not {country}.")
    region_format, municipality_format = CODE_FORMATS[file_country]
    for key in ("source", "valid_from"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ReferenceDataError(f"“{key}” is missing: say where the list comes from and when.")
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", data["valid_from"]):
        raise ReferenceDataError("“valid_from” must be a date (YYYY-MM-DD).")
    regions_in, municipalities_in = data.get("regions"), data.get("municipalities")
    if not isinstance(regions_in, list) or not regions_in:
        raise ReferenceDataError("“regions” must be a non-empty list.")
    if not isinstance(municipalities_in, list) or not municipalities_in:
        raise ReferenceDataError("“municipalities” must be a non-empty list.")

    regions, seen = [], set()
    for number, row in enumerate(regions_in, 1):
        where = f"regions, row {number}"
        if not isinstance(row, dict):
            raise ReferenceDataError(f"{where}: must be an object.")
        code = _text(row, "code", where, max_length=4)
        if not region_format.match(code):
            raise ReferenceDataError(f"{where}: code {code!r} is not a {file_country} region code.")
        if code in seen:
            raise ReferenceDataError(f"{where}: code {code} appears twice.")
        seen.add(code)
        name = _text(row, "name", where)
        regions.append(
            {
                "code": code,
                "name": name,
                "sort_name": _text(row, "sort_name", where, required=False) or name,
            }
        )

    municipalities, seen_m = [], set()
    for number, row in enumerate(municipalities_in, 1):
        where = f"municipalities, row {number}"
        if not isinstance(row, dict):
            raise ReferenceDataError(f"{where}: must be an object.")
        code = _text(row, "code", where, max_length=4)
        if not municipality_format.match(code):
            raise ReferenceDataError(
                f"{where}: code {code!r} is not a {file_country} municipality code."
            )
        if code in seen_m:
            raise ReferenceDataError(f"{where}: code {code} appears twice.")
        seen_m.add(code)
        region = _text(row, "region", where, max_length=4)
        if region not in seen:
            raise ReferenceDataError(f"{where}: region {region} is not in the file's regions.")
        if file_country == "NO" and not code.startswith(region):
            raise ReferenceDataError(
                f"{where}: kommune {code} cannot be in fylke {region} (the first two digits)."
            )
        name = _text(row, "name", where)
        municipalities.append(
            {
                "code": code,
                "name": name,
                "sort_name": _text(row, "sort_name", where, required=False) or name,
                "region": region,
            }
        )
    return PlacesFile(
        country=file_country,
        source=data["source"].strip(),
        source_urls=[u for u in data.get("source_urls", []) if isinstance(u, str)],
        valid_from=data["valid_from"],
        regions=regions,
        municipalities=municipalities,
        path=path,
    )


def read(path, *, country: str | None = None) -> PlacesFile:
    """Read and check a places file (samspill's JSON format, above)."""
    try:
        with open(path, encoding="utf-8") as fp:
            data = json.load(fp)
    except OSError as error:
        raise ReferenceDataError(f"Cannot read {path}: {error.strerror or error}.") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReferenceDataError(f"{path} is not a UTF-8 JSON file: {error}.") from error
    return validate(data, country=country, path=str(path))


def shipped(country: str) -> PlacesFile:
    """The list shipped with samspill for a country ("NO" or "DK")."""
    return read(DATA_DIR / SHIPPED[country], country=country)


@dataclass
class LoadCounts:
    regions_created: int = 0
    regions_updated: int = 0
    municipalities_created: int = 0
    municipalities_updated: int = 0
    by_country: dict = field(default_factory=dict)  # country: {"regions": n, "municipalities": n}

    @property
    def changed(self) -> int:
        return (
            self.regions_created
            + self.regions_updated
            + self.municipalities_created
            + self.municipalities_updated
        )

    def as_dict(self) -> dict:
        return {
            "regions_created": self.regions_created,
            "regions_updated": self.regions_updated,
            "municipalities_created": self.municipalities_created,
            "municipalities_updated": self.municipalities_updated,
            "by_country": self.by_country,
        }


def load(places: PlacesFile, *, region_model=None, municipality_model=None, counts=None):
    """Create the file's regions and municipalities that are missing and update names, sort names
    and regions that differ, by (country, code). Never deletes. Takes the model classes so that a
    migration can pass its historical ones. Returns `LoadCounts`."""
    if region_model is None or municipality_model is None:
        from samspill.core.models import Municipality, Region

        region_model, municipality_model = Region, Municipality
    counts = counts or LoadCounts()
    country = places.country

    existing = {r.code: r for r in region_model.objects.filter(country=country)}
    new, changed = [], []
    for row in places.regions:
        region = existing.get(row["code"])
        if region is None:
            new.append(
                region_model(
                    country=country, code=row["code"], name=row["name"], sort_name=row["sort_name"]
                )
            )
        elif (region.name, region.sort_name) != (row["name"], row["sort_name"]):
            region.name, region.sort_name = row["name"], row["sort_name"]
            changed.append(region)
    region_model.objects.bulk_create(new)
    region_model.objects.bulk_update(changed, ["name", "sort_name"])
    counts.regions_created += len(new)
    counts.regions_updated += len(changed)
    regions = {r.code: r for r in region_model.objects.filter(country=country)}

    existing = {m.code: m for m in municipality_model.objects.filter(country=country)}
    new, changed = [], []
    for row in places.municipalities:
        municipality = existing.get(row["code"])
        region = regions[row["region"]]
        if municipality is None:
            new.append(
                municipality_model(
                    country=country,
                    code=row["code"],
                    name=row["name"],
                    sort_name=row["sort_name"],
                    region=region,
                )
            )
        elif (municipality.name, municipality.sort_name, municipality.region_id) != (
            row["name"],
            row["sort_name"],
            region.pk,
        ):
            municipality.name, municipality.sort_name = row["name"], row["sort_name"]
            municipality.region = region
            changed.append(municipality)
    municipality_model.objects.bulk_create(new)
    municipality_model.objects.bulk_update(changed, ["name", "sort_name", "region"])
    counts.municipalities_created += len(new)
    counts.municipalities_updated += len(changed)
    counts.by_country[country] = {
        "regions": len(places.regions),
        "municipalities": len(places.municipalities),
    }
    return counts


def ensure_reference_data(countries=tuple(SHIPPED), *, region_model=None, municipality_model=None):
    """Load the shipped lists (all 357 kommuner and 15 fylker of Norway, all 98 kommuner and 5
    regioner of Denmark). Idempotent: a second call creates and updates nothing. Returns a dict:
    {"regions_created", "regions_updated", "municipalities_created", "municipalities_updated",
    "by_country": {"NO": {"regions": 15, "municipalities": 357}, "DK": {...}}}."""
    counts = LoadCounts()
    for country in countries:
        load(
            shipped(country),
            region_model=region_model,
            municipality_model=municipality_model,
            counts=counts,
        )
    return counts.as_dict()


def resolve_codes(codes) -> dict[str, "object"]:
    """{code: Municipality} for codes that are current or former municipality codes (two
    queries). A current code wins; of former codes, the one retired last."""
    from django.db.models import F

    from samspill.core.models import Municipality, MunicipalityFormerCode

    codes = {str(c) for c in codes if c}
    if not codes:
        return {}
    found = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    missing = codes - set(found)
    if missing:
        former = (
            MunicipalityFormerCode.objects.filter(code__in=missing)
            .select_related("municipality")
            .order_by("code", F("valid_until").desc(nulls_last=True))
        )
        for row in former:
            found.setdefault(row.code, row.municipality)
    return found


def code_names(codes) -> dict[str, str]:
    """{code: name} for current and former municipality codes (two queries at most): a former
    code is named “Karmøy (now Haugesund og Karmøy)”, so answers given before a merger or a
    renumbering are still named, and counted under their own code."""
    from django.db.models import F
    from django.utils.translation import gettext

    from samspill.core.models import Municipality, MunicipalityFormerCode

    codes = {str(c) for c in codes if c}
    if not codes:
        return {}
    names = dict(Municipality.objects.filter(code__in=codes).values_list("code", "name"))
    missing = codes - set(names)
    if missing:
        former = (
            MunicipalityFormerCode.objects.filter(code__in=missing)
            .order_by("code", F("valid_until").desc(nulls_last=True))
            .values_list("code", "name", "municipality__name")
        )
        for code, name, now in former:
            names.setdefault(
                code, gettext("%(former)s (now %(name)s)") % {"former": name, "name": now}
            )
    return names
