"""Editor screens of the network in the Wagtail admin (menu "Network"), and its audit actions.

- Needs and offers: the taxonomy (hub admins only).
- Organisations waiting for approval: approve or decline with a note (hub admins only).
- Requests to join: hub admins see all; an organisation's admins see and decide theirs.
- Invitations: how many were sent, accepted, led to a sign-up, expired (hub admins only).

Every decision goes through `network.services` (`network/admin/views.py`).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from samspill.core.admin.policies import HubAdminPolicy
from samspill.core.permissions import is_hub_admin
from samspill.network import permissions
from samspill.network.admin import views as admin_views
from samspill.network.admin.dashboard import ApprovalsPanel
from samspill.network.models import NeedOfferCategory

LOG_ACTIONS = [
    ("network.needs_offers.updated", _("Needs and offers updated")),
    ("network.organisation.submitted", _("Organisation submitted for approval")),
    ("network.organisation.approved", _("Organisation approved")),
    ("network.organisation.declined", _("Organisation declined")),
    ("network.join_request.created", _("Asked to join an organisation")),
    ("network.join_request.approved", _("Request to join approved")),
    ("network.join_request.declined", _("Request to join declined")),
    ("network.invitation.sent", _("Invitations sent")),
    ("network.invitation.accepted", _("Invitation accepted")),
    ("network.invitation.erased", _("Invitations to a deleted account erased")),
    ("network.contact.sent", _("Contact message sent")),
    ("network.digest.changed", _("Weekly match email turned on or off")),
]


@hooks.register("register_log_actions")
def register_network_log_actions(actions):
    for code, label in LOG_ACTIONS:
        actions.register_action(code, label, label)


# --- The taxonomy (hub admins) --------------------------------------------------------------------


register_permission_policy(NeedOfferCategory, HubAdminPolicy(NeedOfferCategory))


class NeedOfferCategoryViewSet(ModelViewSet):
    model = NeedOfferCategory
    icon = "tag"
    menu_label = _("Needs and offers")
    menu_order = 300
    add_to_admin_menu = False
    list_display = ["name_nb", "name_da", "name_en", "slug", "sort_order"]
    search_fields = ["name_nb", "name_da", "name_en"]
    search_backend_name = None
    form_fields = ["slug", "name_nb", "name_da", "name_en", "sort_order"]
    inspect_view_enabled = False
    copy_view_enabled = False


# --- The screens of joining -----------------------------------------------------------------------


def _menu_item_class(is_shown):
    return type(
        "NetworkMenuItem", (MenuItem,), {"is_shown": lambda self, request: is_shown(request.user)}
    )


class ApprovalsViewSet(ViewSet):
    icon = "group"
    menu_label = _("Waiting for approval")
    menu_order = 100
    menu_item_class = _menu_item_class(is_hub_admin)

    def get_urlpatterns(self):
        return [
            path("", admin_views.ApprovalsView.as_view(), name="index"),
            path("<int:pk>/", admin_views.ApprovalDecideView.as_view(), name="decide"),
        ]


class JoinRequestsViewSet(ViewSet):
    icon = "user"
    menu_label = _("Requests to join")
    menu_order = 110
    menu_item_class = _menu_item_class(permissions.can_see_join_requests)

    def get_urlpatterns(self):
        return [
            path("", admin_views.JoinRequestsView.as_view(), name="index"),
            path("<int:pk>/", admin_views.JoinRequestDecideView.as_view(), name="decide"),
        ]


class InvitationsViewSet(ViewSet):
    icon = "mail"
    menu_label = _("Invitations")
    menu_order = 120
    menu_item_class = _menu_item_class(is_hub_admin)

    def get_urlpatterns(self):
        return [path("", admin_views.InvitationReportView.as_view(), name="index")]


class NetworkViewSetGroup(ViewSetGroup):
    menu_label = _("Network")
    menu_icon = "site"
    menu_order = 205
    items = (
        ApprovalsViewSet(admin_views.APPROVALS, url_prefix="network/approvals"),
        JoinRequestsViewSet(admin_views.JOIN_REQUESTS, url_prefix="network/join-requests"),
        InvitationsViewSet(admin_views.INVITATIONS, url_prefix="network/invitations"),
        NeedOfferCategoryViewSet("need_offer_categories", url_prefix="network/needs-offers"),
    )


@hooks.register("register_admin_viewset")
def register_network_viewsets():
    return NetworkViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_approvals_panel(request, panels):
    panels.append(ApprovalsPanel(request))
