"""The dashboard's "Reported comments": comments with open reports in the programmes the user
runs, most reported first, with links to the moderation queue and the idea
(`core.admin.dashboard`)."""

from django.db.models import Count, Q
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy, ngettext

from samspill.core.admin.dashboard import Cell, DashboardPanel, Row
from samspill.ideas.admin.views import idea_url, reports_url
from samspill.ideas.models import IdeaComment
from samspill.projects.permissions import moderated_programmes, runs_a_programme


class ReportedCommentsPanel(DashboardPanel):
    name = "ideas-reported-comments"
    base_order = 130
    heading = gettext_lazy("Reported comments")
    columns = (gettext_lazy("Comment"), gettext_lazy("Idea"), gettext_lazy("Reports"))
    empty_text = gettext_lazy("No reported comment waits in your programmes.")

    def is_shown(self) -> bool:
        return runs_a_programme(self.user)

    def _comments(self):
        return IdeaComment.objects.filter(
            idea__programme__in=moderated_programmes(self.user),
            reports__resolved_at__isnull=True,
        ).distinct()

    def rows(self) -> list[Row]:
        comments = (
            IdeaComment.objects.filter(pk__in=self._comments().values("pk"))
            .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
            .select_related("idea")
            .order_by("-open_reports", "created_at", "pk")[: self.limit]
        )
        queue = reports_url("index")
        return [
            Row(
                cells=[
                    Cell(Truncator(comment.body).chars(80), queue),
                    Cell(comment.idea.title, idea_url("edit", comment.idea_id)),
                    Cell(str(comment.open_reports)),
                ]
            )
            for comment in comments
        ]

    def total(self) -> int:
        return self._comments().count()

    def more_url(self) -> str:
        return reports_url("index")

    def more_text(self, total: int) -> str:
        return ngettext("All %(n)s reported comment", "All %(n)s reported comments", total) % {
            "n": total
        }
