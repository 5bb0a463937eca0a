"""The events admin: the event forms (through the service), who sees which events, and the
organisers' screens (participants, check-in, cancelling, exports, messages, agenda input)."""

import csv
import datetime
import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
)

from samspill.events import services
from samspill.events.models import (
    AgendaInput,
    Event,
    EventMessage,
    EventSeries,
    Registration,
    RegistrationStatus,
)
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.events.factories import DIET, ROLE, in_days, make_event

pytestmark = pytest.mark.django_db

FORM_TIME = "%Y-%m-%d %H:%M"


def assert_refused(response):
    """Refused: 404 (the event does not exist for them), 403, or Wagtail's redirect to the
    dashboard or the login page."""
    assert response.status_code in (302, 403, 404), response.status_code
    if response.status_code == 302:
        assert response["Location"].rstrip("/") in ("/admin", "") or "login" in response["Location"]


def login(client, user):
    """Sign in with the admin in English (the strings below are the English source strings)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)


BOOLEAN_FIELDS = ("is_published", "registration_required", "waiting_list", "guests_must_confirm")


def edit_form_data(client, event):
    """The edit form as the browser would send it unchanged."""
    page = client.get(f"/admin/events/edit/{event.pk}/")
    assert page.status_code == 200
    data = querydict_from_html(page.content.decode(), form_id="w-editor-form")
    # A ticked checkbox without a value attribute is sent as "on" by browsers.
    for name in [*BOOLEAN_FIELDS, "agenda_input"]:
        if name in data:
            data[name] = "on"
    for name in list(data):
        if name.endswith("-required"):
            data[name] = "on"
    # The test client would send only the last value of each key of a QueryDict.
    return {key: data.getlist(key) for key in data}


def register(event, name, email, diet="Vegetar", role=""):
    diet_question, role_question = list(event.questions.all())[:2]
    return services.registration_create(
        event=event,
        name=name,
        email=email,
        answers={str(diet_question.pk): diet, str(role_question.pk): role},
    )


@pytest.fixture
def event(organisation):
    return make_event(organisers=[organisation], questions=[DIET, ROLE], capacity=2)


def urls(event):
    return {
        "edit": f"/admin/events/edit/{event.pk}/",
        "delete": f"/admin/events/delete/{event.pk}/",
        "history": f"/admin/events/history/{event.pk}/",
        "participants": f"/admin/events/participants/{event.pk}/",
        "csv": f"/admin/events/participants/{event.pk}/export.csv",
        "xlsx": f"/admin/events/participants/{event.pk}/export.xlsx",
        "messages": f"/admin/events/messages/{event.pk}/",
        "agenda": f"/admin/events/agenda/{event.pk}/",
    }


def event_form_data(organisation, **overrides):
    starts = in_days(30, 18)
    data = nested_form_data(
        {
            "sessions": inline_formset(
                [
                    {
                        "title": "Del 1",
                        "starts_at": starts.strftime(FORM_TIME),
                        "ends_at": (starts + datetime.timedelta(hours=1)).strftime(FORM_TIME),
                    }
                ]
            ),
            "questions": inline_formset(
                [
                    {
                        "label": "Kosthold",
                        "kind": "choice",
                        "choices": "Ingen hensyn\nVegetar",
                        "help_text": "",
                        "required": "on",
                    },
                    {"label": "Rolle", "kind": "text", "choices": "", "help_text": ""},
                ]
            ),
        }
    )
    data.update(
        {
            "title": "Låtskriverkveld",
            "slug": "",
            "kind": "workshop",
            "status": "scheduled",
            "is_published": "on",
            "series": "",
            "summary": "Vi skriver låter sammen.",
            "description": rich_text("<p>Ta med <b>gitar</b>.</p>"),
            "organisers": [organisation.pk],
            "language": "nb",
            "starts_at": starts.strftime(FORM_TIME),
            "ends_at": (starts + datetime.timedelta(hours=3)).strftime(FORM_TIME),
            "time_zone": "Europe/Oslo",
            "attendance_mode": "onsite",
            "venue_name": "Kulturhuset",
            "street_address": "Storgata 1",
            "postal_code": "5003",
            "locality": "Bergen",
            "municipality": "",
            "online_url": "",
            "online_platform": "",
            "registration_required": "on",
            "capacity": "20",
            "waiting_list": "on",
            "registration_opens_at": "",
            "registration_closes_at": "",
            "consent_text": "",
            "agenda_input": "on",
        }
    )
    data.update(overrides)
    return data


# --- The event forms ------------------------------------------------------------------------------


def test_hub_admin_creates_an_event_with_a_session_and_questions(client, hub_admin, organisation):
    login(client, hub_admin)
    response = client.post("/admin/events/new/", event_form_data(organisation))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title="Låtskriverkveld")
    assert event.sequence == 0
    assert event.slug == "latskriverkveld"
    assert list(event.organisers.all()) == [organisation]
    assert [s.title for s in event.sessions.all()] == ["Del 1"]
    questions = list(event.questions.all())
    assert [(q.label, q.kind, q.required, q.sort_order) for q in questions] == [
        ("Kosthold", "choice", True, 0),
        ("Rolle", "text", False, 1),
    ]
    assert questions[0].choice_list == ["Ingen hensyn", "Vegetar"]
    assert "<b>gitar</b>" in event.description
    assert ModelLogEntry.objects.filter(
        action="events.event.created", object_id=str(event.pk), user_id=hub_admin.pk
    ).exists()
    assert response["Location"] == f"/admin/events/edit/{event.pk}/"


def test_the_form_shows_domain_and_model_errors(client, hub_admin, organisation):
    login(client, hub_admin)
    starts = in_days(30, 18)
    response = client.post(
        "/admin/events/new/",
        event_form_data(
            organisation,
            ends_at=(starts - datetime.timedelta(hours=1)).strftime(FORM_TIME),
            venue_name="",
            street_address="",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The event must end after it starts." in html
    assert "Give the venue or the address" in html
    assert not Event.objects.filter(title="Låtskriverkveld").exists()


def test_an_editor_creates_events_only_for_their_own_organisations(
    client, org_editor, organisation
):
    other = OrganisationFactory(name="Fremmed Forlag")
    login(client, org_editor)
    form = client.get("/admin/events/new/").content.decode()
    assert organisation.name in form
    assert other.name not in form
    response = client.post("/admin/events/new/", event_form_data(other))
    assert response.status_code == 200
    assert not Event.objects.filter(title="Låtskriverkveld").exists()
    response = client.post("/admin/events/new/", event_form_data(organisation))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Event.objects.get(title="Låtskriverkveld").organisers.get() == organisation


def test_an_editor_sees_and_runs_only_their_organisations_events(
    client, org_editor, organisation, event
):
    foreign = make_event(title="Fremmed arrangement", questions=[DIET, ROLE])
    login(client, org_editor)
    assert "/admin/events/" in client.get("/admin/").content.decode()  # the menu
    html = client.get("/admin/events/").content.decode()
    assert event.title in html
    assert "Fremmed arrangement" not in html
    assert client.get(urls(event)["edit"]).status_code == 200
    assert client.get(urls(event)["participants"]).status_code == 200
    for url in urls(foreign).values():
        assert_refused(client.get(url))
    response = client.post(urls(foreign)["edit"], event_form_data(organisation))
    assert_refused(response)
    foreign.refresh_from_db()
    assert foreign.title == "Fremmed arrangement"
    assert_refused(client.post(urls(foreign)["delete"]))
    assert Event.objects.filter(pk=foreign.pk).exists()


def test_an_editor_deletes_their_event_through_the_service(client, org_editor, event):
    login(client, org_editor)
    response = client.post(urls(event)["delete"])
    assert response.status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()
    assert ModelLogEntry.objects.filter(
        action="events.event.deleted", object_id=str(event.pk), user_id=org_editor.pk
    ).exists()


def test_changing_the_start_raises_the_sequence_and_tells_the_participants(
    client, org_editor, event, django_capture_on_commit_callbacks
):
    register(event, "Kari Nordmann", "kari@example.org")
    register(event, "Ola Nordmann", "ola@example.org")
    assert event.sequence == 0
    login(client, org_editor)
    data = edit_form_data(client, event)
    later = event.starts_at + datetime.timedelta(days=1)
    data["starts_at"] = timezone.localtime(later).strftime(FORM_TIME)
    data["ends_at"] = timezone.localtime(later + datetime.timedelta(hours=2)).strftime(FORM_TIME)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(urls(event)["edit"], data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.sequence == 1
    assert event.starts_at == later
    assert sorted(m.to[0] for m in mail.outbox) == ["kari@example.org", "ola@example.org"]
    # The questions and their answers are untouched by the save.
    assert [q.label for q in event.questions.all()] == ["Kosthold", "Rolle"]


def test_editing_without_schedule_changes_keeps_the_sequence(
    client, org_editor, event, django_capture_on_commit_callbacks
):
    register(event, "Kari Nordmann", "kari@example.org")
    login(client, org_editor)
    data = edit_form_data(client, event)
    data["summary"] = "Ny oppsummering"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(urls(event)["edit"], data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.summary == "Ny oppsummering"
    assert event.is_published
    assert event.sequence == 0
    assert mail.outbox == []


def test_the_history_of_an_event_is_scoped(client, org_editor, event):
    foreign = make_event(title="Fremmed arrangement")
    login(client, org_editor)
    assert client.get(urls(event)["history"]).status_code == 200
    assert client.get(urls(foreign)["history"]).status_code == 404


def test_event_series_follow_the_organisations(client, org_editor, organisation):
    other = OrganisationFactory(name="Fremmed Forlag")
    EventSeries.objects.create(title="Fremmed serie", slug="fremmed", organisation=other)
    login(client, org_editor)
    response = client.post(
        "/admin/event-series/new/",
        {"title": "Webinarserie", "slug": "webinarserie", "organisation": organisation.pk},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    html = client.get("/admin/event-series/").content.decode()
    assert "Webinarserie" in html
    assert "Fremmed serie" not in html
    response = client.post(
        "/admin/event-series/new/",
        {"title": "Snik", "slug": "snik", "organisation": other.pk},
    )
    assert response.status_code == 200
    assert not EventSeries.objects.filter(slug="snik").exists()


# --- Participants ---------------------------------------------------------------------------------


def test_participants_page_lists_registrations_with_answers(client, org_editor, event):
    register(event, "Kari Nordmann", "kari@example.org", diet="Vegan", role="Produsent")
    register(event, "Ola Nordmann", "ola@example.org")
    register(event, "Per Venter", "per@example.org")
    login(client, org_editor)
    response = client.get(urls(event)["participants"])
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Kari Nordmann", "kari@example.org", "Vegan", "Produsent", "Per Venter"):
        assert text in html
    assert '<th scope="col">Kosthold</th>' in html
    assert '<th scope="col">Rolle</th>' in html
    assert 'data-count="confirmed">2<' in html
    assert 'data-count="waitlisted">1<' in html
    assert 'data-count="seats-left">0<' in html
    rows = {r["registration"].name: r for r in response.context["rows"]}
    assert rows["Per Venter"]["position"] == 1
    assert rows["Kari Nordmann"]["answers"] == ["Vegan", "Produsent"]


def test_participants_table_puts_check_in_next_to_the_name_in_a_scroll_region(
    client, org_editor, event
):
    """At 1280 px the check-in button was off-screen behind the email, the answers and the date
    (issue 18): it comes right after the name, and the table scrolls in its own named region."""
    kari = register(event, "Kari Nordmann", "kari@example.org", diet="Vegan", role="Produsent")
    login(client, org_editor)
    html = client.get(urls(event)["participants"]).content.decode()
    assert re.search(
        r'<div class="table-scroll[^"]*" role="region" aria-labelledby="participants-caption" '
        r'tabindex="0">\s*<table class="listing">\s*<caption id="participants-caption"',
        html,
    )
    row = html[html.index(f'<tr id="registration-{kari.pk}">') :]
    row = row[: row.index("</tr>")]
    cells = re.findall(r"<t[hd][ >]", row)
    assert len(cells) >= 8
    second_cell = row[row.index("</th>") : row.index("</td>")]
    assert "/check-in/" in second_cell, "the check-in form is the second cell of the row"
    header = html[html.index('<caption id="participants-caption"') :]
    header = header[: header.index("</thead>")]
    columns = re.findall(r'<th scope="col">([^<]+)</th>', header)
    assert columns[:3] == ["Name", "Checked in", "Email"]


def test_participants_can_be_searched_and_filtered(client, org_editor, event):
    register(event, "Kari Nordmann", "kari@example.org")
    register(event, "Ola Nordmann", "ola@example.org")
    register(event, "Per Venter", "per@example.org")
    login(client, org_editor)
    response = client.get(urls(event)["participants"], {"q": "kari"})
    assert [r["registration"].name for r in response.context["rows"]] == ["Kari Nordmann"]
    response = client.get(urls(event)["participants"], {"status": "waitlisted"})
    assert [r["registration"].name for r in response.context["rows"]] == ["Per Venter"]


def test_check_in_toggles(client, org_editor, event):
    registration = register(event, "Kari Nordmann", "kari@example.org")
    login(client, org_editor)
    url = f"{urls(event)['participants']}{registration.pk}/check-in/"
    response = client.post(url, {"attended": "1", "next": urls(event)["participants"]})
    assert response.status_code == 302
    assert response["Location"] == f"{urls(event)['participants']}#registration-{registration.pk}"
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    html = client.get(urls(event)["participants"]).content.decode()
    assert 'data-count="checked-in">1<' in html
    assert "Undo check-in" in html
    client.post(url, {"attended": "0"})
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert ModelLogEntry.objects.filter(action="events.registration.unchecked").exists()


def test_check_in_needs_a_post_and_a_confirmed_registration(client, org_editor, event):
    register(event, "Kari Nordmann", "kari@example.org")
    register(event, "Ola Nordmann", "ola@example.org")
    waiting = register(event, "Per Venter", "per@example.org")
    login(client, org_editor)
    url = f"{urls(event)['participants']}{waiting.pk}/check-in/"
    assert client.get(url).status_code == 405
    response = client.post(url, {"attended": "1"}, follow=True)
    assert "Only confirmed participants can be checked in." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.checked_in_at is None


def test_the_admin_cancels_a_registration_and_the_first_waiting_gets_the_seat(
    client, org_editor, event, django_capture_on_commit_callbacks
):
    kari = register(event, "Kari Nordmann", "kari@example.org")
    register(event, "Ola Nordmann", "ola@example.org")
    first = register(event, "Per Venter", "per@example.org")
    second = register(event, "Siv Venter", "siv@example.org")
    assert first.status == second.status == RegistrationStatus.WAITLISTED
    login(client, org_editor)
    url = f"{urls(event)['participants']}{kari.pk}/cancel/"
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Kari Nordmann" in confirm.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"next": urls(event)["participants"]})
    assert response.status_code == 302
    for registration in (kari, first, second):
        registration.refresh_from_db()
    assert kari.status == RegistrationStatus.CANCELLED
    assert first.status == RegistrationStatus.CONFIRMED
    assert second.status == RegistrationStatus.WAITLISTED
    assert {m.to[0] for m in mail.outbox} == {"kari@example.org", "per@example.org"}
    assert ModelLogEntry.objects.filter(
        action="events.registration.cancelled", user_id=org_editor.pk
    ).exists()


@pytest.mark.parametrize(
    "next_url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "http:evil.example",
    ],
)
def test_the_cancel_page_never_links_to_another_site_or_a_script(
    client, org_editor, event, next_url
):
    kari = register(event, "Kari Nordmann", "kari@example.org")
    login(client, org_editor)
    url = f"{urls(event)['participants']}{kari.pk}/cancel/"
    html = client.get(url, {"next": next_url}).content.decode()
    participants = urls(event)["participants"]
    assert html.count(f'href="{participants}"') >= 1
    assert f'name="next" value="{participants}"' in html
    assert "alert(" not in html and "script:" not in html.lower()
    assert "evil.example" not in html and "data:text" not in html


def test_the_cancel_page_keeps_a_local_next(client, org_editor, event):
    kari = register(event, "Kari Nordmann", "kari@example.org")
    login(client, org_editor)
    back = urls(event)["participants"] + "?status=confirmed&p=2"
    html = client.get(f"{urls(event)['participants']}{kari.pk}/cancel/", {"next": back})
    assert 'href="' + back.replace("&", "&amp;") + '"' in html.content.decode()


def test_a_registration_of_another_event_cannot_be_touched(client, org_editor, event):
    foreign = make_event(questions=[DIET, ROLE])
    stranger = register(foreign, "Siri Fremmed", "siri@example.org")
    login(client, org_editor)
    base = urls(event)["participants"]
    assert client.post(f"{base}{stranger.pk}/check-in/", {"attended": "1"}).status_code == 404
    assert client.post(f"{base}{stranger.pk}/cancel/").status_code == 404
    stranger.refresh_from_db()
    assert stranger.status == RegistrationStatus.CONFIRMED
    assert stranger.checked_in_at is None


# --- Exports --------------------------------------------------------------------------------------


def test_csv_export_has_a_row_per_registration_and_escapes_formulas(client, org_editor, event):
    register(event, '=HYPERLINK("http://evil")', "evil@example.org", role="+47 123")
    register(event, "Ola Nordmann", "ola@example.org", diet="Vegan", role="@produsent")
    register(event, "Per Venter", "per@example.org", role="-1")
    login(client, org_editor)
    response = client.get(urls(event)["csv"])
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    filename = f"{event.slug}-{event.local_start:%Y-%m-%d}.csv"
    assert filename in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(content)))
    header, body = rows[0], rows[1:]
    assert header[:7] == [
        "Name",
        "Email",
        "Status",
        "Registered",
        "Confirmed",
        "Checked in",
        "Consent given",
    ]
    assert header[7:] == ["Kosthold", "Rolle"]
    assert len(body) == 3
    by_email = {row[1]: row for row in body}
    assert by_email["evil@example.org"][0] == '\'=HYPERLINK("http://evil")'
    assert by_email["evil@example.org"][8] == "'+47 123"
    assert by_email["ola@example.org"][7:] == ["Vegan", "'@produsent"]
    assert by_email["per@example.org"][8] == "'-1"
    assert by_email["per@example.org"][2] == "On the waiting list"
    for row in body:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@"))


def test_xlsx_export_has_the_questions_and_a_row_per_registration(client, org_editor, event):
    register(event, "=1+1", "kari@example.org", role="Produsent")
    register(event, "Ola Nordmann", "ola@example.org", diet="Vegan")
    register(event, "Per Venter", "per@example.org")
    login(client, org_editor)
    response = client.get(urls(event)["xlsx"])
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert f"{event.slug}-{event.local_start:%Y-%m-%d}.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[7:] == ("Kosthold", "Rolle")
    assert len(body) == 3
    assert {row[1] for row in body} == {"kari@example.org", "ola@example.org", "per@example.org"}
    kari = next(row for row in body if row[1] == "kari@example.org")
    assert kari[0] == "'=1+1"  # text, quoted as in the CSV (core.spreadsheets), not a formula
    assert isinstance(kari[3], datetime.datetime)
    assert kari[7:] == ("Vegetar", "Produsent")
    formula_cells = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formula_cells == []


def test_xlsx_export_opens_with_control_characters_in_an_answer(client, org_editor, event):
    register(event, "Kari Nordmann", "kari@example.org", role="Pro\x01du\x0bsent\x1f")
    login(client, org_editor)
    response = client.get(urls(event)["xlsx"])
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][8] == "Produsent"


# --- Messages -------------------------------------------------------------------------------------


def test_message_goes_to_each_confirmed_participant(
    client, org_editor, event, django_capture_on_commit_callbacks
):
    register(event, "Kari Nordmann", "kari@example.org")
    register(event, "Ola Nordmann", "ola@example.org")
    register(event, "Per Venter", "per@example.org")
    login(client, org_editor)
    assert client.get(urls(event)["messages"]).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            urls(event)["messages"], {"subject": "Husk gitaren", "body": "Vi sees!"}
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["kari@example.org", "ola@example.org"]
    message = EventMessage.objects.get(event=event)
    assert (message.subject, message.recipient_count, message.to_waitlist) == (
        "Husk gitaren",
        2,
        False,
    )
    assert message.sender == org_editor
    html = client.get(urls(event)["messages"]).content.decode()
    assert "Husk gitaren" in html
    assert 'data-recipients="2"' in html


def test_message_can_include_the_waiting_list(
    client, org_editor, event, django_capture_on_commit_callbacks
):
    register(event, "Kari Nordmann", "kari@example.org")
    register(event, "Ola Nordmann", "ola@example.org")
    register(event, "Per Venter", "per@example.org")
    login(client, org_editor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            urls(event)["messages"],
            {"subject": "Endring", "body": "Ny sal.", "to_waitlist": "on"},
        )
    assert len(mail.outbox) == 3
    assert EventMessage.objects.get(event=event).recipient_count == 3


def test_an_empty_message_is_refused(client, org_editor, event):
    login(client, org_editor)
    response = client.post(urls(event)["messages"], {"subject": "", "body": "Hei"})
    assert response.status_code == 200
    assert not EventMessage.objects.exists()


# --- Agenda input ---------------------------------------------------------------------------------


def test_agenda_input_is_curated(client, org_editor, event):
    registration = register(event, "Kari Nordmann", "kari@example.org")
    item = services.agenda_input_create(registration=registration, text="Snakk om strømming")
    login(client, org_editor)
    html = client.get(urls(event)["agenda"]).content.decode()
    assert "Snakk om strømming" in html
    assert "Kari Nordmann" in html
    response = client.post(
        f"{urls(event)['agenda']}{item.pk}/",
        {"status": "accepted", "note": "Tas opp kl. 19", "next": urls(event)["agenda"]},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{urls(event)['agenda']}#agenda-{item.pk}"
    item.refresh_from_db()
    assert (item.status, item.organiser_note) == ("accepted", "Tas opp kl. 19")
    assert ModelLogEntry.objects.filter(
        action="events.agenda_input.curated", user_id=org_editor.pk
    ).exists()
    response = client.post(f"{urls(event)['agenda']}{item.pk}/", {"status": "bogus"})
    item.refresh_from_db()
    assert item.status == "accepted"
    filtered = client.get(urls(event)["agenda"], {"status": "declined"}).content.decode()
    assert "Snakk om strømming" not in filtered


def test_agenda_input_of_another_event_is_out_of_reach(client, org_editor, event):
    foreign = make_event(questions=[DIET, ROLE])
    item = services.agenda_input_create(
        registration=register(foreign, "Siri Fremmed", "siri@example.org"), text="Hemmelig"
    )
    login(client, org_editor)
    response = client.post(f"{urls(event)['agenda']}{item.pk}/", {"status": "declined"})
    assert response.status_code == 404
    assert AgendaInput.objects.get(pk=item.pk).status == "new"


# --- Who gets in ----------------------------------------------------------------------------------


def _all_screens(event, registration):
    screens = urls(event)
    return [
        *screens.values(),
        "/admin/events/",
        "/admin/events/new/",
        "/admin/event-series/",
        f"{screens['participants']}{registration.pk}/cancel/",
    ]


@pytest.mark.parametrize("who", ["anonymous", "member", "outsider"])
def test_members_and_strangers_reach_none_of_the_screens(client, event, org_member, who):
    registration = register(event, "Kari Nordmann", "kari@example.org")
    item = services.agenda_input_create(registration=registration, text="Innspill")
    if who == "member":
        login(client, org_member)
    elif who == "outsider":
        login(client, UserFactory())
    for url in _all_screens(event, registration):
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302, (url, response.status_code)
            assert "login" in response["Location"], url
        else:  # signed in without admin access: refused, not sent to the login page (a loop)
            assert response.status_code == 403, (url, response.status_code)
    base = urls(event)["participants"]
    for url, data in (
        (f"{base}{registration.pk}/check-in/", {"attended": "1"}),
        (f"{base}{registration.pk}/cancel/", {}),
        (urls(event)["messages"], {"subject": "Spam", "body": "Spam"}),
        (f"{urls(event)['agenda']}{item.pk}/", {"status": "declined"}),
        (urls(event)["delete"], {}),
    ):
        response = client.post(url, data)
        assert response.status_code == (302 if who == "anonymous" else 403), (
            url,
            response.status_code,
        )
    registration.refresh_from_db()
    item.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.checked_in_at is None
    assert item.status == "new"
    assert not EventMessage.objects.exists()
    assert Event.objects.filter(pk=event.pk).exists()


def test_an_editor_of_another_organisation_is_refused(client, event):
    outsider = MembershipFactory(organisation=OrganisationFactory(), role="admin").user
    registration = register(event, "Kari Nordmann", "kari@example.org")
    item = services.agenda_input_create(registration=registration, text="Innspill")
    login(client, outsider)
    for url in _all_screens(event, registration):
        if url in ("/admin/events/", "/admin/events/new/", "/admin/event-series/"):
            continue
        assert_refused(client.get(url))
    html = client.get("/admin/events/").content.decode()
    assert event.title not in html
    base = urls(event)["participants"]
    for url, data in (
        (f"{base}{registration.pk}/check-in/", {"attended": "1"}),
        (f"{base}{registration.pk}/cancel/", {}),
        (urls(event)["messages"], {"subject": "Spam", "body": "Spam"}),
        (f"{urls(event)['agenda']}{item.pk}/", {"status": "declined"}),
    ):
        assert client.post(url, data).status_code == 404, url
    registration.refresh_from_db()
    item.refresh_from_db()
    assert (registration.status, registration.checked_in_at) == (RegistrationStatus.CONFIRMED, None)
    assert item.status == "new"
    assert not EventMessage.objects.exists()


def test_co_organisers_editors_run_the_event(client, event):
    partner = OrganisationFactory()
    services.event_save(actor=None, event=event, organisers=[*event.organisers.all(), partner])
    editor = MembershipFactory(organisation=partner, role="editor").user
    login(client, editor)
    assert client.get(urls(event)["participants"]).status_code == 200
    data = edit_form_data(client, event)
    data["summary"] = "Fra partneren"
    response = client.post(urls(event)["edit"], data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.summary == "Fra partneren"
    assert event.organisers.count() == 2


# --- Bounded queries ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["org_editor", "hub_admin"])
def test_event_index_runs_a_bounded_number_of_queries(client, organisation, queries, request, who):
    make_event(organisers=[organisation], questions=[DIET, ROLE])
    login(client, request.getfixturevalue(who))
    client.get("/admin/events/")
    few = queries.count(lambda: client.get("/admin/events/"))
    for _i in range(6):
        event = make_event(organisers=[organisation, OrganisationFactory()], questions=[DIET])
        services.registration_create(
            event=event,
            name="Kari",
            email="kari@example.org",
            answers={str(event.questions.get().pk): "Vegan"},
        )
    many = queries.count(lambda: client.get("/admin/events/"))
    assert many == few


def test_participants_page_runs_a_bounded_number_of_queries(client, org_editor, event, queries):
    register(event, "Kari Nordmann", "kari@example.org")
    register(event, "Ola Nordmann", "ola@example.org")
    services.agenda_input_create(
        registration=register(event, "Per Venter", "per@example.org"), text="Første"
    )
    login(client, org_editor)
    client.get(urls(event)["participants"])
    few = queries.count(lambda: client.get(urls(event)["participants"]))
    for i in range(8):
        registration = register(event, f"Person {i}", f"person{i}@example.org")
        services.agenda_input_create(registration=registration, text=f"Innspill {i}")
    many = queries.count(lambda: client.get(urls(event)["participants"]))
    assert many == few
    for screen in ("agenda", "messages"):
        client.get(urls(event)[screen])
    agenda = queries.count(lambda: client.get(urls(event)["agenda"]))
    services.agenda_input_create(
        registration=Registration.objects.filter(event=event).last(), text="Ett til"
    )
    assert queries.count(lambda: client.get(urls(event)["agenda"])) == agenda


# --- The topic picker: one box per topic, in the event's language (issue 18) ---------------------


@pytest.fixture
def topics(home_page):
    """Two topics of the knowledge bank, each in bokmål and Danish (translations of each other)."""
    from wagtail.models import Page

    from samspill.knowledge.models import TopicPage
    from tests.knowledge import factories as knowledge

    nb_index = knowledge.index_page(home_page)
    da_home = Page.objects.get(depth=home_page.depth, locale__language_code="da").specific
    da_index = knowledge.index_page(da_home)
    found = {}
    for nb_title, da_title in [
        ("Skatt og status", "Skat og status"),
        ("Rettigheter", "Rettigheder"),
    ]:
        nb_topic = knowledge.topic_page(nb_index, nb_title)
        da_topic = TopicPage(
            title=da_title,
            slug=nb_topic.slug,
            intro="Alt om det.",
            translation_key=nb_topic.translation_key,
        )
        da_index.add_child(instance=da_topic)
        found[nb_title] = nb_topic
        found[da_title] = da_topic
    return found


def topic_boxes(html: str) -> list[str]:
    import re

    return re.findall(r'<input[^>]*name="topics"[^>]*value="(\d+)"', html)


def test_the_topic_picker_offers_each_topic_once_in_the_events_language(
    client, org_editor, organisation, topics
):
    event = make_event(organisers=[organisation], language="da")
    login(client, org_editor)
    html = client.get(f"/admin/events/edit/{event.pk}/").content.decode()
    boxes = topic_boxes(html)
    assert sorted(boxes) == sorted(
        [str(topics["Skat og status"].pk), str(topics["Rettigheder"].pk)]
    )
    bokmal = make_event(organisers=[organisation], language="nb")
    html = client.get(f"/admin/events/edit/{bokmal.pk}/").content.decode()
    assert sorted(topic_boxes(html)) == sorted(
        [str(topics["Skatt og status"].pk), str(topics["Rettigheter"].pk)]
    )


def test_a_topic_chosen_in_another_language_stays_chosen_and_saves_unchanged(
    client, org_editor, organisation, topics
):
    event = make_event(organisers=[organisation], language="nb")
    event.topics.set([topics["Skat og status"]])
    login(client, org_editor)
    html = client.get(f"/admin/events/edit/{event.pk}/").content.decode()
    boxes = topic_boxes(html)
    assert str(topics["Skat og status"].pk) in boxes
    assert str(topics["Skatt og status"].pk) not in boxes and len(boxes) == 2
    response = client.post(f"/admin/events/edit/{event.pk}/", edit_form_data(client, event))
    assert response.status_code == 302
    assert list(event.topics.values_list("pk", flat=True)) == [topics["Skat og status"].pk]
