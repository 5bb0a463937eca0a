"""Logos and pictures (core.images): the uploads the admin accepts, the `<img>` each place gets
(alt text, width and height, srcset, lazy loading), organisations' logos on their pages, cards
and in the API, and lists whose query count does not grow with their logos."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

from samspill.core import fragments, images, versions
from samspill.core.admin.image_forms import HubImageForm
from samspill.core.models import Organisation
from tests.core.factories import (
    MembershipFactory,
    OrganisationFactory,
    hub_site,
    make_image,
    png_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(media):
    return media


def _form(name, content, user=None):
    from wagtail.images.forms import get_image_form

    Form = get_image_form(get_image_model())
    assert issubclass(Form, HubImageForm)
    return Form(
        data={"title": "Logo", "description": ""},
        files={"file": SimpleUploadedFile(name, content)},
        user=user,
    )


def _errors(form) -> str:
    assert not form.is_valid()
    return " ".join(form.errors.get("file", []))


def test_the_image_form_accepts_a_png_of_a_usable_size(hub_admin):
    form = _form("logo.png", png_bytes(300, 120), hub_admin)
    assert form.is_valid(), form.errors


def test_the_image_form_rejects_svg_with_the_formats_it_takes(hub_admin):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    message = _errors(_form("logo.svg", svg, hub_admin))
    assert "SVG" not in message.split(":")[-1]
    assert "PNG" in message and "JPG" in message


def test_the_image_form_rejects_a_file_that_is_not_what_its_name_says(hub_admin):
    assert _errors(_form("logo.png", b"GIF89a not really" * 10, hub_admin))
    assert _errors(_form("logo.png", b"just text, no image", hub_admin))


def test_the_image_form_rejects_a_too_small_image_and_says_why(hub_admin):
    message = _errors(_form("logo.png", png_bytes(60, 30), hub_admin))
    assert "60 × 30" in message and "100" in message and "40" in message


def test_the_image_form_rejects_a_too_large_file(hub_admin, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    form = _form("logo.png", png_bytes(600, 600, "#123456") + b"\0" * 2000, hub_admin)
    assert not form.is_valid()


def test_the_image_form_calls_the_description_alt_text(hub_admin):
    form = _form("logo.png", png_bytes(300, 120), hub_admin)
    assert "alt" in str(form.fields["description"].label).lower()


def test_settings_allow_raster_formats_only(settings):
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert set(settings.WAGTAILIMAGES_EXTENSIONS) <= {"gif", "jpg", "jpeg", "png", "webp"}


def test_render_gives_size_srcset_alt_and_lazy_loading():
    image = make_image(width=1600, height=900)
    html = images.render(image, "card")
    assert 'alt=""' in html and 'loading="lazy"' in html
    assert 'width="400"' in html and 'height="225"' in html
    assert re.search(r'srcset="[^"]+400w, [^"]+800w"', html)
    hero = images.render(image, "hero", alt="Et band på scenen", lazy=False)
    assert 'alt="Et band på scenen"' in hero and "loading=" not in hero
    assert 'width="640"' in hero and "1280w" in hero


def test_a_small_original_gets_no_repeated_widths_in_its_srcset():
    image = make_image(width=120, height=120)
    html = images.render(image, "logo")
    assert "srcset" not in html  # max-120 and max-240 of a 120 px logo are the same picture
    assert 'width="120"' in html and 'height="120"' in html


def test_alt_text_is_the_description_never_the_title():
    assert images.alt_text(make_image(title="IMG_0042.jpg")) == ""
    assert images.alt_text(make_image(description=" Koret synger ")) == "Koret synger"


def test_making_renditions_changes_no_content_version():
    image = make_image()
    before = versions.current("wagtail")
    images.render(image, "card")
    assert versions.current("wagtail") == before


# --- Organisations' logos ---------------------------------------------------------------------------


def test_organisation_page_shows_its_logo_beside_its_name_with_empty_alt(client):
    hub_site()
    organisation = OrganisationFactory(name="Lydhuset", slug="lydhuset", logo=make_image())
    html = client.get(organisation.get_absolute_url()).content.decode()
    header = html[html.index('class="page-header org-heading"') :]
    header = header[: header.index("</header>")]
    img = re.search(r"<img[^>]+>", header).group(0)
    assert 'alt=""' in img and "width=" in img and "height=" in img
    assert "loading=" not in img  # at the top of the page
    assert "Lydhuset</h1>" in header


def test_organisation_cards_show_logos_without_repeating_the_name(client):
    hub_site()
    OrganisationFactory(name="Med logo", logo=make_image())
    OrganisationFactory(name="Uten logo")
    html = client.get(reverse("core:organisation-list")).content.decode()
    logos = re.findall(r'<img[^>]*class="card__logo"[^>]*>', html)
    assert len(logos) == 1
    assert 'alt=""' in logos[0] and 'loading="lazy"' in logos[0] and 'width="64"' in logos[0]


def test_organisation_list_queries_do_not_grow_with_logos(client, queries):
    hub_site()
    OrganisationFactory(logo=make_image())
    url = reverse("core:organisation-list")
    client.get(url)  # the renditions are made once, by the first page that shows them
    few = queries.count(lambda: (fragments.clear(), client.get(url)))
    for _n in range(6):
        OrganisationFactory(logo=make_image())
    client.get(url)
    assert queries.count(lambda: (fragments.clear(), client.get(url))) == few


def test_api_gives_the_logo_with_the_organisations_name_as_alt(client):
    OrganisationFactory(name="Lydhuset", slug="lydhuset", logo=make_image(width=400, height=400))
    OrganisationFactory(name="Uten", slug="uten")
    items = {o["slug"]: o for o in client.get("/api/v1/organisations").json()["items"]}
    logo = items["lydhuset"]["logo"]
    assert "Lydhuset" in logo["alt"] and "logo" in logo["alt"].lower()
    assert logo["url"].startswith("http://testserver/media/") and logo["url"].endswith(".png")
    assert (logo["width"], logo["height"]) == (240, 240)
    assert items["uten"]["logo"] is None
    detail = client.get("/api/v1/organisations/lydhuset").json()
    assert detail["logo"] == logo


def test_api_organisation_list_queries_do_not_grow_with_logos(client, queries):
    OrganisationFactory(logo=make_image())
    client.get("/api/v1/organisations")
    few = queries.count(lambda: client.get("/api/v1/organisations"))
    for _n in range(6):
        OrganisationFactory(logo=make_image())
    client.get("/api/v1/organisations")
    assert queries.count(lambda: client.get("/api/v1/organisations")) == few


def test_organisation_editors_may_upload_and_choose_images(client):
    hub_site()
    editor = MembershipFactory(role="editor").user
    client.force_login(editor)
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    assert client.get(reverse("wagtailimages_chooser:choose")).status_code == 200
    member = MembershipFactory(role="member").user
    client.force_login(member)
    assert client.get(reverse("wagtailimages:add")).status_code in (302, 403)


def test_a_deleted_image_leaves_the_organisation_without_a_logo():
    organisation = OrganisationFactory(logo=make_image())
    organisation.logo.delete()
    assert Organisation.objects.get(pk=organisation.pk).logo is None
