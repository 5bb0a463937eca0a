"""The hub's name in emails costs one query per process and minute, and follows a rename at once."""

import pytest
from wagtail.models import Site

from samspill.core import selectors


@pytest.mark.django_db
def test_the_default_sites_name_is_read_once_and_follows_a_rename(django_assert_num_queries):
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Musikkhuben Vest"
    site.save()
    assert selectors.hub_name() == "Musikkhuben Vest"
    with django_assert_num_queries(0):
        assert selectors.hub_name() == "Musikkhuben Vest"

    site.site_name = "Musikkhuben Nord"
    site.save()  # this process empties its copy at once
    assert selectors.hub_name() == "Musikkhuben Nord"


@pytest.mark.django_db
def test_another_process_rename_is_seen_within_the_minute(monkeypatch):
    Site.objects.filter(is_default_site=True).update(site_name="Før")
    assert selectors.hub_name() == "Før"
    # Another process renames the site: no signal reaches this one.
    Site.objects.filter(is_default_site=True).update(site_name="Etter")
    assert selectors.hub_name() == "Før"
    clock = selectors.time.monotonic() + selectors.HUB_NAME_TTL + 1
    monkeypatch.setattr(selectors.time, "monotonic", lambda: clock)
    assert selectors.hub_name() == "Etter"
