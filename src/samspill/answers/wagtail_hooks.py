"""Editor screens of the answer finder (synonyms, unanswered questions, feedback, pins) in Wagtail.

Synonyms: hub admins and every organisation's admins and editors (the answer finder serves the
whole hub, so there is nothing per organisation to scope). What readers asked and voted, attaching
an answer to a question and the pins: the hub's editors, by the answer finder's model permissions
(`answers.permissions`). Plain members never reach the admin. Every write goes through
`answers.services`.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
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

from samspill.answers import permissions as answer_permissions
from samspill.answers import search, selectors, semantic, services
from samspill.answers.forms import PIN, AttachAnswerForm
from samspill.answers.models import PinnedAnswer, Synonym, UnansweredQuestion
from samspill.core.admin.dashboard import Cell, DashboardPanel, Row
from samspill.core.admin.policies import OrganisationScopedPolicy
from samspill.core.errors import SamspillError

PER_PAGE = 50


@hooks.register("register_log_actions")
def register_answers_log_actions(actions):
    for code, label in [
        ("answers.synonym.created", gettext_lazy("Synonym group created")),
        ("answers.synonym.updated", gettext_lazy("Synonym group updated")),
        ("answers.synonym.deleted", gettext_lazy("Synonym group deleted")),
        ("answers.unanswered.handled", gettext_lazy("Unanswered question marked as handled")),
        ("answers.unanswered.reopened", gettext_lazy("Unanswered question reopened")),
        ("answers.unanswered.pinned", gettext_lazy("Answer pinned for an unanswered question")),
        (
            "answers.unanswered.synonyms",
            gettext_lazy("Synonyms added for an unanswered question"),
        ),
        ("answers.pin.deleted", gettext_lazy("Pinned answer removed")),
    ]:
        actions.register_action(code, label, label)


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


# --- Unanswered questions, feedback and pins -------------------------------------------------------


class AnswerFinderViewMixin:
    """A view of the answer finder only for those `allowed` (a function of the user)."""

    allowed = staticmethod(answer_permissions.can_handle_unanswered)

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AnswerFinderPageMixin(AnswerFinderViewMixin, WagtailAdminTemplateMixin):
    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class UnansweredIndexView(AnswerFinderPageMixin, TemplateView):
    template_name = "answers/admin/unanswered.html"
    page_title = gettext_lazy("Unanswered questions")
    header_icon = "help"

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
        user = self.request.user
        context["may_attach"] = answer_permissions.can_pin_answers(
            user
        ) or answer_permissions.can_add_synonyms(user)
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


class AttachAnswerView(AnswerFinderPageMixin, TemplateView):
    """One form: an existing answer, and whether to pin it for the question or tie the words
    through a synonym group. The answers offered: the finder's nearest for the question, then every
    indexed answer (those whose title holds `?find=` when searched)."""

    template_name = "answers/admin/attach.html"
    page_title = gettext_lazy("Attach an answer")
    header_icon = "link"

    def _form(self, request, question, data=None):
        example = question.examples[0] if question.examples else question.key
        result = search.find_answers(example, language=question.language, limit=5)
        find = " ".join(request.GET.get("find", "").split())[:100]
        suggested = [(a.answer_id, a.title) for a in result.results]
        others = [c for c in selectors.answer_choices(find) if c not in suggested]
        answers = []
        if suggested:
            answers.append((_("Nearest answers for the question"), suggested))
        if others:
            label = _("Titles with “%(find)s”") % {"find": find} if find else _("All answers")
            answers.append((label, others))
        unmatched = selectors.unmatched_words(result)
        words = list(dict.fromkeys([*unmatched, *(c.label for c in result.concepts)]))
        form = AttachAnswerForm(
            data,
            answers=answers,
            question_words=words,
            initial={"question_words": unmatched, "answer": suggested[0][0] if suggested else ""},
        )
        return form, find

    def _render(self, request, question, form, find, status=200):
        context = self.get_context_data(question=question, form=form, find=find)
        return self.render_to_response(context, status=status)

    def get(self, request, pk):
        question = get_object_or_404(UnansweredQuestion, pk=pk)
        form, find = self._form(request, question)
        return self._render(request, question, form, find)

    def post(self, request, pk):
        question = get_object_or_404(UnansweredQuestion, pk=pk)
        form, find = self._form(request, question, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            allowed = (
                answer_permissions.can_pin_answers
                if data["how"] == PIN
                else answer_permissions.can_add_synonyms
            )
            if not allowed(request.user):
                raise PermissionDenied
            try:
                if data["how"] == PIN:
                    pin = services.unanswered_pin_answer(
                        question=question, answer_id=data["answer"], user=request.user
                    )
                    done = _("“%(answer)s” now answers “%(question)s” first.") % {
                        "answer": pin.title,
                        "question": question,
                    }
                else:
                    synonym = services.unanswered_add_synonyms(
                        question=question,
                        answer_id=data["answer"],
                        words=form.words(),
                        user=request.user,
                    )
                    done = _("The synonyms “%(terms)s” are added; “%(question)s” is handled.") % {
                        "terms": synonym.terms,
                        "question": question,
                    }
            except SamspillError as error:
                form.add_error("answer" if data["how"] == PIN else None, str(error.message))
            else:
                messages.success(request, done)
                return redirect(reverse("unanswered_questions:index"))
        messages.validation_error(request, _("The answer could not be attached."), form)
        return self._render(request, question, form, find, status=422)


class FeedbackSummaryView(AnswerFinderPageMixin, TemplateView):
    template_name = "answers/admin/feedback.html"
    page_title = gettext_lazy("Feedback on answers")
    header_icon = "comment"
    allowed = staticmethod(answer_permissions.can_see_feedback)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.feedback_ranking(), PER_PAGE).get_page(self.request.GET.get("p"))
        context["page"] = page
        context["rows"] = selectors.feedback_rows(page.object_list)
        return context


class PinIndexView(AnswerFinderPageMixin, TemplateView):
    template_name = "answers/admin/pins.html"
    page_title = gettext_lazy("Pinned answers")
    header_icon = "pick"
    allowed = staticmethod(answer_permissions.can_see_pins)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pins = PinnedAnswer.objects.order_by("-created_at")
        context["pins"] = Paginator(pins, PER_PAGE).get_page(self.request.GET.get("p"))
        context["may_delete"] = answer_permissions.can_delete_pins(self.request.user)
        return context


class PinDeleteView(AnswerFinderViewMixin, View):
    http_method_names = ["post"]
    allowed = staticmethod(answer_permissions.can_delete_pins)

    def post(self, request, pk):
        pin = get_object_or_404(PinnedAnswer, pk=pk)
        services.pin_delete(pin=pin, user=request.user)
        messages.success(
            request,
            _("The pinned answer for “%(question)s” is removed.")
            % {"question": pin.question or pin.key},
        )
        return redirect(reverse("answer_pins:index"))


def _menu_item(allowed):
    class AnswerFinderMenuItem(MenuItem):
        def is_shown(self, request):
            return allowed(request.user)

    return AnswerFinderMenuItem


class UnansweredViewSet(ViewSet):
    icon = "help"
    menu_label = gettext_lazy("Unanswered questions")
    menu_item_class = _menu_item(answer_permissions.can_handle_unanswered)

    def get_urlpatterns(self):
        return [
            path("", UnansweredIndexView.as_view(), name="index"),
            path("<int:pk>/handled/", UnansweredSetHandledView.as_view(), name="set_handled"),
            path("<int:pk>/attach/", AttachAnswerView.as_view(), name="attach"),
        ]


class FeedbackViewSet(ViewSet):
    icon = "comment"
    menu_label = gettext_lazy("Feedback on answers")
    menu_item_class = _menu_item(answer_permissions.can_see_feedback)

    def get_urlpatterns(self):
        return [path("", FeedbackSummaryView.as_view(), name="index")]


class PinViewSet(ViewSet):
    icon = "pick"
    menu_label = gettext_lazy("Pinned answers")
    menu_item_class = _menu_item(answer_permissions.can_see_pins)

    def get_urlpatterns(self):
        return [
            path("", PinIndexView.as_view(), name="index"),
            path("<int:pk>/delete/", PinDeleteView.as_view(), name="delete"),
        ]


class AnswerFinderViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Answer finder")
    menu_icon = "search"
    menu_order = 260
    items = (
        SynonymViewSet("synonyms", url_prefix="answer-finder/synonyms"),
        UnansweredViewSet("unanswered_questions", url_prefix="answer-finder/unanswered"),
        FeedbackViewSet("answer_feedback", url_prefix="answer-finder/feedback"),
        PinViewSet("answer_pins", url_prefix="answer-finder/pins"),
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
        if not answer_permissions.can_manage_answers(self.request.user):
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


# --- Unanswered questions on the dashboard ---------------------------------------------------------


class UnansweredPanel(DashboardPanel):
    """The questions readers asked most that found no good answer, for those who handle them."""

    name = "answers-unanswered"
    base_order = 140
    heading = gettext_lazy("Unanswered questions")
    columns = (gettext_lazy("Question"), gettext_lazy("Times asked"), gettext_lazy("Last asked"))
    empty_text = gettext_lazy("No unanswered question waits.")

    def is_shown(self) -> bool:
        return answer_permissions.can_handle_unanswered(self.user)

    def _questions(self):
        return UnansweredQuestion.objects.filter(handled=False)

    def rows(self) -> list[Row]:
        may_attach = answer_permissions.can_pin_answers(
            self.user
        ) or answer_permissions.can_add_synonyms(self.user)
        index = reverse("unanswered_questions:index")
        rows = []
        for question in self._questions().order_by("-count", "-last_asked")[: self.limit]:
            actions = []
            if may_attach:
                actions.append(
                    Cell(
                        _("Attach an answer"),
                        reverse("unanswered_questions:attach", args=[question.pk]),
                    )
                )
            rows.append(
                Row(
                    cells=[
                        Cell(str(question), index),
                        Cell(str(question.count)),
                        Cell(date_format(localtime(question.last_asked), "SHORT_DATE_FORMAT")),
                    ],
                    lang=question.language if question.language != get_language() else "",
                    actions=actions,
                )
            )
        return rows

    def total(self) -> int:
        return self._questions().count()

    def more_url(self) -> str:
        return reverse("unanswered_questions:index")

    def more_text(self, total: int) -> str:
        return ngettext(
            "All %(n)s unanswered question", "All %(n)s unanswered questions", total
        ) % {"n": total}


@hooks.register("construct_homepage_panels")
def add_unanswered_panel(request, panels):
    panels.append(UnansweredPanel(request))
