"""Public pages of events: the list and its archive, an event's page, registration, and each
registration's own page (reached through the signed link in every email; no account needed).

Every page works without JavaScript; htmx only refreshes the list's results in place. Pages that
carry a registration's token are never cached and never sent to another site as a referrer, so the
token stays private.
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samspill.core import fragments, registry
from samspill.core.errors import NotFound, SamspillError
from samspill.core.pagecache import cached_page
from samspill.core.ratelimit import allow_request
from samspill.core.service_forms import handle_service_form
from samspill.events import calendar, selectors, services
from samspill.events.forms import (
    AgendaInputForm,
    EventFilterForm,
    InvitationForm,
    RegistrationForm,
)
from samspill.events.models import (
    ACTIVE_STATUSES,
    RegistrationStatus,
)

EVENTS_PER_PAGE = 20
RESULTS_TARGET = "event-results"


# --- Lists ----------------------------------------------------------------------------------------


def _render_results(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    """The whole page, or only its results for htmx (the same URL: caches must tell them apart)."""
    if request.htmx and request.htmx.target == RESULTS_TARGET:
        template = f"{template}#results"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


def _page(request, events):
    return Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))


# The list shows the same to everyone (only the header's account part differs). "Upcoming" moves
# with the clock (an event leaves it when it ends, seats and registration states change with
# time), so a page is kept at most a minute when nothing is written. It shows events, their
# organisers, places and audiences (core) and the header's Wagtail pages and hub settings.
@cached_page(depends=("events", "core", "wagtail"), members_share=True, timeout=60)
@require_GET
def event_list(request):
    """Upcoming events (soonest first), or past ones (`?when=past`, latest first), filtered."""
    form = EventFilterForm(request.GET or None, choices=selectors.filter_choices())
    filters = form.filters()
    when = form.period()
    page = _page(request, selectors.event_list_public(when=when, **filters))
    query = request.GET.copy()
    query.pop("page", None)
    active = {key: value for key, value in filters.items() if value}
    context = {
        "form": form,
        "when": when,
        "page": page,
        "query": query.urlencode(),
        "filtered": bool(active),
        "feed_url": reverse("events:feed") + (f"?{urlencode(active)}" if active else ""),
        "upcoming_url": _list_url(active, "upcoming"),
        "past_url": _list_url(active, "past"),
        "years": selectors.archive_years(),
    }
    return _render_results(request, "events/event_list.html", context)


def _list_url(filters: dict, when: str) -> str:
    params = dict(filters)
    if when == "past":
        params["when"] = "past"
    return reverse("events:list") + (f"?{urlencode(params)}" if params else "")


@require_GET
def event_archive(request, year):
    """Past events of one year, latest first."""
    page = _page(request, selectors.event_list_public(when="past", year=year))
    if not page.paginator.count:
        raise Http404
    context = {
        "year": year,
        "page": page,
        "query": "",
        "years": selectors.archive_years(),
    }
    return _render_results(request, "events/event_archive.html", context)


# --- An event's page ------------------------------------------------------------------------------


def _registration_url(registration) -> str:
    return reverse(
        "events:registration", kwargs={"token": services.registration_token(registration)}
    )


EVENT_PARTS = ("head", "intro", "main")


def _event_parts(request, event, show_meeting_link: bool) -> dict[str, str]:
    """The parts of the event's page that show the event alone (the partials of
    events/event_detail.html): the same for everyone who may see it, the meeting link apart,
    which only confirmed participants get. Rendered once per event, language, address and
    meeting link, and kept until the event's data is written (`selectors.EVENT_PAGE_DEPENDS`)."""
    language = translation.get_language()
    site = f"{request.scheme}://{request.get_host()}"
    meeting = "meeting" if show_meeting_link else ""

    def render_parts() -> dict[str, str]:
        context = {"event": event, "request": request, "show_meeting_link": show_meeting_link}
        return {
            name: render_to_string(f"events/event_detail.html#{name}", context)
            for name in EVENT_PARTS
        }

    return fragments.kept(
        f"events:page-parts:{event.pk}:{language}:{site}:{meeting}",
        render_parts,
        selectors.EVENT_PAGE_DEPENDS,
    )


def _registration_fields(event, form) -> str:
    """The fields of a signed-in person's empty registration form: the event's questions and
    consent line, the same for everyone signed in (their name and address are not asked), so
    rendered once per event and language until the event is written."""
    return fragments.kept(
        f"events:registration-fields:{event.pk}:{translation.get_language()}",
        lambda: render_to_string("events/_registration_fields.html", {"form": form}),
        selectors.EVENT_PAGE_DEPENDS,
    )


# A visitor's page (a signed-in person sees their registration or the form with their name: not
# shared). Registration opens and closes with the clock: kept at most a minute. Besides the event
# (events) it shows organisers and audiences (core), topics (knowledge, Wagtail's pages) and the
# projects' section: programmes, surveys and ideas that came from it.
@cached_page(
    depends=("events", "core", "wagtail", "knowledge", "projects", "surveys", "ideas"),
    timeout=60,
)
@require_GET
def event_detail(request, pk, slug=None):
    event = selectors.event_for_page(pk=pk, user=request.user)
    if slug != (event.slug or "-"):
        return redirect(event.get_absolute_url(), permanent=event.is_published)
    registration = selectors.active_registration(event=event, user=request.user)
    state = event.registration_state()
    form = fields = None
    if registration is None and request.user.is_authenticated and state == "open":
        form = RegistrationForm(event=event, user=request.user)
        fields = _registration_fields(event, form)
    show_meeting_link = bool(
        registration
        and registration.status == RegistrationStatus.CONFIRMED
        and event.is_online
        and event.online_url
    )
    context = {
        "event": event,
        "parts": _event_parts(request, event, show_meeting_link),
        "state": state,
        "registration": registration,
        "registration_url": _registration_url(registration) if registration else "",
        "show_meeting_link": show_meeting_link,
        "form": form,
        "registration_fields": fields,
        "waiting": selectors.waiting_list_length(event),
        "sections": registry.event_sections(request, event),
    }
    response = render(request, "events/event_detail.html", context)
    if request.user.is_authenticated:
        # The page shows this person's registration (and maybe the meeting link).
        patch_cache_control(response, private=True)
    return response


# --- Registering ----------------------------------------------------------------------------------


def _success_message(registration) -> str:
    values = {"title": registration.event.title, "email": registration.email}
    if registration.status == RegistrationStatus.CONFIRMED:
        return (
            _(
                "You are registered for “%(title)s”. A confirmation with a calendar file is on its "
                "way to %(email)s."
            )
            % values
        )
    if registration.status == RegistrationStatus.WAITLISTED:
        return _(
            "“%(title)s” is full, so you are number %(position)s on the waiting list. If a seat "
            "becomes free, it is yours at once, and we email %(email)s."
        ) % {**values, "position": registration.waitlist_position}
    return (
        _(
            "Almost done: open the link we sent to %(email)s and confirm your registration. "
            "Until then, no seat is kept for you."
        )
        % values
    )


@require_http_methods(["GET", "HEAD", "POST"])
def register(request, pk, slug):
    """The registration form (GET), and registering (POST) through `services.registration_create`."""
    event = selectors.event_get_public(pk=pk, user=request.user)
    if request.method != "POST" and slug != (event.slug or "-"):
        return redirect("events:register", pk=event.pk, slug=event.slug or "-")
    existing = selectors.active_registration(event=event, user=request.user)
    state = event.registration_state()
    user = request.user if request.user.is_authenticated else None
    form = RegistrationForm(
        request.POST if request.method == "POST" else None, event=event, user=user
    )
    if request.method == "POST" and existing is not None:
        messages.info(request, _("You are already registered for this event."))
        return redirect(_registration_url(existing))

    def registered(data):
        registration = services.registration_create(
            event=event,
            user=user,
            name=data.get("name", ""),
            email=data.get("email", ""),
            answers=form.answers(),
            consent=bool(data.get("consent")),
            source="web",
            language=translation.get_language() or "",
        )
        messages.success(request, _success_message(registration))
        series = getattr(registration, "now_following", None)
        if series is not None:
            messages.info(
                request,
                _(
                    "You now follow the series %(series)s: you will hear of its new events. "
                    "Unfollow it on the page of what you follow."
                )
                % {"series": series.title},
            )
        return redirect(_registration_url(registration))

    def already(error):
        if isinstance(error, services.AlreadyRegistered):
            form.add_error(
                None,
                _(
                    "To see or cancel your registration, open the link in the email "
                    "you got when you registered."
                ),
            )

    def page(problem, status):
        context = {
            "event": event,
            "state": state,
            "form": form,
            "problem": problem,
            "existing": existing,
            "existing_url": _registration_url(existing) if existing else "",
            "waiting": selectors.waiting_list_length(event),
        }
        return render(request, "events/register.html", context, status=status)

    response = handle_service_form(
        request,
        form,
        registered,
        render=page,
        scope="events.register",
        too_many=_(
            "Too many registrations have come from your connection in a short time. "
            "Wait a while and try again."
        ),
        on_error=already,
    )
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    return response


# --- A registration's own page (token) ------------------------------------------------------------


def private_page(view):
    """Never cached, and the URL (which carries the registration's token) never sent to another
    site as a referrer. Not "no-referrer": browsers then send `Origin: null` with the page's own
    forms, and Django's CSRF check refuses them."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        return response

    return never_cache(wrapper)


def _registration_or_404(token: str):
    try:
        return services.registration_from_token(token)
    except NotFound as error:
        raise Http404 from error


def _render_registration(
    request,
    registration,
    token: str,
    *,
    agenda_form=None,
    invite_form=None,
    problem: str = "",
    status: int = 200,
):
    event = registration.event
    active = registration.status in ACTIVE_STATUSES
    context = {
        "registration": registration,
        "event": event,
        "token": token,
        "active": active,
        "show_meeting_link": bool(
            registration.status == RegistrationStatus.CONFIRMED
            and event.is_online
            and event.online_url
        ),
        "participating": registration.status in services.PARTICIPATING,
        "agenda_open": registration.status in services.PARTICIPATING and event.agenda_input,
        "agenda_form": agenda_form or AgendaInputForm(),
        "agenda_sent": selectors.agenda_sent(registration) if event.agenda_input else [],
        "invite_form": invite_form or InvitationForm(),
        "can_register_again": not active and event.registration_state() == "open",
        "problem": problem,
    }
    return render(request, "events/registration.html", context, status=status)


@private_page
@require_GET
def registration(request, token):
    registration = _registration_or_404(token)
    return _render_registration(request, registration, token)


@private_page
@require_http_methods(["GET", "HEAD", "POST"])
def registration_confirm(request, token):
    """A guest confirms their email address with the secret from the email (never the public
    token). Opening the link shows a button; only pressing it (a POST) confirms, so mail scanners
    that follow links confirm nothing."""
    if request.method == "POST":
        if not allow_request(request, "events.confirm"):
            problem = _(
                "You have done this too many times in a short time. Wait a while and try again."
            )
            return _render_confirm(request, token, problem=problem, status=429)
        try:
            registration = services.registration_confirm_email(token=token)
        except NotFound as error:
            raise Http404 from error
        except SamspillError as error:  # closed or full: said on the page that has the button
            messages.error(request, error.message)
            return redirect("events:registration-confirm", token=token)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(request, _("Thank you: your registration is confirmed."))
            elif registration.status == RegistrationStatus.WAITLISTED:
                messages.success(
                    request,
                    _("Thank you. The event is full, so you are on the waiting list."),
                )
        return redirect(_registration_url(registration))
    return _render_confirm(request, token)


def _render_confirm(request, token: str, *, problem: str = "", status: int = 200):
    try:
        registration = services.registration_from_confirmation_token(token)
    except NotFound as error:
        raise Http404 from error
    if registration.status != RegistrationStatus.PENDING and status == 200:
        return redirect(_registration_url(registration))
    context = {
        "registration": registration,
        "event": registration.event,
        "token": token,
        "problem": problem,
    }
    return render(request, "events/registration_confirm.html", context, status=status)


@private_page
@require_POST
def registration_cancel(request, token):
    registration = _registration_or_404(token)
    actor = request.user if request.user.is_authenticated else None
    if registration.status in ACTIVE_STATUSES:
        try:
            services.registration_cancel(registration=registration, actor=actor)
        except SamspillError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your registration is cancelled."))
    return redirect("events:registration", token=token)


@private_page
@require_POST
def registration_agenda_input(request, token):
    registration = _registration_or_404(token)
    form = AgendaInputForm(request.POST)

    def sent(data):
        services.agenda_input_create(registration=registration, text=data["text"])
        messages.success(request, _("Thank you for your input. The organisers will see it."))
        return redirect("events:registration", token=token)

    def page(problem, status):
        return _render_registration(
            request, registration, token, agenda_form=form, problem=problem, status=status
        )

    return handle_service_form(
        request, form, sent, render=page, scope="events.agenda", refused_status=200
    )


@private_page
@require_POST
def registration_invite(request, token):
    registration = _registration_or_404(token)
    form = InvitationForm(request.POST)

    def invited(data):
        services.invitation_send(
            registration=registration, email=data["email"], message=data["message"]
        )
        messages.success(request, _("The invitation is sent."))
        return redirect("events:registration", token=token)

    def page(problem, status):
        return _render_registration(
            request, registration, token, invite_form=form, problem=problem, status=status
        )

    return handle_service_form(
        request, form, invited, render=page, scope="events.invite", refused_status=200
    )


# --- Calendar files -------------------------------------------------------------------------------


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def event_ics(request, pk):
    """The public calendar file of one event (never the meeting link)."""
    event = selectors.event_get_public(pk=pk, user=request.user)
    return _ics_response(calendar.event_calendar(event), f"{event.slug or event.pk}.ics")


@require_GET
@never_cache
def registration_ics(request, token):
    """A participant's own calendar file: with the meeting link once they have a seat (also when
    the event has since been unpublished: it is theirs)."""
    try:
        registration = services.registration_from_token(token)
    except NotFound as error:
        raise Http404 from error
    event = selectors.event_for_calendar(pk=registration.event_id)
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    response = _ics_response(
        calendar.event_calendar(event, meeting_link=confirmed), f"{event.slug or event.pk}.ics"
    )
    response["Referrer-Policy"] = "same-origin"
    return response


@require_GET
def feed_ics(request):
    """Upcoming events as a subscribable calendar, with the list's filters (?kind=webinar …)."""
    filters = {key: request.GET.get(key) or None for key in selectors.FILTER_KEYS}
    events = selectors.event_list_public(when="upcoming", **filters).prefetch_related("sessions")
    return _ics_response(
        calendar.feed_calendar(events[:500], name=_("Events")), "samspill-events.ics"
    )


# --- Blocks on other pages (registered in `EventsConfig.ready`) ----------------------------------

ORGANISATION_EVENTS = 5


def home_section(request):
    """On the home page: the next events."""
    events = selectors.next_events(3)
    if not events:
        return None
    return {"events": events}


def home_section_valid_until(context):
    """The home page's section changes with time when the first of its events ends."""
    return min(event.ends_at for event in context["events"])


def organisation_section(request, organisation):
    """On an organisation's page: the next events it organises."""
    events = list(selectors.event_list_public(organiser=organisation.slug)[:ORGANISATION_EVENTS])
    if not events:
        return None
    return {"events": events}


def profile_section(request):
    """On the signed-in person's profile: their registrations, each with its own page's token."""
    registrations = selectors.registrations_of(user=request.user)
    return {
        "registrations": [
            {"registration": r, "token": services.registration_token(r)} for r in registrations
        ]
    }
