"""The knowledge bank and the answer finder in a real browser.

axe-core on every kind of knowledge page (Norwegian, Danish, English) and on the question page in
each of its states; the click-to-load video fetches nothing from another host before play; asking
from the header's question box and walking a guide with the keyboard only; "Did this help?" with
htmx and without JavaScript; the question page's filters without JavaScript.

The `hub` fixture builds only the core demo; `knowledge_hub` adds the other registered builders (the
knowledge bank and the answer finder), as `samspill demo` does: about half a minute the first time
in a test process, then a copy of the database from the snapshot (`demo_snapshot`).
"""

import re
from contextlib import contextmanager
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_snapshot
from tests.e2e.test_accessibility import assert_accessible, assert_no_axe_violations
from tests.e2e.test_behaviour import focused

INDEX = "/kunnskap/"
TOPIC = "/kunnskap/skatt-og-status/"
FAQ = "/kunnskap/skatt-og-status/mva-grense/"
GUIDE = "/kunnskap/selvstendig-ansatt-eller-begge/"
# First step, option 0 ("I have a position and a salary"), then option 2 ("yes, regularly and at my
# own risk"): the result "both employed and self-employed" (samspill/demo/data/knowledge.json, guides).
GUIDE_ANSWERS = "svar=0&svar=2"
GUIDE_RESULT = "Du er både ansatt og selvstendig næringsdrivende"
DANISH_INDEX = "/da/kunnskap/"
ENGLISH_INDEX = "/en/kunnskap/"

# Demo articles by their import id: no single one has every block, these two do between them.
ARTICLE_QA_CALLOUT_CHECKLIST_LINKS = "demo-enk-og-ansatt"
ARTICLE_VIDEO_QA_CHECKLIST_LINKS = "demo-starte-enk"
ARTICLE_RELEASING_MUSIC = "demo-gi-ut-musikk"  # "Hvordan gi ut musikk nå?"
DANISH_ARTICLE = "demo-da-moms-for-musikere"

ANSWERED_QUESTION = "Jeg er både selvstendig næringsdrivende og ansatt"
CLOSE_BUT_NO_ANSWER = "Kan en sjiraff spille tuba på månen?"  # suggestions, no clear answer
NO_ANSWER = "Hvilken farge har en sjiraff?"  # nothing at all
RELEASE_QUESTION = "Hvordan gi ut musikk nå?"

YOUTUBE_EMBED = re.compile(r"^https://www\.youtube-nocookie\.com/embed/")


def ask_path(question: str, **filters: str) -> str:
    return "/sporsmal/?" + urlencode({"q": question, **filters})


@pytest.fixture
def knowledge_hub(hub):
    """The whole demo hub: `hub` (core) plus every other demo builder, in order."""
    from samspill.demo import builders

    demo_snapshot(
        "all",
        lambda: builders.build([name for name, _build in builders.BUILDERS if name != "core"]),
    )
    return hub


def article_path(external_id: str) -> str:
    from samspill.knowledge.models import ArticlePage

    return ArticlePage.objects.get(external_id=external_id).url


def without_language_prefix(path: str) -> str:
    return re.sub(r"^/(da|en)/", "/", path)


def is_external(url: str, local_host: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and parts.hostname not in {local_host, "127.0.0.1"}


def tab_until(page, wanted, what: str, *, limit: int = 40) -> dict:
    """Press Tab until `wanted(focused element)` holds; fail with the route taken after `limit`."""
    visited = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        visited.append(focused(page))
        if wanted(visited[-1]):
            return visited[-1]
    pytest.fail(f"{limit} presses of Tab never reached {what}; they visited {visited}")


class Findings:
    """Soft assertions: every page is checked, and the test fails once with everything found."""

    def __init__(self):
        self.problems: list[str] = []

    @contextmanager
    def check(self, what: str):
        try:
            yield
        except AssertionError as error:  # pytest's and Playwright's expect() failures alike
            self.problems.append(f"{what}:\n{error}")

    def assert_none(self) -> None:
        assert not self.problems, f"{len(self.problems)} problem(s):\n\n" + "\n\n".join(
            self.problems
        )


# --- axe-core, feeds and the click-to-load video ------------------------------------------------


def test_knowledge_pages_and_the_question_page_have_no_axe_violations(knowledge_hub, page):
    local_host = urlsplit(knowledge_hub).hostname
    requests, blocked = [], []
    page.on("request", lambda request: requests.append(request.url))

    def block(route):
        blocked.append(route.request.url)
        route.abort()

    # Nothing may leave the live server, so the test never reaches the video service either.
    page.route(lambda url: is_external(url, local_host), block)

    findings = Findings()

    def accessible(path: str, what: str) -> None:
        with findings.check(f"{what} ({path})"):
            assert_accessible(page, path)

    accessible(INDEX, "the knowledge index")
    with findings.check("the index lists the topics and the guides"):
        expect(page.locator("main").get_by_role("link", name="Skatt og status")).to_be_visible()
        expect(page.locator(f"main a[href='{GUIDE}']")).to_be_visible()

    accessible(TOPIC, "a topic page")
    with findings.check("the topic's RSS feed is announced in <head> and answers"):
        rss = page.locator("head link[rel=alternate][type='application/rss+xml']")
        expect(rss).to_have_count(1)
        expect(rss).to_have_attribute("title", re.compile("Skatt og status"))
        response = page.request.get(rss.get_attribute("href"))
        assert response.status == 200, f"the RSS feed answered {response.status}"
        assert response.headers["content-type"].startswith("application/rss+xml")
        assert "<rss" in response.text()

    path = article_path(ARTICLE_QA_CALLOUT_CHECKLIST_LINKS)
    accessible(path, "an article with Q&A, a callout, a checklist and links")
    with findings.check(f"the blocks of {path}"):
        body = page.locator(".article-body")
        expect(body.locator(".qa h3").first).to_be_visible()
        expect(body.locator("aside.callout").first).to_have_attribute(
            "aria-label", re.compile(r"\S")
        )
        expect(body.locator(".checklist li").first).to_be_visible()
        expect(body.locator(".link-list a").first).to_be_visible()
        # Every table-of-contents entry leads to a section on the page.
        toc = page.locator("nav.toc a")
        assert toc.count() > 2, "the article should have a table of contents"
        for anchor in toc.evaluate_all("links => links.map(a => a.hash.slice(1))"):
            expect(page.locator(f"section[id='{anchor}']")).to_have_count(1)

    accessible(FAQ, "an FAQ page")
    accessible(GUIDE, "a guide's first step")
    with findings.check("the guide's first step"):
        expect(page.locator("form.guide-step fieldset legend")).to_be_visible()
        assert page.locator("form.guide-step input[type=radio]").count() >= 2
    accessible(f"{GUIDE}?{GUIDE_ANSWERS}", "a guide's result")
    with findings.check("the guide's result"):
        expect(page.locator("#result-heading")).to_have_text(GUIDE_RESULT)
        expect(page.locator(".guide-result .checklist li").first).to_be_visible()

    accessible(ask_path(ANSWERED_QUESTION), "the question page with answers")
    with findings.check("the answers to a clear question"):
        expect(page.locator("#answers .answer-list > li").first).to_be_visible()
    accessible(ask_path(CLOSE_BUT_NO_ANSWER), "the question page with suggestions only")
    accessible(ask_path(NO_ANSWER), "the question page with no answer")
    with findings.check("no answer: no result list, and a note that the question was recorded"):
        expect(page.locator("#answers .answer-list")).to_have_count(0)
        expect(page.locator("#answers h2")).to_be_visible()
        expect(page.locator("#answers > p")).to_be_visible()

    accessible(ask_path(""), "the question page with an empty question")
    with findings.check("the empty question's error message is tied to the field"):
        field = page.locator("main #id_q")
        expect(field).to_have_attribute("aria-invalid", "true")
        error = page.locator("#q-errors")
        expect(error).not_to_be_empty()
        expect(field).to_have_accessible_description(" ".join(error.inner_text().split()))

    accessible(DANISH_INDEX, "the Danish knowledge index")
    with findings.check("the Danish index is in Danish"):
        expect(page.locator("html")).to_have_attribute("lang", "da")
        expect(page.locator("h1")).to_have_text("Videnbanken")
    path = article_path(DANISH_ARTICLE)
    accessible(path, "a Danish article")
    with findings.check(f"{path} is marked as Danish"):
        expect(page.locator("article")).to_have_attribute("lang", "da")
    accessible(ENGLISH_INDEX, "the English knowledge index")

    # The video, last: its placeholder state was checked with the article just above.
    path = article_path(ARTICLE_VIDEO_QA_CHECKLIST_LINKS)
    accessible(path, "an article with a video (placeholder), Q&A, a checklist and links")
    with findings.check("the click-to-load video"):
        external = [url for url in requests if is_external(url, local_host)]
        assert not external, f"requests to other hosts before any video was played: {external}"
        assert not blocked, f"requests to other hosts before any video was played: {blocked}"
        figure = page.locator("figure.video").first
        expect(figure.locator("iframe")).to_have_count(0)
        title = figure.get_attribute("data-title")
        assert title, "the video has no title"

        figure.locator(".video-play").click()

        frame = figure.locator("iframe")
        expect(frame).to_have_count(1)
        expect(frame).to_have_attribute("src", YOUTUBE_EMBED)
        expect(frame).to_have_attribute("title", title)
        expect(frame).to_be_focused()
        expect(figure.locator(".video-placeholder")).to_have_count(0)
        for _ in range(50):  # the iframe's navigation reaches the router a moment later
            if blocked:
                break
            page.wait_for_timeout(100)
        hosts = {urlsplit(url).hostname for url in blocked}
        assert hosts == {"www.youtube-nocookie.com"}, f"blocked requests after play: {blocked}"
        assert_no_axe_violations(page, f"{path} with the video player loaded")
    findings.assert_none()


def test_the_search_page_has_no_axe_violations_in_any_state(knowledge_hub, page):
    """The header's box's page (/sok/): empty, with a best answer and groups, filtered by kind,
    with nothing found, with a refused kind (400), and in Danish."""
    findings = Findings()
    for path, status, what in [
        ("/sok/", 200, "the empty search page"),
        ("/sok/?" + urlencode({"q": RELEASE_QUESTION}), 200, "a best answer and groups"),
        (
            "/sok/?" + urlencode({"q": "konsert", "kind": ["article", "faq"]}, doseq=True),
            200,
            "filtered",
        ),
        ("/sok/?" + urlencode({"q": NO_ANSWER}), 200, "nothing found"),
        ("/sok/?" + urlencode({"q": "mva", "kind": "hemmelig"}), 400, "a refused kind"),
        ("/da/sok/?" + urlencode({"q": "moms"}), 200, "in Danish"),
    ]:
        with findings.check(f"{what} ({path})"):
            assert_accessible(page, path, expected_status=status)
    with findings.check("the results are grouped under headings, the best answer first"):
        page.goto("/sok/?" + urlencode({"q": RELEASE_QUESTION}))
        headings = page.locator("#hub-results h2")
        expect(headings.first).to_have_attribute("id", "best-heading")
        assert headings.count() >= 2
    findings.assert_none()


# --- Keyboard ---------------------------------------------------------------------------------


def test_ask_from_the_header_and_walk_a_guide_with_the_keyboard_only(knowledge_hub, page, new_page):
    page.goto("/")
    tab_until(page, lambda el: el["id"] == "header-q", "the header's question box")
    page.keyboard.type(RELEASE_QUESTION)
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/sok/\?q="))
    expect(page.locator("#header-q")).to_have_value(RELEASE_QUESTION)
    first_link = page.locator("#hub-results h3 a").first  # the best answer
    href = first_link.get_attribute("href")
    article = article_path(ARTICLE_RELEASING_MUSIC)
    assert urlsplit(href).path == article, f"the best answer should be {article}, not {href}"

    tab_until(page, lambda el: el["tag"] == "a" and el["href"] == href, "the first answer")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(re.escape(article)))
    expect(page.locator("h1")).to_have_text(RELEASE_QUESTION)
    fragment = urlsplit(page.url).fragment
    if fragment:  # a passage further down the article: it is there, and scrolled into view
        target = page.locator(f"[id='{fragment}']")
        expect(target).to_have_count(1)
        expect(target).to_be_in_viewport()
        assert target.evaluate("el => el.matches(':target')"), f"#{fragment} is not the :target"
        expect(target.locator("h2, h3").first).to_be_visible()

    # A guide, by the keyboard alone.
    page.goto(GUIDE)
    tab_until(page, lambda el: el["id"] == "svar-0", "the guide's first option")
    page.keyboard.press("Space")
    expect(page.locator("#svar-0")).to_be_checked()
    page.keyboard.press("Enter")  # implicit submission from the radio button

    page.wait_for_url(re.compile(r"\?svar=0$"))
    tab_until(page, lambda el: el["id"] == "svar-0", "the second step's first option")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#svar-2")).to_be_checked()
    expect(page.locator("#svar-2")).to_be_focused()
    tab_until(page, lambda el: el["tag"] == "button" and el["text"], "the Next button", limit=3)
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(re.escape(f"?{GUIDE_ANSWERS}") + "$"))
    expect(page.locator("#result-heading")).to_have_text(GUIDE_RESULT)
    trail = page.locator(".guide-trail li")
    expect(trail).to_have_count(2)

    # The address holds the answers: reloading it, or opening it elsewhere, shows the same result.
    shared = page.url
    page.reload()
    expect(page.locator("#result-heading")).to_have_text(GUIDE_RESULT)
    elsewhere = new_page()
    elsewhere.goto(shared)
    expect(elsewhere.locator("#result-heading")).to_have_text(GUIDE_RESULT)
    expect(elsewhere.locator(".guide-trail li")).to_have_count(2)


# --- "Did this help?" and the filters ---------------------------------------------------------


def test_did_this_help_and_the_filters_with_and_without_javascript(knowledge_hub, page, new_page):
    from samspill.answers.models import Feedback, PassageFilter

    # With JavaScript: htmx swaps the form for a status message, without reloading the page.
    path = ask_path(RELEASE_QUESTION)
    page.goto(path)
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.__samePage = true; }")
    answers = page.locator("#answers .answer-list > li")
    count = answers.count()
    assert count >= 2, f"expected several answers, got {count}"
    first = answers.first
    answer_id = first.locator("input[name=answer_id]").input_value()

    with page.expect_response(lambda r: "/sporsmal/tilbakemelding/" in r.url) as response_info:
        first.locator("button[name=helpful][value=yes]").click()
    response = response_info.value
    assert response.request.headers.get("hx-request") == "true"
    assert "<html" not in response.text()

    status = first.locator(".feedback-done[role=status]")
    expect(status).to_be_visible()
    expect(status).not_to_be_empty()
    expect(status).to_be_focused()  # focus does not fall back to <body> with the removed button
    expect(first.locator("form.feedback-form")).to_have_count(0)
    expect(page.locator("#answers form.feedback-form")).to_have_count(count - 1)
    assert page.evaluate("() => window.__samePage === true"), "the page was reloaded"
    thanks = status.inner_text().strip()
    assert Feedback.objects.filter(answer_id=answer_id, helpful=True).count() == 1

    # An empty question is refused in the browser instead of emptying the answers.
    asked = []
    page.on("request", lambda r: asked.append(r.url) if "/sporsmal/?" in r.url else None)
    page.locator("main #id_q").fill("")
    page.locator("main form.ask-form button[type=submit]").click()
    page.wait_for_timeout(300)
    assert not asked, f"an empty question was sent: {asked}"
    assert page.locator("main #id_q").evaluate("el => el.validity.valueMissing")
    expect(answers).to_have_count(count)

    # Without JavaScript: the form posts, and the reader comes back with the same message.
    plain = new_page(java_script_enabled=False)
    plain.goto(path)
    first = plain.locator("#answers .answer-list > li").first
    answer_id = first.locator("input[name=answer_id]").input_value()
    with plain.expect_response(lambda r: r.request.method == "POST") as response_info:
        first.locator("button[name=helpful][value=no]").click()
    response = response_info.value
    assert response.status == 302, f"the feedback form answered {response.status}"
    assert response.headers["location"] == path
    plain.wait_for_url(re.compile(re.escape(path) + "$"))
    message = plain.locator("[role=status] .messages")
    expect(message).to_have_text(thanks)
    assert Feedback.objects.filter(answer_id=answer_id, helpful=False).count() == 1

    # The filters without JavaScript: a topic, then an audience as well.
    plain.goto(ask_path("Må jeg ta MVA?"))
    topic = "konserter-live-og-strom"
    unfiltered = [
        without_language_prefix(urlsplit(href).path)
        for href in plain.locator("#answers .answer-list h3 a").evaluate_all(
            "links => links.map(a => a.href)"
        )
    ]
    assert any(not p.startswith(f"/kunnskap/{topic}/") for p in unfiltered), (
        f"the question should find answers outside {topic} too: {unfiltered}"
    )

    plain.locator("main select[name=topic]").select_option(topic)
    plain.locator("main form.ask-form button[type=submit]").click()
    plain.wait_for_url(re.compile(f"topic={topic}"))
    expect(plain.locator("main select[name=topic]")).to_have_value(topic)
    links = plain.locator("#answers .answer-list h3 a")
    expect(links.first).to_be_visible()
    paths = [
        without_language_prefix(urlsplit(href).path)
        for href in links.evaluate_all("links => links.map(a => a.href)")
    ]
    outside = [p for p in paths if not p.startswith(f"/kunnskap/{topic}/")]
    assert not outside, f"filtering by {topic} still gave {outside}"

    audience = "organiser-venue"
    plain.locator("main select[name=audience]").select_option(audience)
    plain.locator("main form.ask-form button[type=submit]").click()
    plain.wait_for_url(re.compile(f"audience={audience}.*topic={topic}"))
    expect(plain.locator("main select[name=audience]")).to_have_value(audience)
    passages = [
        int(value)
        for value in plain.locator("#answers input[name=passage]").evaluate_all(
            "inputs => inputs.map(i => i.value)"
        )
    ]
    assert passages, "no answers for the audience and the topic together"
    for passage in passages:
        keys = set(PassageFilter.objects.filter(passage_id=passage).values_list("key", flat=True))
        assert {f"audience:{audience}", f"topic:{topic}"} <= keys, (
            f"passage {passage} does not match both filters: {sorted(keys)}"
        )
