"""The "Due for review" screen: content past its review date and broken links, for the user's
organisations (all of them for hub admins); the owner marks content as reviewed there. Its menu
item and its summary on the admin's home page come along."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from samspill.core.errors import SamspillError
from samspill.core.nplusone import ignore_n_plus_one
from samspill.core.permissions import editable_organisation_ids
from samspill.knowledge import selectors, services
from samspill.knowledge.models import CONTENT_MODELS
from samspill.knowledge.permissions import can_review_content

WAGTAIL_PUBLISHING_READS = [
    {"model": "wagtailcore.Revision", "field": "get()"},
    {"model": "knowledge.*", "field": "get()"},
]
PER_PAGE = 50


def _organisation_scope(user) -> list[int] | None:
    """The organisations whose content the user looks after; None means all (hub admins)."""
    return editable_organisation_ids(user)


class ReviewDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "knowledge/admin/review_dashboard.html"
    page_title = gettext_lazy("Due for review")
    header_icon = "calendar-check"

    def dispatch(self, request, *args, **kwargs):
        if not can_review_content(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = _organisation_scope(self.request.user)
        overdue = Paginator(selectors.review_overdue(organisation_ids=scope), PER_PAGE)
        links = Paginator(selectors.broken_links(organisation_ids=scope), PER_PAGE)
        context["overdue"] = overdue.get_page(self.request.GET.get("p"))
        context["links"] = links.get_page(self.request.GET.get("links"))
        context["all_organisations"] = scope is None
        return context


class MarkReviewedView(View):
    http_method_names = ["post"]

    def post(self, request, page_id):
        page = selectors.content_page(page_id)
        if page is None:
            raise Http404
        if not isinstance(page, CONTENT_MODELS):
            raise PermissionDenied
        try:
            # Publishing one revision reads the revision and the page more than once inside
            # Wagtail: a fixed number of queries that the N+1 detector would take for a loop.
            with ignore_n_plus_one(WAGTAIL_PUBLISHING_READS):
                page = services.content_mark_reviewed(page=page, user=request.user)
        except SamspillError as error:
            if getattr(error, "status", 400) == 403:
                raise PermissionDenied from error
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("“%(title)s” is marked as reviewed; next review by %(date)s.")
                % {"title": page.title, "date": date_format(page.review_due, "SHORT_DATE_FORMAT")},
            )
        return redirect(review_url(request.POST.get("p")))


def review_url(page_number=None) -> str:
    url = reverse("knowledge_review")
    if page_number and str(page_number).isdigit():
        url += f"?p={page_number}"
    return url


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return can_review_content(request.user)


class ReviewSummaryItem(SummaryItem):
    order = 400
    template_name = "knowledge/admin/summary_item.html"

    def is_shown(self):
        return can_review_content(self.request.user)

    def get_context_data(self, parent_context):
        scope = _organisation_scope(self.request.user)
        return {
            "overdue": selectors.review_overdue_count(organisation_ids=scope),
            "broken": selectors.broken_links(organisation_ids=scope).count(),
            "url": reverse("knowledge_review"),
        }
