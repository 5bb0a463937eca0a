"""The Wagtail admin views about a page that check no permission on it themselves.

Wagtail's page views ask the page's permission tester (`knowledge.permissions`) what a user may
do, and the lists ask the page permission policy (`knowledge.wagtail_hooks`). A few views ask
neither, and no hook reaches them: they are guarded here, by their URL name.

* The revisions index (a redirect to the page's history) and the confirmation that publishing
  cancels the page's workflow (which says where the page is in review): as the history, for those
  who may edit or publish the page.
* The page types report names the last edited page of each type, a draft of any organisation
  included: for hub admins only (its menu item is hidden from others in `wagtail_hooks`).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.models import Page

from samspill.core.permissions import is_hub_admin

PAGE_VIEWS_WITHOUT_A_CHECK = {
    "wagtailadmin_pages:revisions_index",
    "wagtailadmin_pages:confirm_workflow_cancellation",
}
HUB_ADMIN_VIEWS = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
}


class AdminPageViewsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        name = match.view_name if match else ""
        if name not in PAGE_VIEWS_WITHOUT_A_CHECK and name not in HUB_ADMIN_VIEWS:
            return None
        user = request.user
        if not user.is_authenticated:
            return None  # Wagtail's admin sends them to log in
        if name in HUB_ADMIN_VIEWS:
            if not is_hub_admin(user):
                raise PermissionDenied
            return None
        page = get_object_or_404(Page, pk=view_kwargs.get("page_id")).specific
        permissions = page.permissions_for_user(user)
        if not (permissions.can_publish() or permissions.can_edit()):
            raise PermissionDenied
        return None
