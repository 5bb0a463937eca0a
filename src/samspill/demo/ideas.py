"""The ideas of the demo hub: the loose ideas of "Musikmetropolen 2020" (data/ideas.json) with their
supporters, comments and statuses, proposed by the programme's people after the gatherings the
projects demo records; one became a project.

Runs after the projects demo (it needs the programme, its people, projects and events). Everything
goes through `ideas.services`; only the dates are set afterwards (`_backdate`), so the ideas tell
the programme's story. Idempotent: ideas are found by title; what exists is left as it is. No
email is sent (`emails_suppressed`): the demo's people are fictional.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from samspill.core import registry
from samspill.core.mail import emails_suppressed
from samspill.core.models import Municipality, User
from samspill.demo import projects as projects_demo
from samspill.demo.data import load
from samspill.ideas import services
from samspill.ideas.models import Idea, IdeaComment, IdeaStatusChange, IdeaSupport
from samspill.projects.models import Programme, Project, Theme

# Each idea: title, description, author (email), themes, municipalities (codes), the event it came
# from (title, or null), supporters, comments [[email, text]], status changes [[status, reason]],
# and the project it became (slug).
IDEAS = load("ideas")["ideas"]
EDITOR = projects_demo.BIRTHE  # the secretariat's editor moves the ideas


def _municipality(code: str) -> Municipality | None:
    return Municipality.objects.filter(country="DK", code=code).first()


def _ideas(programme, people, projects, events) -> None:
    themes = {t.slug: t for t in Theme.objects.filter(programme=programme)}
    existing = set(Idea.objects.filter(programme=programme).values_list("title", flat=True))
    editor = people.get(EDITOR)
    for n, spec in enumerate(IDEAS):
        author = people.get(spec["author"])
        if spec["title"] in existing or author is None:
            continue
        idea = services.idea_propose(
            user=author,
            programme=programme,
            title=spec["title"],
            description=spec["description"],
            themes=[themes[slug] for slug in spec["themes"]],
            municipalities=[
                m for m in (_municipality(code) for code in spec["municipalities"]) if m
            ],
            origin_event=events.get(spec["event"]) if spec["event"] else None,
        )
        for email in spec["supporters"]:
            if email in people:
                services.idea_support(user=people[email], idea=idea)
        for email, text in spec["comments"]:
            if email in people:
                services.comment_add(user=people[email], idea=idea, body=text)
        for status, reason in spec["statuses"]:
            project = projects.get(spec.get("project", "")) if status == "project" else None
            services.idea_set_status(
                actor=editor, idea=idea, status=status, reason=reason, project=project
            )
        _backdate(idea, n)


def _backdate(idea, n: int) -> None:
    """Date the idea the day after the gathering it came from (autumn 2019 otherwise), and its
    status changes in the weeks after: the demo tells the story of Musikmetropolen 2020."""
    event = idea.origin_event
    proposed = (
        event.ends_at + datetime.timedelta(days=1, hours=n)
        if event is not None and event.ends_at < timezone.now()
        else timezone.make_aware(datetime.datetime(2019, 9, 16, 10)) + datetime.timedelta(days=n)
    )
    Idea.objects.filter(pk=idea.pk).update(created_at=proposed)
    IdeaSupport.objects.filter(idea=idea).update(created_at=proposed + datetime.timedelta(days=2))
    IdeaComment.objects.filter(idea=idea).update(created_at=proposed + datetime.timedelta(days=3))
    for step, change in enumerate(idea.history.order_by("pk")):
        IdeaStatusChange.objects.filter(pk=change.pk).update(
            created_at=proposed + datetime.timedelta(days=30 * (step + 1))
        )


# Alone (a test builds only this part) or within builders.build: indexed once at the end.
@registry.deferred_indexing()
def build() -> list[str]:
    programme = Programme.objects.filter(slug=projects_demo.SLUG).first()
    if programme is None:  # the projects demo has not run
        return []
    # The demo's people are fictional: status changes email no follower.
    with emails_suppressed(), transaction.atomic():
        people = {u.email: u for u in User.objects.filter(email__in=projects_demo.people_emails())}
        projects = {p.slug: p for p in Project.objects.filter(programme=programme)}
        _ideas(programme, people, projects, projects_demo.events_by_title())
    return [f"Ideas: {Idea.objects.filter(programme=programme).count()} in {programme.name}"]
