"""The views of the projects admin: scoped to what the editor may change, saving through
`projects.services`, with the list columns' formatting and the filters' choices."""

import datetime

from django import forms
from django.db.models import Count, ProtectedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_filters import ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.views.generic import models as generic

from samspill.core.admin.views import (
    ScopedDeleteMixin,
    ScopedObjectMixin,
    ServiceErrorMixin,
    ViewOnSiteMixin,
)
from samspill.core.errors import SamspillError
from samspill.core.nplusone import ignore_n_plus_one
from samspill.projects import services
from samspill.projects.admin.forms import usable_programmes
from samspill.projects.models import Programme, Theme
from samspill.projects.permissions import editable_projects, moderated_programmes


def short_day(value) -> str:
    """A date, or the day of a moment in the admin's time zone."""
    if not value:
        return "–"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return date_format(value, "SHORT_DATE_FORMAT")


def period(obj) -> str:
    if not obj.starts_on and not obj.ends_on:
        return "–"
    return f"{short_day(obj.starts_on)} – {short_day(obj.ends_on) if obj.ends_on else ''}".strip()


def yes_no(value) -> str:
    return _("Yes") if value else _("No")


# Django's inline formsets clean each existing row's hidden id with its own `queryset.get()`: one
# query per row on the form (a handful), which the N+1 detector takes for a loop. Document choosers
# read their document one by one in the same way.
INLINE_ROW_READS = [
    {"model": "projects.Theme", "field": "get()"},
    {"model": "projects.Funding", "field": "get()"},
    {"model": "projects.Milestone", "field": "get()"},
    {"model": "projects.Result", "field": "get()"},
    {"model": "projects.Video", "field": "get()"},
    {"model": "projects.ProjectDocument", "field": "get()"},
    {"model": "wagtaildocs.Document", "field": "get()"},
]


class InlineRowsMixin:
    def is_valid(self, form):
        with ignore_n_plus_one(INLINE_ROW_READS):
            return super().is_valid(form)


def programme_choices(request):
    if request is None:
        return Programme.objects.none()
    return moderated_programmes(request.user).order_by("name")


def project_programme_choices(request):
    if request is None:
        return Programme.objects.none()
    return usable_programmes(request.user).order_by("name")


class ThemeFilterField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.programme.name}: {obj.label}"


class ThemeFilter(ModelChoiceFilter):
    field_class = ThemeFilterField


def theme_choices(request):
    if request is None:
        return Theme.objects.none()
    return (
        Theme.objects.filter(programme__in=usable_programmes(request.user))
        .select_related("programme")
        .order_by("programme__name", "sort_order", "pk")
    )


# --- Programmes -----------------------------------------------------------------------------------


class ProgrammeIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["change"]
            )
            .select_related("secretariat")
            .annotate(project_count=Count("projects", distinct=True))
            .order_by("name")
        )


class ProgrammeFormMixin(InlineRowsMixin, ServiceErrorMixin):
    def save_instance(self):
        return services.programme_save(
            actor=self.request.user, programme=self.form.save(commit=False)
        )


class ProgrammeCreateView(ProgrammeFormMixin, generic.CreateView):
    """A new programme with its themes, through `services.programme_save`."""


class ProgrammeEditView(ProgrammeFormMixin, ViewOnSiteMixin, ScopedObjectMixin, generic.EditView):
    """A programme: its themes inline, and a link to its public page."""


class ProgrammeDeleteView(ScopedDeleteMixin, generic.DeleteView):
    """A programme with projects is not deleted (the projects protect it)."""

    def delete_action(self):
        services.programme_delete(actor=self.request.user, programme=self.object)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except (SamspillError, ProtectedError):
            messages.error(
                self.request,
                _("This programme has projects and cannot be deleted. Unpublish it instead."),
            )
            return redirect(reverse("programme_admin:edit", args=[self.object.pk]))


# --- Projects -------------------------------------------------------------------------------------


class ProjectIndexView(generic.IndexView):
    default_ordering = "-starts_on"

    def get_base_queryset(self):
        return (
            editable_projects(self.request.user)
            .select_related("programme", "lead_organisation")
            .order_by("-starts_on", "title")
        )


class ProjectFormMixin(InlineRowsMixin, ServiceErrorMixin):
    def save_instance(self):
        return services.project_save(actor=self.request.user, project=self.form.save(commit=False))


class ProjectCreateView(ProjectFormMixin, generic.CreateView):
    """A new project with its inline rows, through `services.project_save`."""


class ProjectEditView(ProjectFormMixin, ViewOnSiteMixin, ScopedObjectMixin, generic.EditView):
    def get_queryset(self):
        return super().get_queryset().select_related("programme")


class ProjectDeleteView(ScopedDeleteMixin, generic.DeleteView):
    def delete_action(self):
        services.project_delete(actor=self.request.user, project=self.object)


# --- Input from events ----------------------------------------------------------------------------


class EventInputIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["change"]
            )
            .select_related("programme", "event", "survey")
            .order_by("-event__starts_at", "-pk")
        )


class EventInputCreateView(ServiceErrorMixin, generic.CreateView):
    def save_instance(self):
        return services.event_input_save(
            actor=self.request.user, event_input=self.form.save(commit=False)
        )


class EventInputEditView(ServiceErrorMixin, ScopedObjectMixin, generic.EditView):
    def save_instance(self):
        return services.event_input_save(
            actor=self.request.user, event_input=self.form.save(commit=False)
        )


class EventInputDeleteView(ScopedObjectMixin, generic.DeleteView):
    def delete_action(self):
        services.event_input_delete(actor=self.request.user, event_input=self.object)
