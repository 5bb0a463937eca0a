"""The network hub in a real browser: axe-core on the directory, profiles, the overview and the
joining and invitation pages; filtering the directory and opening a profile by keyboard alone.

`network_hub` builds the core demo and the network demo (not the knowledge bank or the events).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_snapshot
from tests.e2e.test_accessibility import assert_accessible, assert_no_axe_violations
from tests.e2e.test_behaviour import focused
from tests.e2e.test_knowledge import Findings, tab_until

DIRECTORY = "/nettverk/"
START_UP = (
    "/nettverk/stemmeverk/"  # a fictional start-up that needs investment (samspill.demo.network)
)
FOUNDER = (
    "grunder@samspill.test",
    "samspill-grunder",
)  # admin of Lydbølge (samspill.demo.core.PEOPLE)
MEMBER = ("medlem@samspill.test", "samspill-medlem")


@pytest.fixture
def network_hub(hub):
    from samspill.demo import network as demo

    demo_snapshot("core+network", demo.build)
    return hub


def log_in(page, email: str, password: str) -> None:
    page.goto("/konto/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/konto/profil/")


def an_invitation_path() -> str:
    from django.utils import timezone

    from samspill.core.models import Organisation
    from samspill.network import tokens
    from samspill.network.models import Invitation

    invitation = Invitation.objects.create(
        organisation=Organisation.objects.get(slug="lydbolge"),
        email="ny.kollega@example.org",
        expires_at=timezone.now() + timezone.timedelta(days=14),
    )
    return f"/nettverk/invitasjon/{tokens.invitation_token(invitation)}/"


def a_listed_person_path() -> str:
    from samspill.core.models import User

    person = User.objects.filter(is_listed=True, is_active=True).order_by("pk").first()
    return f"/nettverk/personer/{person.pk}/"


def test_network_pages_have_no_axe_violations(network_hub, page, new_page):
    findings = Findings()

    def accessible(on, path: str, what: str) -> None:
        with findings.check(f"{what} ({path})"):
            assert_accessible(on, path)

    accessible(page, DIRECTORY, "the directory")
    accessible(
        page, DIRECTORY + "?kind=startup&offers=technology&sort=active", "a filtered directory"
    )
    accessible(page, DIRECTORY + "?q=konserter", "a search")
    accessible(page, DIRECTORY + "?vis=personer", "the people who chose to be listed")
    accessible(page, "/da" + DIRECTORY, "the directory in Danish")
    accessible(page, START_UP, "an organisation's profile")
    accessible(page, a_listed_person_path(), "a listed person's profile")
    accessible(page, "/nettverk/oversikt/", "the ecosystem at a glance")
    accessible(page, an_invitation_path(), "an invitation, not signed in")

    founder = new_page()
    log_in(founder, *FOUNDER)
    accessible(founder, "/nettverk/lydbolge/", "a profile with its matches, for its admin")
    with findings.check("the admin sees explained matches"):
        expect(founder.locator(".network-matches li").first).to_be_visible()
    accessible(founder, "/nettverk/lydbolge/behov-og-tilbud/", "editing needs and offers")
    accessible(founder, "/nettverk/lydbolge/inviter/", "inviting people")
    accessible(founder, "/nettverk/lydbolge/foresporsler/", "requests to join")
    accessible(founder, "/nettverk/ny-organisasjon/", "creating an organisation")

    member = new_page()
    log_in(member, *MEMBER)
    accessible(member, START_UP + "bli-med/", "asking to join")
    accessible(member, an_invitation_path(), "an invitation, signed in")
    findings.assert_none()


def test_filter_the_directory_and_open_a_profile_by_keyboard_alone(network_hub, page):
    page.goto(DIRECTORY)
    page.keyboard.press("Tab")  # the skip link
    box = tab_until(
        page,
        lambda el: el["tag"] == "input" and el["name"] == "offers",
        "the first box of what organisations offer",
        limit=80,
    )
    # Walk the offered categories to "investment" (the first in the taxonomy) and tick it.
    assert box["id"].startswith("id_offers")
    page.keyboard.press("Space")
    tab_until(page, lambda el: el["tag"] == "button" and el["text"], "the filter button", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"offers=investment"))
    results = page.locator("#directory-results")
    expect(results).to_contain_text("Tonekapital")  # an investor of the demo
    assert_no_axe_violations(page, "the filtered directory")

    link = tab_until(
        page,
        lambda el: el["tag"] == "a" and re.fullmatch(r"/nettverk/[a-z0-9-]+/", el["href"] or ""),
        "the first organisation in the results",
        limit=120,
    )
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{link['href']}")
    expect(page.locator("h1")).to_be_visible()
    assert focused(page)["tag"] in {"body", "a", "main"}
