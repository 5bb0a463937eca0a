"""The moderation screens of ideas in the Wagtail admin: one idea (its status, hiding it, its
comments) and the queue of reported comments.

The idea screen is the edit view of the ideas viewset (`admin.viewsets.IdeaViewSet`, URL names
`idea_admin:<name>`); the queue has its own viewset (`comment_reports_admin:<name>`). Only those
who run the idea's programme (`permissions.may_moderate_idea`) get in; for everyone else the idea or
comment does not exist (404). Every change goes through `ideas.services`. The pages work without
JavaScript: each action is a small POST form with its own button, and lists are paginated.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from samspill.core.admin.views import admin_url_for, object_or_404
from samspill.core.errors import SamspillError
from samspill.core.redirects import local_url
from samspill.ideas import permissions, services
from samspill.ideas.admin.forms import CommentModerationForm, IdeaStatusForm
from samspill.ideas.models import CommentReport, Idea, IdeaComment, IdeaStatus, IdeaStatusChange
from samspill.projects.permissions import moderated_programmes, runs_a_programme

IDEA_NAMESPACE = "idea_admin"
REPORTS_NAMESPACE = "comment_reports_admin"
COMMENTS_PER_PAGE = 50
REPORTS_PER_PAGE = 25


idea_url = admin_url_for(IDEA_NAMESPACE)
reports_url = admin_url_for(REPORTS_NAMESPACE)


def _page_number(request, name: str = "p"):
    return request.GET.get(name) or request.POST.get(name)


def back_url(request, default: str, fragment: str = "") -> str:
    """Where a POST form returns to: its `next` field when it is a local address."""
    return local_url(request, request.POST.get("next"), default, fragment)


def moderated_idea_or_404(user, pk) -> Idea:
    return object_or_404(
        Idea.objects.select_related(
            "programme", "author", "organisation", "origin_event", "project"
        ),
        pk,
        lambda idea: permissions.may_moderate_idea(user, idea),
    )


def _comments_with_open_reports(queryset):
    return queryset.annotate(
        open_report_count=Count("reports", filter=Q(reports__resolved_at__isnull=True))
    )


# --- One idea -------------------------------------------------------------------------------------


class IdeaScreenView(WagtailAdminTemplateMixin, FormView):
    """The idea as editors see it: its text, supporters and history; the form that moves it on;
    hiding it; and its comments, each of which can be hidden or shown again."""

    template_name = "ideas/admin/idea.html"
    page_title = gettext_lazy("Idea")
    header_icon = "help"
    form_class = IdeaStatusForm
    # Set by the viewset (`construct_view` passes only the attributes a view has).
    model = None
    permission_policy = None
    index_url_name = None
    edit_url_name = None

    def dispatch(self, request, *args, **kwargs):
        self.idea = moderated_idea_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.idea.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": idea_url("index"), "label": capfirst(Idea._meta.verbose_name_plural)},
            {"url": "", "label": self.idea.title},
        ]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["idea"] = self.idea
        kwargs["auto_id"] = "id_status_%s"
        return kwargs

    def form_valid(self, form):
        status = form.cleaned_data["status"]
        if status == self.idea.status:
            messages.info(self.request, _("The status was not changed."))
            return redirect(idea_url("edit", self.idea.pk))
        try:
            services.idea_set_status(
                actor=self.request.user,
                idea=self.idea,
                status=status,
                reason=form.cleaned_data["reason"],
                project=form.cleaned_data.get("project"),
            )
        except SamspillError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(title)s” is now “%(status)s”. Its followers are told by email.")
            % {"title": self.idea.title, "status": IdeaStatus(status).label},
        )
        return redirect(idea_url("edit", self.idea.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        idea = self.idea
        comments = _comments_with_open_reports(
            IdeaComment.objects.filter(idea=idea).select_related("author", "moderated_by")
        ).order_by("created_at", "pk")
        page = Paginator(comments, COMMENTS_PER_PAGE).get_page(_page_number(self.request))
        history = (
            IdeaStatusChange.objects.filter(idea=idea)
            .select_related("actor", "project")
            .order_by("created_at", "pk")
        )
        context.update(
            {
                "idea": idea,
                "themes": list(idea.themes.select_related("programme").order_by("sort_order")),
                "municipalities": list(idea.municipalities.order_by("name")),
                "history": list(history),
                "comments": page,
                "may_change_status": bool(context["form"].fields["status"].choices),
                "current_url": self.request.get_full_path(),
                "comment_form": CommentModerationForm(auto_id=False),
            }
        )
        return context


class IdeaHideView(View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        idea = moderated_idea_or_404(request.user, kwargs["pk"])
        hidden = request.POST.get("hidden") == "1"
        try:
            services.idea_hide(actor=request.user, idea=idea, hidden=hidden)
        except SamspillError as error:
            messages.error(request, str(error.message))
        else:
            text = (
                _("“%(title)s” is hidden from the site.")
                if hidden
                else _("“%(title)s” is shown on the site again.")
            )
            messages.success(request, text % {"title": idea.title})
        return redirect(idea_url("edit", idea.pk))


# --- Reported comments ----------------------------------------------------------------------------


class CommentReportsView(WagtailAdminTemplateMixin, TemplateView):
    """Comments with open reports, most reported first, in the programmes the user runs."""

    template_name = "ideas/admin/comment_reports.html"
    page_title = gettext_lazy("Reported comments")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not runs_a_programme(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        open_reports = CommentReport.objects.filter(resolved_at__isnull=True)
        comments = (
            _comments_with_open_reports(
                IdeaComment.objects.filter(
                    idea__programme__in=moderated_programmes(self.request.user),
                    reports__resolved_at__isnull=True,
                ).distinct()
            )
            .select_related("idea", "idea__programme", "author")
            .prefetch_related(
                Prefetch(
                    "reports",
                    queryset=open_reports.order_by("created_at", "pk"),
                    to_attr="open_reports",
                )
            )
            .order_by("-open_report_count", "created_at", "pk")
        )
        page = Paginator(comments, REPORTS_PER_PAGE).get_page(_page_number(self.request))
        context.update(
            {
                "comments": page,
                "current_url": self.request.get_full_path(),
                "comment_form": CommentModerationForm(auto_id=False),
            }
        )
        return context


class CommentModerateView(View):
    """Hide a comment (with a note) or keep it: either way its open reports are handled."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        comment = (
            IdeaComment.objects.select_related("idea", "idea__programme")
            .filter(pk=kwargs["pk"])
            .first()
        )
        if comment is None or not permissions.may_moderate_idea(request.user, comment.idea):
            raise Http404
        action = request.POST.get("action")
        if action not in ("hide", "keep"):
            messages.error(request, _("Choose whether to hide or keep the comment."))
            return redirect(back_url(request, reports_url("index")))
        form = CommentModerationForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(str(e) for field in form.errors.values() for e in field)
            messages.error(request, errors)
            return redirect(back_url(request, reports_url("index")))
        hide = action == "hide"
        try:
            services.comment_moderate(
                actor=request.user, comment=comment, hide=hide, note=form.cleaned_data["note"]
            )
        except SamspillError as error:
            messages.error(request, str(error.message))
        else:
            if hide:
                messages.success(request, _("The comment is hidden."))
            else:
                messages.success(request, _("The comment stays on the site."))
        return redirect(back_url(request, reports_url("index")))
