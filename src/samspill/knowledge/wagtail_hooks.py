"""Editor screens of the knowledge bank in Wagtail (built in `knowledge.admin`).

* Each editor works only on the content of their own organisations. The Wagtail group from
  `services.ensure_editor_group()` lets editors add and change pages under the knowledge index;
  the page permission policy (`admin.policies`) narrows every list, and the hooks below refuse
  editing, deleting, unpublishing, copying and moving an article, FAQ entry or guide of another
  organisation, and leave the index and the topics to hub admins.
* "Due for review" (`admin.views`) lists content past its review date and broken links out of the
  hub, for the user's organisations (all of them for hub admins).
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from samspill.core.permissions import is_hub_admin
from samspill.knowledge.admin.dashboard import ReviewDuePanel
from samspill.knowledge.admin.policies import (
    KnowledgePagePermissionPolicy,
    chooser_pages,
    may_act_on,
)
from samspill.knowledge.admin.views import (
    MarkReviewedView,
    ReviewDashboardView,
    ReviewMenuItem,
    ReviewSummaryItem,
)
from samspill.knowledge.models import structure_page_models


@hooks.register("register_log_actions")
def register_knowledge_log_actions(actions):
    for code, label in [
        ("knowledge.content.reviewed", gettext_lazy("Facts checked (marked as reviewed)")),
        ("knowledge.import.completed", gettext_lazy("Articles imported")),
    ]:
        actions.register_action(code, label, label)


register_permission_policy(Page, KnowledgePagePermissionPolicy(Page))


@hooks.register("construct_reports_menu")
def knowledge_page_types_report_for_hub_admins(request, menu_items):
    """The page types report names each type's last edited page, whosever draft it is: hub
    admins only (`knowledge.middleware` refuses the report itself to others)."""
    if not is_hub_admin(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("construct_page_chooser_queryset")
def knowledge_chooser_without_others_drafts(pages, request):
    return chooser_pages(pages, request)


# --- Who may act on which knowledge page ----------------------------------------------------------


def _guard(request, page):
    if not may_act_on(request.user, [page]):
        return permission_denied(request)
    return None


@hooks.register("before_edit_page")
def knowledge_before_edit_page(request, page):
    return _guard(request, page)


@hooks.register("before_delete_page")
def knowledge_before_delete_page(request, page):
    return _guard(request, page)


@hooks.register("before_unpublish_page")
def knowledge_before_unpublish_page(request, page):
    return _guard(request, page)


@hooks.register("before_copy_page")
def knowledge_before_copy_page(request, page):
    return _guard(request, page)


@hooks.register("before_move_page")
def knowledge_before_move_page(request, page, destination):
    return _guard(request, page)


@hooks.register("before_create_page")
def knowledge_before_create_page(request, parent_page, page_class):
    if issubclass(page_class, structure_page_models()) and not is_hub_admin(request.user):
        return permission_denied(request)
    return None


@hooks.register("before_bulk_action")
def knowledge_before_bulk_action(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if pages and not may_act_on(request.user, pages):
        return permission_denied(request)
    return None


# --- Due for review -------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_knowledge_admin_urls():
    return [
        path("knowledge/review/", ReviewDashboardView.as_view(), name="knowledge_review"),
        path(
            "knowledge/review/<int:page_id>/reviewed/",
            MarkReviewedView.as_view(),
            name="knowledge_review_mark",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_knowledge_review_menu_item():
    return ReviewMenuItem(
        gettext_lazy("Due for review"),
        reverse("knowledge_review"),
        name="knowledge-review",
        icon_name="calendar-check",
        order=250,
    )


@hooks.register("construct_homepage_summary_items")
def add_knowledge_review_summary_item(request, items):
    items.append(ReviewSummaryItem(request))


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel(request))
