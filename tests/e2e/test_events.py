"""Events in a real browser: axe-core on every kind of events page, and a guest who registers with
the keyboard alone, sees the confirmation, gets the email and cancels through its link.

`events_hub` builds the core demo and the events demo (not the knowledge bank: events link to its
topics only when it exists).
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.conftest import demo_snapshot
from tests.e2e.test_accessibility import assert_accessible, assert_no_axe_violations
from tests.e2e.test_behaviour import focused
from tests.e2e.test_knowledge import Findings, tab_until

LIST = "/arrangementer/"


@pytest.fixture
def events_hub(hub):
    from samspill.demo import events as demo

    demo_snapshot("core+events", demo.build)
    return hub


def event_path(key: str) -> str:
    from samspill.demo.events import demo_uid
    from samspill.events.models import Event

    return Event.objects.get(uid=demo_uid(key)).get_absolute_url()


def registration_link(body: str) -> str:
    match = re.search(r"https?://\S+/arrangementer/pamelding/\S+/", body)
    assert match, f"no registration link in the email:\n{body}"
    return urlsplit(match.group(0)).path


def test_events_pages_have_no_axe_violations(events_hub, page):
    findings = Findings()

    def accessible(path: str, what: str) -> None:
        with findings.check(f"{what} ({path})"):
            assert_accessible(page, path)

    accessible(LIST, "the list of upcoming events")
    with findings.check("the list shows the full meetup with its waiting list"):
        expect(
            page.locator("main").get_by_text("Mustech Norway – fysisk treff i Oslo")
        ).to_be_visible()
    accessible(LIST + "?when=past", "past events")
    accessible(LIST + "?kind=webinar&mode=online", "a filtered list")
    accessible(LIST + "arkiv/2021/", "the archive of 2021")
    accessible("/da" + LIST, "the list in Danish")
    accessible("/", "the home page with the next events")
    for key, what in [
        ("mustech-oslo-meetup", "a full gathering with a waiting list"),
        ("mustech-2021-06-11", "the past digital gathering of 2021"),
        ("course-releasing-music-bergen", "a course with sessions"),
        ("network-meeting-rogaland", "a cancelled network meeting"),
        ("course-rights-trondheim", "a postponed course"),
        ("musikmetropolen-workshop-audiences", "a Danish workshop"),
    ]:
        accessible(event_path(key), what)
    accessible(event_path("mustech-digital-capital") + "pamelding/", "the registration page")
    accessible(event_path("mustech-oslo-meetup") + "pamelding/", "registering for the waiting list")

    # The registration page with errors next to the fields.
    page.goto(event_path("mustech-digital-capital") + "pamelding/")
    page.locator("main form.register-form button[type=submit]").click()
    page.wait_for_load_state()
    with findings.check("errors are shown next to the fields"):
        expect(page.locator(".error-summary")).to_be_visible()
        assert_no_axe_violations(page, "the registration page with errors")
    findings.assert_none()


def test_a_guest_registers_by_keyboard_sees_the_confirmation_and_cancels_through_the_link(
    events_hub, page
):
    mail.outbox.clear()
    path = event_path("mustech-digital-capital")
    page.goto(path)
    page.keyboard.press("Tab")  # the skip link
    tab_until(
        page,
        lambda el: el["tag"] == "a" and (el["href"] or "").endswith("/pamelding/"),
        "the link to the registration page",
        limit=80,
    )
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{path}pamelding/")

    tab_until(page, lambda el: el["name"] == "name", "the name field", limit=60)
    page.keyboard.type("Tove Fjeld")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "email"
    page.keyboard.type("tove.fjeld@example.org")
    # The questions: the organisation (text), then the role (radio buttons: Space picks one).
    page.keyboard.press("Tab")
    field = focused(page)
    assert field["tag"] == "input" and field["name"].startswith("q"), field
    page.keyboard.type("Lydlab AS")
    page.keyboard.press("Tab")
    radio = focused(page)
    assert radio["name"].startswith("q") and radio["name"] != field["name"], radio
    page.keyboard.press("Space")
    tab_until(page, lambda el: el["name"] == "consent", "the consent checkbox")
    page.keyboard.press("Space")
    tab_until(page, lambda el: el["tag"] == "button", "the register button")
    page.keyboard.press("Enter")

    page.wait_for_url("**/arrangementer/pamelding/**")
    status = page.locator(".registration-status")
    expect(status).to_have_class(re.compile("registration-status--confirmed"))
    expect(page.locator("main")).to_contain_text("https://example.org/mote/mustech-norway-kapital")
    assert_no_axe_violations(page, "the confirmation (the registration's own page)")

    (message,) = [m for m in mail.outbox if m.to == ["tove.fjeld@example.org"]]
    assert message.attachments and message.attachments[0][0] == "invite.ics"
    link = registration_link(message.body)

    # Another browser, as from the email: cancel with the keyboard.
    page.context.clear_cookies()
    page.goto(link)
    page.keyboard.press("Tab")
    tab_until(
        page,
        lambda el: el["tag"] == "button" and "button--danger" in (el["className"] or ""),
        "the cancel button",
        limit=60,
    )
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".registration-status")).to_have_class(
        re.compile("registration-status--cancelled")
    )
    assert_no_axe_violations(page, "a cancelled registration")
    to_tove = [m for m in mail.outbox if m.to == ["tove.fjeld@example.org"]]
    assert len(to_tove) == 2, [m.subject for m in to_tove]  # the confirmation, the cancellation
