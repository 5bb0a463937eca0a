"""Projects and ideas in a real browser: axe-core on the programme, a project (with click-to-load
videos), the reach matrix, a municipality, the yearly report, the idea list and idea pages, and a
network meeting's page with the input it gave; a
member proposes an idea and supports another by keyboard alone.

`projects_hub` builds the core demo, the events demo (the workshops and network meetings the
programme links) and the projects demo: Musikmetropolen with its themes, projects and ideas.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_snapshot
from tests.e2e.test_accessibility import assert_accessible, assert_no_axe_violations
from tests.e2e.test_knowledge import Findings, tab_until

PROGRAMME = "/program/musikmetropolen/"


@pytest.fixture
def projects_hub(hub):
    from samspill.demo import events as events_demo
    from samspill.demo import ideas as ideas_demo
    from samspill.demo import projects as demo

    def build():
        events_demo.build()
        demo.build()
        ideas_demo.build()

    demo_snapshot("core+events+projects+ideas", build)
    return hub


def test_projects_and_ideas_pages_have_no_axe_violations(projects_hub, page):
    from samspill.ideas.models import Idea
    from samspill.projects.models import Project

    findings = Findings()

    def accessible(path: str, what: str) -> None:
        with findings.check(f"{what} ({path})"):
            assert_accessible(page, path)

    with_video = Project.objects.filter(videos__isnull=False).first()
    turned = Idea.objects.filter(status="project").first()
    commented = Idea.objects.filter(comments__isnull=False, status="proposed").first() or (
        Idea.objects.filter(comments__isnull=False).first()
    )
    accessible(PROGRAMME, "the programme")
    accessible("/prosjekter/", "the project list")
    accessible("/prosjekter/?status=completed&year=2019", "the project list, filtered")
    accessible(with_video.get_absolute_url(), "a project with videos")
    with findings.check("a video loaded on request"):
        page.goto(with_video.get_absolute_url())
        assert page.locator("iframe").count() == 0
        page.locator("[data-video] button").first.click()
        expect(page.locator("iframe").first).to_be_attached()
    accessible(PROGRAMME + "rekkevidde/", "the reach matrix")
    accessible(PROGRAMME + "rekkevidde/?year=2020", "the reach matrix of 2020")
    accessible(PROGRAMME + "kommuner/dk-265/", "a municipality")
    accessible(PROGRAMME + "rapport/2019/", "the yearly report")
    accessible("/ideer/", "the idea list")
    accessible(turned.get_absolute_url(), "an idea turned into a project")
    accessible(commented.get_absolute_url(), "an idea with comments")
    accessible("/da/ideer/", "the idea list in Danish")
    from samspill.events.models import Event

    gathering = Event.objects.get(slug="netvaerksmode-input-2020")
    accessible(gathering.get_absolute_url(), "a network meeting with the ideas it produced")
    findings.assert_none()


def test_propose_an_idea_and_support_another_by_keyboard(projects_hub, signed_in_page):
    from samspill.core.models import User
    from samspill.ideas.models import Idea, IdeaSupport
    from tests.e2e.conftest import MEMBER_EMAIL

    page = signed_in_page
    member = User.objects.get(email=MEMBER_EMAIL)
    page.goto("/ideer/ny/")
    page.keyboard.press("Tab")  # the skip link
    tab_until(page, lambda el: el["name"] == "title", "the title field")
    page.keyboard.type("Øvingsrom i alle kommuner")
    tab_until(page, lambda el: el["name"] == "description", "the description")
    page.keyboard.type("Felles booking av øvingsrom på tvers av kommunegrensene.")
    tab_until(page, lambda el: el["name"] == "themes", "the first theme")
    page.keyboard.press("Space")
    tab_until(page, lambda el: el["tag"] == "button" and "Foreslå" in el["text"], "the send button")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ideer/*/")
    expect(page.locator("h1")).to_have_text("Øvingsrom i alle kommuner")
    assert_no_axe_violations(page, "the new idea")
    mine = Idea.objects.get(title="Øvingsrom i alle kommuner")
    assert mine.author == member and mine.themes.count() == 1

    other = (
        Idea.objects.visible()
        .exclude(status__in=["declined", "project"])
        .exclude(supports__user=member)
        .order_by("-support_count")
        .first()
    )
    before = other.support_count
    page.goto(other.get_absolute_url())
    page.keyboard.press("Tab")
    tab_until(page, lambda el: el["id"] == "idea-support-button", "the support button", limit=80)
    page.keyboard.press("Enter")
    expect(page.locator(".idea-support__count")).to_contain_text(str(before + 1))
    expect(page.locator("#idea-support-button")).to_be_focused()
    assert IdeaSupport.objects.filter(idea=other, user=member).exists()
    other.refresh_from_db()
    assert other.support_count == before + 1
