"""The organisers' screens of one event in the Wagtail admin: participants (with check-in and
cancelling), exports, messages to the participants, and the agenda input.

Each screen belongs to the event viewset (`admin.viewsets.EventViewSet.get_urlpatterns`), so its
URL names are `event_admin:<name>`. Only people who run the event (`permissions.can_manage_event`)
get in; for everyone else the event does not exist (404). Reads come from `events.selectors`, every
change goes through `events.services`. The pages work without
JavaScript: each action is a small POST form with its own button, and lists are paginated.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from samspill.core.admin.views import admin_url_for
from samspill.core.errors import SamspillError
from samspill.core.redirects import local_url
from samspill.core.spreadsheets import csv_response, xlsx_response
from samspill.events import exports, permissions, selectors, services
from samspill.events.admin.forms import AgendaInputStatusForm, MessageForm
from samspill.events.models import (
    AgendaInput,
    AgendaInputStatus,
    Event,
    Registration,
    RegistrationStatus,
)

URL_NAMESPACE = "event_admin"
PARTICIPANTS_PER_PAGE = 100
AGENDA_PER_PAGE = 50
MESSAGES_PER_PAGE = 20


admin_url = admin_url_for(URL_NAMESPACE)


def managed_event_or_404(user, pk) -> Event:
    """The event with its counts, if the user runs it; otherwise it does not exist for them."""
    event = selectors.event_with_counts(pk=pk)
    if event is None or not permissions.can_manage_event(user, event):
        raise Http404
    return event


def event_screens(event: Event, current: str = "") -> list[dict]:
    """The links between an event's admin screens (a sub-navigation on each of them)."""
    screens = [
        ("edit", gettext_lazy("Edit event"), admin_url("edit", event.pk)),
        ("participants", gettext_lazy("Participants"), admin_url("participants", event.pk)),
        ("messages", gettext_lazy("Message the participants"), admin_url("messages", event.pk)),
        ("agenda", gettext_lazy("Agenda input"), admin_url("agenda", event.pk)),
        ("history", gettext_lazy("History"), admin_url("history", event.pk)),
    ]
    return [
        {"name": name, "label": label, "url": url, "current": name == current}
        for name, label, url in screens
    ]


def _page_number(request, name: str = "p"):
    return request.GET.get(name) or request.POST.get(name)


class EventScreenMixin(WagtailAdminTemplateMixin):
    """Loads the event (404 unless the user runs it) and frames the screen: breadcrumbs, title
    and the links to the event's other screens."""

    screen = ""
    header_icon = "calendar-alt"

    def dispatch(self, request, *args, **kwargs):
        self.event = managed_event_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": admin_url("index"), "label": capfirst(Event._meta.verbose_name_plural)},
            {"url": admin_url("edit", self.event.pk), "label": self.event.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["event"] = self.event
        context["event_screens"] = event_screens(self.event, self.screen)
        return context

    def back_url(self, default: str, fragment: str = "") -> str:
        """Where a POST form returns to: its `next` field when it is a local address."""
        return local_url(self.request, self.request.POST.get("next"), default, fragment)


# --- Participants ---------------------------------------------------------------------------------


class ParticipantsView(EventScreenMixin, TemplateView):
    template_name = "events/admin/participants.html"
    page_title = gettext_lazy("Participants")
    screen = "participants"

    @cached_property
    def search_query(self) -> str:
        return (self.request.GET.get("q") or "").strip()[:100]

    @cached_property
    def status_filter(self) -> str:
        status = self.request.GET.get("status") or ""
        return status if status in RegistrationStatus.values else ""

    def get_registrations(self):
        return selectors.participants_ordered(
            self.event, search=self.search_query, status=self.status_filter
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event = self.event
        counts = selectors.registration_counts(event)
        confirmed = counts.get(RegistrationStatus.CONFIRMED, 0)
        questions = list(event.questions.all())
        page = Paginator(self.get_registrations(), PARTICIPANTS_PER_PAGE).get_page(
            _page_number(self.request)
        )
        registrations = list(page.object_list)
        positions = {}
        if any(r.status == RegistrationStatus.WAITLISTED for r in registrations):
            positions = selectors.waiting_list_positions(event)
        context.update(
            {
                "counts": {
                    "confirmed": confirmed,
                    "waitlisted": counts.get(RegistrationStatus.WAITLISTED, 0),
                    "pending": counts.get(RegistrationStatus.PENDING, 0),
                    "cancelled": counts.get(RegistrationStatus.CANCELLED, 0),
                    "checked_in": counts.get("checked_in", 0),
                    "capacity": event.capacity,
                    "seats_left": event.seats_left_from(confirmed),
                },
                "questions": questions,
                "page": page,
                "rows": [
                    {
                        "registration": r,
                        "answers": [exports.answer_display(q, r.answers) for q in questions],
                        "position": positions.get(r.pk),
                        "is_active": r.status
                        in (
                            RegistrationStatus.PENDING,
                            RegistrationStatus.CONFIRMED,
                            RegistrationStatus.WAITLISTED,
                        ),
                    }
                    for r in registrations
                ],
                "search_query": self.search_query,
                "status_filter": self.status_filter,
                "status_choices": RegistrationStatus.choices,
                "page_query": self._query_without_page(),
                "current_url": self.request.get_full_path(),
            }
        )
        return context

    def _query_without_page(self) -> str:
        query = self.request.GET.copy()
        query.pop("p", None)
        return query.urlencode()


class RegistrationActionMixin(EventScreenMixin):
    """A POST about one registration of the event."""

    def get_registration(self) -> Registration:
        registration = selectors.registration_of_event(
            event=self.event, pk=self.kwargs["registration_pk"]
        )
        if registration is None:
            raise Http404
        return registration

    def participants_url(self, registration=None) -> str:
        return self.back_url(
            admin_url("participants", self.event.pk),
            fragment=f"registration-{registration.pk}" if registration else "",
        )


class CheckInView(RegistrationActionMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        registration = self.get_registration()
        attended = request.POST.get("attended") == "1"
        try:
            services.registration_check_in(
                actor=request.user, registration=registration, attended=attended
            )
        except SamspillError as error:
            messages.error(request, str(error.message))
        else:
            text = (
                _("%(name)s is checked in.") if attended else _("Check-in of %(name)s is undone.")
            )
            messages.success(request, text % {"name": registration.name})
        return redirect(self.participants_url(registration))


class CancelRegistrationView(RegistrationActionMixin, TemplateView):
    """GET asks for confirmation; POST cancels (the first person waiting gets the seat)."""

    template_name = "events/admin/cancel_registration.html"
    page_title = gettext_lazy("Cancel registration")
    screen = "participants"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["registration"] = self.get_registration()
        context["next"] = local_url(
            self.request, self.request.GET.get("next"), admin_url("participants", self.event.pk)
        )
        return context

    def post(self, request, *args, **kwargs):
        registration = self.get_registration()
        if registration.status == RegistrationStatus.CANCELLED:
            messages.warning(request, _("This registration was already cancelled."))
            return redirect(self.participants_url(registration))
        try:
            promoted = services.registration_cancel(registration=registration, actor=request.user)
        except SamspillError as error:
            messages.error(request, str(error.message))
            return redirect(self.participants_url(registration))
        text = _("The registration of %(name)s is cancelled.") % {"name": registration.name}
        if promoted:
            text += " " + ngettext(
                "%(names)s got the seat from the waiting list.",
                "%(names)s got seats from the waiting list.",
                len(promoted),
            ) % {"names": ", ".join(p.name for p in promoted)}
        messages.success(request, text)
        return redirect(self.participants_url(registration))


# --- Exports --------------------------------------------------------------------------------------


class ExportCsvView(EventScreenMixin, View):
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        services.participants_exported(actor=request.user, event=self.event, file_format="csv")
        header, rows = exports.registration_table(self.event)
        filename = exports.export_filename(self.event, "csv")
        return csv_response(filename, header, rows, stream=True)


class ExportXlsxView(EventScreenMixin, View):
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        services.participants_exported(actor=request.user, event=self.event, file_format="xlsx")
        header, rows = exports.registration_table(self.event)
        filename = exports.export_filename(self.event, "xlsx")
        return xlsx_response(filename, [(_("Participants"), header, rows)])


# --- Messages -------------------------------------------------------------------------------------


class MessageView(EventScreenMixin, FormView):
    template_name = "events/admin/messages.html"
    page_title = gettext_lazy("Message the participants")
    screen = "messages"
    form_class = MessageForm

    def form_valid(self, form):
        try:
            message = services.event_message_send(
                actor=self.request.user,
                event=self.event,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                to_waitlist=form.cleaned_data["to_waitlist"],
            )
        except SamspillError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "The message is sent to %(count)d person.",
                "The message is sent to %(count)d people.",
                message.recipient_count,
            )
            % {"count": message.recipient_count},
        )
        return redirect(admin_url("messages", self.event.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sent = selectors.event_messages_sent(self.event)
        context["sent"] = Paginator(sent, MESSAGES_PER_PAGE).get_page(_page_number(self.request))
        context["confirmed_count"] = self.event.confirmed_count
        context["waitlist_count"] = self.event.waitlist_count
        return context


# --- Agenda input ---------------------------------------------------------------------------------


def _agenda_form(item: AgendaInput, data=None) -> AgendaInputStatusForm:
    return AgendaInputStatusForm(
        data,
        initial={"status": item.status, "note": item.organiser_note},
        auto_id=f"id_agenda{item.pk}_%s",
    )


class AgendaView(EventScreenMixin, TemplateView):
    template_name = "events/admin/agenda.html"
    page_title = gettext_lazy("Agenda input")
    screen = "agenda"

    @cached_property
    def status_filter(self) -> str:
        status = self.request.GET.get("status") or ""
        return status if status in AgendaInputStatus.values else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = selectors.agenda_inputs(self.event, status=self.status_filter)
        page = Paginator(items, AGENDA_PER_PAGE).get_page(_page_number(self.request))
        context.update(
            {
                "page": page,
                "rows": [{"item": item, "form": _agenda_form(item)} for item in page.object_list],
                "status_filter": self.status_filter,
                "status_choices": AgendaInputStatus.choices,
                "current_url": self.request.get_full_path(),
            }
        )
        return context


class AgendaStatusView(EventScreenMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = selectors.agenda_input_of_event(event=self.event, pk=kwargs["item_pk"])
        if item is None:
            raise Http404
        form = _agenda_form(item, request.POST)
        if not form.is_valid():
            errors = "; ".join(str(e) for field in form.errors.values() for e in field)
            messages.error(request, errors)
        else:
            try:
                services.agenda_input_set_status(
                    actor=request.user,
                    item=item,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                )
            except SamspillError as error:
                messages.error(request, str(error.message))
            else:
                messages.success(
                    request,
                    _("The input from %(name)s is marked “%(status)s”.")
                    % {"name": item.registration.name, "status": item.get_status_display()},
                )
        return redirect(
            self.back_url(admin_url("agenda", self.event.pk), fragment=f"agenda-{item.pk}")
        )
