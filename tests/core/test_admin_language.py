"""Wagtail's own strings in the hub's language (issue 18): a bokmål hub's admin is in bokmål even
for a browser that asks for English."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_bokmal_hubs_admin_is_in_bokmal_for_an_english_browser(client, hub_admin, home_page):
    client.force_login(hub_admin)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nb"' in html
    assert "Dashboard" not in html or "Kontrollpanel" in html
