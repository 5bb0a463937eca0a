"""The demo builders in the order they run: each may use what the ones before it built (core's
organisations, people and pages first; the answer index last, over everything written)."""

from collections.abc import Callable

from samspill.core import registry
from samspill.demo import (
    answers,
    core,
    events,
    ideas,
    images,
    knowledge,
    network,
    news,
    newsletters,
    projects,
    surveys,
)

BUILDERS: list[tuple[str, Callable[[], list[str] | None]]] = [
    ("core", core.build),
    ("knowledge", knowledge.build),
    ("network", network.build),
    ("events", events.build),
    ("surveys", surveys.build),
    ("projects", projects.build),
    ("ideas", ideas.build),
    ("newsletters", newsletters.build),
    ("images", images.build),
    ("news", news.build),
    ("answers", answers.build),
]


def build(names=None, *, report: Callable[[str], None] = lambda name: None) -> list[str]:
    """Build (or complete) the demo hub, or only the parts named; the lines of logins and figures
    the builders return. Idempotent: what exists is left as it is."""
    lines: list[str] = []
    # The builders write hundreds of watched rows (organisations, events, people): their search
    # indexing is gathered, not enqueued row by row. When the answers builder runs, its rebuild
    # indexes everything at the end; otherwise the gathered objects are indexed together.
    with registry.deferred_indexing() as gathered:
        for name, builder in BUILDERS:
            if names is not None and name not in names:
                continue
            report(name)
            if name == "answers":
                gathered.clear()
            lines.extend(builder() or [])
    return lines
