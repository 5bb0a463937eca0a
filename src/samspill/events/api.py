"""Events in the open API: the public list and page of each event, and registration.

Reads are public. A guest registers with a name and an email address (no session, no CSRF token)
and gets back a signed token: the same token as in the link of every email, with which the guest
looks at the registration or cancels it. It never confirms a guest's email address: that takes the
secret sent to the address. Someone signed in registers without a body (or with only
answers and consent) through the session, with its CSRF token. The meeting link of an online event
is never in the API: confirmed participants get it in their emails.
"""

import datetime
from typing import Literal

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.utils import check_csrf

from samspill.core import images
from samspill.core.api_schemas import ImageOut, Pagination, errors, page_url
from samspill.core.errors import CsrfFailed, NotFound, RateLimited
from samspill.core.ratelimit import allow_request
from samspill.events import selectors, services
from samspill.events.models import EventKind

router = Router(tags=["events"])


# --- Output ---------------------------------------------------------------------------------------


class EventPlaceOut(Schema):
    code: str
    name: str


class VenueOut(Schema):
    name: str
    street_address: str
    postal_code: str
    locality: str
    municipality: EventPlaceOut | None
    region: EventPlaceOut | None


class OrganiserOut(Schema):
    slug: str
    name: str


class EventOut(Schema):
    id: int
    title: str
    slug: str
    kind: str = Field(..., description="gathering, webinar, course, workshop or network_meeting")
    status: str = Field(..., description="scheduled, postponed or cancelled")
    summary: str
    starts_at: datetime.datetime = Field(..., description="In UTC")
    ends_at: datetime.datetime = Field(..., description="In UTC")
    time_zone: str = Field(..., description="The zone the event's times are shown in")
    attendance_mode: str = Field(..., description="onsite, online or mixed")
    venue: VenueOut | None = Field(..., description="The place, for events on site")
    online: bool = Field(..., description="Whether people take part online (the link is sent)")
    organisers: list[OrganiserOut]
    audiences: list[str] = Field(..., description="Audience slugs, see /audiences")
    language: str
    registration_required: bool
    capacity: int | None = Field(..., description="Seats; null for no limit")
    seats_left: int | None = Field(..., description="Free seats; null for no limit")
    waiting_list_length: int
    registration_open: bool
    image: ImageOut | None = Field(..., description="The event's picture")
    url: str = Field(..., description="The event's public page")

    @staticmethod
    def resolve_image(event, context) -> dict | None:
        return images.api_image(
            event.image, "picture", alt=images.alt_text(event.image), request=context["request"]
        )

    ics_url: str = Field(..., description="The event as a calendar file")

    @staticmethod
    def resolve_venue(event) -> dict | None:
        if not event.is_onsite:
            return None
        municipality = event.municipality
        region = municipality.region if municipality else None
        return {
            "name": event.venue_name,
            "street_address": event.street_address,
            "postal_code": event.postal_code,
            "locality": event.locality,
            "municipality": (
                {"code": municipality.code, "name": municipality.name} if municipality else None
            ),
            "region": {"code": region.code, "name": region.name} if region else None,
        }

    @staticmethod
    def resolve_online(event) -> bool:
        return event.is_online

    @staticmethod
    def resolve_organisers(event) -> list[dict]:
        return [{"slug": o.slug, "name": o.name} for o in event.organisers.all()]

    @staticmethod
    def resolve_audiences(event) -> list[str]:
        return [a.slug for a in event.audiences.all()]

    @staticmethod
    def resolve_seats_left(event) -> int | None:
        return event.seats_left_from(event.confirmed_count)

    @staticmethod
    def resolve_waiting_list_length(event) -> int:
        return selectors.waiting_list_length(event)

    @staticmethod
    def resolve_url(event, context) -> str:
        return page_url(context["request"], event.get_absolute_url)

    @staticmethod
    def resolve_ics_url(event, context) -> str:
        return page_url(context["request"], event.get_ics_url)


class SessionOut(Schema):
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class EventQuestionOut(Schema):
    id: int = Field(..., description="Key the answer by this id in `answers`")
    label: str
    kind: str = Field(..., description="text, choice or yes_no")
    choices: list[str] = Field(..., description="The options of a choice")
    required: bool
    help_text: str

    @staticmethod
    def resolve_choices(question) -> list[str]:
        return question.choice_list


class EventDetailOut(EventOut):
    description: str = Field(..., description="Sanitised HTML")
    sessions: list[SessionOut]
    questions: list[EventQuestionOut]
    consent_text: str = Field(..., description="When set, registering needs `consent: true`")
    guests_must_confirm: bool = Field(
        ..., description="Guests get a seat only after confirming their email address"
    )
    registration_opens_at: datetime.datetime | None
    registration_closes_at: datetime.datetime = Field(
        ..., description="When registration closes (the start of the event when not set)"
    )
    registration_state: str = Field(
        ..., description="open, not_yet, closed, cancelled or not_required"
    )

    @staticmethod
    def resolve_sessions(event) -> list:
        return list(event.sessions.all())

    @staticmethod
    def resolve_questions(event) -> list:
        return list(event.questions.all())

    @staticmethod
    def resolve_registration_closes_at(event):
        return event.effective_closes_at

    @staticmethod
    def resolve_registration_state(event) -> str:
        return event.registration_state()


class RegistrationCreatedOut(Schema):
    id: int
    status: Literal["confirmed", "waitlisted", "pending"] = Field(
        ...,
        description="confirmed: a seat; waitlisted: on the waiting list; pending: the guest must "
        "confirm the email address first (a link is sent)",
    )
    token: str = Field(
        ...,
        description="Keep it: it shows and cancels the registration (as the email's link). It "
        "does not confirm a pending registration: only the link in the email does.",
    )


class RegistrationOut(Schema):
    id: int
    event_id: int
    status: str = Field(..., description="pending, confirmed, waitlisted or cancelled")
    waiting_list_position: int | None = Field(..., description="1 is next in line")


# --- Input ----------------------------------------------------------------------------------------


class EventFilters(Schema):
    kind: EventKind | None = None
    audience: str | None = Field(None, description="Audience slug, see /audiences")
    mode: Literal["online", "onsite"] | None = Field(
        None, description="online: online or both; onsite: on site or both"
    )
    region: str | None = Field(None, description="Official region code, see /regions")
    organiser: str | None = Field(None, description="Slug of an organising organisation")
    upcoming: bool | None = Field(
        None,
        description="true: events not yet over, soonest first; false: past events, latest first; "
        "absent: all, by start",
    )
    year: int | None = Field(None, ge=1900, le=2999, description="Events starting in this year")


AnswerValue = str | bool | int | float | None


class RegistrationIn(Schema):
    name: str = Field("", max_length=300, description="Guests only")
    email: str = Field("", max_length=320, description="Guests only")
    answers: dict[str, AnswerValue] = Field(
        default_factory=dict, description="{question id: answer}; see the event's questions"
    )
    consent: bool = Field(False, description="Ticks the event's consent line")
    language: Literal["nb", "da", "en"] | None = Field(
        None, description="Language of the emails (else that of Accept-Language)"
    )


# --- Endpoints ------------------------------------------------------------------------------------


def _published_event(event_id: int):
    return selectors.event_get_public(pk=event_id, user=None)


@router.get(
    "/events",
    response={200: list[EventOut], **errors(422)},
    summary="List events",
    description="Published events, with their free seats and waiting list, paginated "
    "(`limit`, `offset`). The filters combine.",
)
@paginate(Pagination)
def event_list(request, filters: Query[EventFilters]):
    when = {None: "all", True: "upcoming", False: "past"}[filters.upcoming]
    return selectors.event_list_public(
        when=when,
        kind=filters.kind,
        audience=filters.audience,
        mode=filters.mode,
        region=filters.region,
        organiser=filters.organiser,
        year=filters.year,
    )


@router.get(
    "/events/{event_id}",
    response={200: EventDetailOut, **errors(404, 422)},
    summary="One event",
    description="An event with its sessions and the questions its registration asks.",
)
def event_detail(request, event_id: int):
    return _published_event(event_id)


@router.post(
    "/events/{event_id}/registrations",
    response={201: RegistrationCreatedOut, **errors(400, 403, 404, 409, 422, 429)},
    summary="Register for an event",
    description=(
        "A guest sends `name` and `email` (no session, no CSRF token needed). Someone signed in "
        "sends no body, or only `answers` and `consent`, with the session cookie and its CSRF "
        "token (header `X-CSRFToken`). Required questions must be answered, and `consent` must be "
        "true when the event has a consent line.\n\n"
        "201 with the status: `confirmed` (a seat), `waitlisted` (the event is full) or `pending` "
        "(the guest confirms the email address first). 400 for a body that is not JSON. "
        "403 `registration_closed` before "
        "registration opens or after it closes; 409 `already_registered` (the address or account "
        "is registered already) or `event_full` (no waiting list); 422 names each wrong field in "
        "`details` (`name`, `email`, `consent`, `answers.<question id>`); 429 `rate_limited`."
    ),
)
def registration_create(request, event_id: int, payload: RegistrationIn | None = None):
    event = selectors.event_for_registration(pk=event_id)
    if not allow_request(request, "events.register"):
        raise RateLimited()
    data = payload or RegistrationIn()
    user = None
    if request.user.is_authenticated and not (data.name or data.email):
        if check_csrf(request) is not None:
            raise CsrfFailed()
        user = request.user
    registration = services.registration_create(
        event=event,
        user=user,
        name=data.name,
        email=data.email,
        answers=data.answers,
        consent=data.consent,
        source="api",
        language=data.language or "",
    )
    return Status(
        201,
        {
            "id": registration.pk,
            "status": registration.status,
            "token": services.registration_token(registration),
        },
    )


def _registration(event_id: int, token: str):
    registration = services.registration_from_token(token)
    if registration.event_id != event_id:
        raise NotFound(_("This link is not valid."))
    return registration


@router.get(
    "/events/{event_id}/registrations/{token}",
    response={200: RegistrationOut, **errors(404, 422)},
    summary="A registration, by its token",
    description="The status of a registration and its place on the waiting list.",
)
def registration_detail(request, event_id: int, token: str):
    registration = _registration(event_id, token)
    return {
        "id": registration.pk,
        "event_id": registration.event_id,
        "status": registration.status,
        "waiting_list_position": registration.waitlist_position,
    }


@router.delete(
    "/events/{event_id}/registrations/{token}",
    response={204: None, **errors(404, 422)},
    summary="Cancel a registration, by its token",
    description="A freed seat goes at once to the first person on the waiting list. Cancelling "
    "twice is harmless (204 again).",
)
def registration_cancel(request, event_id: int, token: str):
    registration = _registration(event_id, token)
    services.registration_cancel(registration=registration, actor=registration.user)
    return Status(204, None)
