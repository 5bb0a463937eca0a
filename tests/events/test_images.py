"""Events' pictures: a decorative thumbnail on the list's cards, the picture with the editor's
description at the top of the event's page, the API's image, and a list whose query count does
not grow with its pictures."""

import re

import pytest

from samspill.core import fragments
from tests.core.factories import make_image
from tests.events.factories import EventFactory, make_event

pytestmark = pytest.mark.django_db

LIST = "/arrangementer/"


@pytest.fixture(autouse=True)
def _site(home_page, media):
    return home_page


def test_event_cards_show_the_picture_as_decoration_with_its_size(client):
    make_event(title="Med bilde", image=make_image(description="Publikum foran scenen"))
    make_event(title="Uten bilde")
    html = client.get(LIST).content.decode()
    media = re.findall(r'<div class="card__media"><img[^>]+></div>', html)
    assert len(media) == 1
    assert 'alt=""' in media[0] and 'loading="lazy"' in media[0]
    assert 'width="400"' in media[0] and 'height="225"' in media[0] and "800w" in media[0]


def test_event_page_shows_the_picture_with_its_description(client):
    image = make_image(width=1600, height=900, description="Publikum foran scenen")
    event = make_event(title="Konserten", image=image)
    html = client.get(event.get_absolute_url()).content.decode()
    img = re.search(r'<div class="hero-image"><img[^>]+>', html).group(0)
    assert 'alt="Publikum foran scenen"' in img
    assert 'width="640"' in img and 'height="360"' in img and "1280w" in img
    assert "loading=" not in img


def test_event_page_without_a_description_treats_the_picture_as_decoration(client):
    event = make_event(title="Konserten", image=make_image(title="IMG_0042.jpg"))
    html = client.get(event.get_absolute_url()).content.decode()
    img = re.search(r'<div class="hero-image"><img[^>]+>', html).group(0)
    assert 'alt=""' in img and "IMG_0042" not in img


def test_event_list_queries_do_not_grow_with_pictures(client, queries):
    EventFactory(image=make_image())
    client.get(LIST)
    few = queries.count(lambda: (fragments.clear(), client.get(LIST)))
    for _n in range(6):
        EventFactory(image=make_image())
    client.get(LIST)
    assert queries.count(lambda: (fragments.clear(), client.get(LIST))) == few


def test_api_gives_the_picture_with_its_alt_text(client):
    event = make_event(title="Konserten", image=make_image(description="Publikum"))
    make_event(title="Uten")
    items = {e["title"]: e for e in client.get("/api/v1/events").json()["items"]}
    image = items["Konserten"]["image"]
    assert image["alt"] == "Publikum" and image["url"].startswith("http://testserver/media/")
    assert (image["width"], image["height"]) == (800, 450)
    assert items["Uten"]["image"] is None
    assert client.get(f"/api/v1/events/{event.pk}").json()["image"] == image
