"""Forms that fail: the error summary takes the focus, with and without JavaScript; and filtered
lists announce their new count through a live region that htmx does not replace."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import MEMBER_EMAIL

ACTIVE = """() => {
    const el = document.activeElement;
    return {className: el.className, text: (el.innerText || "").trim().slice(0, 80)};
}"""


def _fail_log_in(page) -> None:
    page.goto("/konto/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(MEMBER_EMAIL)
    form.locator("input[name=password]").fill("not-the-password")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".error-summary")


def test_a_failed_log_in_moves_the_focus_to_the_error_summary(new_page):
    page = new_page()
    _fail_log_in(page)
    summary = page.locator(".error-summary")
    expect(summary.locator("h2")).to_have_text("Det er 1 feil i skjemaet")
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")
    active = page.evaluate(ACTIVE)
    assert "error-summary" in active["className"], active
    # The summary comes before the fields, at the top of the form.
    assert page.evaluate(
        "() => document.querySelector('main form').firstElementChild.matches('.error-summary')"
    )

    # Without JavaScript the summary's autofocus does it.
    quiet = new_page(java_script_enabled=False)
    _fail_log_in(quiet)
    active = quiet.evaluate(ACTIVE)
    assert "error-summary" in active["className"], active


def test_a_filters_new_count_is_announced_by_a_region_outside_the_results(page):
    page.goto("/organisasjoner/")
    page.wait_for_function("() => window.htmx !== undefined")
    status = page.locator("[data-results-status='#organisation-results']")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("")
    status.evaluate("el => { el.dataset.kept = 'yes'; }")
    with page.expect_response(lambda r: "kind=music_office" in r.url):
        page.locator("select[name=kind]").select_option("music_office")
    count = page.locator("#organisation-results [data-result-count]")
    expect(status).to_have_text(re.compile(r"^\d+ organisasjon"))
    expect(status).to_have_text(count.inner_text().strip())
    # The region itself stays: only its text changes.
    expect(status).to_have_attribute("data-kept", "yes")
    assert page.locator("#organisation-results[aria-live]").count() == 0
