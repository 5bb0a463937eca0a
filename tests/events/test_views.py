"""The public pages of events: list, archive, event page, registration and a registration's page."""

import datetime
import json
import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from samspill.core import fragments
from samspill.events import services
from samspill.events.models import (
    AgendaInput,
    EventSession,
    Invitation,
    Registration,
    RegistrationStatus,
)
from tests.core.factories import (
    AudienceFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)
from tests.events.factories import DIET, NEWSLETTER, ROLE, EventFactory, in_days, make_event

pytestmark = pytest.mark.django_db

LIST = "/arrangementer/"
MEETING = "https://meet.example.org/samspill-123"


@pytest.fixture(autouse=True)
def _site(home_page):
    """Every page needs the Wagtail site (header, footer, settings). A request to an English page
    leaves English active in this thread: each test starts in the default language."""
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


def en(path: str) -> str:
    """The English page at `path` (which may already carry the prefix)."""
    return "/en" + path.removeprefix("/en")


def text(response) -> str:
    return response.content.decode()


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def registration_path(body: str) -> str:
    """The registration's own page, from the link in an email."""
    match = re.search(r"https?://\S+/arrangementer/pamelding/[^/\s]+/", body)
    assert match, body
    return urlparse(match.group(0)).path


def guest_data(**extra) -> dict:
    return {"name": "Kari Nordmann", "email": "kari@example.org", **extra}


def register_guest(client, django_capture_on_commit_callbacks, event, **data):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("events:register", args=[event.pk, event.slug]), data)


# --- The list ------------------------------------------------------------------------------------


def test_list_shows_upcoming_published_events_soonest_first(client):
    later = EventFactory(title="Seinere møte", starts_at=in_days(20))
    sooner = EventFactory(title="Snart møte", starts_at=in_days(3))
    EventFactory(title="Kladd", is_published=False)
    EventFactory(
        title="Ferdig møte",
        starts_at=in_days(-10),
        ends_at=in_days(-10) + datetime.timedelta(hours=2),
    )
    response = client.get(LIST)
    assert response.status_code == 200
    html = text(response)
    assert html.index(sooner.title) < html.index(later.title)
    assert "Kladd" not in html and "Ferdig møte" not in html
    assert html.count("<h1") == 1
    assert sooner.get_absolute_url() in html


def test_list_card_shows_time_place_organisers_and_seats(client):
    organiser = OrganisationFactory(name="Vestnorsk Jazzsenter")
    event = make_event(title="Jazzkveld", organisers=[organiser], capacity=3)
    services.registration_create(event=event, name="A", email="a@example.org")
    html = text(client.get(LIST))
    start = event.local_start
    assert f"{start:%H}:00" in html
    assert "Kulturhuset" in html and "Vestnorsk Jazzsenter" in html
    assert "2 plasser igjen" in html or "2 seats left" in html


def test_list_card_shows_full_waiting_list_and_status_badges(client):
    full = make_event(title="Fullt møte", capacity=1)
    services.registration_create(event=full, name="A", email="a@example.org")
    make_event(title="Avlyst møte", status="cancelled")
    make_event(title="Utsatt møte", status="postponed")
    html = text(client.get("/en/arrangementer/"))
    assert "Full – waiting list" in html
    assert "Cancelled" in html and "Postponed" in html


def test_list_filters_by_kind(client):
    make_event(title="Webinaret", kind="webinar", attendance_mode="online", venue_name="")
    make_event(title="Kurset", kind="course")
    html = text(client.get(LIST, {"kind": "webinar"}))
    assert "Webinaret" in html and "Kurset" not in html


def test_list_filters_by_audience(client):
    students = AudienceFactory(slug="studenter")
    event = make_event(title="For studenter")
    event.audiences.add(students)
    make_event(title="For alle")
    html = text(client.get(LIST, {"audience": "studenter"}))
    assert "For studenter" in html and "For alle" not in html


def test_list_filters_by_mode(client):
    make_event(title="Nettmøtet", attendance_mode="online", venue_name="", online_url=MEETING)
    make_event(title="Begge deler", attendance_mode="mixed", online_url=MEETING)
    make_event(title="Fysisk møte", attendance_mode="onsite")
    online = text(client.get(LIST, {"mode": "online"}))
    assert "Nettmøtet" in online and "Begge deler" in online and "Fysisk møte" not in online
    onsite = text(client.get(LIST, {"mode": "onsite"}))
    assert "Fysisk møte" in onsite and "Begge deler" in onsite and "Nettmøtet" not in onsite


def test_list_filters_by_region(client):
    oslo = MunicipalityFactory(
        code="0301", name="Oslo", region=RegionFactory(code="03", name="Oslo")
    )
    make_event(title="I Oslo", municipality=oslo, locality="Oslo")
    make_event(title="I Bergen")
    html = text(client.get(LIST, {"region": "03"}))
    assert "I Oslo" in html and "I Bergen" not in html


def test_list_filters_by_organiser(client):
    make_event(title="Lydhusets møte", organisers=[OrganisationFactory(slug="lydhuset")])
    make_event(title="Andres møte")
    html = text(client.get(LIST, {"organiser": "lydhuset"}))
    assert "Lydhusets møte" in html and "Andres møte" not in html


def test_list_ignores_a_bad_filter_value_but_keeps_the_others(client):
    make_event(title="Webinaret", kind="webinar")
    make_event(title="Kurset", kind="course")
    response = client.get(LIST, {"kind": "webinar", "region": "spaceship", "page": "x"})
    assert response.status_code == 200
    assert "Webinaret" in text(response) and "Kurset" not in text(response)


def test_list_of_past_events_is_latest_first_with_archive_links(client):
    make_event(title="Framtidsfesten")
    old = make_event(
        title="Gammelt møte",
        starts_at=in_days(-40),
        ends_at=in_days(-40) + datetime.timedelta(hours=2),
    )
    newer = make_event(
        title="Nyere møte", starts_at=in_days(-5), ends_at=in_days(-5) + datetime.timedelta(hours=2)
    )
    html = text(client.get(LIST, {"when": "past"}))
    assert "Framtidsfesten" not in html
    assert html.index(newer.title) < html.index(old.title)
    year = old.local_start.year
    assert reverse("events:archive", args=[year]) in text(client.get(LIST))


def test_archive_lists_the_past_events_of_one_year(client):
    last_year = timezone.localtime().year - 1
    start = timezone.make_aware(datetime.datetime(last_year, 6, 10, 18))
    make_event(title="I fjor", starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    make_event(title="Framtidsfesten")
    response = client.get(reverse("events:archive", args=[last_year]))
    assert response.status_code == 200
    html = text(response)
    assert "I fjor" in html and "Framtidsfesten" not in html
    assert client.get(reverse("events:archive", args=[last_year - 5])).status_code == 404


@pytest.mark.parametrize(
    "year", ["0", "1", "9999", "10000", "99999999999999999999", "00002025", "-1", "2025x"]
)
def test_archive_of_a_year_without_events_is_404_never_500(client, year):
    start = timezone.make_aware(datetime.datetime(2025, 6, 10, 18))
    make_event(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    response = client.get(f"/arrangementer/arkiv/{year}/")
    assert response.status_code == (200 if year == "00002025" else 404)


def test_selectors_give_no_events_for_a_year_the_calendar_cannot_hold():
    from samspill.events import selectors

    for year in (1, 9999, 10000, 10**20):
        assert list(selectors.event_list_public(when="all", year=year)) == []


def test_list_paginates_twenty_per_page(client):
    for n in range(23):
        EventFactory(title=f"Møte nummer {n:02}", starts_at=in_days(2 + n))
    first = text(client.get(LIST))
    assert first.count('class="card event-card"') == 20
    assert 'rel="next"' in first
    second = text(client.get(LIST, {"page": 2}))
    assert second.count('class="card event-card"') == 3
    assert 'rel="prev"' in second


def test_list_pagination_keeps_the_filters(client):
    for n in range(21):
        EventFactory(kind="webinar", starts_at=in_days(2 + n))
    html = text(client.get(LIST, {"kind": "webinar"}))
    assert "?kind=webinar&amp;page=2" in html


def test_list_query_count_does_not_grow_with_the_number_of_events(client, queries):
    audience = AudienceFactory()

    def add(n):
        for _ in range(n):
            event = EventFactory(organisers=[OrganisationFactory(), OrganisationFactory()])
            event.audiences.add(audience)
            services.registration_create(event=event, name="A", email="a@example.org")

    add(3)
    client.get(LIST)  # warm caches (site, settings, content types)
    three = queries.count(lambda: client.get(LIST))
    add(22)
    twenty_five = queries.count(lambda: client.get(LIST))
    assert three == twenty_five
    assert twenty_five <= 16


def test_list_answers_htmx_with_only_the_results(client):
    make_event(title="Webinaret", kind="webinar")
    response = client.get(
        LIST, {"kind": "webinar"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="event-results"
    )
    html = text(response)
    assert 'id="event-results"' in html and "Webinaret" in html
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_list_links_to_the_calendar_feed_with_its_filters(client):
    make_event(kind="webinar")
    html = text(client.get(LIST, {"kind": "webinar", "mode": "online", "page": "1"}))
    assert f'href="{reverse("events:feed")}?kind=webinar&amp;mode=online"' in html


def test_list_filter_form_is_labelled_and_works_without_javascript(client):
    html = text(client.get(LIST))
    for name in ("kind", "audience", "mode", "region", "organiser"):
        assert f'<label for="id_{name}"' in html
        assert f'name="{name}"' in html
    assert 'method="get"' in html and 'hx-select="#event-results"' in html


# --- The event's page ----------------------------------------------------------------------------


def test_event_page_shows_the_event(client):
    organiser = OrganisationFactory(name="Lydverket", slug="lydverket")
    audience = AudienceFactory(name_nb="Arrangører")
    event = make_event(
        title="Tariff for frilansere",
        kind="workshop",
        summary="Hva bør du ta betalt?",
        description="<p>Vi går gjennom <strong>satsene</strong>.</p>",
        organisers=[organiser],
        capacity=20,
        language="en",
    )
    event.audiences.add(audience)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    html = text(response)
    assert html.count("<h1") == 1
    assert "Tariff for frilansere" in html and "Hva bør du ta betalt?" in html
    assert "<strong>satsene</strong>" in html
    assert 'href="/organisasjoner/lydverket/"' in html or organiser.get_absolute_url() in html
    assert "Arrangører" in html
    assert "Kulturhuset" in html and "Storgata 1, 5003 Bergen" in html
    assert event.get_ics_url() in html
    assert reverse("events:register", args=[event.pk, event.slug]) in html
    assert "20" in html
    assert event.local_start.strftime("%H:%M") in html


def test_event_page_in_english_states_registration_and_seats(client):
    event = make_event(capacity=2)
    services.registration_create(event=event, name="A", email="a@example.org")
    html = text(client.get(en(event.get_absolute_url())))
    assert "Registration is open" in html
    assert "1 seat left" in html
    assert "Workshop" not in html and "Gathering" in html


def test_event_page_names_another_time_zone(client):
    event = make_event(time_zone="Europe/Helsinki")
    html = text(client.get(event.get_absolute_url()))
    assert "(finsk tid)" in html and "(Europe/Helsinki)" not in html
    helsinki = timezone.localtime(event.starts_at, event.zone)
    assert helsinki.strftime("%H:%M") in html
    assert "Europe/Oslo" not in text(client.get(make_event().get_absolute_url()))


def test_event_page_lists_the_sessions_of_a_course(client):
    event = make_event(kind="course", starts_at=in_days(7, 9), ends_at=in_days(14, 16))
    EventSession.objects.create(
        event=event, title="Dag 1: Kontrakter", starts_at=in_days(7, 9), ends_at=in_days(7, 12)
    )
    EventSession.objects.create(
        event=event, title="Dag 2: Rettigheter", starts_at=in_days(14, 9), ends_at=in_days(14, 16)
    )
    html = text(client.get(event.get_absolute_url()))
    assert html.index("Dag 1: Kontrakter") < html.index("Dag 2: Rettigheter")


def test_event_page_shows_the_status_of_a_cancelled_or_postponed_event(client):
    cancelled = make_event(status="cancelled")
    html = text(client.get(en(cancelled.get_absolute_url())))
    assert "This event is cancelled." in html
    assert 'action="' + reverse("events:register", args=[cancelled.pk, cancelled.slug]) not in html
    postponed = make_event(status="postponed")
    assert "This event is postponed." in text(client.get(en(postponed.get_absolute_url())))


def test_event_page_redirects_to_its_canonical_address(client):
    event = make_event(slug="riktig-slug")
    short = client.get(reverse("events:detail-short", args=[event.pk]))
    assert short.status_code == 301 and short["Location"] == event.get_absolute_url()
    wrong = client.get(reverse("events:detail", args=[event.pk, "feil"]))
    assert wrong.status_code == 301 and wrong["Location"] == event.get_absolute_url()


def test_unpublished_event_is_hidden_from_the_public_but_previewed_by_its_organisers(
    client, organisation, org_editor, user
):
    event = make_event(is_published=False, organisers=[organisation])
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get(reverse("events:register", args=[event.pk, event.slug])).status_code == 404
    assert client.get(event.get_ics_url()).status_code == 404
    client.force_login(user)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(org_editor)
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert '<meta name="robots" content="noindex">' in text(response)


def _cold(client, url):
    """The page as the first request after a write renders it: nothing of it kept."""
    fragments.clear()
    return client.get(url)


def test_event_page_query_count_does_not_grow_with_its_relations(client, queries):
    event = make_event(organisers=[OrganisationFactory()])
    client.get(event.get_absolute_url())
    one = queries.count(lambda: _cold(client, event.get_absolute_url()))
    event.organisers.add(*OrganisationFactory.create_batch(4))
    event.audiences.add(*AudienceFactory.create_batch(4))
    for n in range(4):
        EventSession.objects.create(
            event=event, title=f"Del {n}", starts_at=in_days(7, 9 + n), ends_at=in_days(7, 10 + n)
        )
    registration = services.registration_create(event=event, name="A", email="a@example.org")
    for n in range(3):
        item = services.agenda_input_create(registration=registration, text=f"Innspill {n}")
        services.agenda_input_set_status(actor=None, item=item, status="accepted")
    many = queries.count(lambda: _cold(client, event.get_absolute_url()))
    assert one == many


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_an_event_page_seen_before_asks_the_database_nothing_about_the_event(client, queries, who):
    event = make_event(questions=[ROLE, NEWSLETTER], capacity=10)
    registration = services.registration_create(event=event, name="A", email="a@example.org")
    item = services.agenda_input_create(registration=registration, text="Innspill")
    services.agenda_input_set_status(actor=None, item=item, status="accepted")
    if who == "member":
        client.force_login(UserFactory())
    url = event.get_absolute_url()
    first = text(client.get(url))
    with queries() as context:
        again = text(client.get(url))
    assert again == first or who == "member"  # a member's page carries a new CSRF token
    about_events = [q["sql"] for q in context.captured_queries if '"events_' in q["sql"]]
    if who == "visitor":
        assert about_events == []
    else:  # the one question left: the person's own registration (never kept)
        assert len(about_events) == 1 and "events_registration" in about_events[0], about_events


def test_a_member_sees_every_write_to_the_event_on_the_next_request(client):
    organiser = OrganisationFactory(name="Lydverket")
    event = make_event(organisers=[organiser], capacity=10, questions=[ROLE])
    member = UserFactory(name="Medlem")
    client.force_login(member)
    url = event.get_absolute_url()
    html = text(client.get(url))
    assert "10 plasser igjen" in html and "Rolle" in html

    services.registration_create(event=event, name="B", email="b@example.org")
    assert "9 plasser igjen" in text(client.get(url))

    event.title = "Nytt navn på treffet"
    services.event_save(actor=None, event=event)
    assert "Nytt navn på treffet" in text(client.get(url))

    organiser.name = "Lydverket Nord"
    organiser.save()
    assert "Lydverket Nord" in text(client.get(url))

    question = event.questions.get()
    question.label = "Hva gjør du?"
    question.save()
    html = text(client.get(url))
    assert "Hva gjør du?" in html and "Rolle" not in html

    services.registration_create(event=event, user=member)
    html = text(client.get(url))
    assert "Hva gjør du?" not in html  # registered: no form, their registration instead
    assert "8 plasser igjen" in html


def test_only_a_confirmed_participant_gets_the_meeting_link_from_the_kept_page(client):
    event = make_event(attendance_mode="online", online_url=MEETING)
    participant = UserFactory()
    services.registration_create(event=event, user=participant)
    url = event.get_absolute_url()
    client.force_login(participant)
    assert MEETING in text(client.get(url))
    client.force_login(UserFactory())
    assert MEETING not in text(client.get(url))
    client.logout()
    assert MEETING not in text(client.get(url))


def test_unknown_event_is_404(client):
    assert client.get(reverse("events:detail", args=[999999, "x"])).status_code == 404


def test_event_page_carries_schema_org_data(client):
    organiser = OrganisationFactory(name="Lydverket", slug="lydverket")
    event = make_event(
        title="Strømmeinntekter </script><script>alert(1)</script>",
        summary="Om penger & plattformer",
        attendance_mode="mixed",
        online_url=MEETING,
        online_platform="Zoom",
        capacity=10,
        organisers=[organiser],
    )
    services.registration_create(event=event, name="A", email="a@example.org")
    html = text(client.get(event.get_absolute_url()))
    assert "</script><script>alert(1)" not in html
    data = json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["description"] == "Om penger & plattformer"
    start = datetime.datetime.fromisoformat(data["startDate"])
    assert start == event.starts_at and start.utcoffset() is not None
    assert datetime.datetime.fromisoformat(data["endDate"]) == event.ends_at
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place" and place["name"] == "Kulturhuset"
    assert place["address"]["@type"] == "PostalAddress"
    assert place["address"]["streetAddress"] == "Storgata 1"
    assert place["address"]["postalCode"] == "5003"
    assert place["address"]["addressLocality"] == "Bergen"
    assert virtual["@type"] == "VirtualLocation"
    assert virtual["url"].endswith(event.get_absolute_url())
    assert MEETING not in json.dumps(data) and MEETING not in html
    assert data["organizer"] == [
        {
            "@type": "Organization",
            "name": "Lydverket",
            "url": "http://testserver" + organiser.get_absolute_url(),
        }
    ]
    assert data["url"] == "http://testserver" + event.get_absolute_url()
    assert data["inLanguage"] == "nb"
    assert data["maximumAttendeeCapacity"] == 10
    assert data["remainingAttendeeCapacity"] == 9
    assert data["offers"]["availability"] == "https://schema.org/InStock"


def test_schema_org_status_of_a_cancelled_online_event(client):
    event = make_event(
        status="cancelled",
        attendance_mode="online",
        venue_name="",
        street_address="",
        capacity=None,
    )
    data = json_ld(text(client.get(event.get_absolute_url())))
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert "offers" not in data and "maximumAttendeeCapacity" not in data


def test_meeting_link_only_for_a_confirmed_participant(client, user):
    event = make_event(attendance_mode="online", venue_name="", online_url=MEETING, capacity=1)
    assert MEETING not in text(client.get(event.get_absolute_url()))
    client.force_login(user)
    assert MEETING not in text(client.get(event.get_absolute_url()))
    services.registration_create(event=event, user=user)
    response = client.get(event.get_absolute_url())
    assert MEETING in text(response)
    assert "private" in response["Cache-Control"]
    waiting = UserFactory()
    services.registration_create(event=event, user=waiting)
    client.force_login(waiting)
    html = text(client.get(event.get_absolute_url()))
    assert MEETING not in html
    assert "venteliste" in html.lower() or "waiting list" in html.lower()


def test_event_page_shows_the_agenda_the_organisers_accepted(client):
    event = make_event()
    registration = services.registration_create(event=event, name="A", email="a@example.org")
    accepted = services.agenda_input_create(registration=registration, text="Kunstig intelligens")
    services.agenda_input_create(registration=registration, text="Hemmelig forslag")
    services.agenda_input_set_status(actor=None, item=accepted, status="accepted")
    html = text(client.get(event.get_absolute_url()))
    assert "Kunstig intelligens" in html and "Hemmelig forslag" not in html


def test_event_page_tells_when_registration_opens(client):
    event = make_event(registration_opens_at=in_days(2, 12))
    html = text(client.get(en(event.get_absolute_url())))
    assert "Registration has not opened yet." in html
    assert "12:00" in html or "noon" in html
    assert (
        'class="button" href="' + reverse("events:register", args=[event.pk, event.slug])
        not in html
    )


def test_event_without_registration_says_so(client):
    event = make_event(registration_required=False)
    html = text(client.get(en(event.get_absolute_url())))
    assert "No registration needed." in html


# --- Registering ---------------------------------------------------------------------------------


def test_guest_registers_gets_an_email_with_calendar_file_and_cancels_through_the_link(
    client, django_capture_on_commit_callbacks
):
    event = make_event(capacity=5, questions=[DIET, ROLE, NEWSLETTER])
    page = client.get(reverse("events:register", args=[event.pk, event.slug]))
    assert page.status_code == 200
    html = text(page)
    assert 'autocomplete="name"' in html and 'autocomplete="email"' in html
    assert "<legend" in html and 'type="radio"' in html
    diet, role, newsletter = event.questions.all()
    response = register_guest(
        client,
        django_capture_on_commit_callbacks,
        event,
        **guest_data(**{diet.key: "Vegetar", role.key: "Booker", newsletter.key: "yes"}),
    )
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.answers == {
        str(diet.pk): "Vegetar",
        str(role.pk): "Booker",
        str(newsletter.pk): "yes",
    }
    assert registration.source == "web"
    assert response["Location"] == reverse(
        "events:registration", args=[services.registration_token(registration)]
    )
    [email] = mail.outbox
    assert email.to == ["kari@example.org"]
    name, content, mimetype = email.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    Calendar.from_ical(content)
    link = registration_path(email.body)
    assert link == response["Location"]
    own_page = client.get(link)
    assert own_page.status_code == 200
    assert event.title in text(own_page)
    assert "message--success" in text(own_page)  # the confirmation after the redirect
    # Opening the page (or a GET to the cancel address) changes nothing.
    assert (
        client.get(reverse("events:registration-cancel", args=[link.split("/")[-2]])).status_code
        == 405
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    token = services.registration_token(registration)
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = client.post(reverse("events:registration-cancel", args=[token]))
    assert cancelled.status_code == 302 and cancelled["Location"] == link
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    after = text(client.get(link))
    assert "Cancel my registration" not in after and "Avmeld meg" not in after
    assert reverse("events:register", args=[event.pk, event.slug]) in after  # register again


def test_waitlisted_guest_is_promoted_and_emailed_when_a_seat_is_freed(
    client, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    register_guest(client, django_capture_on_commit_callbacks, event, **guest_data())
    second = register_guest(
        client,
        django_capture_on_commit_callbacks,
        event,
        name="Ola Venter",
        email="ola@example.org",
    )
    waiting = Registration.objects.get(email="ola@example.org")
    assert waiting.status == RegistrationStatus.WAITLISTED
    page = text(client.get(second["Location"]))
    assert "1" in page and ("venteliste" in page.lower() or "waiting list" in page.lower())
    mail.outbox.clear()
    first_link = reverse(
        "events:registration-cancel",
        args=[services.registration_token(Registration.objects.get(email="kari@example.org"))],
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first_link)
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    promoted = [m for m in mail.outbox if m.to == ["ola@example.org"]]
    assert len(promoted) == 1
    assert promoted[0].attachments


def test_signed_in_person_registers_with_one_click_from_the_event_page(
    client, user, django_capture_on_commit_callbacks
):
    event = make_event()
    client.force_login(user)
    html = text(client.get(event.get_absolute_url()))
    assert f'action="{reverse("events:register", args=[event.pk, event.slug])}"' in html
    assert 'name="email"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:register", args=[event.pk, event.slug]))
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.user == user and registration.email == user.email.lower()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert mail.outbox[0].to == [registration.email]
    html = text(client.get(event.get_absolute_url()))
    assert reverse("events:registration", args=[services.registration_token(registration)]) in html


def test_signed_in_one_click_form_includes_the_questions_and_consent(client, user):
    event = make_event(questions=[DIET], consent_text="Jeg godtar at navnet mitt deles.")
    client.force_login(user)
    html = text(client.get(event.get_absolute_url()))
    diet = event.questions.get()
    assert f'name="{diet.key}"' in html and "Vegetar" in html
    assert 'name="consent"' in html and "Jeg godtar at navnet mitt deles." in html
    response = client.post(
        reverse("events:register", args=[event.pk, event.slug]),
        {diet.key: "Vegan", "consent": "on"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.answers == {str(diet.pk): "Vegan"}
    assert registration.consented_at is not None


def test_anonymous_visitor_gets_a_link_to_the_registration_page(client):
    event = make_event()
    html = text(client.get(event.get_absolute_url()))
    assert f'href="{reverse("events:register", args=[event.pk, event.slug])}"' in html
    assert "csrfmiddlewaretoken" not in html.split("registration-heading")[1].split("</aside>")[0]


def confirmation_path(body: str) -> str:
    """The confirmation secret's page, from the link in the email to a pending guest."""
    match = re.search(r"https?://\S+/arrangementer/bekreft/[^/\s]+/", body)
    assert match, body
    return urlparse(match.group(0)).path


def test_guest_who_must_confirm_gets_a_seat_only_through_the_emailed_link(
    client, django_capture_on_commit_callbacks
):
    event = make_event(
        guests_must_confirm=True,
        capacity=3,
        attendance_mode="online",
        venue_name="",
        online_url=MEETING,
    )
    page = text(client.get(en(reverse("events:register", args=[event.pk, event.slug]))))
    assert "confirm your email address" in page
    response = register_guest(client, django_capture_on_commit_callbacks, event, **guest_data())
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.status == RegistrationStatus.PENDING
    # The page the form redirects to (the public token) says "check your email", and offers
    # neither a way to confirm nor the meeting link.
    own_page = text(client.get(en(response["Location"])))
    assert "Check your email" in own_page
    assert "/arrangementer/bekreft/" not in own_page and MEETING not in own_page
    link = confirmation_path(mail.outbox[0].body)
    assert link not in own_page
    # Opening the emailed link shows a button and confirms nothing (mail scanners open links).
    html = text(client.get(link))
    assert f'action="{link}"' in html
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == response["Location"]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert len(mail.outbox) == 2 and mail.outbox[1].attachments
    assert MEETING in text(client.get(response["Location"]))


def test_the_public_token_never_confirms_a_guest(client, django_capture_on_commit_callbacks):
    event = make_event(
        guests_must_confirm=True, attendance_mode="online", venue_name="", online_url=MEETING
    )
    register_guest(client, django_capture_on_commit_callbacks, event, **guest_data())
    registration = Registration.objects.get(event=event)
    token = services.registration_token(registration)
    key, signature = token.split(":")
    for attempt in (
        f"/arrangementer/pamelding/{token}/bekreft/",  # where the confirm button used to post
        reverse("events:registration-confirm", args=[token]),
        reverse("events:registration-confirm", args=[f"{key}:{signature}"[::-1]]),
        reverse("events:registration-confirm", args=["nonsense"]),
    ):
        assert client.post(attempt).status_code in (404, 405), attempt
        assert client.get(attempt).status_code in (404, 405), attempt
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.PENDING
    ics = client.get(reverse("events:registration-ics", args=[token]))
    assert ics.status_code == 200 and MEETING not in ics.content.decode()


def test_a_pending_guest_can_neither_invite_nor_send_agenda_input(
    client, django_capture_on_commit_callbacks
):
    event = make_event(guests_must_confirm=True)
    register_guest(client, django_capture_on_commit_callbacks, event, **guest_data())
    token = services.registration_token(Registration.objects.get(event=event))
    html = text(client.get(reverse("events:registration", args=[token])))
    assert reverse("events:registration-invite", args=[token]) not in html
    assert reverse("events:registration-agenda", args=[token]) not in html
    assert reverse("events:registration-cancel", args=[token]) in html
    client.post(
        reverse("events:registration-invite", args=[token]), {"invite-email": "x@example.org"}
    )
    client.post(reverse("events:registration-agenda", args=[token]), {"agenda-text": "Hei"})
    assert not Invitation.objects.exists() and not AgendaInput.objects.exists()
    assert [m.to for m in mail.outbox] == [["kari@example.org"]]


def test_registration_errors_are_shown_next_to_their_fields(client):
    event = make_event(questions=[DIET, ROLE], consent_text="Jeg godtar vilkårene.")
    response = client.post(
        en(reverse("events:register", args=[event.pk, event.slug])),
        {"name": "Kari", "email": "ikke-en-adresse"},
    )
    assert response.status_code == 200
    html = text(response)
    diet = event.questions.get(label="Kosthold")
    assert 'role="alert"' in html
    assert f'id="id_{diet.key}_error"' in html
    assert f'aria-describedby="id_{diet.key}_error"' in html  # on the radio group's fieldset
    assert 'id="id_email_error"' in html and 'aria-invalid="true"' in html
    assert 'id="id_consent_error"' in html and "Tick the consent line" in html
    assert f'href="#id_{diet.key}_0"' in html  # the summary links to the first option
    assert 'value="Kari"' in html  # what was typed stays
    assert not Registration.objects.exists()


def test_registration_errors_from_the_service_go_to_their_fields(client, monkeypatch):
    from samspill.core.errors import InvalidInput

    event = make_event(questions=[ROLE])
    role = event.questions.get()

    def refuse(**kwargs):
        error = InvalidInput("Nei", field=f"answers.{role.pk}")
        error.details = [
            {"field": f"answers.{role.pk}", "message": "Ikke godkjent rolle."},
            {"field": "somewhere", "message": "Noe annet er galt."},
        ]
        raise error

    monkeypatch.setattr(services, "registration_create", refuse)
    response = client.post(
        reverse("events:register", args=[event.pk, event.slug]), guest_data(**{role.key: "X"})
    )
    assert response.status_code == 422
    html = text(response)
    assert f'id="id_{role.key}_error"' in html and "Ikke godkjent rolle." in html
    assert "Noe annet er galt." in html


def test_second_registration_with_the_same_email_gets_a_clear_error(
    client, django_capture_on_commit_callbacks
):
    event = make_event()
    register_guest(client, django_capture_on_commit_callbacks, event, **guest_data())
    response = client.post(
        en(reverse("events:register", args=[event.pk, event.slug])),
        guest_data(email="KARI@example.org", name="Kari igjen"),
    )
    assert response.status_code == 409
    html = text(response)
    assert "already registered" in html and "open the link in the email" in html
    assert 'name="email"' in html  # the form is still there
    assert Registration.objects.count() == 1


def test_registration_is_refused_when_closed_or_not_yet_open(client):
    not_yet = make_event(registration_opens_at=in_days(3, 12))
    page = text(client.get(en(reverse("events:register", args=[not_yet.pk, not_yet.slug]))))
    assert "Registration has not opened yet." in page and 'name="email"' not in page
    response = client.post(
        en(reverse("events:register", args=[not_yet.pk, not_yet.slug])), guest_data()
    )
    assert response.status_code == 403
    assert "Registration has not opened yet." in text(response)
    closed = make_event(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.post(
        en(reverse("events:register", args=[closed.pk, closed.slug])), guest_data()
    )
    assert response.status_code == 403 and "Registration is closed." in text(response)
    assert not Registration.objects.exists()


def test_full_event_without_waiting_list_refuses_politely(client):
    event = make_event(capacity=1, waiting_list=False)
    services.registration_create(event=event, name="A", email="a@example.org")
    page = text(client.get(en(reverse("events:register", args=[event.pk, event.slug]))))
    assert "no waiting list" in page
    response = client.post(
        en(reverse("events:register", args=[event.pk, event.slug])), guest_data()
    )
    assert response.status_code == 409 and "The event is full." in text(response)


def test_registering_is_rate_limited(client, settings):
    settings.SAMSPILL_RATE_LIMITS = "events.register=1/h"
    event = make_event()
    url = en(reverse("events:register", args=[event.pk, event.slug]))
    assert client.post(url, guest_data()).status_code == 302
    response = client.post(url, guest_data(email="ola@example.org"))
    assert response.status_code == 429
    html = text(response)
    assert "Too many registrations" in html and 'role="alert"' in html
    assert Registration.objects.count() == 1


def test_registration_page_redirects_a_wrong_slug(client):
    event = make_event(slug="riktig")
    response = client.get(reverse("events:register", args=[event.pk, "feil"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("events:register", args=[event.pk, "riktig"])


def test_registration_page_tells_that_new_registrations_go_to_the_waiting_list(client):
    event = make_event(capacity=1)
    services.registration_create(event=event, name="A", email="a@example.org")
    html = text(client.get(en(reverse("events:register", args=[event.pk, event.slug]))))
    assert "you go on the waiting list" in html and "Join the waiting list" in html


def test_signed_in_person_already_registered_is_sent_to_their_registration(client, user):
    event = make_event()
    registration = services.registration_create(event=event, user=user)
    client.force_login(user)
    url = reverse("events:register", args=[event.pk, event.slug])
    assert reverse("events:registration", args=[services.registration_token(registration)]) in text(
        client.get(url)
    )
    response = client.post(url)
    assert response.status_code == 302
    assert Registration.objects.count() == 1


# --- A registration's own page -------------------------------------------------------------------


def test_registration_page_is_private(client):
    event = make_event()
    registration = services.registration_create(event=event, name="A", email="a@example.org")
    response = client.get(
        reverse("events:registration", args=[services.registration_token(registration)])
    )
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in text(response)


def test_bad_token_is_404(client):
    assert client.get(reverse("events:registration", args=["nonsense"])).status_code == 404
    assert client.post(reverse("events:registration-cancel", args=["nonsense"])).status_code == 404


def test_registration_page_shows_the_meeting_link_and_the_personal_calendar_file(client):
    event = make_event(attendance_mode="online", venue_name="", online_url=MEETING, capacity=1)
    confirmed = services.registration_create(event=event, name="A", email="a@example.org")
    waiting = services.registration_create(event=event, name="B", email="b@example.org")
    token = services.registration_token(confirmed)
    html = text(client.get(reverse("events:registration", args=[token])))
    assert MEETING in html and reverse("events:registration-ics", args=[token]) in html
    html = text(
        client.get(en(reverse("events:registration", args=[services.registration_token(waiting)])))
    )
    assert MEETING not in html and "number 1" in html


def test_agenda_input_through_the_registration_page(client):
    event = make_event()
    registration = services.registration_create(event=event, name="A", email="a@example.org")
    token = services.registration_token(registration)
    url = reverse("events:registration-agenda", args=[token])
    empty = client.post(en(url), {"agenda-text": "  "})
    assert empty.status_code == 200 and 'id="id_agenda-text_error"' in text(empty)
    response = client.post(url, {"agenda-text": "Hvordan fordeles strømmepengene?"})
    assert response.status_code == 302
    assert response["Location"] == reverse("events:registration", args=[token])
    item = AgendaInput.objects.get()
    assert item.registration == registration
    assert "Hvordan fordeles strømmepengene?" in text(client.get(response["Location"]))


def test_agenda_input_is_rate_limited(client, settings):
    settings.SAMSPILL_RATE_LIMITS = "events.agenda=1/h"
    event = make_event()
    registration = services.registration_create(event=event, name="A", email="a@example.org")
    url = reverse("events:registration-agenda", args=[services.registration_token(registration)])
    assert client.post(url, {"agenda-text": "En"}).status_code == 302
    assert client.post(url, {"agenda-text": "To"}).status_code == 429
    assert AgendaInput.objects.count() == 1


def test_invitation_through_the_registration_page(client, django_capture_on_commit_callbacks):
    event = make_event()
    registration = services.registration_create(event=event, name="Kari", email="kari@example.org")
    token = services.registration_token(registration)
    url = reverse("events:registration-invite", args=[token])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"invite-email": "venn@example.org", "invite-message": "Bli med!"}
        )
    assert response.status_code == 302
    assert Invitation.objects.count() == 1
    invitation = [m for m in mail.outbox if m.to == ["venn@example.org"]]
    assert invitation and "Bli med!" in invitation[0].body
    again = client.post(en(url), {"invite-email": "venn@example.org"})
    assert again.status_code == 200 and "already been invited" in text(again)
    bad = client.post(en(url), {"invite-email": "ikke-en-adresse"})
    assert 'id="id_invite-email_error"' in text(bad)


def test_invitations_are_rate_limited(client, settings):
    settings.SAMSPILL_RATE_LIMITS = "events.invite=1/h"
    event = make_event()
    registration = services.registration_create(event=event, name="Kari", email="kari@example.org")
    url = reverse("events:registration-invite", args=[services.registration_token(registration)])
    assert client.post(url, {"invite-email": "en@example.org"}).status_code == 302
    assert client.post(url, {"invite-email": "to@example.org"}).status_code == 429
    assert Invitation.objects.count() == 1


def test_cancelled_registration_page_offers_no_actions_but_registering_again(client):
    event = make_event()
    registration = services.registration_create(event=event, name="A", email="a@example.org")
    services.registration_cancel(registration=registration)
    token = services.registration_token(registration)
    html = text(client.get(en(reverse("events:registration", args=[token]))))
    assert "this registration is cancelled" in html
    assert "Register again" in html
    assert reverse("events:registration-invite", args=[token]) not in html
    assert reverse("events:registration-agenda", args=[token]) not in html


# --- Home page -----------------------------------------------------------------------------------


def test_home_page_shows_the_next_events_but_not_cancelled_ones(client):
    cancelled = make_event(title="Avlyst møte", starts_at=in_days(1), status="cancelled")
    events = [make_event(title=f"Hjemmemøte {n}", starts_at=in_days(2 + n)) for n in range(4)]
    html = text(client.get("/"))
    for event in events[:3]:
        assert event.title in html
    assert events[3].title not in html
    assert cancelled.title not in html
    assert "<strong>4</strong> kommende arrangementer" in html
    assert f'href="{reverse("events:list")}"' in html


# --- Calendar files ------------------------------------------------------------------------------


def test_public_calendar_file_has_no_meeting_link(client):
    event = make_event(attendance_mode="online", venue_name="", online_url=MEETING)
    response = client.get(event.get_ics_url())
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    assert MEETING not in response.content.decode()


def test_personal_calendar_file_has_the_meeting_link_once_confirmed(client):
    event = make_event(attendance_mode="online", venue_name="", online_url=MEETING, capacity=1)
    confirmed = services.registration_create(event=event, name="A", email="a@example.org")
    waiting = services.registration_create(event=event, name="B", email="b@example.org")
    mine = client.get(
        reverse("events:registration-ics", args=[services.registration_token(confirmed)])
    )
    [vevent] = Calendar.from_ical(mine.content).walk("VEVENT")
    assert MEETING in str(vevent["DESCRIPTION"])
    theirs = client.get(
        reverse("events:registration-ics", args=[services.registration_token(waiting)])
    )
    Calendar.from_ical(theirs.content)
    assert MEETING not in theirs.content.decode()


def test_calendar_feed_follows_the_filters(client):
    make_event(title="Webinaret", kind="webinar")
    make_event(title="Kurset", kind="course")
    response = client.get(reverse("events:feed"), {"kind": "webinar"})
    summaries = [str(v["SUMMARY"]) for v in Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Webinaret"]


def test_event_page_links_its_topics(client, home_page):
    from tests.knowledge.factories import index_page, topic_page

    index = index_page(home_page)
    first, second = topic_page(index, "Skatt"), topic_page(index, "Kontrakter")
    event = make_event()
    event.topics.add(first, second)
    html = text(client.get(event.get_absolute_url()))
    assert f'href="{first.url}"' in html and f'href="{second.url}"' in html


def test_the_profile_lists_the_persons_upcoming_registrations(client, user):
    coming = make_event(title="Mitt neste treff", capacity=1)
    full = make_event(title="Fullt treff", capacity=1)
    services.registration_create(event=full, name="Først", email="forst@example.org")
    past = make_event(title="Gammelt treff", starts_at=in_days(-3), ends_at=in_days(-3, 20))
    mine = services.registration_create(event=coming, user=user)
    services.registration_create(event=full, name="Meg", email=user.email.upper())
    Registration.objects.create(
        event=past, user=user, name="x", email=user.email, status="confirmed"
    )
    client.force_login(user)
    html = text(client.get(reverse("core:profile")))
    assert "Mitt neste treff" in html and "Fullt treff" in html
    assert "Gammelt treff" not in html
    assert reverse("events:registration", args=[services.registration_token(mine)]) in html


def test_confirming_after_registration_closed_says_so_and_gives_no_seat(
    client, django_capture_on_commit_callbacks
):
    event = make_event(guests_must_confirm=True)
    register_guest(client, django_capture_on_commit_callbacks, event, **guest_data())
    link = confirmation_path(mail.outbox[0].body)
    event.status = "cancelled"
    event.save()
    response = client.post(en(link), follow=True)
    assert response.status_code == 200 and "The event is cancelled." in text(response)
    assert Registration.objects.get(event=event).status == RegistrationStatus.PENDING
