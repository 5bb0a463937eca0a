"""Builders for projects tests.

`make_programme()` gives a published programme with three themes (talent, venues, industry) and
three Danish municipalities; `make_project(programme, ...)` a running project under its first
theme through the service.
"""

import datetime

from samspill.core.models import Municipality, Region
from samspill.projects import services
from samspill.projects.models import PartnerOrganisation, Programme, Project, Theme
from tests.core.factories import OrganisationFactory

THEMES = [
    (
        "talent",
        "Talent- og karriereutvikling",
        "Talent- og karriereudvikling",
        "Talent and careers",
    ),
    ("venues", "Spillesteder og scener", "Spillesteder og scener", "Venues and stages"),
    (
        "industry",
        "Bransjens infrastruktur",
        "Musikbranchens infrastruktur",
        "Industry infrastructure",
    ),
]
MUNICIPALITIES = [("165", "Albertslund"), ("183", "Ishøj"), ("265", "Roskilde")]


def municipality(code: str, name: str) -> Municipality:
    region, _ = Region.objects.get_or_create(
        country="DK", code="1084", defaults={"name": "Region Hovedstaden"}
    )
    found, _ = Municipality.objects.get_or_create(
        country="DK", code=code, defaults={"name": name, "region": region}
    )
    return found


def make_programme(*, slug="musikmetropolen", name="Musikmetropolen", secretariat=None, **fields):
    programme = Programme(
        name=name,
        slug=slug,
        lead="Et sammenhængende musikmetropol.",
        vision="Sammenhængende musikmetropol med lokal, national og international gennemslagskraft",
        secretariat=secretariat or OrganisationFactory(country="DK", municipality=None),
        starts_on=datetime.date(2016, 4, 8),
        ends_on=datetime.date(2020, 12, 31),
        **fields,
    )
    programme.save()
    for n, (theme_slug, nb, da, en) in enumerate(THEMES):
        Theme.objects.create(
            programme=programme, slug=theme_slug, name_nb=nb, name_da=da, name_en=en, sort_order=n
        )
    programme.municipalities.set([municipality(code, name) for code, name in MUNICIPALITIES])
    programme.save()
    return programme


def current_period() -> dict:
    """Dates of a project running now (started a month ago, ending in a year): the factory's
    default period lies in 2018–2019, which has ended (`Project.current_status`)."""
    from django.utils import timezone

    today = timezone.localdate()
    return {
        "starts_on": today - datetime.timedelta(days=30),
        "ends_on": today + datetime.timedelta(days=365),
    }


def make_project(
    programme,
    *,
    title="Sangskrivercamp",
    themes=None,
    municipalities=None,
    partners=(),
    lead=None,
    starts_on=datetime.date(2018, 3, 1),
    ends_on=datetime.date(2019, 6, 30),
    status="running",
    actor=None,
    **fields,
) -> Project:
    project = Project(
        programme=programme,
        title=title,
        summary=f"{title}: et projekt i Musikmetropolen.",
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        lead_organisation=lead or OrganisationFactory(country="DK", municipality=None),
        **fields,
    )
    project.themes.set(themes if themes is not None else [programme.themes.all()[0]])
    # Partners are held in memory as PartnerOrganisation (see models.PartnerOrganisation).
    project.partners.set(PartnerOrganisation.objects.filter(pk__in=[p.pk for p in partners]))
    project.municipalities.set(
        list(municipalities) if municipalities is not None else list(programme.municipalities.all())
    )
    return services.project_save(actor=actor, project=project)
