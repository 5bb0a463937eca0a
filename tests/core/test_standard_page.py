"""A hub page (about, privacy, accessibility) states when it was last updated only when it knows:
never "Sist oppdatert:" with an empty date (issue 18)."""

import datetime

import pytest
from django.utils import timezone

from samspill.core.models import StandardPage

pytestmark = pytest.mark.django_db


def test_a_hub_page_without_a_publishing_date_does_not_say_last_updated(client, home_page):
    page = StandardPage.objects.child_of(home_page).first()
    StandardPage.objects.filter(pk=page.pk).update(last_published_at=None, first_published_at=None)
    body = client.get(page.url).content.decode()
    assert "Sist oppdatert" not in body

    moment = timezone.make_aware(datetime.datetime(2026, 11, 3, 12))
    StandardPage.objects.filter(pk=page.pk).update(last_published_at=moment)
    body = client.get(page.url).content.decode()
    assert "Sist oppdatert" in body and "3. november 2026" in body
