"""The admin's newsletters (Hub menu, `newsletters:<name>`) and its "Followers" dashboard panel.

Hub admins write to the followers of a topic or an organisation, or to an organisation's members;
an organisation's admins only to their own organisation's (its editors and members never see the
screens). A newsletter opens on its preview (`preview`): the email exactly as it is sent, HTML
(`preview_html`, in a sandboxed frame) and text, with the number of recipients, and the buttons
that schedule it, send it now, stop it between two batches, resume it or put it back to a draft
(`act`, one small POST form each, no JavaScript needed). Every change goes through
`core.newsletters`.
"""

import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from samspill.core import newsletters, notifications, permissions, registry
from samspill.core.admin.dashboard import Cell, DashboardPanel, Row
from samspill.core.admin.policies import OrganisationScopedPolicy
from samspill.core.admin.views import (
    ScopedHistoryView,
    ScopedUsageView,
    ServiceErrorMixin,
    object_or_404,
)
from samspill.core.errors import SamspillError
from samspill.core.models import (
    Follow,
    Newsletter,
    NewsletterAudience,
    NewsletterStatus,
    Organisation,
)

NAMESPACE = "newsletters"


def newsletter_url(name: str, *args) -> str:
    return reverse(f"{NAMESPACE}:{name}", args=args)


# --- Who sees what --------------------------------------------------------------------------------


class NewsletterPolicy(OrganisationScopedPolicy):
    """Hub admins: every newsletter. An organisation's admins: its newsletters to its own
    followers and members."""

    def __init__(self):
        super().__init__(
            Newsletter,
            fields=("organisation",),
            organisation_ids=newsletters.sender_organisation_ids,
            allowed_on=newsletters.may_manage,
        )

    def scope(self, user, queryset=None):
        scoped = super().scope(user, queryset)
        if permissions.is_hub_admin(user):
            return scoped
        return scoped.filter(audience__in=newsletters.ORGANISATION_AUDIENCES)


def managed_newsletter_or_404(user, pk) -> Newsletter:
    return object_or_404(
        Newsletter.objects.select_related("organisation", "author"),
        pk,
        lambda newsletter: newsletters.may_manage(user, newsletter),
    )


# --- The form -------------------------------------------------------------------------------------


class NewsletterForm(WagtailAdminModelForm):
    topic = forms.ModelChoiceField(
        label=gettext_lazy("Topic"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=gettext_lazy("For “Followers of a topic”."),
    )

    class Meta:
        model = Newsletter
        fields = ["subject", "body", "audience", "organisation", "topic", "language"]
        help_texts = {
            "organisation": gettext_lazy(
                "The sender, and for an organisation's followers or members: whose."
            ),
            "language": gettext_lazy("The language the newsletter is written in."),
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        ids = newsletters.sender_organisation_ids(for_user) if for_user else []
        organisations = Organisation.objects.order_by("name")
        if ids is not None:
            organisations = organisations.filter(pk__in=ids)
            self.fields["organisation"].required = True
            self.fields["organisation"].empty_label = None
        self.fields["organisation"].queryset = organisations
        topic_model = newsletters.topic_model()
        audiences = list(NewsletterAudience.choices)
        if topic_model is None or ids is not None:
            del self.fields["topic"]
            audiences = [c for c in audiences if c[0] != NewsletterAudience.TOPIC_FOLLOWERS]
        else:
            self.fields["topic"].queryset = topic_model._default_manager.order_by("title")
            if self.instance.pk and self.instance.audience == NewsletterAudience.TOPIC_FOLLOWERS:
                self.initial["topic"] = self.instance.object_id
        self.fields["audience"].choices = audiences
        if not self.instance.pk:
            self.initial.setdefault("language", (get_language() or settings.LANGUAGE_CODE)[:2])
        if self.instance.pk and not self.instance.editable:
            for field in self.fields.values():
                field.disabled = True

    def clean(self):
        cleaned = super().clean()
        audience = cleaned.get("audience")
        if audience == NewsletterAudience.TOPIC_FOLLOWERS and "topic" in self.fields:
            if not cleaned.get("topic"):
                self.add_error("topic", gettext("Choose the topic."))
        elif audience and not cleaned.get("organisation"):
            self.add_error("organisation", gettext("Choose the organisation."))
        return cleaned


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=gettext_lazy("Send at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=gettext_lazy("Norwegian time (Europe/Oslo)."),
    )

    def clean_scheduled_at(self):
        value = self.cleaned_data["scheduled_at"]
        oslo = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        if timezone.is_naive(value):
            value = value.replace(tzinfo=oslo)
        if value <= timezone.now():
            raise forms.ValidationError(gettext("Choose a time in the future."))
        return value


# --- The viewset ----------------------------------------------------------------------------------


class NewsletterIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["change"]
            )
            .select_related("organisation")
            .order_by("-created_at", "-pk")
        )

    def get_edit_url(self, instance):
        # A newsletter opens on its preview, where it is scheduled, sent and stopped.
        return newsletter_url("preview", instance.pk)


class _SaveMixin(ServiceErrorMixin):
    def save_instance(self):
        return newsletters.newsletter_save(
            actor=self.request.user,
            newsletter=self.form.save(commit=False),
            topic=self.form.cleaned_data.get("topic"),
        )

    def get_success_url(self):
        return newsletter_url("preview", self.object.pk)


class NewsletterCreateView(_SaveMixin, generic.CreateView):
    pass


class NewsletterEditView(_SaveMixin, generic.EditView):
    def get_object(self, queryset=None):
        return managed_newsletter_or_404(self.request.user, self.kwargs[self.pk_url_kwarg])

    def form_valid(self, form):
        if not self.object.editable:
            # The form's fields are disabled: nothing was changed, and nothing may be.
            messages.error(
                self.request,
                gettext("A newsletter that is being sent or was sent cannot be changed."),
            )
            return redirect(self.get_success_url())
        return super().form_valid(form)


class NewsletterDeleteView(generic.DeleteView):
    def get_object(self, queryset=None):
        return managed_newsletter_or_404(self.request.user, self.kwargs[self.pk_url_kwarg])

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except SamspillError as error:
            messages.error(self.request, str(error.message))
            return redirect(newsletter_url("preview", self.object.pk))

    def delete_action(self):
        newsletters.newsletter_delete(actor=self.request.user, newsletter=self.object)


class PreviewView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/newsletter_preview.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.object = managed_newsletter_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.object.subject

    def get_page_subtitle(self):
        return gettext("Newsletter")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": newsletter_url("index"), "label": gettext("Newsletters")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        newsletter = self.object
        email = newsletters.render_email(newsletter)
        count = (
            newsletters.recipient_count(newsletter)
            if newsletter.status in (NewsletterStatus.DRAFT, NewsletterStatus.SCHEDULED)
            else None
        )
        context.update(
            newsletter=newsletter,
            email=email,
            audience=newsletters.audience_text(newsletter),
            recipient_count=count,
            schedule_form=kwargs.get("schedule_form") or ScheduleForm(),
            statuses=NewsletterStatus,
            time_zone=settings.TIME_ZONE,
        )
        return context


@xframe_options_sameorigin
def preview_html(request, pk):
    """The email's HTML alone, for the preview's sandboxed frame."""
    newsletter = managed_newsletter_or_404(request.user, pk)
    return HttpResponse(newsletters.render_email(newsletter)["html"])


class ActView(View):
    """One POST per action: schedule, send, stop, resume, unschedule."""

    ACTIONS = {
        "send": newsletters.newsletter_send_now,
        "stop": newsletters.newsletter_stop,
        "resume": newsletters.newsletter_resume,
        "unschedule": newsletters.newsletter_unschedule,
    }

    def post(self, request, pk):
        newsletter = managed_newsletter_or_404(request.user, pk)
        action = request.POST.get("action", "")
        back = redirect(newsletter_url("preview", newsletter.pk))
        try:
            if action == "schedule":
                form = ScheduleForm(request.POST)
                if not form.is_valid():
                    view = PreviewView.as_view()
                    request.method = "GET"
                    response = view(request, pk=pk, schedule_form=form)
                    response.status_code = 400
                    return response
                when = form.cleaned_data["scheduled_at"]
                newsletters.newsletter_schedule(
                    actor=request.user, newsletter=newsletter, when=when
                )
                local = timezone.localtime(when, zoneinfo.ZoneInfo(settings.TIME_ZONE))
                messages.success(
                    request,
                    gettext("Scheduled for %(when)s.") % {"when": local.strftime("%d.%m.%Y %H:%M")},
                )
                return back
            service = self.ACTIONS.get(action)
            if service is None:
                return HttpResponseBadRequest(gettext("Unknown action."))
            service(actor=request.user, newsletter=newsletter)
        except SamspillError as error:
            messages.error(request, str(error.message))
            return back
        messages.success(
            request,
            {
                "send": gettext("Sending has started: the worker sends it in batches."),
                "stop": gettext("Stopped. Nobody else gets it unless you resume."),
                "resume": gettext("Sending goes on where it stopped."),
                "unschedule": gettext("Back to a draft."),
            }[action],
        )
        return back


class NewsletterViewSet(ModelViewSet):
    model = Newsletter
    icon = "mail"
    menu_label = gettext_lazy("Newsletters")
    menu_order = 120
    add_to_admin_menu = False
    form_fields = ["subject", "body", "audience", "organisation", "topic", "language"]
    index_view_class = NewsletterIndexView
    add_view_class = NewsletterCreateView
    edit_view_class = NewsletterEditView
    delete_view_class = NewsletterDeleteView
    list_display = [
        "subject",
        Column("audience", label=gettext_lazy("Recipients"), accessor="get_audience_display"),
        "organisation",
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        "scheduled_at",
        Column("progress", label=gettext_lazy("Sent"), accessor="progress"),
    ]
    list_filter = ["status", "audience"]
    search_fields = ["subject"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView

    def get_form_class(self, for_update=False):
        return NewsletterForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("preview/<int:pk>/", PreviewView.as_view(), name="preview"),
            path("preview/<int:pk>/email.html", preview_html, name="preview_html"),
            path("act/<int:pk>/", ActView.as_view(), name="act"),
        ]


# --- Followers on the dashboard -------------------------------------------------------------------


class FollowersPanel(DashboardPanel):
    """How many follow what the editor works on: their organisations (for hub admins, the most
    followed things of every kind). One query for the counts."""

    name = "core-followers"
    base_order = 180
    heading = gettext_lazy("Followers")
    columns = (gettext_lazy("What"), gettext_lazy("Followers"))
    empty_text = gettext_lazy("Nobody follows anything of yours yet.")

    def is_shown(self) -> bool:
        ids = permissions.editable_organisation_ids(self.user)
        return ids is None or bool(ids)

    def rows(self) -> list[Row]:
        ids = permissions.editable_organisation_ids(self.user)
        if ids is None:
            return self._most_followed()
        organisations = list(Organisation.objects.filter(pk__in=ids).order_by("name"))
        counts = notifications.follower_counts(Organisation, [o.pk for o in organisations])
        organisations.sort(key=lambda o: (-counts.get(o.pk, 0), o.name))
        return [
            Row(
                cells=[
                    Cell(o.name, reverse("organisations:edit", args=[o.pk])),
                    Cell(str(counts.get(o.pk, 0))),
                ]
            )
            for o in organisations[: self.limit]
        ]

    def _most_followed(self) -> list[Row]:
        top = list(
            Follow.objects.values("content_type_id", "object_id")
            .annotate(n=Count("pk"))
            .order_by("-n", "content_type_id", "object_id")[: self.limit]
        )
        by_type: dict[int, set[int]] = {}
        for row in top:
            by_type.setdefault(row["content_type_id"], set()).add(row["object_id"])
        objects = {}
        for content_type_id, object_ids in by_type.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is None:
                continue
            for obj in model._default_manager.filter(pk__in=object_ids):
                objects[(content_type_id, obj.pk)] = obj
        rows = []
        for row in top:
            obj = objects.get((row["content_type_id"], row["object_id"]))
            if obj is None:
                continue
            target = registry.follow_target_for(obj)
            label = str(target.label()) if target is not None else ""
            rows.append(Row(cells=[Cell(str(obj), note=label), Cell(str(row["n"]))]))
        return rows

    def total(self) -> int:
        ids = permissions.editable_organisation_ids(self.user)
        return len(self._rows) if ids is None else len(ids)

    def more_url(self) -> str:
        return reverse("organisations:index") + "?ordering=-follower_count"

    def more_text(self, total: int) -> str:
        return ngettext(
            "%(n)s organisation: see them all", "%(n)s organisations: see them all", total
        ) % {"n": total}
