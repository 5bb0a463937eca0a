"""Checks of the hub's search sources, shared by each app's tests (`tests/<app>/test_search_source.py`).

Tasks run at once in tests; what waits for the commit runs when a `committed()` block ends, as
after a real commit."""

from django.test import TestCase

from samspill.answers import search, services
from samspill.answers.models import Passage, PassageFilter
from samspill.core import registry


def committed():
    return TestCase.captureOnCommitCallbacks(execute=True)


def passages(answer_id: str) -> list[Passage]:
    return list(Passage.objects.filter(answer_id=answer_id))


def kinds(answer_id: str) -> set[str]:
    return set(
        PassageFilter.objects.filter(
            passage__answer_id=answer_id, key__startswith="kind:"
        ).values_list("key", flat=True)
    )


def found(question: str, answer_id: str) -> bool:
    return answer_id in [a.answer_id for a in search.find_answers(question, limit=10).results]


def assert_findable(question: str, answer_id: str, kind: str) -> None:
    """Indexed under its kind, and found by `question` (its name)."""
    assert passages(answer_id), f"{answer_id} is not in the index"
    assert kinds(answer_id) == {f"kind:{kind}"}
    assert found(question, answer_id), f"{question!r} does not find {answer_id}"


def rebuild_queries(queries, source_name: str) -> int:
    """Queries that loading and reading one source's objects for a rebuild takes."""
    source = registry.search_source(source_name)

    def read():
        object_ids = source.all_ids()
        found = services._load(source, object_ids)
        return [source.passages(found[pk]) for pk in object_ids if pk in found]

    return queries.count(read)
