"""The dashboard's "Waiting for your approval": organisations that members created (hub admins)
and requests to join (the organisation's admins; hub admins see all), oldest first, with links to
the screens that decide them (`core.admin.dashboard`)."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext, gettext_lazy, ngettext

from samspill.core.admin.dashboard import Cell, DashboardPanel, Row
from samspill.core.permissions import is_hub_admin
from samspill.network import permissions, selectors
from samspill.network.admin.views import APPROVALS, JOIN_REQUESTS
from samspill.network.models import RequestStatus


def _when(moment) -> str:
    return date_format(localtime(moment), "SHORT_DATE_FORMAT")


class ApprovalsPanel(DashboardPanel):
    name = "network-approvals"
    base_order = 105
    heading = gettext_lazy("Waiting for your approval")
    columns = (gettext_lazy("What"), gettext_lazy("Asked by"), gettext_lazy("Since"))
    empty_text = gettext_lazy("No organisation or request to join waits for you.")

    def is_shown(self) -> bool:
        return permissions.can_see_join_requests(self.user)

    def _organisations(self):
        if not is_hub_admin(self.user):
            return None
        return selectors.organisations_waiting_for_approval()

    def _requests(self):
        return (
            selectors.join_requests_visible_to(self.user)
            .filter(status=RequestStatus.PENDING)
            .select_related("user", "organisation")
            .order_by("created_at", "pk")
        )

    def rows(self) -> list[Row]:
        rows = []
        organisations = self._organisations()
        if organisations is not None:
            approvals = reverse(f"{APPROVALS}:index")
            for organisation in organisations[: self.limit]:
                submitted_by = organisation.network_profile.submitted_by
                rows.append(
                    (
                        organisation.created_at,
                        Row(
                            cells=[
                                Cell(
                                    organisation.name,
                                    approvals,
                                    note=gettext("New organisation"),
                                ),
                                Cell(str(submitted_by) if submitted_by else "–"),
                                Cell(_when(organisation.created_at)),
                            ]
                        ),
                    )
                )
        requests = reverse(f"{JOIN_REQUESTS}:index")
        for join_request in self._requests()[: self.limit]:
            rows.append(
                (
                    join_request.created_at,
                    Row(
                        cells=[
                            Cell(
                                join_request.organisation.name,
                                requests,
                                note=gettext("Request to join"),
                            ),
                            Cell(str(join_request.user)),
                            Cell(_when(join_request.created_at)),
                        ]
                    ),
                )
            )
        rows.sort(key=lambda pair: pair[0])
        return [row for _, row in rows[: self.limit]]

    def total(self) -> int:
        organisations = self._organisations()
        return self._requests().count() + (
            organisations.count() if organisations is not None else 0
        )

    def more_url(self) -> str:
        if is_hub_admin(self.user) and self._organisations().exists():
            return reverse(f"{APPROVALS}:index")
        return reverse(f"{JOIN_REQUESTS}:index")

    def more_text(self, total: int) -> str:
        return ngettext("All %(n)s waiting", "All %(n)s waiting", total) % {"n": total}
