"""The reach of a programme: a matrix of municipalities × themes with the number of projects.

The cells come from one aggregate query over the project↔municipality and project↔theme tables
(`GROUP BY municipality, theme`, counting distinct projects), never one query per cell; the row
and column totals from one GROUP BY each (a project with two themes counts once in its row). The
pages, the CSV file and the API all read the same `Reach`.

Rows are the programme's participating municipalities, plus any other municipality one of its
projects takes part in. A participating municipality with no project (in the chosen year) is
listed in `without_projects`.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils.translation import gettext as _

from samspill.core.models import Municipality
from samspill.projects.models import Programme, Project, Theme
from samspill.projects.selectors import (
    ProgrammeMunicipality,
    ProjectMunicipality,
    ProjectTheme,
    municipality_key,
)


@dataclass
class Reach:
    programme: Programme
    year: int | None
    themes: list[Theme]
    municipalities: list[Municipality]
    cells: dict[tuple[int, int], int] = field(default_factory=dict)
    row_totals: dict[int, int] = field(default_factory=dict)
    column_totals: dict[int, int] = field(default_factory=dict)
    total: int = 0

    @property
    def without_projects(self) -> list[Municipality]:
        """Participating municipalities that take part in no project (in the year)."""
        return [m for m in self.municipalities if m.participating and not self.row_totals.get(m.pk)]

    def rows(self) -> list[dict]:
        """For templates: each municipality with its cells in the themes' order and its total."""
        return [
            {
                "municipality": municipality,
                "key": municipality_key(municipality),
                "cells": [
                    {"theme": theme, "count": self.cells.get((municipality.pk, theme.pk), 0)}
                    for theme in self.themes
                ],
                "total": self.row_totals.get(municipality.pk, 0),
                "without_projects": municipality.participating
                and not self.row_totals.get(municipality.pk),
            }
            for municipality in self.municipalities
        ]

    def column_total_list(self) -> list[dict]:
        return [
            {"theme": theme, "count": self.column_totals.get(theme.pk, 0)} for theme in self.themes
        ]


def _projects(programme: Programme, year: int | None):
    projects = Project.objects.published().filter(programme=programme)
    if year:
        projects = projects.active_in(year)
    return projects


def reach_matrix(programme: Programme, *, year: int | None = None) -> Reach:
    """The matrix in six queries, whatever the number of municipalities, themes and projects."""
    projects = _projects(programme, year)
    # Only projects that take part somewhere are in the matrix (and in its totals).
    placed = projects.filter(
        pk__in=ProjectMunicipality.objects.filter(project__in=projects).values("project_id")
    )
    themes = list(programme.themes.order_by("sort_order", "pk"))

    cells = {
        (row["municipality_id"], row["theme_id"]): row["n"]
        for row in ProjectMunicipality.objects.filter(project__in=projects)
        .values("municipality_id", theme_id=F("project__themes"))
        .annotate(n=Count("project_id", distinct=True))
        .order_by()
        if row["theme_id"] is not None
    }
    row_totals = dict(
        ProjectMunicipality.objects.filter(project__in=projects)
        .values("municipality_id")
        .annotate(n=Count("project_id", distinct=True))
        .order_by()
        .values_list("municipality_id", "n")
    )
    column_totals = dict(
        ProjectTheme.objects.filter(project__in=placed)
        .values("theme_id")
        .annotate(n=Count("project_id", distinct=True))
        .order_by()
        .values_list("theme_id", "n")
    )
    participating = ProgrammeMunicipality.objects.filter(
        programme=programme, municipality_id=OuterRef("pk")
    )
    municipalities = list(
        Municipality.objects.filter(
            Q(
                pk__in=ProgrammeMunicipality.objects.filter(programme=programme).values(
                    "municipality_id"
                )
            )
            | Q(pk__in=list(row_totals))
        )
        .annotate(participating=Exists(participating))
        .order_by("country", "sort_name", "name", "pk")
    )
    return Reach(
        programme=programme,
        year=year,
        themes=themes,
        municipalities=municipalities,
        cells=cells,
        row_totals=row_totals,
        column_totals=column_totals,
        total=placed.count(),
    )


def reach_as_dict(reach: Reach) -> dict:
    """The matrix as plain data (the API's answer)."""
    return {
        "programme": reach.programme.slug,
        "year": reach.year,
        "themes": [
            {"slug": t.slug, "name": t.label, "total": reach.column_totals.get(t.pk, 0)}
            for t in reach.themes
        ],
        "municipalities": [
            {
                "key": municipality_key(m),
                "country": m.country,
                "code": m.code,
                "name": m.name,
                "participating": m.participating,
                "total": reach.row_totals.get(m.pk, 0),
            }
            for m in reach.municipalities
        ],
        "cells": [
            {"municipality": municipality_key(m), "theme": t.slug, "count": count}
            for m in reach.municipalities
            for t in reach.themes
            if (count := reach.cells.get((m.pk, t.pk), 0))
        ],
        "total": reach.total,
        "municipalities_without_projects": [municipality_key(m) for m in reach.without_projects],
    }


# --- CSV (written by core.spreadsheets) -----------------------------------------------------------


def reach_table(reach: Reach) -> tuple[list, list[list]]:
    """(header, rows) of the reach CSV: the matrix with its totals."""
    header = [
        _("Municipality"),
        _("Country"),
        _("Code"),
        _("Participating"),
        *[t.label for t in reach.themes],
        _("Total"),
    ]
    rows = []
    for row in reach.rows():
        municipality = row["municipality"]
        rows.append(
            [
                municipality.name,
                municipality.country,
                municipality.code,
                _("yes") if municipality.participating else _("no"),
                *[cell["count"] for cell in row["cells"]],
                row["total"],
            ]
        )
    rows.append(
        [
            _("Total"),
            "",
            "",
            "",
            *[reach.column_totals.get(t.pk, 0) for t in reach.themes],
            reach.total,
        ]
    )
    return header, rows


def report_table(report: dict) -> tuple[list, list[list]]:
    """(header, rows) of the yearly report: one row per theme and a row for all projects."""
    header = [
        _("Year"),
        _("Theme"),
        _("Started"),
        _("Running"),
        _("Completed"),
        _("Stopped"),
        _("Participants"),
        _("Municipalities"),
        _("Partners"),
    ]
    rows = []
    for row in report["themes"]:
        rows.append(
            [
                report["year"],
                row["theme"].label,
                row["started"],
                row["running"],
                row["completed"],
                row["stopped"],
                row["participants"],
                "",
                "",
            ]
        )
    rows.append(
        [
            report["year"],
            _("All projects"),
            report["started"],
            report["running"],
            report["completed"],
            report["stopped"],
            report["participants"],
            len(report["municipalities"]),
            len(report["partners"]),
        ]
    )
    return header, rows
