"""A small hub with two organisations for the security checks: organisation A and organisation B
each own a knowledge page (live, with a newer unpublished draft), an event with a registration,
a survey with a response, a programme with a project, an idea and its comment, and input from an
event; a third organisation waits for approval. One person per role:

- `anonymous`: nobody signed in;
- `member`: a member (no editing role) of organisation A;
- `pending_creator`: created the pending organisation and nothing else (must have no rights);
- `editor_a` / `admin_a`: editor / admin of organisation A;
- `hub_admin`: a superuser.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from wagtail.models import Locale

from samspill.core import newsletters
from samspill.core import services as core_services
from samspill.core.models import HomePage, Newsletter, NewsletterAudience, Role
from samspill.events import services as event_services
from samspill.events.models import EventSeries, Registration
from samspill.ideas import services as idea_services
from samspill.network import services as network_services
from samspill.network import tokens as network_tokens
from samspill.projects.models import EventInput
from samspill.surveys.models import Kind
from tests.core.factories import AudienceFactory, OrganisationFactory, UserFactory
from tests.events.factories import DIET, NEWSLETTER, ROLE, in_days, make_event
from tests.ideas.factories import make_idea
from tests.knowledge.factories import article_page, faq_page, guide_page, index_page, topic_page
from tests.news import factories as news_factories
from tests.projects.factories import make_programme, make_project
from tests.surveys.factories import answer, make_survey, standard_answers

ROLES = ("anonymous", "member", "pending_creator", "editor_a", "admin_a", "hub_admin")
PASSWORD = "correct-horse-battery"

# Every question kind a survey offers, for the hostile-input check.
ALL_KINDS_SPEC = [
    (Kind.SECTION, "Om dere", {}),
    (Kind.ORG_KIND, "Hva slags virksomhet er dere?", {}),
    (Kind.SINGLE, "Fase", {"options": "Idé\nOppstart\nVekst", "allow_other": True}),
    (Kind.MUNICIPALITY, "Kommune", {}),
    (Kind.NUMBER, "Antall ansatte", {"min_value": 0, "max_value": 10000}),
    (Kind.MULTIPLE, "Hva trenger dere?", {"options": "Investering\nMentor", "allow_other": True}),
    (Kind.SCALE, "Hvor nyttig er et nettverk?", {"scale_max": 5}),
    (Kind.YES_NO, "Vil dere komme på samlinger?", {}),
    (Kind.SHORT_TEXT, "Hvilke?", {}),
    (Kind.MATRIX, "Hvor viktig er", {"options": "Kapital\nKompetanse", "scale_max": 5}),
    (Kind.LONG_TEXT, "Noe annet?", {}),
]


@dataclass
class Side:
    """Everything one organisation owns."""

    organisation: object
    membership: object = None
    page: object = None
    draft_revision: object = None
    event: object = None
    registration: object = None
    survey: object = None
    programme: object = None
    project: object = None
    idea: object = None
    comment: object = None
    event_input: object = None
    topic: object = None
    faq: object = None
    guide: object = None
    series: object = None
    join_request: object = None
    invitation: object = None
    invitation_token: str = ""
    newsletter: object = None
    news: object = None


@dataclass
class World:
    home: object
    users: dict = field(default_factory=dict)
    sides: dict = field(default_factory=dict)
    pending: object = None
    extra: dict = field(default_factory=dict)

    @property
    def a(self) -> Side:
        return self.sides["A"]

    @property
    def b(self) -> Side:
        return self.sides["B"]


def _side(label: str, organisation, hub_admin, author) -> Side:
    side = Side(organisation=organisation)
    index = index_page(HomePage.objects.get(locale=Locale.get_default()))
    topic = topic_page(index, title=f"Tema {label}")
    side.topic = topic
    side.faq = faq_page(topic, organisation)
    side.guide = guide_page(index, organisation)
    page = article_page(topic, organisation, title=f"Artikkel {label}")
    page.title = f"Hemmelig utkast {label}"
    side.draft_revision = page.save_revision(user=hub_admin)
    side.page = page
    # News: a published item and a draft whose title no other organisation's people may see
    # (the list, its feeds, the API, the admin's explorer of the news index).
    news_index = news_factories.index_page(HomePage.objects.get(locale=Locale.get_default()))
    side.news = news_factories.news_page(news_index, organisation, f"Nyhet {label}", topics=[topic])
    news_factories.news_page(
        news_index, organisation, f"Hemmelig utkast {label} (nyhet)", live=False, user=author
    )
    side.event = make_event(
        organisers=[organisation],
        questions=[DIET, ROLE, NEWSLETTER],
        title=f"Verksted {label}",
        kind="workshop",
        attendance_mode="mixed",
        online_url=f"https://meet.example.org/{label}",
    )
    diet, role, _newsletter = list(side.event.questions.all())
    side.registration = event_services.registration_create(
        event=side.event,
        user=author,
        answers={str(diet.pk): "Vegetar", str(role.pk): f"Deltaker {label}"},
        consent=True,
    )
    side.survey = make_survey(
        title=f"Kartlegging {label}", slug=f"kartlegging-{label.lower()}", owner=organisation
    )
    side.survey.results_public = True
    side.survey.save()
    for _n in range(5):  # enough respondents that public results and exports exist
        answer(side.survey, standard_answers(side.survey))
    side.programme = make_programme(
        slug=f"program-{label.lower()}", name=f"Program {label}", secretariat=organisation
    )
    side.project = make_project(side.programme, title=f"Prosjekt {label}", lead=organisation)
    side.idea = make_idea(side.programme, author, title=f"Idé {label}")
    side.comment = idea_services.comment_add(user=author, idea=side.idea, body="En kommentar.")
    side.event_input = EventInput.objects.create(
        programme=side.programme, event=side.event, survey=side.survey
    )
    side.series = EventSeries.objects.create(
        title=f"Serie {label}", slug=f"serie-{label.lower()}", organisation=organisation
    )
    side.join_request = network_services.join_request_create(
        actor=UserFactory(email=f"joiner-{label.lower()}@example.org"), organisation=organisation
    )
    side.newsletter = newsletters.newsletter_save(
        actor=hub_admin,
        newsletter=Newsletter(
            subject=f"Nyhetsbrev {label}",
            body="<p>Hei</p>",
            audience=NewsletterAudience.ORGANISATION_FOLLOWERS,
            organisation=organisation,
            language="nb",
        ),
    )
    return side


def build_world(home) -> World:
    world = World(home=home)
    hub = UserFactory(email="hub@example.org", is_superuser=True, is_staff=True)
    org_a = OrganisationFactory(name="Organisasjon A", slug="org-a")
    org_b = OrganisationFactory(name="Organisasjon B", slug="org-b")
    users = {"hub_admin": hub}
    for role_name, role in (
        ("member", Role.MEMBER),
        ("editor_a", Role.EDITOR),
        ("admin_a", Role.ADMIN),
    ):
        users[role_name] = UserFactory(email=f"{role_name}@example.org")
        membership = core_services.membership_create(
            actor=hub, organisation=org_a, user=users[role_name], role=role
        )
        if role_name == "admin_a":
            membership_a = membership
    users["pending_creator"] = UserFactory(email="pending@example.org")
    world.pending = network_services.organisation_submit(
        actor=users["pending_creator"],
        name="Venteorganisasjon",
        kind="label",
        country="NO",
    )
    b_admin = UserFactory(email="admin_b@example.org")
    membership_b = core_services.membership_create(
        actor=hub, organisation=org_b, user=b_admin, role=Role.ADMIN
    )
    world.users = users
    author = UserFactory(email="author@example.org")
    world.extra["author"] = author
    world.sides["A"] = _side("A", org_a, hub, author)
    world.sides["B"] = _side("B", org_b, hub, author)
    world.a.membership = membership_a
    for side, admin in ((world.a, users["admin_a"]), (world.b, b_admin)):
        sent, _skipped = network_services.invitation_send(
            actor=admin,
            organisation=side.organisation,
            emails=[f"new-{side.organisation.slug}@example.org"],
        )
        side.invitation = sent[0]
        side.invitation_token = network_tokens.invitation_token(sent[0])
    world.b.membership = membership_b
    world.extra["audience"] = AudienceFactory()
    world.extra["b_admin"] = b_admin
    world.extra["now"] = timezone.now()
    past = make_event(organisers=[org_a], title="Fjorårets møte", starts_at=in_days(-40))
    world.extra["archive_year"] = timezone.localtime(past.starts_at).year
    assert Registration.objects.count() == 2
    return world
