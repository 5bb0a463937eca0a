"""Editor screens of the answer finder (synonyms, unanswered questions, feedback) in Wagtail.

Hub admins and every organisation's admins and editors may use them (the answer finder serves
the whole hub, so there is nothing per organisation to scope); plain members never reach the
admin. Every write goes through `answers.services`.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from samspill.answers import selectors, semantic, services
from samspill.answers.models import Synonym, UnansweredQuestion
from samspill.core import permissions
from samspill.core.admin.policies import OrganisationScopedPolicy

PER_PAGE = 50


@hooks.register("register_log_actions")
def register_answers_log_actions(actions):
    for code, label in [
        ("answers.synonym.created", gettext_lazy("Synonym group created")),
        ("answers.synonym.updated", gettext_lazy("Synonym group updated")),
        ("answers.synonym.deleted", gettext_lazy("Synonym group deleted")),
        ("answers.unanswered.handled", gettext_lazy("Unanswered question marked as handled")),
        ("answers.unanswered.reopened", gettext_lazy("Unanswered question reopened")),
    ]:
        actions.register_action(code, label, label)


def can_manage_answers(user) -> bool:
    """Hub admins, and admins and editors of any organisation."""
    return permissions.is_hub_admin(user) or bool(permissions.editable_organisation_ids(user))


# --- Synonyms -------------------------------------------------------------------------------------


# Every editor of an organisation looks after the synonyms (one list for the whole hub).
register_permission_policy(Synonym, OrganisationScopedPolicy(Synonym, fields=()))


class SynonymCreateView(generic.CreateView):
    def save_instance(self):
        return services.synonym_save(synonym=self.form.save(commit=False), user=self.request.user)


class SynonymEditView(generic.EditView):
    def save_instance(self):
        return services.synonym_save(synonym=self.form.save(commit=False), user=self.request.user)


class SynonymDeleteView(generic.DeleteView):
    def delete_action(self):
        services.synonym_delete(synonym=self.object, user=self.request.user)


class SynonymViewSet(ModelViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = gettext_lazy("Synonyms and abbreviations")
    add_view_class = SynonymCreateView
    edit_view_class = SynonymEditView
    delete_view_class = SynonymDeleteView
    form_fields = ["terms", "note"]
    list_display = ["terms", "note", "updated_at"]
    search_fields = ["terms", "note"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False


# --- Unanswered questions and feedback ------------------------------------------------------------


class AnswerFinderViewMixin:
    """A read view of the answer finder: only for those who may manage it."""

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_answers(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class UnansweredIndexView(AnswerFinderViewMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "answers/admin/unanswered.html"
    page_title = gettext_lazy("Unanswered questions")
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show = self.request.GET.get("show", "open")
        questions = UnansweredQuestion.objects.order_by("handled", "-count", "-last_asked")
        if show == "open":
            questions = questions.filter(handled=False)
        elif show == "handled":
            questions = questions.filter(handled=True)
        else:
            show = "all"
        context["questions"] = Paginator(questions, PER_PAGE).get_page(self.request.GET.get("p"))
        context["show"] = show
        context["filters"] = [
            ("open", _("Open")),
            ("handled", _("Handled")),
            ("all", _("All")),
        ]
        return context


class UnansweredSetHandledView(AnswerFinderViewMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        question = get_object_or_404(UnansweredQuestion, pk=pk)
        handled = request.POST.get("handled") == "1"
        services.unanswered_set_handled(question=question, handled=handled, user=request.user)
        if handled:
            messages.success(
                request, _("“%(question)s” is marked as handled.") % {"question": question}
            )
        else:
            messages.success(request, _("“%(question)s” is open again.") % {"question": question})
        url = reverse("unanswered_questions:index")
        show = request.POST.get("show")
        if show in {"open", "handled", "all"}:
            url += f"?show={show}"
        return redirect(url)


class FeedbackSummaryView(AnswerFinderViewMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "answers/admin/feedback.html"
    page_title = gettext_lazy("Feedback on answers")
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = []
        for row in selectors.feedback_summary():
            total = row["helpful"] + row["unhelpful"]
            rows.append(
                {
                    **row,
                    "total": total,
                    "share": round(100 * row["helpful"] / total) if total else 0,
                }
            )
        context["rows"] = rows
        return context


class AnswerFinderMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_answers(request.user)


class AnswerFinderViewSet(ViewSet):
    """A plain view (or two) of the answer finder with a menu item only its managers see."""

    menu_item_class = AnswerFinderMenuItem


class UnansweredViewSet(AnswerFinderViewSet):
    icon = "help"
    menu_label = gettext_lazy("Unanswered questions")

    def get_urlpatterns(self):
        return [
            path("", UnansweredIndexView.as_view(), name="index"),
            path("<int:pk>/handled/", UnansweredSetHandledView.as_view(), name="set_handled"),
        ]


class FeedbackViewSet(AnswerFinderViewSet):
    icon = "comment"
    menu_label = gettext_lazy("Feedback on answers")

    def get_urlpatterns(self):
        return [path("", FeedbackSummaryView.as_view(), name="index")]


class AnswerFinderViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Answer finder")
    menu_icon = "search"
    menu_order = 260
    items = (
        SynonymViewSet("synonyms", url_prefix="answer-finder/synonyms"),
        UnansweredViewSet("unanswered_questions", url_prefix="answer-finder/unanswered"),
        FeedbackViewSet("answer_feedback", url_prefix="answer-finder/feedback"),
    )


@hooks.register("register_admin_viewset")
def register_answer_finder_viewsets():
    return AnswerFinderViewSetGroup()


# --- Meaning --------------------------------------------------------------------------------------


class EmbeddingsPanel(Component):
    """The dashboard's word on semantic search: on or off, and how many passages wait for their
    vectors (answer finder managers only)."""

    name = "answers_meaning"
    order = 150

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        if not can_manage_answers(self.request.user):
            return ""
        enabled = semantic.enabled()
        counts = selectors.embedding_counts() if enabled else {"waiting": 0, "embedded": 0}
        return render_to_string(
            "answers/admin/embeddings_panel.html",
            {"enabled": enabled, **counts},
            request=self.request,
        )


@hooks.register("construct_homepage_panels")
def add_embeddings_panel(request, panels):
    panels.append(EmbeddingsPanel(request))
