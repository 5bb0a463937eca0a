"""The demo's pictures (samspill.demo.images): a monogram logo for every organisation, shared
banners for most projects and events, small files drawn once per process, nothing twice."""

import pytest
from wagtail.images import get_image_model
from zeal import zeal_ignore

from samspill.core.models import Organisation
from samspill.demo import core as core_demo
from samspill.demo import images as demo
from samspill.events.models import Event
from samspill.projects.models import Project
from tests.events.factories import EventFactory
from tests.projects.factories import make_programme, make_project

pytestmark = pytest.mark.django_db


def test_demo_images_give_logos_and_banners_once(media, client):
    with zeal_ignore():
        core_demo.build()
        programme = make_programme()
        for n in range(8):
            make_project(programme, title=f"Prosjekt {n}")
            EventFactory(title=f"Arrangement {n}")
        lines = demo.build()
    organisations = Organisation.objects.count()
    assert Organisation.objects.filter(logo__isnull=True).count() == 0
    assert f"{organisations} logos" in lines[0]
    pictured = Project.objects.filter(image__isnull=False).count()
    pictured += Event.objects.filter(image__isnull=False).count()
    assert 8 <= pictured < 16  # three in four, give or take: some cards show none
    Image = get_image_model()
    assert Image.objects.count() == organisations + demo.BANNERS
    assert max(image.file_size for image in Image.objects.all()) < 30_000
    logo = Organisation.objects.select_related("logo").get(slug="brak").logo
    assert (logo.width, logo.height) == (demo.LOGO_SIZE, demo.LOGO_SIZE)
    assert logo.description == ""  # beside the name everywhere: decorative
    # A second run draws and writes nothing.
    with zeal_ignore():
        assert demo.build() == []
    assert Image.objects.count() == organisations + demo.BANNERS


def test_monograms_take_two_initials_and_are_drawn_once():
    assert demo._initials("Kulturhuset «Fyret»") == "KF"
    assert demo._initials("Brak") == "B"
    assert demo.logo_png("AB", 3) is demo.logo_png("AB", 3)
    assert demo.banner_png(2) is demo.banner_png(2)
