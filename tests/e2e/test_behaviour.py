"""Keyboard use, the language switcher, the organisation filter (with and without JavaScript),
a clean console under the Content-Security-Policy, and a 320 px wide screen."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import MEMBER_EMAIL, MEMBER_PASSWORD

MUSIC_OFFICE = "music_office"


def focused(page) -> dict:
    """What has keyboard focus: tag, id, name, class and text, for assertions and messages."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name"),
                    className: el.className, href: el.getAttribute("href"),
                    text: (el.innerText || "").trim().slice(0, 60)};
        }"""
    )


def result_count(page) -> int:
    """The number in "28 organisations" above the results (the results are paginated)."""
    text = page.locator("#organisation-results > p.muted").first.inner_text()
    match = re.search(r"\d+", text)
    assert match, f"no count in {text!r}"
    return int(match.group())


# --- Keyboard ---------------------------------------------------------------------------------


def test_sign_in_with_the_keyboard_only(page):
    page.goto("/konto/login/")

    page.keyboard.press("Tab")
    first = focused(page)
    assert first["className"] == "skip-link" and first["href"] == "#main", (
        f"the first Tab should reach the skip link, reached {first}"
    )
    expect(page.locator(".skip-link")).to_be_in_viewport()

    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main", "the skip link should move focus to <main>"

    visited = []
    for _ in range(10):
        page.keyboard.press("Tab")
        visited.append(focused(page))
        if visited[-1]["name"] == "login":
            break
    else:
        pytest.fail(f"Tab from <main> never reached the email field; it visited {visited}")

    page.keyboard.type(MEMBER_EMAIL)
    page.keyboard.press("Tab")
    after_email = focused(page)
    assert after_email["name"] == "password", (
        f"Tab from the email field should reach the password field, reached {after_email}"
    )
    page.keyboard.type(MEMBER_PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/konto/profil/")
    expect(page.locator("main")).to_contain_text(MEMBER_EMAIL)
    expect(page.locator("form[action$='/logout/'] button")).to_be_visible()


# --- Language switcher ------------------------------------------------------------------------


def test_language_switcher_keeps_the_page_and_switches_to_danish(page):
    page.goto("/organisasjoner/")
    expect(page.locator("html")).to_have_attribute("lang", "nb")
    switcher = page.get_by_role("navigation", name="Velg språk")
    expect(switcher.get_by_role("link", name="Norsk (bokmål)")).to_have_attribute(
        "aria-current", "page"
    )

    switcher.get_by_role("link", name="Dansk").click()

    page.wait_for_url("**/da/organisasjoner/")
    assert page.url.endswith("/da/organisasjoner/"), page.url
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.locator("h1")).to_have_text("Organisationer")
    danish = page.get_by_role("navigation", name="Vælg sprog").get_by_role("link", name="Dansk")
    expect(danish).to_have_attribute("aria-current", "page")
    expect(danish).to_have_attribute("hreflang", "da")


def test_language_switcher_works_with_the_keyboard(page):
    page.goto("/organisasjoner/")
    english = page.get_by_role("navigation", name="Velg språk").get_by_role("link", name="English")
    english.focus()
    expect(english).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_url("**/en/organisasjoner/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


# --- Organisation filter ----------------------------------------------------------------------


def test_organisation_filter_works_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/organisasjoner/")
    total = result_count(page)

    page.locator("select[name=kind]").select_option(MUSIC_OFFICE)
    page.locator("form.filters button[type=submit]").click()

    page.wait_for_url(re.compile(r"kind=music_office"))
    filtered = result_count(page)
    assert 0 < filtered < total, f"filtering by kind gave {filtered} of {total}"
    cards = page.locator("#organisation-results .card")
    expect(cards).to_have_count(filtered)
    kind_label = page.locator("select[name=kind] option[value=music_office]").inner_text()
    expect(cards.locator(".badge")).to_have_text([kind_label] * filtered)
    expect(page.locator("select[name=kind]")).to_have_value(MUSIC_OFFICE)


def test_organisation_filter_with_javascript_swaps_only_the_results(page):
    page.goto("/organisasjoner/")
    page.wait_for_function("() => window.htmx !== undefined")
    total = result_count(page)
    # Marks that a full page load would wipe out.
    page.evaluate(
        "() => { window.__samePage = true; document.querySelector('h1').dataset.kept = 'yes'; }"
    )
    results_before = page.locator("#organisation-results").element_handle()

    with page.expect_response(lambda r: "kind=music_office" in r.url) as response_info:
        # Choosing a kind submits the form by itself (app.js); htmx fetches the results.
        page.locator("select[name=kind]").select_option(MUSIC_OFFICE)
    response = response_info.value
    assert response.request.headers.get("hx-request") == "true"
    assert response.request.headers.get("hx-target") == "organisation-results"
    body = response.text()
    assert "<html" not in body and 'id="organisation-results"' in body, (
        "the htmx request should get only the results fragment"
    )

    cards = page.locator("#organisation-results .card")
    kind_label = page.locator("select[name=kind] option[value=music_office]").inner_text()
    expect(cards.locator(".badge").first).to_have_text(kind_label)
    filtered = result_count(page)
    assert 0 < filtered < total, f"filtering by kind gave {filtered} of {total}"
    expect(cards).to_have_count(filtered)
    expect(cards.locator(".badge")).to_have_text([kind_label] * filtered)
    assert page.evaluate("() => window.__samePage === true"), "the page was reloaded"
    expect(page.locator("h1")).to_have_attribute("data-kept", "yes")
    assert not results_before.evaluate("el => el.isConnected"), "the results were not swapped"
    expect(page.locator("#organisation-results")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/organisasjoner/\?.*kind=music_office"))


# --- Console, Content-Security-Policy, small screens ------------------------------------------


def test_home_page_has_no_console_errors_or_csp_violations(page):
    console_errors = []
    page_errors = []

    def on_console(message):
        # A CSP violation, a failed request or a script error is logged as an error.
        if message.type == "error":
            console_errors.append(f"{message.text} ({message.location})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    # Playwright's init scripts are not subject to the page's CSP, so this listener sees every
    # violation, including ones the browser would only log.
    page.add_init_script(
        """document.addEventListener("securitypolicyviolation", (event) => {
            (window.__cspViolations = window.__cspViolations || []).push(
                `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}` +
                ` at ${event.sourceFile}:${event.lineNumber}`);
        });"""
    )

    response = page.goto("/", wait_until="networkidle")
    assert response is not None and response.status == 200
    assert response.headers.get("content-security-policy"), "the page has no CSP header"
    page.wait_for_function("() => window.htmx !== undefined")

    csp_violations = page.evaluate("() => window.__cspViolations || []")
    assert not csp_violations, f"CSP violations: {csp_violations}"
    assert not page_errors, f"uncaught JavaScript errors: {page_errors}"
    assert not console_errors, f"console errors: {console_errors}"


def test_home_page_fits_a_320_px_wide_screen(new_page):
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto("/")
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll_width > 320:
        too_wide = page.evaluate(
            """() => [...document.querySelectorAll("body *")]
                .filter((el) => el.getBoundingClientRect().right > 320)
                .slice(0, 10)
                .map((el) => `${el.tagName.toLowerCase()}.${el.className} ` +
                             `(right edge ${Math.round(el.getBoundingClientRect().right)} px)`)"""
        )
        pytest.fail(f"the page is {scroll_width} px wide at 320 px; too wide: {too_wide}")
