"""The hub's public address (SITE_URL) and name (SITE_NAME) reach every link it sends out:
Wagtail's Site (sitemaps, feeds, full page URLs), the served port, and account emails."""

import os
import re

import pytest
from django.core import mail
from wagtail.models import Site

from samspill import cli
from samspill.core import services

pytestmark = pytest.mark.django_db


def test_default_site_follows_site_url_and_site_name(home_page, settings):
    settings.SITE_URL = "https://hub.example.org"
    settings.WAGTAIL_SITE_NAME = "Musikkhuben"
    assert services.site_follow_settings() is True
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.site_name) == ("hub.example.org", 443, "Musikkhuben")
    assert site.root_url == "https://hub.example.org"
    assert services.site_follow_settings() is False  # idempotent


def test_site_with_a_port_keeps_it(home_page, settings):
    settings.SITE_URL = "http://127.0.0.1:8123"
    services.site_follow_settings()
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8123"


def test_sitemap_links_to_the_public_address(client, home_page, settings):
    settings.SITE_URL = "https://hub.example.org"
    services.site_follow_settings()
    xml = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert locations
    assert not [loc for loc in locations if "localhost" in loc]
    assert "https://hub.example.org/om/" in locations


def test_migrate_sets_the_site_from_site_url(home_page, settings):
    # The test database was migrated with the test settings' SITE_URL.
    from urllib.parse import urlsplit

    site = Site.objects.get(is_default_site=True)
    assert site.hostname == urlsplit(settings.SITE_URL).hostname != "localhost"


def test_serve_port_becomes_the_default_site_url(monkeypatch):
    seen = {}

    class FakeProcess:
        def __init__(self, command, *args, **kwargs):
            seen.setdefault("port", os.environ.get("PORT"))

        def wait(self, timeout=None):
            return 0

        def poll(self):
            return 0

    monkeypatch.setattr(cli.subprocess, "Popen", FakeProcess)
    monkeypatch.setattr(cli, "_sync_site", lambda: None)
    monkeypatch.setattr(cli.signal, "signal", lambda *args: None)
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("PORT", "8000")
    assert cli.serve(["--port", "8123"]) == 0
    assert seen["port"] == "8123"


def test_sign_up_email_greets_with_the_hub_name(
    client, home_page, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAIL_SITE_NAME = "Musikkhuben"
    settings.SITE_URL = "https://hub.example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/konto/signup/",
            {
                "email": "ny@example.org",
                "password1": "et-langt-passord-9",
                "password2": "et-langt-passord-9",
            },
        )
    body = mail.outbox[0].body
    assert "Hei fra Musikkhuben!" in body
    assert "Hei fra !" not in body
    assert "hub.example.org" in body


def test_topic_feed_items_link_to_the_public_address(client, home_page, organisation, settings):
    from tests.knowledge import factories

    settings.SITE_URL = "https://hub.example.org"
    services.site_follow_settings()
    topic = factories.topic_page(factories.index_page(home_page))
    article = factories.article_page(topic, organisation)
    xml = client.get(topic.url + "feed/rss/").content.decode()
    assert f"<link>https://hub.example.org{article.url}</link>" in xml
    assert "localhost" not in xml
