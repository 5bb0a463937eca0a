"""The news of the demo hub: a dozen items from the music offices, Mustech Norway and
Musikmetropolen in bokmål and Danish, some with pictures, linked to the other demos' content; a
second run adds nothing. Building takes a while, so one test checks several things."""

import pytest
from zeal import zeal_ignore

from samspill.demo import core as core_demo
from samspill.demo import events as events_demo
from samspill.demo import knowledge as knowledge_demo
from samspill.demo import news as demo
from samspill.demo import projects as projects_demo
from samspill.demo import surveys as surveys_demo
from samspill.news.models import NewsPage

pytestmark = pytest.mark.django_db


def test_demo_news(client, media, django_capture_on_commit_callbacks):
    with zeal_ignore(), django_capture_on_commit_callbacks(execute=True):
        core_demo.build()
        knowledge_demo.build()
        events_demo.build()
        surveys_demo.build()
        projects_demo.build()
        lines = demo.build()
    news = NewsPage.objects.live()
    assert news.count() == len(demo.DATA["items"]) >= 12
    assert lines == [f"News: {news.count()} items published"]
    assert {p.content_language for p in news} == {"nb", "da"}
    assert news.filter(image__isnull=False).count() >= 4
    assert {p.organisation.slug for p in news} >= {"musikmetropolen", "mustech-norway", "brak"}
    assert news.filter(content_language="da", locale__language_code="da").exists()
    # Every reference in the data found its row.
    for spec in demo.DATA["items"]:
        page = NewsPage.objects.get(slug=spec["slug"])
        assert page.topics.count() >= 1, spec["slug"]
        for field in ("events", "projects", "articles", "surveys", "themes", "municipalities"):
            assert getattr(page, field).count() == len(spec.get(field, [])), (spec["slug"], field)
    published = sorted(news.values_list("first_published_at", flat=True))
    assert published[0] != published[-1]
    talent = NewsPage.objects.get(slug="talentcamp-ost-programmet-er-klar")
    html = client.get(talent.url).content.decode()
    assert talent.title in html and "Talentcamp" in html
    # A second run adds nothing.
    with zeal_ignore():
        assert demo.build() == []
    assert NewsPage.objects.count() == news.count()
