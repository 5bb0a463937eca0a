"""The admin's "Periodic jobs" screen (Settings menu) and its dashboard warning, for hub admins only.

The list shows every registered job with its interval, last run (status, duration, result, error)
and next run; a hub admin changes a job's interval or turns it off, and asks for a run now. "Run
now" makes the job due at once (one POST): the worker runs it within `PERIODIC_JOBS_POLL` seconds
and records it, rather than the web request, which a long link check would outlast. The homepage
panel warns hub admins when a job's last run failed.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from samspill.core import periodic, registry
from samspill.core.models import PeriodicJob
from samspill.core.permissions import is_hub_admin

JOBS = "periodic_jobs"


class HubAdminOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_hub_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _registered():
    return PeriodicJob.objects.filter(name__in=list(registry.periodic_jobs()))


def _row(job: PeriodicJob, now) -> dict:
    return {
        "job": job,
        "label": periodic.label(job.name),
        "every": periodic.every(job.interval),
        "status": periodic.status_label(job, now=now),
        "running": periodic.is_running(job, now=now),
        "failed": job.last_status == "failed",
        "duration": periodic.duration(job.last_duration),
        "result": ", ".join(f"{key}: {value}" for key, value in job.last_result.items()),
    }


class JobsIndexView(HubAdminOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/periodic_jobs.html"
    page_title = gettext_lazy("Periodic jobs")
    header_icon = "time"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        periodic.sync_jobs()
        now = timezone.now()
        # A handful of rows (one per registered job): no paging needed.
        context["rows"] = [_row(job, now) for job in _registered().order_by("name")]
        context["time_zone"] = settings.TIME_ZONE
        context["poll"] = settings.PERIODIC_JOBS_POLL
        return context


class JobForm(forms.ModelForm):
    class Meta:
        model = PeriodicJob
        fields = ["interval", "enabled"]


class JobEditView(HubAdminOnlyMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "core/admin/periodic_job_edit.html"
    form_class = JobForm
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if is_hub_admin(request.user):
            self.object = get_object_or_404(_registered(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return periodic.label(self.object.name)

    def get_page_subtitle(self):
        return self.object.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{JOBS}:index"), "label": _("Periodic jobs")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = self.object
        return context

    def form_valid(self, form):
        job = PeriodicJob.objects.get(pk=self.object.pk)
        periodic.job_update(
            job,
            interval=form.cleaned_data["interval"],
            enabled=form.cleaned_data["enabled"],
            user=self.request.user,
        )
        messages.success(
            self.request, _("“%(label)s” saved.") % {"label": periodic.label(job.name)}
        )
        return redirect(f"{JOBS}:index")


class JobRunView(HubAdminOnlyMixin, View):
    def post(self, request, pk):
        job = get_object_or_404(_registered(), pk=pk)
        label = periodic.label(job.name)
        if not job.enabled:
            messages.error(
                request, _("“%(label)s” is turned off: turn it on first.") % {"label": label}
            )
        elif not periodic.job_request_run(job, user=request.user):
            messages.warning(request, _("“%(label)s” is running now.") % {"label": label})
        else:
            messages.success(
                request,
                _("“%(label)s” is due now: the worker runs it within %(poll)s seconds.")
                % {"label": label, "poll": settings.PERIODIC_JOBS_POLL},
            )
        return redirect(f"{JOBS}:index")


class _HubAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_hub_admin(request.user)


class PeriodicJobsViewSet(ViewSet):
    icon = "time"
    menu_label = gettext_lazy("Periodic jobs")
    menu_order = 900
    add_to_settings_menu = True
    menu_item_class = _HubAdminMenuItem

    def get_urlpatterns(self):
        return [
            path("", JobsIndexView.as_view(), name="index"),
            path("<int:pk>/", JobEditView.as_view(), name="edit"),
            path("<int:pk>/run/", JobRunView.as_view(), name="run"),
        ]


class FailedJobsPanel(Component):
    """The dashboard's warning when a job's last run failed (hub admins only)."""

    name = "periodic_jobs_failed"
    order = 50

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        if not is_hub_admin(self.request.user):
            return ""
        failed = list(periodic.failed_jobs().order_by("name")[:20])
        if not failed:
            return ""
        return render_to_string(
            "core/admin/periodic_jobs_failed_panel.html",
            {"jobs": [{"job": job, "label": periodic.label(job.name)} for job in failed]},
            request=self.request,
        )
