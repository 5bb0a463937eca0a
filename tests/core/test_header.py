"""The site header (base.html): a menu that folds behind a real button on small screens and works
without JavaScript, because the navigation, account links and language switcher are in the HTML."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _header(html: str) -> str:
    return html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]


def test_header_folds_its_menu_behind_a_native_disclosure_button(client, home_page):
    header = _header(client.get("/").content.decode())
    # <details>/<summary>: a button with an expanded state in every browser, no script needed.
    menu = re.search(r"<details class=\"site-menu\"[^>]*>(.*)</details>", header, re.S)
    assert menu, "the menu is not a <details> disclosure"
    assert " open" not in header.split("<details", 1)[1].split(">", 1)[0]  # closed by default
    summary = re.search(r'<summary class="menu-toggle">(.*?)</summary>', menu.group(1), re.S)
    assert summary and "Meny" in summary.group(1)  # a visible, translated name
    # Everything the header offers is inside the disclosure and in the HTML, so it works without JS.
    inside = menu.group(1)
    for address in ("/arrangementer/", "/organisasjoner/", "/prosjekter/"):
        assert f'href="{address}"' in inside
    assert 'aria-label="Hovedmeny"' in inside
    assert 'class="language-switcher"' in inside
    assert 'href="/konto/login/"' in inside and 'href="/en/"' in inside


def test_header_menu_is_named_in_each_language(client, home_page):
    for prefix, name in (("/en/", "Menu"), ("/da/", "Menu"), ("/nn/", "Meny")):
        response = client.get(prefix)
        if response.status_code != 200:
            continue  # a language without a home translation answers elsewhere
        assert re.search(
            rf'<summary class="menu-toggle">.*?{name}</summary>',
            _header(response.content.decode()),
            re.S,
        )


def test_footer_links_the_hub_sections_in_a_named_navigation(client, home_page):
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert 'aria-labelledby="footer-explore"' in footer
    assert 'href="/arrangementer/"' in footer
