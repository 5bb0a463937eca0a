"""Projects' pictures: a decorative thumbnail on the list's cards, the picture with the editor's
description at the top of the project's page, the API's image, and a list whose query count does
not grow with its pictures."""

import re

import pytest

from samspill.core import fragments
from tests.core.factories import make_image
from tests.projects.factories import make_programme, make_project

pytestmark = pytest.mark.django_db

LIST = "/prosjekter/"


@pytest.fixture(autouse=True)
def _site(home_page, media):
    return home_page


@pytest.fixture
def programme():
    return make_programme()


def test_project_cards_show_the_picture_as_decoration_with_its_size(client, programme):
    make_project(programme, title="Med bilde", image=make_image(description="Korpset øver"))
    make_project(programme, title="Uten bilde")
    html = client.get(LIST).content.decode()
    media = re.findall(r'<div class="card__media"><img[^>]+></div>', html)
    assert len(media) == 1
    assert 'alt=""' in media[0] and 'loading="lazy"' in media[0]
    assert 'width="400"' in media[0] and 'height="225"' in media[0]


def test_project_page_shows_the_picture_with_its_description(client, programme):
    project = make_project(programme, title="Korpset", image=make_image(description="Korpset øver"))
    html = client.get(project.get_absolute_url()).content.decode()
    img = re.search(r'<div class="hero-image"><img[^>]+>', html).group(0)
    assert 'alt="Korpset øver"' in img
    assert 'width="640"' in img and 'height="360"' in img and "srcset=" in img


def test_project_list_queries_do_not_grow_with_pictures(client, programme, queries):
    make_project(programme, title="En", image=make_image())
    client.get(LIST)
    few = queries.count(lambda: (fragments.clear(), client.get(LIST)))
    for n in range(6):
        make_project(programme, title=f"Flere {n}", image=make_image())
    client.get(LIST)
    assert queries.count(lambda: (fragments.clear(), client.get(LIST))) == few


def test_api_gives_the_picture_with_its_alt_text(client, programme):
    project = make_project(programme, title="Korpset", image=make_image(description="Korpset"))
    make_project(programme, title="Uten")
    items = {p["title"]: p for p in client.get("/api/v1/projects").json()["items"]}
    assert items["Korpset"]["image"]["alt"] == "Korpset"
    assert items["Korpset"]["image"]["url"].endswith(".png")
    assert items["Uten"]["image"] is None
    detail = client.get(f"/api/v1/projects/{project.slug}").json()
    assert detail["image"] == items["Korpset"]["image"]
