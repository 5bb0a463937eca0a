"""The dashboard's "Due for review": knowledge content of the user's organisations (all of it for
hub admins) whose review date has passed or comes within 30 days (`core.admin.dashboard`)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext

from samspill.core.admin.dashboard import Cell, DashboardPanel, Row
from samspill.core.permissions import editable_organisation_ids
from samspill.knowledge import selectors
from samspill.knowledge.permissions import can_review_content

DAYS_AHEAD = 30


class ReviewDuePanel(DashboardPanel):
    name = "knowledge-review-due"
    base_order = 135
    heading = gettext_lazy("Due for review")
    columns = (gettext_lazy("Content"), gettext_lazy("Owner"), gettext_lazy("Review by"))
    empty_text = gettext_lazy("No content of yours is due for review in the next 30 days.")

    def is_shown(self) -> bool:
        return can_review_content(self.user)

    @cached_property
    def _due(self):
        return selectors.review_due_within(
            days=DAYS_AHEAD,
            organisation_ids=editable_organisation_ids(self.user),
            limit=self.limit,
        )

    def rows(self) -> list[Row]:
        today = timezone.localdate()
        language = (get_language() or "").split("-")[0]
        rows = []
        for page in self._due[0]:
            overdue = page.review_due < today
            rows.append(
                Row(
                    cells=[
                        Cell(page.title, reverse("wagtailadmin_pages:edit", args=[page.pk])),
                        Cell(page.organisation.name),
                        Cell(
                            date_format(page.review_due, "SHORT_DATE_FORMAT"),
                            note=gettext("Overdue") if overdue else "",
                        ),
                    ],
                    lang=page.content_language if page.content_language != language else "",
                )
            )
        return rows

    def total(self) -> int:
        return self._due[1]

    def more_url(self) -> str:
        return reverse("knowledge_review")

    def more_text(self, total: int) -> str:
        return ngettext(
            "%(n)s due within 30 days: see what is overdue",
            "%(n)s due within 30 days: see what is overdue",
            total,
        ) % {"n": total}
