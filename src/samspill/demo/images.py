"""The demo hub's pictures, drawn here with Pillow (nothing is downloaded): a monogram logo for
each organisation in colours of its own, and a handful of abstract banners that the projects and
events share (so that the pages that show them make few renditions).

The banners are decoration: their images have no description, so the pages give them `alt=""`
(core.images). Runs after the builders that add organisations, projects and events; idempotent:
what already has a logo or picture keeps it. The drawn bytes are kept in this process, so a test
suite that builds the demo many times draws each image once.
"""

import functools
import hashlib
import io

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from samspill.core import images
from samspill.core.models import Organisation
from samspill.events.models import Event
from samspill.projects.models import Project

# Dark enough behind white letters (contrast above 4.5:1), light enough as a banner's ground.
PALETTE = [
    ("#1f4e79", "#f2c14e"),
    ("#7a2e39", "#f4d6a0"),
    ("#2d5a3d", "#c8e6a0"),
    ("#4b3a78", "#f0b8d0"),
    ("#8a4b08", "#ffe3b3"),
    ("#0f5f66", "#a8e0e0"),
    ("#5b2c6f", "#f7c59f"),
    ("#3a3a3a", "#e8d44d"),
]
BANNERS = 8
LOGO_SIZE = 240
BANNER_SIZE = (1280, 720)


def _number(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big")


def _initials(name: str) -> str:
    words = ["".join(c for c in w if c.isalnum()) for w in name.replace("-", " ").split()]
    letters = "".join(w[0] for w in words if w)[:2].upper()
    return letters or "?"


@functools.cache
def logo_png(initials: str, colour: int) -> bytes:
    """A round monogram: the initials in white on the organisation's colour."""
    ink, _light = PALETTE[colour % len(PALETTE)]
    image = PILImage.new("RGBA", (LOGO_SIZE, LOGO_SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, LOGO_SIZE - 1, LOGO_SIZE - 1), fill=ink)
    font = ImageFont.load_default(size=96 if len(initials) < 2 else 84)
    draw.text((LOGO_SIZE / 2, LOGO_SIZE / 2), initials, font=font, fill="white", anchor="mm")
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


@functools.cache
def banner_png(number: int) -> bytes:
    """Flat circles and bands in two colours: few colours, so the PNG stays small."""
    width, height = BANNER_SIZE
    # A palette image (0: the light ground, 1: the ink, 2: white): drawn and stored fast.
    image = PILImage.new("P", BANNER_SIZE, 0)
    colours = [*PALETTE[number % len(PALETTE)][::-1], "#ffffff"]
    image.putpalette([v for c in colours for v in PILImage.new("RGB", (1, 1), c).getpixel((0, 0))])
    draw = ImageDraw.Draw(image)
    seed = _number(f"banner-{number}")
    for i in range(5):
        r = height // 5 + (seed >> (i * 3)) % (height // 3)
        x = (seed >> (i * 5)) % width
        y = (seed >> (i * 4 + 2)) % height
        draw.ellipse((x - r, y - r, x + r, y + r), fill=1 if i % 2 else 2)
    band = height // 27
    for i in range(3):
        y = (seed >> (i * 6 + 1)) % (height - band)
        draw.rectangle((0, y, width, y + band), fill=1)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _image(title: str, filename: str, data: bytes, description: str = ""):
    Image = get_image_model()
    image = Image(title=title, description=description)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image._set_image_file_metadata()
    image.save()
    return image


def _banners() -> list:
    Image = get_image_model()
    banners = []
    for number in range(BANNERS):
        title = f"Demo banner {number + 1}"
        image = Image.objects.filter(title=title).first()
        if image is None:
            image = _image(title, f"demo-banner-{number + 1}.png", banner_png(number))
        banners.append(image)
    return banners


def _logos() -> int:
    count = 0
    for organisation in Organisation.objects.filter(logo__isnull=True).only("pk", "name", "slug"):
        data = logo_png(_initials(organisation.name), _number(organisation.slug))
        logo = _image(f"{organisation.name} (logo)", f"logo-{organisation.slug}.png", data)
        # The logo is the demo's own drawing, not an edit by anyone: no service, no audit entry.
        Organisation.objects.filter(pk=organisation.pk).update(logo=logo)
        count += 1
    return count


def _pictures(banners) -> int:
    """A banner for three in four projects and events (the rest show how a card looks without)."""
    count = 0
    for model in (Project, Event):
        for slug in model.objects.filter(image__isnull=True).values_list("slug", flat=True):
            number = _number(f"{model.__name__}-{slug}")
            if number % 4 == 0:
                continue
            model.objects.filter(slug=slug, image__isnull=True).update(
                image=banners[number % len(banners)]
            )
            count += 1
    return count


def _renditions() -> None:
    """Every rendition the pages and the API show, made now rather than by the first visitor
    (who would wait, and whose page would run two more queries per image)."""
    Image = get_image_model()
    logo_specs = images.specs("logo", "logo-card")
    picture_specs = images.specs("card", "hero")
    logo_ids = set(Organisation.objects.exclude(logo=None).values_list("logo_id", flat=True))
    for image in Image.objects.prefetch_related("renditions"):
        made = {r.filter_spec for r in image.renditions.all()}
        wanted = logo_specs if image.pk in logo_ids else picture_specs
        missing = [spec for spec in wanted if spec not in made]
        if missing:
            image.get_renditions(*missing)


def build() -> list[str]:
    with transaction.atomic():
        logos = _logos()
        pictures = _pictures(_banners())
        _renditions()
    if logos or pictures:
        return [f"Images: {logos} logos drawn, {pictures} projects and events given a banner"]
    return []
