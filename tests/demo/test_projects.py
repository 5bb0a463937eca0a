"""The projects of the demo hub: Musikmetropolen with its themes, municipalities, projects of
2018–2019 and 2020, input from events and ideas, built on top of core's, the events' and the
surveys' demos; a second run adds nothing and nobody is emailed. Building takes a few seconds, so
each test checks several things."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from zeal import zeal_ignore

from samspill.core import notifications
from samspill.core.models import Follow, Notification, Organisation, User
from samspill.demo import core as core_demo
from samspill.demo import events as events_demo
from samspill.demo import ideas as ideas_demo
from samspill.demo import projects as demo
from samspill.demo import surveys as surveys_demo
from samspill.ideas.models import (
    Idea,
    IdeaComment,
    IdeaStatus,
    IdeaStatusChange,
    IdeaSupport,
)
from samspill.projects.models import (
    EventInput,
    Funding,
    Milestone,
    Programme,
    Project,
    ProjectStatus,
    Result,
    Theme,
    Video,
)
from samspill.projects.permissions import may_moderate

pytestmark = pytest.mark.django_db

PARTICIPATING = {"165", "183", "175", "259", "265", "260", "250", "217"}


@pytest.fixture
def built(django_capture_on_commit_callbacks):
    """Core's, the events' and the surveys' demos, then the projects' (callbacks run, as after a
    real commit); the lines the projects builder printed and the emails sent before it ran."""
    with zeal_ignore(), django_capture_on_commit_callbacks(execute=True):
        core_demo.build()
        events_demo.build()
        surveys_demo.build()
        sent = len(mail.outbox)
        lines = demo.build()
        ideas_demo.build()
    return lines, sent


def counts() -> dict[str, int]:
    models = (
        Programme,
        Theme,
        Project,
        Funding,
        Milestone,
        Result,
        Video,
        EventInput,
        Idea,
        IdeaSupport,
        Follow,
        Notification,
        IdeaComment,
        IdeaStatusChange,
        Organisation,
        User,
    )
    return {model.__name__: model.objects.count() for model in models} | {
        "project links": sum(
            p.themes.count() + p.partners.count() + p.municipalities.count()
            for p in Project.objects.all()
        )
    }


def test_the_programme_of_the_source(built):
    lines, _sent = built
    programme = Programme.objects.get(slug="musikmetropolen")
    assert programme.is_published and programme.name == "Musikmetropolen"
    assert programme.vision == (
        "En sammenhængende musikmetropol med lokal, national og international gennemslagskraft"
    )
    assert "Kulturmetropolen 2016–19" in programme.body and "31. januar 2017" in programme.body
    assert (programme.starts_on, programme.ends_on) == (
        datetime.date(2016, 4, 8),
        datetime.date(2020, 12, 31),
    )
    assert set(programme.municipalities.values_list("code", flat=True)) == PARTICIPATING
    assert set(programme.municipalities.values_list("country", flat=True)) == {"DK"}
    secretariat = programme.secretariat
    assert secretariat.country == "DK" and secretariat.municipality.name == "Roskilde"
    assert "Projektleder" in programme.secretariat_contact
    themes = list(programme.themes.order_by("sort_order"))
    assert [t.slug for t in themes] == ["talent", "venues", "industry"]
    assert [(t.name_nb, t.name_da, t.name_en) for t in themes] == [
        (
            "Talent- og karriereutvikling",
            "Talent- og karriereudvikling",
            "Talent and career development",
        ),
        (
            "Utvikling av spillesteder og scener",
            "Udvikling af spillesteder og scener",
            "Development of venues and stages",
        ),
        (
            "Musikkbransjens infrastruktur og samarbeid",
            "Musikbranchens infrastruktur og samarbejder",
            "Music industry infrastructure and collaboration",
        ),
    ]
    assert "Musikmetropolen" in lines[0]
    # The secretariat's editor can run the programme.
    birthe = User.objects.get(email=demo.BIRTHE)
    assert may_moderate(birthe, programme)


def test_the_projects_reach_every_participating_municipality(built):
    programme = Programme.objects.get(slug="musikmetropolen")
    projects = Project.objects.filter(programme=programme)
    early = projects.filter(starts_on__year__in=[2018, 2019])
    assert early.count() >= 15
    # Together the 2018–2019 projects involve every participating municipality, under every theme.
    reached = set(early.values_list("municipalities__code", flat=True))
    assert reached >= PARTICIPATING
    assert set(early.values_list("themes__slug", flat=True)) == {"talent", "venues", "industry"}
    statuses = list(early.values_list("status", flat=True))
    assert statuses.count(ProjectStatus.STOPPED) == 1
    assert statuses.count(ProjectStatus.COMPLETED) == len(statuses) - 1
    # 2020: three projects, all ended that year and completed: none of them reads as running
    # years later (issue 18: "Pågår, 50 % fullført" in December 2026).
    later = projects.filter(starts_on__year=2020)
    assert later.count() == 3
    for project in later:
        assert project.status == project.current_status == ProjectStatus.COMPLETED
        assert project.progress == 100
    assert not projects.in_status(ProjectStatus.RUNNING).exists()
    for project in projects:
        assert project.summary and project.body and project.themes.exists()
        assert project.lead_organisation.country == "DK"
        assert project.municipalities.exists() and project.milestones.exists()
        assert project.funding.filter(currency="DKK").exists()
        if project.status == ProjectStatus.COMPLETED:
            assert project.progress == 100 and project.participants
            assert project.results.exclude(figure=None).exists()
    stopped = early.get(status=ProjectStatus.STOPPED)
    assert 0 < stopped.progress < 100
    assert sum(f.amount or 0 for f in Funding.objects.filter(project__programme=programme)) > 0
    # Real organisations as partners where plausible, all Danish.
    partners = set(
        Organisation.objects.filter(partner_projects__programme=programme).values_list(
            "slug", flat=True
        )
    )
    assert {"rosa", "dansk-live", "promus", "roskilde", "koge"} <= partners
    assert not Organisation.objects.filter(partner_projects__programme=programme).exclude(
        country="DK"
    )
    # The two videos of the source, on projects.
    assert set(Video.objects.values_list("url", flat=True)) == {
        "https://www.youtube.com/watch?v=hFqX02ubCM8",
        "https://www.youtube.com/watch?v=rQn4VqtMiM4&t=75s",
    }
    assert all(video.embed is not None for video in Video.objects.all())


def test_related_events_inputs_and_surveys(built):
    programme = Programme.objects.get(slug="musikmetropolen")
    summit = events_demo.demo_uid("musikmetropolen-summit-2017")
    workshop = events_demo.demo_uid("musikmetropolen-workshop-audiences")
    network = events_demo.demo_uid("musikmetropolen-network-meeting")
    related = set(
        Project.objects.filter(programme=programme).values_list("related_events__uid", flat=True)
    )
    assert {summit, workshop, network} <= related
    inputs = EventInput.objects.filter(programme=programme).select_related("event", "survey")
    by_slug = {i.event.slug: (i.survey.slug if i.survey else None) for i in inputs}
    assert by_slug == {
        "musikmetropolens-forste-topmode": None,
        "workshop-musikmetropolen-2020": None,
        "netvaerksmode-input-2020": surveys_demo.INPUT_SLUG,
        "workshop-nye-publikumsformater": None,
    }
    assert network not in {i.event.uid for i in inputs}
    assert Project.objects.filter(related_surveys__slug=surveys_demo.INPUT_SLUG).exists()
    origins = set(
        Idea.objects.exclude(origin_event=None).values_list("origin_event__slug", flat=True)
    )
    assert origins == {"workshop-musikmetropolen-2020", "netvaerksmode-input-2020"}
    # The input came before the ideas: each idea is dated after the gathering it came from,
    # and every input event lies in the past (summer 2019).
    for idea in Idea.objects.exclude(origin_event=None).select_related("origin_event"):
        assert idea.origin_event.ends_at < idea.created_at
        first_change = idea.history.first()
        assert first_change is None or idea.created_at < first_change.created_at


def test_the_ideas_of_musikmetropolen_2020(built):
    programme = Programme.objects.get(slug="musikmetropolen")
    ideas = {i.title: i for i in Idea.objects.filter(programme=programme)}
    assert {
        "Fremtidens musikskoler",
        "Fra rugekasse til flyvefærdig",
        "Kompetenceudviklingsforløb for kulturaftalens musikinstitutioner og musikaktører",
        "Unikke projekter, hvor vi satser, tester og sætter dagsorden",
        "Musiknetværk, kompetencecenter og videncenter",
        "Musikskabelse – håndværk, kunst og erhverv",
        "Musik med kant",
    } == set(ideas)
    statuses = {i.status for i in ideas.values()}
    assert statuses == set(IdeaStatus.values)
    for idea in ideas.values():
        # The count equals the rows; authors are fictional people; supporters follow.
        assert idea.support_count == idea.supports.count() >= 1
        assert idea.author is not None and not idea.is_hidden
        supporters = set(idea.supports.values_list("user", flat=True))
        assert supporters | {idea.author_id} <= notifications.follower_ids([idea])
        assert idea.themes.exists() and idea.municipalities.exists()
    assert len({i.author_id for i in ideas.values()}) >= 5
    assert IdeaComment.objects.filter(idea__programme=programme).count() >= 5
    declined = ideas["Musik med kant"]
    assert declined.status == IdeaStatus.DECLINED and declined.status_reason
    assert declined.history.get().reason == declined.status_reason
    # The idea that became a project keeps its history and its supporters.
    turned = ideas["Fra rugekasse til flyvefærdig"]
    assert turned.status == IdeaStatus.PROJECT
    assert turned.project.slug == "fra-rugekasse-til-flyvefaerdig"
    assert turned.project.status == ProjectStatus.COMPLETED  # it ran Oct.–Dec. 2020
    assert [(h.from_status, h.to_status) for h in turned.history.all()] == [
        ("proposed", "under_review"),
        ("under_review", "project"),
    ]
    assert turned.support_count >= 5 and turned.supports.count() == turned.support_count
    # Moves were made by the secretariat's editor.
    actors = set(IdeaStatusChange.objects.values_list("actor__email", flat=True))
    assert actors == {demo.BIRTHE}
    # The demo logins follow the programme and a project or two; the ideas' moves and comments
    # left a handful of notifications (not emailed).
    sara = User.objects.get(email=demo.SARA)
    assert notifications.is_following(sara, programme)
    assert notifications.following_ids(sara, Project)
    assert Notification.objects.filter(user__email__in=demo.people_emails()).exists()
    assert not Notification.objects.filter(delivery="immediate", emailed_at__isnull=True).exists()


def test_a_second_run_changes_nothing_and_no_one_is_emailed(
    built, django_capture_on_commit_callbacks
):
    lines, sent = built
    assert len(mail.outbox) == sent
    before = counts()
    with zeal_ignore(), django_capture_on_commit_callbacks(execute=True):
        again = demo.build()
        ideas_demo.build()
    assert counts() == before
    assert again == lines
    assert len(mail.outbox) == sent


def test_the_builder_works_without_the_events_and_surveys_demos(
    django_capture_on_commit_callbacks,
):
    with zeal_ignore(), django_capture_on_commit_callbacks(execute=True):
        core_demo.build()
        demo.build()
        ideas_demo.build()
    programme = Programme.objects.get(slug="musikmetropolen")
    assert programme.projects.count() == len(demo.PROJECTS)
    # Only the two past gatherings the projects demo adds itself give input.
    assert set(EventInput.objects.values_list("event__slug", flat=True)) == {
        "workshop-musikmetropolen-2020",
        "netvaerksmode-input-2020",
    }
    assert Idea.objects.filter(programme=programme).count() == len(ideas_demo.IDEAS)
    assert not mail.outbox


def test_the_demo_pages_answer(built, client):
    """The programme, its reach, a project with a video and the idea that became a project, as an
    anonymous reader sees them (nothing fetched from the video site: a link and a button)."""
    with translation.override("nb"):
        urls = [
            reverse("projects:programme", kwargs={"slug": "musikmetropolen"}),
            reverse("projects:reach", kwargs={"slug": "musikmetropolen"}),
            reverse("projects:project", kwargs={"slug": "uddannelse-kommerciel-sangskrivning"}),
            reverse("ideas:idea", kwargs={"pk": Idea.objects.get(status="project").pk}),
            reverse("ideas:idea-list") + "?sort=support",
        ]
    pages = {url: client.get(url) for url in urls}
    assert {url: r.status_code for url, r in pages.items()} == dict.fromkeys(urls, 200)
    programme, reach, project, idea, ideas = (r.content.decode() for r in pages.values())
    assert "En sammenhængende musikmetropol" in programme
    assert "Albertslund" in reach and "Helsingør" in reach
    assert "youtube.com/watch?v=hFqX02ubCM8" in project and "<iframe" not in project
    assert "Fra rugekasse til flyvefærdig" in idea
    assert "Fremtidens musikskoler" in ideas
