"""The list, create, edit and delete views of events and event series in the admin.

Lists and edit screens hold only what the user may run (others get a 404); every save and delete
goes through `events.services`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import models as generic
from wagtail.admin.widgets.button import Button, HeaderButton

from samspill.core.admin.views import ScopedObjectMixin, ServiceErrorMixin, ViewOnSiteMixin
from samspill.core.nplusone import ignore_n_plus_one
from samspill.events import selectors, services
from samspill.events.admin.screens import admin_url, event_screens

# --- Events ---------------------------------------------------------------------------------------


class EventIndexView(generic.IndexView):
    default_ordering = "-starts_at"

    def get_base_queryset(self):
        return selectors.event_list_managed(user=self.request.user)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for label, name, icon, priority in (
            (_("Participants"), "participants", "group", 11),
            (_("Message the participants"), "messages", "mail", 12),
            (_("Agenda input"), "agenda", "comment", 13),
            (_("Download participants (Excel)"), "export_xlsx", "download", 14),
        ):
            buttons.append(
                Button(
                    label,
                    url=admin_url(name, instance.pk),
                    icon_name=icon,
                    priority=priority,
                )
            )
        return buttons


# Django's inline formsets clean each existing row's hidden id with its own `queryset.get()`: one
# query per session or question on the form (a handful), which the N+1 detector takes for a loop.
INLINE_ROW_READS = [
    {"model": "events.EventSession", "field": "get()"},
    {"model": "events.RegistrationQuestion", "field": "get()"},
]


class EventFormMixin(ServiceErrorMixin):
    """Validate the form with its inline rows, and hand the event to the service."""

    def is_valid(self, form):
        with ignore_n_plus_one(INLINE_ROW_READS):
            return super().is_valid(form)

    def save_instance(self):
        return _save_event(self)

    def get_success_url(self):
        return admin_url("edit", self.object.pk)


def _save_event(view):
    """Hand the form's event (with its sessions and questions in memory) to the service."""
    form = view.form
    event = form.save(commit=False)  # questions keep the order editors gave them (sort_order)
    return services.event_save(
        actor=view.request.user,
        event=event,
        organisers=form.cleaned_data.get("organisers"),
        audiences=form.cleaned_data.get("audiences"),
        topics=form.cleaned_data.get("topics"),
    )


class EventCreateView(EventFormMixin, generic.CreateView):
    """A new event with its organisers, audiences and topics, through `services.event_save`."""


class EventEditView(EventFormMixin, ViewOnSiteMixin, ScopedObjectMixin, generic.EditView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.object
        context["event_screens"] = event_screens(self.object, "edit")
        return context

    @property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Participants"),
                url=admin_url("participants", self.object.pk),
                icon_name="group",
            )
        ]

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        for label, url, icon, priority in (
            (
                _("Message the participants"),
                admin_url("messages", self.object.pk),
                "mail",
                1,
            ),
            (_("Agenda input"), admin_url("agenda", self.object.pk), "comment", 2),
        ):
            buttons.append(Button(label, url=url, icon_name=icon, priority=priority))
        return buttons


class EventDeleteView(ScopedObjectMixin, generic.DeleteView):
    def delete_action(self):
        services.event_delete(actor=self.request.user, event=self.object)


# --- Series ---------------------------------------------------------------------------------------


class EventSeriesIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.event_series_list_managed(user=self.request.user)


class EventSeriesCreateView(ServiceErrorMixin, generic.CreateView):
    def save_instance(self):
        return services.event_series_save(
            actor=self.request.user, series=self.form.save(commit=False)
        )


class EventSeriesEditView(ServiceErrorMixin, ScopedObjectMixin, generic.EditView):
    def save_instance(self):
        return services.event_series_save(
            actor=self.request.user, series=self.form.save(commit=False)
        )


class EventSeriesDeleteView(ScopedObjectMixin, generic.DeleteView):
    def delete_action(self):
        services.event_series_delete(actor=self.request.user, series=self.object)
