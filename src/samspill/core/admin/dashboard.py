"""The admin dashboard's panels of what waits for the person signed in (issue 18: "an editor's
first screen shows what needs them today").

Each app adds its own panel in its `wagtail_hooks` (`construct_homepage_panels`) as a subclass of
`DashboardPanel`: who sees it (`is_shown`, least privilege: only what the person may act on), a
few rows read with a bounded number of queries (`rows`), the total and the screen that lists them
all. The panel renders as one table with a heading, or says that nothing waits.
"""

from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.functional import cached_property
from wagtail.admin.ui.components import Component


@dataclass
class Cell:
    text: str
    url: str = ""
    # A second line under the text (a date, who asked), shown smaller.
    note: str = ""


@dataclass
class Row:
    cells: list[Cell]
    # Language of the row's own text when it differs from the admin's (a Danish title).
    lang: str = ""
    actions: list[Cell] = field(default_factory=list)


class DashboardPanel(Component):
    """A table of what waits, for the people who may act on it."""

    template_name = "core/admin/dashboard_panel.html"
    name = ""
    # Where the panel stands among the dashboard's (Wagtail's own: 210–300); a panel with nothing
    # waiting moves below those that have something.
    base_order = 100
    limit = 6
    heading = ""
    columns: tuple = ()
    empty_text = ""

    def __init__(self, request):
        self.request = request

    @property
    def user(self):
        return self.request.user

    @property
    def order(self) -> int:
        if self.is_shown() and self._rows:
            return self.base_order
        return self.base_order + 1000

    @cached_property
    def _rows(self) -> list[Row]:
        return self.rows()

    def is_shown(self) -> bool:
        raise NotImplementedError

    def rows(self) -> list[Row]:
        """At most `limit` rows."""
        raise NotImplementedError

    def total(self) -> int:
        raise NotImplementedError

    def more_url(self) -> str:
        return ""

    def more_text(self, total: int) -> str:
        return ""

    def render_html(self, parent_context=None):
        if not self.is_shown():
            return ""
        rows = self._rows
        total = self.total() if len(rows) >= self.limit else len(rows)
        return render_to_string(
            self.template_name,
            {
                "panel": self,
                "rows": rows,
                "total": total,
                "more_url": self.more_url() if total else "",
                "more_text": self.more_text(total) if total > len(rows) else "",
                "has_actions": any(row.actions for row in rows),
            },
            request=self.request,
        )
