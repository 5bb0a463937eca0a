"""The site header on a phone and on a desktop: folded behind a menu button at 320 px (short
enough to leave the screen to the content), opened by keyboard, and one line of navigation at 1280 px."""

from playwright.sync_api import expect

from tests.e2e.test_accessibility import assert_no_axe_violations

HEADER_HEIGHT_LIMIT = 120  # px before <main> at 320 px, menu closed (was 391–447 px)


def test_header_folds_into_a_keyboard_menu_at_320_px_and_keeps_one_line_at_1280(new_page):
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto("/")
    main_top = page.evaluate("() => document.querySelector('main').getBoundingClientRect().top")
    assert main_top <= HEADER_HEIGHT_LIMIT, f"the header takes {main_top} px at 320 px"
    nav = page.get_by_role("navigation", name="Hovedmeny")
    expect(nav).to_be_hidden()
    toggle = page.locator("summary.menu-toggle")
    expect(toggle).to_have_text("Meny")

    for key in ("Enter", "Space"):
        toggle.focus()
        page.keyboard.press(key)
        expect(nav).to_be_visible()
        expect(nav.get_by_role("link", name="Arrangementer")).to_be_visible()
        expect(
            page.get_by_role("navigation", name="Velg språk").get_by_role("link", name="Dansk")
        ).to_be_visible()
        page.keyboard.press("Escape")  # app.js: Escape closes and returns focus to the button
        expect(nav).to_be_hidden()
        expect(toggle).to_be_focused()

    toggle.focus()
    page.keyboard.press("Enter")
    assert_no_axe_violations(page, "the home page at 320 px with the menu open")

    wide = new_page(viewport={"width": 1280, "height": 800})
    for path in ("/", "/en/"):
        wide.goto(path)
        expect(wide.locator("summary.menu-toggle")).to_be_hidden()
        links = wide.locator(".main-nav a")
        expect(links.first).to_be_visible()
        tops = {
            round(box["y"]) for box in (links.nth(i).bounding_box() for i in range(links.count()))
        }
        assert len(tops) == 1, (
            f"the navigation of {path} wraps at 1280 px: link tops {sorted(tops)}"
        )
