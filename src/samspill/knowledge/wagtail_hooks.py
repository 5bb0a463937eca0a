"""Editor screens of the knowledge bank in Wagtail.

* Each editor works only on the content of their own organisations. The Wagtail group from
  `services.ensure_editor_group()` lets editors add and change pages under the knowledge index;
  the hooks below refuse editing, deleting, unpublishing, copying and moving an article, FAQ entry
  or guide of another organisation, and leave the index and the topics to hub admins.
* "Due for review" lists content past its review date and broken links out of the hub, for the
  user's organisations (all of them for hub admins); the owner marks content as reviewed there.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from samspill.core.errors import SamspillError
from samspill.core.models import EDITING_ROLES
from samspill.core.nplusone import ignore_n_plus_one
from samspill.core.permissions import editable_organisation_ids, is_hub_admin, roles_by_organisation
from samspill.knowledge import selectors, services
from samspill.knowledge.models import (
    ArticlePage,
    FaqPage,
    GuidePage,
    KnowledgeIndexPage,
    TopicPage,
)
from samspill.knowledge.permissions import STRUCTURE_PERMISSIONS, can_edit_content

CONTENT_MODELS = (ArticlePage, FaqPage, GuidePage)
WAGTAIL_PUBLISHING_READS = [
    {"model": "wagtailcore.Revision", "field": "get()"},
    {"model": "knowledge.*", "field": "get()"},
]
STRUCTURE_MODELS = (KnowledgeIndexPage, TopicPage)
PER_PAGE = 50


@hooks.register("register_log_actions")
def register_knowledge_log_actions(actions):
    for code, label in [
        ("knowledge.content.reviewed", gettext_lazy("Facts checked (marked as reviewed)")),
        ("knowledge.import.completed", gettext_lazy("Articles imported")),
    ]:
        actions.register_action(code, label, label)


# --- Who may see and act on which knowledge page --------------------------------------------------


class KnowledgePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions, narrowed to the organisations a person edits.

    The page testers (`knowledge.permissions`) decide for one page; this policy decides the lists
    built from querysets: the explorer, page search, the admin API, site history, the reports
    (locked, aging, workflows) and the choice of a parent. An organisation editor's lists hold no
    article, FAQ entry or guide of another organisation. The editors' group counts only for
    someone who edits an organisation in good standing, whatever their stored groups say.
    """

    def get_all_permissions_for_user(self, user):
        permissions = super().get_all_permissions_for_user(user)
        if user.is_active and not user.is_superuser and not editable_organisation_ids(user):
            permissions = permissions.exclude(group__name=services.EDITOR_GROUP)
        return permissions

    def _without_others_content(self, pages, user):
        if is_hub_admin(user) or not user.is_active:
            return pages
        own = editable_organisation_ids(user)
        for model in CONTENT_MODELS:
            pages = pages.exclude(
                pk__in=model.objects.exclude(organisation_id__in=own).values("pk")
            )
        return pages

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        pages = self._without_others_content(pages, user)
        if not is_hub_admin(user) and not set(actions) & STRUCTURE_PERMISSIONS:
            for model in STRUCTURE_MODELS:
                pages = pages.exclude(pk__in=model.objects.values("pk"))
        return pages

    def explorable_instances(self, user):
        # The structure pages stay: an editor walks through the topics to their own pages.
        return self._without_others_content(super().explorable_instances(user), user)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        if is_hub_admin(user):
            return True
        model = instance.specific_class
        if model is not None and issubclass(model, CONTENT_MODELS):
            return can_edit_content(user, instance.specific_deferred.organisation_id)
        if model is not None and issubclass(model, STRUCTURE_MODELS):
            return bool(set(actions) & STRUCTURE_PERMISSIONS)
        return True


register_permission_policy(Page, KnowledgePagePermissionPolicy(Page))


@hooks.register("construct_reports_menu")
def knowledge_page_types_report_for_hub_admins(request, menu_items):
    """The page types report names each type's last edited page, whosever draft it is: hub
    admins only (`knowledge.middleware` refuses the report itself to others)."""
    if not is_hub_admin(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("construct_page_chooser_queryset")
def knowledge_chooser_without_others_drafts(pages, request):
    """Editors link to any published page; another organisation's unpublished one is not theirs
    to see, not even by its title in the page chooser."""
    user = request.user
    if is_hub_admin(user):
        return pages
    own = editable_organisation_ids(user) or []
    for model in CONTENT_MODELS:
        pages = pages.exclude(
            pk__in=model.objects.filter(live=False).exclude(organisation_id__in=own).values("pk")
        )
    return pages


# --- Who may act on which knowledge page ----------------------------------------------------------


def _stored_owners(pages) -> dict[int, int | None]:
    """{page id: owning organisation id} as stored, one query per content model involved."""
    by_model: dict[type, list[int]] = {}
    for page in pages:
        model = page.specific_class
        if model is not None and issubclass(model, CONTENT_MODELS):
            by_model.setdefault(model, []).append(page.pk)
    owners: dict[int, int | None] = {}
    for model, ids in by_model.items():
        owners.update(model.objects.filter(pk__in=ids).values_list("pk", "organisation_id"))
    return owners


def _may_act_on(user, pages) -> bool:
    """Whether a non-hub-admin may change these pages: only content of organisations they edit.

    Both the owner in the editor's version (a draft) and the stored owner must be theirs.
    """
    if is_hub_admin(user):
        return True
    pages = list(pages)
    if any(
        p.specific_class is not None and issubclass(p.specific_class, STRUCTURE_MODELS)
        for p in pages
    ):
        return False
    owners = _stored_owners(pages)
    roles = roles_by_organisation(user)
    for page in pages:
        if page.pk not in owners:
            continue  # not knowledge content: Wagtail's own permissions decide
        for owner in {owners[page.pk], getattr(page, "organisation_id", owners[page.pk])}:
            if roles.get(owner) not in EDITING_ROLES:
                return False
    return True


def _guard(request, page):
    if not _may_act_on(request.user, [page]):
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
    if issubclass(page_class, STRUCTURE_MODELS) and not is_hub_admin(request.user):
        return permission_denied(request)
    return None


@hooks.register("before_bulk_action")
def knowledge_before_bulk_action(request, action_type, objects, action_class_instance):
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if pages and not _may_act_on(request.user, pages):
        return permission_denied(request)
    return None


# --- Due for review -------------------------------------------------------------------------------


def _organisation_scope(user) -> list[int] | None:
    """The organisations whose content the user looks after; None means all (hub admins)."""
    return editable_organisation_ids(user)


def can_review_content(user) -> bool:
    return is_hub_admin(user) or bool(editable_organisation_ids(user))


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
        page = get_object_or_404(Page, pk=page_id).specific
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
        return redirect(_review_url(request.POST.get("p")))


def _review_url(page_number=None) -> str:
    url = reverse("knowledge_review")
    if page_number and str(page_number).isdigit():
        url += f"?p={page_number}"
    return url


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


class ReviewMenuItem(MenuItem):
    def is_shown(self, request):
        return can_review_content(request.user)


@hooks.register("register_admin_menu_item")
def register_knowledge_review_menu_item():
    return ReviewMenuItem(
        gettext_lazy("Due for review"),
        reverse("knowledge_review"),
        name="knowledge-review",
        icon_name="calendar-check",
        order=250,
    )


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


@hooks.register("construct_homepage_summary_items")
def add_knowledge_review_summary_item(request, items):
    items.append(ReviewSummaryItem(request))
