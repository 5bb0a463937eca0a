"""The ecosystem at a glance: figures about the listed organisations, and their charts as SVG.

Every figure is one GROUP BY query over the listed organisations (six queries for the page,
whatever the size of the network), cached for a few minutes per language. Each figure has a
name (its CSV's file name), column headings, and rows of a label and numbers; the page draws it
as a bar chart (server-rendered SVG) and shows the same numbers in a table.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samspill.core.models import Country, OrganisationKind
from samspill.network.overview.charts import bar_chart
from samspill.network.selectors import category_counts, listed_organisations

CACHE_SECONDS = 5 * 60
CACHE_VERSION = 2  # 2: the cached figures are `network.overview.selectors.Figure`s
# Growth is shown by quarter while it fits on a chart, by year beyond that.
MAX_QUARTERS = 12


@dataclass
class Row:
    cells: list[str]  # the row's labels (one or more text columns)
    values: list[int]  # its numbers, one per numeric column

    @property
    def label(self) -> str:
        return (
            ", ".join(c for c in reversed(self.cells) if c)
            if len(self.cells) > 1
            else self.cells[0]
        )


@dataclass
class Figure:
    name: str  # its CSV file name and the ids on the page
    title: str
    description: str
    columns: list[str]  # headings: the text columns, then the numeric ones
    rows: list[Row] = field(default_factory=list)
    series: list[int] = field(default_factory=lambda: [0])  # which numbers the chart draws
    series_names: list[str] = field(default_factory=list)  # their words ("12 needs")

    @property
    def label_columns(self) -> list[str]:
        return self.columns[: len(self.columns) - len(self.rows[0].values)] if self.rows else []

    @property
    def svg(self) -> SafeString:
        return bar_chart(self)

    def csv_rows(self) -> list[list]:
        return [self.columns] + [row.cells + row.values for row in self.rows]


# --- Counting -------------------------------------------------------------------------------------


def _grouped(*fields, **expressions):
    """Listed organisations counted per value of the fields (one GROUP BY query)."""
    return listed_organisations().order_by().values(*fields, **expressions).annotate(n=Count("pk"))


def _kinds() -> Figure:
    rows = sorted(
        (Row([str(OrganisationKind(r["kind"]).label)], [r["n"]]) for r in _grouped("kind")),
        key=lambda row: (-row.values[0], row.cells[0]),
    )
    return Figure(
        "kinds",
        _("Organisations by kind"),
        _("How many listed organisations there are of each kind, most first."),
        [_("Kind"), _("Organisations")],
        rows,
        series_names=[_("organisations")],
    )


def _country_label(code: str) -> str:
    try:
        return str(Country(code).label)
    except ValueError:
        return code


def _countries() -> Figure:
    rows = sorted(
        (Row([_country_label(r["country"])], [r["n"]]) for r in _grouped("country")),
        key=lambda row: (-row.values[0], row.cells[0]),
    )
    return Figure(
        "countries",
        _("Organisations by country"),
        _("How many listed organisations there are in each country."),
        [_("Country"), _("Organisations")],
        rows,
        series_names=[_("organisations")],
    )


def _regions() -> Figure:
    rows = []
    for r in _grouped("country", "municipality__region__name"):
        region = r["municipality__region__name"] or _("Region not given")
        rows.append(Row([_country_label(r["country"]), region], [r["n"]]))
    rows.sort(key=lambda row: (-row.values[0], row.cells[0], row.cells[1]))
    return Figure(
        "regions",
        _("Organisations by region"),
        _("How many listed organisations there are in each region (by their municipality)."),
        [_("Country"), _("Region"), _("Organisations")],
        rows,
        series_names=[_("organisations")],
    )


def _founded() -> Figure:
    counts = {
        r["network_profile__founded_year"]: r["n"]
        for r in _grouped("network_profile__founded_year")
    }
    rows = [Row([str(year)], [counts[year]]) for year in sorted(y for y in counts if y is not None)]
    if None in counts:
        rows.append(Row([_("Unknown")], [counts[None]]))
    return Figure(
        "founded",
        _("Organisations by founding year"),
        _("How many listed organisations were founded each year; “unknown” where not given."),
        [_("Founded"), _("Organisations")],
        rows,
        series_names=[_("organisations")],
    )


def _needs_offers() -> Figure:
    rows = []
    for category in category_counts():
        gap = category.needs - category.offers
        rows.append(Row([category.label], [category.needs, category.offers, gap]))
    rows.sort(key=lambda row: (-row.values[0], -row.values[2]))
    return Figure(
        "needs-offers",
        _("Most wanted needs against most given offers"),
        _(
            "For each category: how many organisations need it, how many offer it, and the gap "
            "(needs minus offers), most wanted first."
        ),
        [_("Category"), _("Needs"), _("Offers"), _("Gap")],
        rows,
        series=[0, 1],
        series_names=[_("need it"), _("offer it")],
    )


def _growth() -> Figure:
    zone = timezone.get_current_timezone()
    quarters = [
        (r["quarter"], r["n"])
        for r in _grouped(quarter=TruncQuarter("created_at", tzinfo=zone)).order_by("quarter")
        if r["quarter"] is not None
    ]
    by_quarter = len(quarters) <= MAX_QUARTERS
    periods: dict[str, int] = {}
    for start, n in quarters:
        key = str(start.year)
        if by_quarter:
            key = _("%(year)s Q%(quarter)s") % {
                "year": start.year,
                "quarter": (start.month - 1) // 3 + 1,
            }
        periods[key] = periods.get(key, 0) + n
    rows, total = [], 0
    for period, n in periods.items():
        total += n
        rows.append(Row([period], [n, total]))
    return Figure(
        "growth",
        _("Growth over time"),
        _("Listed organisations by when they joined the hub: new in each quarter, and the total.")
        if by_quarter
        else _(
            "Listed organisations by when they joined the hub: new in each year, and the total."
        ),
        [_("Quarter") if by_quarter else _("Year"), _("New"), _("Total")],
        rows,
        series=[1],
        series_names=[_("in total")],
    )


BUILDERS = {
    "kinds": _kinds,
    "countries": _countries,
    "regions": _regions,
    "founded": _founded,
    "needs-offers": _needs_offers,
    "growth": _growth,
}
NAMES = tuple(BUILDERS)


def build_figures() -> dict[str, Figure]:
    """Every figure, counted now (one query each), in the active language."""
    return {name: build() for name, build in BUILDERS.items()}


def figures() -> dict[str, Figure]:
    """Every figure, from the cache when counted in the last few minutes (per language)."""
    key = f"network:overview:{CACHE_VERSION}:{get_language() or 'nb'}"
    found = cache.get(key)
    if found is None:
        found = build_figures()
        cache.set(key, found, CACHE_SECONDS)
    return found
