"""Projects' part of the demo hub: Musikmetropolen, the music strand of the Danish cultural
agreement Kulturmetropolen 2016–19, with its three themes, its projects of 2018–2019 and 2020, the
input it gathered at a workshop and a network meeting (its ideas: `samspill.demo.ideas`).

The programme, its period, its participating municipalities, its themes and the kinds of project
follow the source document and the public facts (shared/domain/FACTS.md, A10); the projects'
details (titles, figures, amounts, milestones) and the people are fictional. No real person is
named: the secretariat is reached through a role.

Everything goes through `projects.services` (and `core.services` for organisations and people),
except the `EventInput` rows, which have no service. Idempotent: the programme and projects are
found by slug, organisations by slug and people by email; whatever exists is left
as it is, so a second run changes nothing and an editor's changes survive. No email is sent
(`emails_suppressed`): the demo's people are fictional.
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.db import transaction

from samspill.core import notifications, registry
from samspill.core import services as core_services
from samspill.core.mail import emails_suppressed
from samspill.core.models import Membership, Municipality, Organisation, User
from samspill.demo.data import load
from samspill.events import services as event_services
from samspill.events.models import Event
from samspill.projects import services
from samspill.projects.models import (
    EventInput,
    Funding,
    Milestone,
    PartnerOrganisation,
    Programme,
    Project,
    Result,
    Theme,
    Video,
)
from samspill.surveys.models import Survey

SLUG = "musikmetropolen"
SECRETARIAT = "musikmetropolen"  # the organisation the events demo also uses as organiser

DATA = load("projects")
# The participating municipalities ([code, name]); Roskilde is the home municipality.
MUNICIPALITIES = DATA["municipalities"]
# The programme's themes: [slug, bokmål, Danish, English, description (Danish)].
THEMES = DATA["themes"]
# The programme's fields (dates as ISO strings).
PROGRAMME = DATA["programme"]
# Organisations the projects need besides core's (the municipalities) and the events demo's
# (Musikmetropolen): real Danish organisations named in the facts where they are plausible
# partners, and fictional local ones. [slug, name, kind, municipality code, website, summary]
ORGANISATIONS = DATA["organisations"]
# Fictional people besides core's demo logins: [email, name, title, password, memberships].
PEOPLE = DATA["people"]


METTE = "kommune@samspill.test"  # core's Mette Holm, Køge Kommune
SARA = "medlem@samspill.test"
JONAS = "grunder@samspill.test"
EIRIK = "redaktor@samspill.test"
BIRTHE, ANDERS, KATRINE, RUNE, LENE, AHMAD = (p[0] for p in PEOPLE)

# The events demo's Musikmetropolen events, by title.
SUMMIT = "Musikmetropolens første topmøde"
WORKSHOP = "Workshop: Nye publikumsformater på spillestederne"
NETWORK_MEETING = "Netværksmøde for musikaktørerne i kulturaftalen"
# Where the input for Musikmetropolen 2020 came from (the source: "KMK workshop, juni" and
# "Netværksmøde musikaktørerne, august, 11 kommuner repræsenteret"): past events this builder adds.
INPUT_WORKSHOP = "Workshop: Musikmetropolen 2020 – input fra kommunerne"
INPUT_MEETING = "Netværksmøde for musikaktørerne: input til Musikmetropolen 2020"
# The two past events this builder adds: [[start hour, minute], [end hour, minute]] on "day",
# "venue" is [name, locality, municipality code].
INPUT_EVENTS = DATA["input_events"]
INPUT_SURVEY = "musikmetropolen-input-kommuner"  # the surveys demo's Danish survey

VIDEOS = DATA["videos"]  # key: [title, url]
# Each project: slug, title, summary, body, themes, status, start, end, lead, partners,
# municipalities (codes), participants, funding [[source, organisation slug, DKK]], milestones
# [[title, due, progress]], results [[title, description, figure, unit]], videos, events (titles),
# surveys (slugs).
PROJECTS = DATA["projects"]


# --- Building -----------------------------------------------------------------------------------


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _municipality(code: str) -> Municipality | None:
    return Municipality.objects.filter(country="DK", code=code).first()


def _organisations() -> dict[str, Organisation]:
    for slug, name, kind, code, website, summary in ORGANISATIONS:
        if Organisation.objects.filter(slug=slug).exists():
            continue
        core_services.organisation_create(
            actor=None,
            slug=slug,
            name=name,
            kind=kind,
            country="DK",
            municipality=_municipality(code) if code else None,
            website=website,
            summary=summary,
        )
    # Core's demo makes an organisation for each participating municipality.
    for code, name in MUNICIPALITIES:
        slug = name.lower().replace("ø", "o").replace("æ", "ae").replace("å", "aa")
        if not Organisation.objects.filter(slug=slug).exists():
            core_services.organisation_create(
                actor=None,
                slug=slug,
                name=f"{name} Kommune",
                kind="municipality",
                country="DK",
                municipality=_municipality(code),
                summary="Deltagerkommune i kulturaftalen og Musikmetropolen.",
            )
    return {o.slug: o for o in Organisation.objects.all()}


def _people(organisations) -> dict[str, User]:
    for email, name, title, password, memberships in PEOPLE:
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            continue
        user = core_services.user_create(
            email=email,
            password=password,
            email_verified=True,
            name=name,
            title=title,
            is_listed=True,
            show_title=True,
        )
        for slug, role in memberships:
            organisation = organisations.get(slug)
            if (
                organisation
                and not Membership.objects.filter(user=user, organisation=organisation).exists()
            ):
                core_services.membership_create(
                    actor=None, organisation=organisation, user=user, role=role
                )
    return {u.email: u for u in User.objects.filter(email__in=people_emails())}


def people_emails() -> list[str]:
    """The programme's people: its own and core's demo logins who take part."""
    return [p[0] for p in PEOPLE] + [METTE, SARA, JONAS, EIRIK]


def _programme(organisations) -> Programme:
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is not None:
        return programme
    programme = Programme(
        slug=SLUG,
        secretariat=organisations[SECRETARIAT],
        themes=[
            Theme(
                slug=slug,
                name_nb=nb,
                name_da=da,
                name_en=en,
                description=description,
                sort_order=order,
            )
            for order, (slug, nb, da, en, description) in enumerate(THEMES)
        ],
        **{
            **PROGRAMME,
            "starts_on": _date(PROGRAMME["starts_on"]),
            "ends_on": _date(PROGRAMME["ends_on"]),
        },
    )
    programme.municipalities.set(
        [m for m in (_municipality(code) for code, _name in MUNICIPALITIES) if m]
    )
    return services.programme_save(actor=None, programme=programme)


def _input_events(organisations) -> None:
    """The two past gatherings where the programme collected its input for 2020."""
    zone = zoneinfo.ZoneInfo("Europe/Copenhagen")
    organiser = organisations.get(SECRETARIAT)
    for spec in INPUT_EVENTS:
        if organiser is None or Event.objects.filter(slug=spec["slug"]).exists():
            continue
        venue, locality, code = spec["venue"]
        (start_h, start_m), (end_h, end_m) = spec["hours"]
        day = _date(spec["day"])
        event = Event(
            title=spec["title"],
            slug=spec["slug"],
            kind=spec["kind"],
            is_published=True,
            summary=spec["summary"],
            language="da",
            starts_at=datetime.datetime(
                day.year, day.month, day.day, start_h, start_m, tzinfo=zone
            ),
            ends_at=datetime.datetime(day.year, day.month, day.day, end_h, end_m, tzinfo=zone),
            time_zone="Europe/Copenhagen",
            venue_name=venue,
            locality=locality,
            municipality=_municipality(code),
            registration_required=False,
        )
        event_services.event_save(actor=None, event=event, organisers=[organiser])


def events_by_title() -> dict:
    titles = [SUMMIT, WORKSHOP, NETWORK_MEETING, INPUT_WORKSHOP, INPUT_MEETING]
    found = {}
    for event in Event.objects.filter(title__in=titles).order_by("pk"):
        found.setdefault(event.title, event)
    return found


def _surveys() -> dict:
    return {s.slug: s for s in Survey.objects.filter(slug=INPUT_SURVEY)}


def _projects(programme, organisations, events, surveys) -> dict[str, Project]:
    themes = {t.slug: t for t in Theme.objects.filter(programme=programme)}
    existing = set(
        Project.objects.filter(slug__in=[p["slug"] for p in PROJECTS]).values_list(
            "slug", flat=True
        )
    )
    for spec in PROJECTS:
        if spec["slug"] in existing:
            continue
        project = Project(
            programme=programme,
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            body=spec["body"],
            status=spec["status"],
            starts_on=_date(spec["starts_on"]),
            ends_on=_date(spec["ends_on"]),
            lead_organisation=organisations[spec["lead"]],
            participants=spec["participants"],
            funding=[
                Funding(
                    source=source,
                    organisation=organisations.get(slug) if slug else None,
                    amount=Decimal(amount) if amount is not None else None,
                    currency="DKK",
                    sort_order=n,
                )
                for n, (source, slug, amount) in enumerate(spec["funding"])
            ],
            milestones=[
                Milestone(title=title, due_on=_date(due), progress=progress, sort_order=n)
                for n, (title, due, progress) in enumerate(spec["milestones"])
            ],
            results=[
                Result(title=title, description=text, figure=figure, unit=unit, sort_order=n)
                for n, (title, text, figure, unit) in enumerate(spec["results"])
            ],
            videos=[
                Video(title=VIDEOS[key][0], url=VIDEOS[key][1], sort_order=n)
                for n, key in enumerate(spec.get("videos", []))
            ],
        )
        project.themes.set([themes[slug] for slug in spec["themes"]])
        project.partners.set(list(PartnerOrganisation.objects.filter(slug__in=spec["partners"])))
        project.municipalities.set(
            [m for m in (_municipality(code) for code in spec["municipalities"]) if m]
        )
        project.related_events.set([events[t] for t in spec.get("events", []) if t in events])
        project.related_surveys.set([surveys[s] for s in spec.get("surveys", []) if s in surveys])
        services.project_save(actor=None, project=project)
    return {p.slug: p for p in Project.objects.filter(programme=programme)}


# Who of the demo logins follows what (core's notification engine): [email, project slugs], and
# everyone of them follows the programme.
FOLLOWS = [
    (SARA, ["pilot-bandskole-paa-tvaers", "musikmetropolen-festival"]),
    (METTE, ["pilot-musikskolen-i-udskolingen"]),
    (JONAS, ["uddannelse-kommerciel-sangskrivning"]),
]


def _follows(programme, projects) -> None:
    """The demo logins follow the programme and a project or two (idempotent: following twice
    keeps the first)."""
    people = {u.email: u for u in User.objects.filter(email__in=[e for e, _s in FOLLOWS])}
    for email, slugs in FOLLOWS:
        person = people.get(email)
        if person is None:
            continue
        notifications.follow(user=person, obj=programme)
        for slug in slugs:
            if slug in projects and projects[slug].is_published:
                notifications.follow(user=person, obj=projects[slug])


def _inputs(programme, events, surveys) -> None:
    for title, survey, note in (
        (SUMMIT, None, "Idérunderne fra 2016 samlet: de tre hovedoverskrifter blev til."),
        (INPUT_WORKSHOP, None, "Kommunernes input til Musikmetropolen 2020."),
        (
            INPUT_MEETING,
            surveys.get(INPUT_SURVEY),
            "11 kommuner repræsenteret med flere aktører; kommunerne svarede også på "
            "spørgeskemaet via sekretariatet.",
        ),
        (WORKSHOP, None, "Spillesteder, bookere og kommuner om nye publikumsformater."),
    ):
        event = events.get(title)
        if event is None or EventInput.objects.filter(programme=programme, event=event).exists():
            continue
        EventInput.objects.create(programme=programme, event=event, survey=survey, note=note)


# Alone (a test builds only this part) or within builders.build: indexed once at the end.
@registry.deferred_indexing()
def build() -> list[str]:
    # The demo's people are fictional: status changes email no follower.
    with emails_suppressed(), transaction.atomic():
        organisations = _organisations()
        _people(organisations)
        programme = _programme(organisations)
        _input_events(organisations)
        events = events_by_title()
        surveys = _surveys()
        projects = _projects(programme, organisations, events, surveys)
        _inputs(programme, events, surveys)
        _follows(programme, projects)
    return [
        f"Projects: the programme {programme.name} with {len(projects)} projects",
        "sekretariat@samspill.test / samspill-sekretariat  (editor of Musikmetropolen, "
        "its secretariat)",
    ]
