"""Builders for ideas tests: `make_idea(programme, author, ...)` a proposed idea through the service
(programmes and projects come from `tests.projects.factories`)."""

from samspill.ideas import services
from tests.core.factories import UserFactory


def make_idea(programme, author=None, *, title="Fremtidens musikskoler", themes=(), **fields):
    return services.idea_propose(
        user=author or UserFactory(),
        programme=programme,
        title=title,
        description=f"{title}: en løs idé fra netværksmødet.",
        themes=list(themes),
        **fields,
    )
