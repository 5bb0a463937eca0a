"""Factories of core's objects: people, places, organisations, audiences, and the hub's page tree.

`hub_site()` is the page tree every view test stands on: a home page per language, the default
Site on the bokmål one, and the three pages the footer links to. It writes the pages straight into
the tree (live, no revisions, no log entries), so it costs a few dozen queries, not the demo's
publishing round. Tests about the demo build the demo (tests/demo/, tests/e2e/, tests/walk/).
"""

import uuid

import factory
from allauth.account.models import EmailAddress
from wagtail.models import Locale, Page, Site

from samspill.core import services, skeleton
from samspill.core.models import (
    Audience,
    HomePage,
    HubSettings,
    Membership,
    Municipality,
    Organisation,
    Region,
    Role,
    StandardPage,
    User,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="no_NO")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("country", "code")

    country = "NO"
    code = "46"
    name = "Vestland"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("country", "code")

    country = "NO"
    code = "4601"
    name = "Bergen"
    region = factory.SubFactory(RegionFactory)


class AudienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audience

    slug = factory.Sequence(lambda n: f"audience-{n}")
    name_nb = factory.Sequence(lambda n: f"Målgruppe {n}")
    name_da = factory.Sequence(lambda n: f"Målgruppe {n} (da)")
    name_en = factory.Sequence(lambda n: f"Audience {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisasjon {n}")
    slug = factory.Sequence(lambda n: f"organisasjon-{n}")
    kind = "label"
    country = "NO"
    municipality = factory.SubFactory(MunicipalityFactory)
    summary = "Et plateselskap."


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.MEMBER


def audiences() -> dict[str, Audience]:
    """The seven audiences of a hub, by slug (found again when they exist)."""
    found = {}
    for order, (slug, nb, da, en) in enumerate(skeleton.AUDIENCES):
        found[slug], _ = Audience.objects.get_or_create(
            slug=slug, defaults={"name_nb": nb, "name_da": da, "name_en": en, "sort_order": order}
        )
    return found


class PageFactory(factory.django.DjangoModelFactory):
    """A Wagtail page added under `parent=` (the tree's root when none is given): live, with no
    revision. Tests of editing and publishing publish through `tests.knowledge.factories`."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        (parent or Page.get_first_root_node()).add_child(instance=page)
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "samspill"
    slug = "samspill"
    lead = "Kunnskap, arrangementer, nettverk og prosjekter for musikkfeltet."
    intro = "<p>Konkrete svar fra musikkontorene og kommunene.</p>"


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Side {n}")
    slug = factory.Sequence(lambda n: f"side-{n}")
    lead = "En side om hubben."
    body = "<p>Tekst.</p>"


# The pages the footer links to: slug, the hub setting naming it, its title in each language.
HUB_PAGES = [
    ("om", "about_page", {"nb": "Om samspill", "da": "Om samspill", "en": "About samspill"}),
    (
        "personvern",
        "privacy_page",
        {"nb": "Personvernerklæring", "da": "Privatlivspolitik", "en": "Privacy"},
    ),
    (
        "tilgjengelighet",
        "accessibility_page",
        {
            "nb": "Tilgjengelighetserklæring",
            "da": "Tilgængelighedserklæring",
            "en": "Accessibility statement",
        },
    ),
]


def hub_site(languages=("nb", "da", "en")) -> HomePage:
    """The bokmål home page of a hub with a home page in each of `languages` (translations of one
    another), the three footer pages under each, the default Site on it and the hub settings
    naming its pages. The first language is the default locale's."""
    default = Locale.get_default()
    home_key = uuid.uuid4()
    keys = {slug: uuid.uuid4() for slug, _setting, _titles in HUB_PAGES}
    homes = {}
    for language in languages:
        locale = (
            default
            if language == default.language_code
            else Locale.objects.get_or_create(language_code=language)[0]
        )
        suffix = "" if locale == default else f"-{language}"
        home = HomePageFactory(slug=f"samspill{suffix}", locale=locale, translation_key=home_key)
        for slug, _setting, titles in HUB_PAGES:
            StandardPageFactory(
                parent=home,
                title=titles[language],
                slug=slug,
                locale=locale,
                translation_key=keys[slug],
            )
        homes[language] = home
    home = homes[default.language_code]
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "samspill"
    site.save()
    services.site_follow_settings()
    hub_settings = HubSettings.for_site(site)
    for slug, setting, _titles in HUB_PAGES:
        setattr(hub_settings, setting, StandardPage.objects.child_of(home).get(slug=slug))
    hub_settings.save()
    return home


def png_bytes(width: int = 800, height: int = 450, colour: str = "#1f4e79") -> bytes:
    import io

    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def make_image(title: str = "Bilde", *, width: int = 800, height: int = 450, description=""):
    """A Wagtail image (a plain PNG) saved under MEDIA_ROOT (tests set it to a temporary folder:
    the `media` fixture)."""
    import io

    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    image = get_image_model()(title=title, description=description)
    image.file = ImageFile(io.BytesIO(png_bytes(width, height)), name=f"{uuid.uuid4().hex}.png")
    image._set_image_file_metadata()
    image.save()
    return image
