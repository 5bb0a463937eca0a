"""Events in the open API: list, detail, registration and cancellation at /api/v1/events."""

import datetime

import pytest
from django.core import mail
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone

from samspill.events import services
from samspill.events.models import EventSession, Registration
from tests.core.factories import (
    AudienceFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
)
from tests.events.factories import DIET, NEWSLETTER, ROLE, in_days, make_event

pytestmark = pytest.mark.django_db

MEETING_LINK = "https://meet.example.org/hemmelig-rom"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the after-commit work (emails) of what happens inside the block."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def register_url(event_or_id) -> str:
    pk = getattr(event_or_id, "pk", event_or_id)
    return f"/api/v1/events/{pk}/registrations"


def post(client, event, body=None, **extra):
    if body is None:  # no body at all, as `fetch(url, {method: "POST"})` sends
        return client.generic("POST", register_url(event), **extra)
    return client.post(register_url(event), body, content_type="application/json", **extra)


def guest(n: int = 1, **fields) -> dict:
    return {"name": f"Gjest {n}", "email": f"gjest{n}@example.org", **fields}


def error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    return body["error"]


# --- The list -------------------------------------------------------------------------------------


def test_list_items_carry_the_public_fields_and_never_the_meeting_link(client):
    organiser = OrganisationFactory(name="Lydhuset", slug="lydhuset")
    audience = AudienceFactory(slug="arrangor")
    onsite = make_event(title="Scenekveld", slug="scenekveld", organisers=[organiser])
    onsite.audiences.set([audience])
    make_event(
        title="Webinar om skatt",
        kind="webinar",
        attendance_mode="online",
        online_url=MEETING_LINK,
        online_platform="Zoom",
        venue_name="",
        street_address="",
        starts_at=in_days(8),
        ends_at=in_days(8) + datetime.timedelta(hours=1),
    )
    response = client.get("/api/v1/events")
    assert response.status_code == 200
    assert MEETING_LINK not in response.content.decode()
    body = response.json()
    assert body["count"] == 2
    first, second = body["items"]
    assert first["id"] == onsite.pk
    assert first["title"] == "Scenekveld"
    assert first["slug"] == "scenekveld"
    assert first["kind"] == "gathering"
    assert first["status"] == "scheduled"
    assert first["summary"] == onsite.summary
    assert first["time_zone"] == "Europe/Oslo"
    assert first["attendance_mode"] == "onsite"
    assert first["online"] is False
    assert first["venue"] == {
        "name": "Kulturhuset",
        "street_address": "Storgata 1",
        "postal_code": "5003",
        "locality": "Bergen",
        "municipality": {"code": "4601", "name": "Bergen"},
        "region": {"code": "46", "name": "Vestland"},
    }
    assert first["organisers"] == [{"slug": "lydhuset", "name": "Lydhuset"}]
    assert first["audiences"] == ["arrangor"]
    assert first["language"] == "nb"
    assert first["capacity"] == 10
    assert first["seats_left"] == 10
    assert first["waiting_list_length"] == 0
    assert first["registration_open"] is True
    assert first["registration_required"] is True
    assert first["url"] == f"http://testserver/arrangementer/{onsite.pk}/scenekveld/"
    assert first["ics_url"] == f"http://testserver/events/{onsite.pk}.ics"
    starts = datetime.datetime.fromisoformat(first["starts_at"].replace("Z", "+00:00"))
    assert starts == onsite.starts_at and starts.utcoffset() == datetime.timedelta(0)
    assert second["online"] is True and second["venue"] is None
    assert second["attendance_mode"] == "online"


def test_list_shows_published_events_only(client):
    make_event(title="Synlig")
    make_event(title="Utkast", is_published=False)
    titles = [item["title"] for item in client.get("/api/v1/events").json()["items"]]
    assert titles == ["Synlig"]


def test_upcoming_true_false_and_absent(client):
    past = make_event(title="I fjor", starts_at=in_days(-30), ends_at=in_days(-30) + _2h())
    older = make_event(title="Lenge siden", starts_at=in_days(-60), ends_at=in_days(-60) + _2h())
    soon = make_event(title="Snart", starts_at=in_days(2), ends_at=in_days(2) + _2h())
    later = make_event(title="Senere", starts_at=in_days(20), ends_at=in_days(20) + _2h())

    def ids(**params):
        return [item["id"] for item in client.get("/api/v1/events", params).json()["items"]]

    assert ids(upcoming="true") == [soon.pk, later.pk]
    assert ids(upcoming="false") == [past.pk, older.pk]  # the latest first
    assert ids() == [older.pk, past.pk, soon.pk, later.pk]  # all, by start


def _2h():
    return datetime.timedelta(hours=2)


def test_each_filter(client):
    oslo = MunicipalityFactory(
        code="0301", name="Oslo", region=RegionFactory(code="03", name="Oslo")
    )
    lydhuset = OrganisationFactory(slug="lydhuset")
    students = AudienceFactory(slug="student")
    webinar = make_event(
        title="Webinar",
        kind="webinar",
        attendance_mode="online",
        venue_name="",
        street_address="",
        municipality=None,
        starts_at=in_days(3),
        ends_at=in_days(3) + _2h(),
    )
    mixed = make_event(
        title="Begge deler",
        attendance_mode="mixed",
        municipality=oslo,
        organisers=[lydhuset],
        starts_at=in_days(4),
        ends_at=in_days(4) + _2h(),
    )
    onsite = make_event(title="Fysisk", starts_at=in_days(5), ends_at=in_days(5) + _2h())
    onsite.audiences.set([students])
    next_year = in_days(400)
    distant = make_event(title="Neste år", starts_at=next_year, ends_at=next_year + _2h())

    def titles(**params):
        response = client.get("/api/v1/events", params)
        assert response.status_code == 200, response.content
        return {item["title"] for item in response.json()["items"]}

    assert titles(kind="webinar") == {"Webinar"}
    assert titles(audience="student") == {"Fysisk"}
    assert titles(mode="online") == {"Webinar", "Begge deler"}
    assert titles(mode="onsite") == {"Begge deler", "Fysisk", "Neste år"}
    assert titles(region="03") == {"Begge deler"}
    assert titles(region="46") == {"Fysisk", "Neste år"}
    assert titles(organiser="lydhuset") == {"Begge deler"}
    assert titles(year=next_year.year) == {"Neste år"} | (
        {"Webinar", "Begge deler", "Fysisk"} if onsite.starts_at.year == next_year.year else set()
    )
    assert titles(kind="webinar", mode="onsite") == set()
    assert webinar.pk and mixed.pk and distant.pk


def test_bad_filters_answer_422_in_the_common_shape(client):
    for params in (
        {"kind": "rave"},
        {"mode": "hologram"},
        {"year": "abc"},
        {"upcoming": "kanskje"},
    ):
        response = client.get("/api/v1/events", params)
        assert response.status_code == 422, params
        body = error(response)
        assert body["code"] == "invalid"
        assert body["details"][0]["field"].endswith(next(iter(params)))


def test_list_is_paginated(client):
    for day in range(1, 6):
        make_event(title=f"Dag {day}", starts_at=in_days(day), ends_at=in_days(day) + _2h())
    body = client.get("/api/v1/events", {"limit": 2, "offset": 2}).json()
    assert body["count"] == 5
    assert [item["title"] for item in body["items"]] == ["Dag 3", "Dag 4"]
    body = client.get("/api/v1/events", {"limit": 2, "offset": 4}).json()
    assert [item["title"] for item in body["items"]] == ["Dag 5"]


def _fill(event, confirmed: int, waiting: int = 0, **fields) -> None:
    for i in range(confirmed + waiting):
        services.registration_create(
            event=event, name=f"Person {i}", email=f"p{event.pk}-{i}@example.org", **fields
        )


def test_list_query_count_does_not_grow_with_the_list(client, queries):
    make_event(capacity=2, starts_at=in_days(30), ends_at=in_days(30) + _2h())
    first = queries.count(lambda: client.get("/api/v1/events"))
    audiences = AudienceFactory.create_batch(3)
    for day in range(1, 13):
        event = make_event(
            capacity=2,
            starts_at=in_days(day),
            ends_at=in_days(day) + _2h(),
            organisers=OrganisationFactory.create_batch(2),
            attendance_mode="mixed" if day % 2 else "onsite",
            municipality=MunicipalityFactory(
                code=f"{1100 + day}", name=f"Kommune {day}", region=RegionFactory(code="11")
            ),
        )
        event.audiences.set(audiences)
        _fill(event, confirmed=2, waiting=day % 3)
    many = queries.count(lambda: client.get("/api/v1/events"))
    assert many == first
    body = client.get("/api/v1/events").json()
    assert body["count"] == 13
    assert [item["seats_left"] for item in body["items"]] == [0] * 12 + [2]
    assert [item["waiting_list_length"] for item in body["items"][:4]] == [1, 2, 0, 1]


# --- One event ------------------------------------------------------------------------------------


def test_detail_has_sessions_questions_and_the_registration_facts(client):
    opens = timezone.now() - datetime.timedelta(days=1)
    event = make_event(
        kind="course",
        capacity=2,
        attendance_mode="mixed",
        online_url=MEETING_LINK,
        consent_text="Jeg godtar at navnet mitt deles med de andre deltakerne.",
        guests_must_confirm=False,
        registration_opens_at=opens,
        description="<p>Tre kvelder om <strong>kontrakter</strong>.</p>",
        questions=[DIET, ROLE, NEWSLETTER],
    )
    for n, day in enumerate((7, 8), start=1):
        EventSession.objects.create(
            event=event, title=f"Kveld {n}", starts_at=in_days(day), ends_at=in_days(day) + _2h()
        )
    diet = event.questions.get(label="Kosthold")
    _fill(event, confirmed=2, waiting=1, answers={str(diet.pk): "Vegan"}, consent=True)
    response = client.get(f"/api/v1/events/{event.pk}")
    assert response.status_code == 200
    assert MEETING_LINK not in response.content.decode()
    body = response.json()
    assert body["id"] == event.pk
    assert body["kind"] == "course"
    assert body["description"] == "<p>Tre kvelder om <strong>kontrakter</strong>.</p>"
    assert body["capacity"] == 2
    assert body["seats_left"] == 0
    assert body["waiting_list_length"] == 1
    assert body["registration_open"] is True
    assert body["registration_state"] == "open"
    assert body["consent_text"].startswith("Jeg godtar")
    assert body["guests_must_confirm"] is False
    opened = datetime.datetime.fromisoformat(body["registration_opens_at"].replace("Z", "+00:00"))
    assert abs(opened - opens) < datetime.timedelta(milliseconds=1)
    closes = datetime.datetime.fromisoformat(body["registration_closes_at"].replace("Z", "+00:00"))
    assert closes == event.starts_at  # closes at the start when no time is set
    assert [s["title"] for s in body["sessions"]] == ["Kveld 1", "Kveld 2"]
    assert set(body["sessions"][0]) == {"title", "starts_at", "ends_at"}
    questions = body["questions"]
    assert [q["label"] for q in questions] == ["Kosthold", "Rolle", "Vil du ha nyhetsbrev?"]
    assert questions[0] == {
        "id": questions[0]["id"],
        "label": "Kosthold",
        "kind": "choice",
        "choices": ["Ingen hensyn", "Vegetar", "Vegan"],
        "required": True,
        "help_text": "",
    }
    assert questions[2]["kind"] == "yes_no" and questions[2]["choices"] == []


def test_detail_runs_a_bounded_number_of_queries(client, queries):
    event = make_event(questions=[DIET, ROLE])
    few = queries.count(lambda: client.get(f"/api/v1/events/{event.pk}"))
    bigger = make_event(
        questions=[DIET, ROLE, NEWSLETTER], organisers=OrganisationFactory.create_batch(3)
    )
    bigger.audiences.set(AudienceFactory.create_batch(3))
    for day in range(3):
        EventSession.objects.create(
            event=bigger, title=f"Økt {day}", starts_at=in_days(day + 7), ends_at=in_days(day + 8)
        )
    diet = bigger.questions.get(label="Kosthold")
    _fill(bigger, confirmed=10, waiting=3, answers={str(diet.pk): "Vegan"})
    assert queries.count(lambda: client.get(f"/api/v1/events/{bigger.pk}")) == few


def test_unknown_and_unpublished_events_are_not_found(client):
    draft = make_event(is_published=False)
    for pk in (draft.pk, 999_999):
        response = client.get(f"/api/v1/events/{pk}")
        assert response.status_code == 404
        assert error(response) == {"code": "not_found", "message": "Not found.", "details": []}


def test_the_openapi_document_describes_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert "/api/v1/events" in paths
    assert paths["/api/v1/events/{event_id}/registrations"]["post"]["summary"]
    assert "delete" in paths["/api/v1/events/{event_id}/registrations/{token}"]


# --- Registering ----------------------------------------------------------------------------------


def test_a_guest_gets_a_seat_a_token_and_an_email(client, committed):
    event = make_event(capacity=3)
    with committed():
        response = post(client, event, guest(1, name="  Kari Nordmann "))
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "status", "token"}
    assert body["status"] == "confirmed"
    registration = Registration.objects.get(pk=body["id"])
    assert registration.name == "Kari Nordmann"
    assert registration.source == "api"
    assert services.registration_from_token(body["token"]) == registration
    (message,) = mail.outbox
    assert message.to == ["gjest1@example.org"]
    assert client.get(f"/api/v1/events/{event.pk}").json()["seats_left"] == 2


def test_the_waiting_list_takes_over_when_the_seats_are_gone(client):
    event = make_event(capacity=1)
    assert post(client, event, guest(1)).json()["status"] == "confirmed"
    second = post(client, event, guest(2))
    third = post(client, event, guest(3))
    assert second.status_code == third.status_code == 201
    assert second.json()["status"] == third.json()["status"] == "waitlisted"
    body = client.get(f"/api/v1/events/{event.pk}").json()
    assert body["seats_left"] == 0 and body["waiting_list_length"] == 2
    token = third.json()["token"]
    position = client.get(f"{register_url(event)}/{token}").json()
    assert position == {
        "id": third.json()["id"],
        "event_id": event.pk,
        "status": "waitlisted",
        "waiting_list_position": 2,
    }


def test_full_without_a_waiting_list_is_409(client):
    event = make_event(capacity=1, waiting_list=False)
    assert post(client, event, guest(1)).status_code == 201
    response = post(client, event, guest(2))
    assert response.status_code == 409
    assert error(response)["code"] == "event_full"


def test_guests_must_confirm_their_address_first(client, committed):
    event = make_event(capacity=5, guests_must_confirm=True)
    with committed():
        response = post(client, event, guest(1))
    assert response.status_code == 201
    assert response.json()["status"] == "pending"
    assert len(mail.outbox) == 1
    assert client.get(f"/api/v1/events/{event.pk}").json()["seats_left"] == 5


def test_nothing_the_api_returns_confirms_a_guest_or_shows_the_meeting_link(client, committed):
    event = make_event(
        capacity=5,
        guests_must_confirm=True,
        attendance_mode="online",
        venue_name="",
        online_url=MEETING_LINK,
    )
    with committed():
        response = post(client, event, guest(1))
    body = response.json()
    assert set(body) == {"id", "status", "token"} and body["status"] == "pending"
    registration = Registration.objects.get(pk=body["id"])
    secret = services.registration_confirmation_token(registration)
    assert secret in mail.outbox[0].body
    assert secret not in response.content.decode() and MEETING_LINK not in mail.outbox[0].body
    # The returned token does not open the confirmation, and its calendar file has no link.
    assert client.post(f"/arrangementer/bekreft/{body['token']}/").status_code == 404
    assert client.post(f"/arrangementer/pamelding/{body['token']}/bekreft/").status_code == 404
    ics = client.get(f"/arrangementer/pamelding/{body['token']}/kalender.ics")
    assert ics.status_code == 200 and MEETING_LINK not in ics.content.decode()
    status = client.get(f"{register_url(event)}/{body['token']}").json()
    assert status["status"] == "pending" and MEETING_LINK not in str(status)
    registration.refresh_from_db()
    assert registration.status == "pending"


def test_the_same_address_twice_in_another_case_is_409(client):
    event = make_event()
    assert post(client, event, guest(1, email="Kari@Example.org")).status_code == 201
    response = post(client, event, guest(2, email="kari@example.ORG"))
    assert response.status_code == 409
    assert error(response)["code"] == "already_registered"
    assert event.registrations.count() == 1


def test_bad_input_is_422_naming_each_field(client):
    event = make_event(questions=[DIET, ROLE, NEWSLETTER])
    diet, _role, newsletter = event.questions.order_by("sort_order")
    response = post(client, event, {"name": " ", "email": "ikke-en-adresse"})
    assert response.status_code == 422
    body = error(response)
    assert body["code"] == "invalid"
    assert {d["field"] for d in body["details"]} == {"name", "email"}
    assert all(d["message"] for d in body["details"])

    response = post(
        client,
        event,
        guest(1, answers={str(diet.pk): "Kjøtt", str(newsletter.pk): "kanskje", "999999": "x"}),
    )
    assert response.status_code == 422
    fields = {d["field"] for d in error(response)["details"]}
    assert fields == {f"answers.{diet.pk}", f"answers.{newsletter.pk}", "answers.999999"}

    response = post(client, event, guest(1, answers={}))
    assert response.status_code == 422
    assert [d["field"] for d in error(response)["details"]] == [f"answers.{diet.pk}"]

    response = post(client, event, {"name": "Kari", "email": "kari@example.org", "answers": []})
    assert response.status_code == 422
    assert error(response)["details"][0]["field"].endswith("answers")
    assert not event.registrations.exists()

    response = post(
        client, event, guest(1, answers={str(diet.pk): "Vegan", str(newsletter.pk): True})
    )
    assert response.status_code == 201
    registration = Registration.objects.get(pk=response.json()["id"])
    assert registration.answers == {str(diet.pk): "Vegan", str(newsletter.pk): "yes"}


def test_an_empty_body_from_a_guest_names_name_and_email(client):
    event = make_event()
    for response in (post(client, event), post(client, event, {})):
        assert response.status_code == 422
        assert {d["field"] for d in error(response)["details"]} == {"name", "email"}


def test_the_consent_line_must_be_ticked(client):
    event = make_event(consent_text="Jeg godtar at navnet mitt deles.")
    response = post(client, event, guest(1))
    assert response.status_code == 422
    assert [d["field"] for d in error(response)["details"]] == ["consent"]
    response = post(client, event, guest(1, consent=True))
    assert response.status_code == 201
    assert Registration.objects.get(pk=response.json()["id"]).consented_at is not None


def test_registration_closed_or_not_yet_open_is_403(client):
    closed = make_event(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    not_yet = make_event(registration_opens_at=timezone.now() + datetime.timedelta(days=1))
    for event, message in ((closed, "closed"), (not_yet, "not opened yet")):
        response = post(client, event, guest(1))
        assert response.status_code == 403
        body = error(response)
        assert body["code"] == "registration_closed"
        assert message in body["message"]
    assert client.get(f"/api/v1/events/{not_yet.pk}").json()["registration_state"] == "not_yet"
    assert client.get(f"/api/v1/events/{closed.pk}").json()["registration_open"] is False


def test_unknown_or_unpublished_event_is_404(client):
    draft = make_event(is_published=False)
    for pk in (draft.pk, 999_999):
        response = post(client, pk, guest(1))
        assert response.status_code == 404
        assert error(response)["code"] == "not_found"
    assert not Registration.objects.exists()


def test_registrations_are_rate_limited(client, settings):
    settings.SAMSPILL_RATE_LIMITS = "events.register=2/h"
    event = make_event()
    assert post(client, event, guest(1)).status_code == 201
    assert post(client, event, guest(2)).status_code == 201
    response = post(client, event, guest(3))
    assert response.status_code == 429
    assert error(response)["code"] == "rate_limited"
    assert event.registrations.count() == 2


def test_rate_limits_off_lifts_the_limit(client, settings):
    settings.SAMSPILL_RATE_LIMITS = "off"
    event = make_event(capacity=None)
    for n in range(25):  # more than the default 20/h
        assert post(client, event, guest(n)).status_code == 201


# --- Signed in, with the session -------------------------------------------------------------------


def csrf_client(user) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    token = _get_new_csrf_string()
    client.cookies["csrftoken"] = token
    return client, token


def test_a_signed_in_person_registers_without_a_body(user):
    event = make_event(capacity=2)
    client, token = csrf_client(user)
    refused = post(client, event)
    assert refused.status_code == 403
    assert error(refused)["code"] == "csrf_failed"
    assert not event.registrations.exists()

    response = post(client, event, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"
    registration = Registration.objects.get(pk=response.json()["id"])
    assert registration.user == user
    assert registration.email == user.email.lower()

    again = post(client, event, HTTP_X_CSRFTOKEN=token)
    assert again.status_code == 409
    assert error(again)["code"] == "already_registered"


def test_a_signed_in_person_sends_answers_and_consent(user):
    event = make_event(questions=[DIET], consent_text="Jeg godtar.")
    (diet,) = event.questions.all()
    client, token = csrf_client(user)
    response = post(
        client,
        event,
        {"answers": {str(diet.pk): "Vegetar"}, "consent": True},
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201
    registration = Registration.objects.get(pk=response.json()["id"])
    assert registration.user == user and registration.answers == {str(diet.pk): "Vegetar"}


# --- Cancelling -----------------------------------------------------------------------------------


def test_cancelling_gives_the_seat_to_the_first_person_waiting(client, committed):
    event = make_event(capacity=1)
    seated, first_waiting, second_waiting = (
        post(client, event, guest(n)).json() for n in (1, 2, 3)
    )
    assert [seated["status"], first_waiting["status"]] == ["confirmed", "waitlisted"]
    with committed():
        response = client.delete(f"{register_url(event)}/{seated['token']}")
    assert response.status_code == 204
    assert response.content == b""
    statuses = dict(event.registrations.values_list("pk", "status"))
    assert statuses == {
        seated["id"]: "cancelled",
        first_waiting["id"]: "confirmed",
        second_waiting["id"]: "waitlisted",
    }
    assert {m.to[0] for m in mail.outbox} == {"gjest1@example.org", "gjest2@example.org"}
    detail = client.get(f"/api/v1/events/{event.pk}").json()
    assert detail["seats_left"] == 0 and detail["waiting_list_length"] == 1
    position = client.get(f"{register_url(event)}/{second_waiting['token']}").json()
    assert position["waiting_list_position"] == 1
    # Cancelling again changes nothing and is not an error.
    assert client.delete(f"{register_url(event)}/{seated['token']}").status_code == 204
    assert dict(event.registrations.values_list("pk", "status")) == statuses


def test_a_forged_or_foreign_token_is_404(client):
    event = make_event()
    other = make_event()
    body = post(client, event, guest(1)).json()
    key = body["token"].split(":")[0]
    for url in (
        f"{register_url(event)}/{key}:forged-signature",
        f"{register_url(event)}/ikke-et-token",
        f"{register_url(other)}/{body['token']}",
    ):
        response = client.delete(url)
        assert response.status_code == 404, url
        assert error(response)["code"] == "not_found"
        assert client.get(url).status_code == 404
    assert Registration.objects.get(pk=body["id"]).status == "confirmed"


def test_a_null_character_in_a_name_or_answer_is_refused_with_422_not_stored(client, settings):
    """Found by the hostile-input check: PostgreSQL cannot store NUL, so the API answered 500."""
    settings.SAMSPILL_RATE_LIMITS = "off"
    event = make_event(questions=[DIET, ROLE])
    diet, role = event.questions.order_by("sort_order")
    answers = {str(diet.pk): "Vegetar", str(role.pk): "rolle\x00"}
    response = post(client, event, guest(answers=answers))
    assert response.status_code == 422
    assert {d["field"] for d in error(response)["details"]} == {f"answers.{role.pk}"}
    response = post(client, event, guest(name="Gjest\x00", answers={str(diet.pk): "Vegetar"}))
    assert response.status_code == 422
    assert not Registration.objects.exists()
