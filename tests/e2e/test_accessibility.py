"""axe-core finds no WCAG 2.0/2.1 level A or AA problem, and nothing its best-practice rules
flag (landmarks, heading order, one h1, every part in a region …), on the hub's main pages and
states. (Every page type of the product walk: tests/e2e/test_page_types.py.)"""

import pytest
from playwright.sync_api import expect

from tests.e2e.pagecheck import axe_violations


def describe(violations: list[dict]) -> str:
    """One block per rule: id, impact, what it checks, and every failing element's selector."""
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact') or 'unknown impact'}): "
            f"{violation['help']} [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = " > ".join(
                " ".join(part) if isinstance(part, list) else str(part) for part in node["target"]
            )
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {target}\n      {summary}")
    return "\n".join(lines)


def assert_accessible(page, path: str, *, expected_status: int = 200) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == expected_status, f"GET {path} answered {response.status}"
    assert_no_axe_violations(page, path)


def assert_no_axe_violations(page, what: str) -> None:
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core found {len(violations)} WCAG 2.1 A/AA or best-practice violation(s) on {what}:\n"
        + describe(violations)
    )


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/", id="home"),
        pytest.param("/da/", id="home-danish"),
        pytest.param("/organisasjoner/", id="organisation-list"),
        pytest.param("/organisasjoner/brak/", id="organisation-page"),
        pytest.param("/konto/login/", id="log-in"),
        pytest.param("/konto/signup/", id="sign-up"),
    ],
)
def test_public_page_has_no_axe_violations(page, path):
    assert_accessible(page, path)


def test_not_found_page_has_no_axe_violations(page):
    assert_accessible(page, "/denne-siden-finnes-ikke/", expected_status=404)
    expect(page.locator("main .error-page")).to_be_visible()  # the hub's own 404 page


def test_profile_page_has_no_axe_violations(signed_in_page):
    assert_accessible(signed_in_page, "/konto/profil/")


def test_log_in_with_an_error_has_no_axe_violations(page):
    page.goto("/konto/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill("ukjent@samspill.test")
    form.locator("input[name=password]").fill("feil-passord")
    form.locator("button[type=submit]").click()
    expect(page.locator("main .error-summary")).to_be_visible()
    assert_no_axe_violations(page, "the log-in form with an error")
