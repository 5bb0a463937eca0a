"""Bringing the municipalities up to a newer official list (`samspill update-places`).

A newer list (samspill's places format, see `core.reference`) comes with the changes since the
list in use: which old codes became which new ones. The update, in one transaction:

- a code that only changed number is **renumbered**: the row keeps its primary key (and so
  everything attached to it) and gets the new code; the old code is kept as a former code;
- two or more that **merged** into one: every foreign key and many-to-many link that points at a
  merged-away municipality (found generically through `Municipality._meta.related_objects`, so
  apps added later are covered too) moves to the successor, the old codes become the successor's
  former codes, and the merged-away rows are deleted;
- one that was **split** is refused unless `split_to_first` is given (then everything moves to
  the first successor, and the report says so): nothing attached can be divided by a program;
- names, sort names and regions are then brought up to the new list (`reference.load`).

A municipality that is not in the new list and has no successor is left as it is and reported.
Survey answers keep the code they were given; `reference.resolve_codes` names and counts them
through the former codes. A dry run does all of it and rolls back, so its report is exact.

Changes files: SSB Klass's "changes" JSON (`{"codeChanges": [{"oldCode", "oldName", "newCode",
"newName", "changeOccurred"}]}`, https://data.ssb.no/api/klass/v1/classifications/131/changes?
from=...&to=...) or CSV with a header `old_code,new_code[,date]` (comma or semicolon; `date`
the day the new code took effect, YYYY-MM-DD).
"""

import csv
import datetime
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from samspill.core import reference
from samspill.core.models import Municipality, MunicipalityFormerCode


class PlacesUpdateError(ValueError):
    """The update cannot be done as asked; nothing has been changed."""


@dataclass(frozen=True)
class Change:
    old_code: str
    new_code: str
    date: datetime.date | None = None


@dataclass
class Report:
    country: str
    dry_run: bool = False
    renumbered: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    moved: Counter = field(default_factory=Counter)  # related model's name: rows moved
    created: int = 0
    updated: int = 0

    def lines(self) -> list[str]:
        out = [
            ("Dry run, nothing saved: " if self.dry_run else "")
            + f"{self.country}: {self.created} municipalities created, {self.updated} updated."
        ]
        out += [f"Renumbered: {line}" for line in self.renumbered]
        out += [f"Merged: {line}" for line in self.merged]
        out += [f"Split: {line}" for line in self.split]
        out += [f"Moved: {n} × {name}" for name, n in sorted(self.moved.items())]
        out += [
            f"Left as is (not in the new list, no successor given): {line}" for line in self.left
        ]
        return out


def _date(value: str, where: str) -> datetime.date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError as error:
        raise PlacesUpdateError(f"{where}: {value!r} is not a date (YYYY-MM-DD).") from error


def read_changes(path) -> list[Change]:
    """Read a changes file (SSB Klass changes JSON, or CSV `old_code,new_code[,date]`)."""
    try:
        with open(path, encoding="utf-8-sig") as fp:
            text = fp.read()
    except OSError as error:
        raise PlacesUpdateError(f"Cannot read {path}: {error.strerror or error}.") from error
    except UnicodeDecodeError as error:
        raise PlacesUpdateError(f"{path} is not UTF-8: {error}.") from error
    if text.lstrip().startswith(("{", "[")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise PlacesUpdateError(f"{path} is not valid JSON: {error}.") from error
        rows = data.get("codeChanges") if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise PlacesUpdateError(f'{path}: expected SSB\'s {{"codeChanges": [...]}}.')
        changes = []
        for number, row in enumerate(rows, 1):
            where = f"{path}, change {number}"
            if not isinstance(row, dict) or not row.get("oldCode") or not row.get("newCode"):
                raise PlacesUpdateError(f"{where}: needs “oldCode” and “newCode”.")
            changes.append(
                Change(
                    str(row["oldCode"]).strip(),
                    str(row["newCode"]).strip(),
                    _date(str(row.get("changeOccurred") or ""), where),
                )
            )
        return changes
    dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    reader = csv.DictReader(text.splitlines(), delimiter=dialect)
    if not reader.fieldnames or not {"old_code", "new_code"} <= {
        (name or "").strip() for name in reader.fieldnames
    }:
        raise PlacesUpdateError(f"{path}: the CSV needs a header with old_code and new_code.")
    changes = []
    for number, row in enumerate(reader, 2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        if not row.get("old_code") or not row.get("new_code"):
            raise PlacesUpdateError(f"{path}, line {number}: old_code and new_code are needed.")
        changes.append(
            Change(row["old_code"], row["new_code"], _date(row.get("date", ""), f"line {number}"))
        )
    return changes


def _related():
    """(kind, model, field name, other field name) for everything pointing at a municipality."""
    found = []
    for rel in Municipality._meta.related_objects:
        if rel.many_to_many:
            through = rel.through
            found.append(
                ("m2m", through, rel.field.m2m_reverse_field_name(), rel.field.m2m_field_name())
            )
        else:
            found.append(("fk", rel.related_model, rel.field.name, None))
    return found


def _move(old: Municipality, new: Municipality, report: Report) -> None:
    for kind, model, name, other in _related():
        label = str(model._meta.verbose_name_plural)
        rows = model._base_manager.filter(**{name: old})
        if kind == "m2m":
            # A link the successor already has is the same link: drop the duplicate.
            have = model._base_manager.filter(**{name: new}).values(f"{other}_id")
            rows.filter(**{f"{other}_id__in": have}).delete()
            n = rows.update(**{name: new})
        else:
            try:
                with transaction.atomic():
                    n = rows.update(**{name: new})
            except IntegrityError as error:
                raise PlacesUpdateError(
                    f"Cannot move {label} from {old.code} {old.name} to {new.code} {new.name}: "
                    f"{error}. Nothing has been changed."
                ) from error
        if n:
            report.moved[label] += n


def _former(municipality, code, name, date):
    MunicipalityFormerCode.objects.update_or_create(
        municipality=municipality,
        code=code,
        defaults={"country": municipality.country, "name": name, "valid_until": date},
    )


class _Rollback(Exception):
    pass


def update_places(
    places: reference.PlacesFile,
    changes: list[Change] = (),
    *,
    dry_run: bool = False,
    split_to_first: bool = False,
) -> Report:
    """Bring one country's municipalities to `places`, following `changes`. Raises
    `PlacesUpdateError` (nothing changed) when the changes do not fit the list."""
    country = places.country
    report = Report(country=country, dry_run=dry_run)
    new_codes = places.municipality_codes()
    default_until = datetime.date.fromisoformat(places.valid_from) - datetime.timedelta(days=1)
    successors: dict[str, list[str]] = defaultdict(list)
    dates: dict[str, datetime.date] = {}
    for change in changes:
        if change.old_code == change.new_code:
            continue  # a new name only: the list has it
        if change.new_code not in new_codes:
            raise PlacesUpdateError(
                f"The changes map {change.old_code} to {change.new_code}, which is not in the new "
                "list. Nothing has been changed."
            )
        if change.new_code not in successors[change.old_code]:
            successors[change.old_code].append(change.new_code)
        if change.date:
            dates[change.old_code] = change.date - datetime.timedelta(days=1)

    try:
        with transaction.atomic():
            current = {
                m.code: m for m in Municipality.objects.filter(country=country).order_by("code")
            }
            splits = {
                old: targets
                for old, targets in successors.items()
                if len(targets) > 1 and old in current and old not in new_codes
            }
            if splits and not split_to_first:
                listed = "; ".join(
                    f"{old} {current[old].name} → {', '.join(targets)}"
                    for old, targets in sorted(splits.items())
                )
                raise PlacesUpdateError(
                    f"Split municipalities: {listed}. What is attached to one cannot be divided "
                    "automatically: run again with --split-to-first to move everything to the "
                    "first successor (and fix by hand), or edit the changes file. Nothing has "
                    "been changed."
                )
            for old, targets in sorted(splits.items()):
                report.split.append(
                    f"{old} {current[old].name} → {', '.join(targets)}: "
                    f"everything attached moved to {targets[0]}"
                )

            by_target: dict[str, list[Municipality]] = defaultdict(list)
            for code, municipality in current.items():
                if code in new_codes:
                    continue
                if code in successors:
                    by_target[successors[code][0]].append(municipality)
                else:
                    report.left.append(f"{code} {municipality.name}")

            for target, olds in sorted(by_target.items()):
                survivor = current.get(target)
                if survivor is None:
                    # The first one takes the new number; the others merge into it.
                    survivor, olds = olds[0], olds[1:]
                    old_code, old_name = survivor.code, survivor.name
                    survivor.code = target
                    survivor.save(update_fields=["code"])
                    _former(survivor, old_code, old_name, dates.get(old_code, default_until))
                    report.renumbered.append(f"{old_code} {old_name} → {target}")
                for old in olds:
                    _move(old, survivor, report)
                    _former(survivor, old.code, old.name, dates.get(old.code, default_until))
                    report.merged.append(
                        f"{old.code} {old.name} into {target} (was {survivor.name})"
                    )
                    old.delete()

            counts = reference.load(places)
            report.created = counts.municipalities_created
            report.updated = counts.municipalities_updated
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report
