"""The header's question box: one question over everything the hub indexes, grouped by kind.

Every registered search source (registry.SearchSource) files its passages in the answer finder's
index under "kind:<kind>". A question is answered here in three steps, in a bounded number of
queries whatever the index holds:

1. **Names.** The question, and each of its runs of up to `names.MAX_WORDS` words, is looked up
   among the passages' proper names (one query): a passage whose name *is* the question goes
   first, one whose name the question *holds* right after, whatever its kind. Names are matched as
   written, never stemmed ("Havnescenen" finds the venue, not passages about a "scene").
2. **Text.** One ranking over every kind (or the kinds asked for) with the answer finder
   (`search.find_answers`, its kind filter), at most `HUB_LIMIT` results, one per article/object.
3. **Grouping.** Results grouped by kind; the groups follow their best result (so the kind of a
   named thing comes first); `best` is the thing the question names, or else, when the question
   is answered, the knowledge bank's best passage (the top result if no article, FAQ or guide
   answers it).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields

from django.conf import settings

from samspill.answers import names, search
from samspill.answers.models import Passage, PassageName
from samspill.core import registry
from samspill.core.text import analysis

HUB_LIMIT = 60  # results of one ranking, over every kind
NAME_ROWS = 300  # passages read for the names in a question, at most
# The kinds whose passages answer questions (the knowledge bank's); the best answer comes from
# these when one of them answers the question.
ANSWER_KINDS = ("article", "faq", "guide")
# The order kinds are offered in as filters; kinds not named here follow by name.
KIND_ORDER = (
    "article",
    "faq",
    "guide",
    "news",
    "event",
    "organisation",
    "person",
    "project",
    "idea",
    "survey",
)

NO_NAME, HOLDS_NAME, IS_NAME = 0, 1, 2


@dataclass
class HubAnswer(search.Answer):
    kind: str = ""
    # IS_NAME: the question is this object's name; HOLDS_NAME: the question holds it; NO_NAME.
    name_match: int = NO_NAME
    name_rank: tuple = ()

    @property
    def kind_name(self) -> str:
        return kind_label(self.kind, 1)

    @property
    def language_name(self) -> str:
        return str(dict(settings.LANGUAGES).get(self.language, self.language))


@dataclass
class KindGroup:
    kind: str
    label: str
    results: list[HubAnswer]
    total: int  # found in this ranking (results holds at most per_kind of them)

    @property
    def more(self) -> bool:
        return self.total > len(self.results)


@dataclass
class HubResult:
    query: str
    answered: bool
    best: HubAnswer | None
    groups: list[KindGroup]
    counts: dict[str, int] = field(default_factory=dict)  # kind → found

    @property
    def total(self) -> int:
        return sum(self.counts.values())


# --- Kinds ----------------------------------------------------------------------------------------


def _kind_sort(kind: str) -> tuple:
    return (KIND_ORDER.index(kind), "") if kind in KIND_ORDER else (len(KIND_ORDER), kind)


def kinds() -> list[str]:
    """Every kind a registered source gives, in the filters' order."""
    return sorted({source.kind for source in registry.search_sources()}, key=_kind_sort)


def kind_label(kind: str, n: int = 2) -> str:
    """A kind's name for people, in the active language (plural unless n is 1)."""
    for source in registry.search_sources():
        if source.kind == kind and source.kind_label is not None:
            return str(source.kind_label(n))
    return kind.capitalize()


def kind_choices(
    counts: dict[str, int] | None = None, searched: Iterable[str] | None = None
) -> list[dict]:
    """The kinds as filters: {kind, label, count}; the count is None for a kind that was not
    searched (`searched`: the kinds searched, None for every one) or when nothing was."""
    searched = None if searched is None else set(searched)
    return [
        {
            "kind": kind,
            "label": kind_label(kind),
            "count": None
            if counts is None or (searched is not None and kind not in searched)
            else counts.get(kind, 0),
        }
        for kind in kinds()
    ]


def _sources_of(wanted: Iterable[str] | None) -> dict[str, str]:
    """{source name: kind} of the sources of the wanted kinds (every source when None)."""
    wanted = None if wanted is None else set(wanted)
    return {
        source.name: source.kind
        for source in registry.search_sources()
        if wanted is None or source.kind in wanted
    }


# --- Names ----------------------------------------------------------------------------------------


def _name_stems(key: str) -> set[str]:
    """The stems that mark a name's words in a snippet (search.highlight compares stems)."""
    return {
        analysis.stem(word, language)
        for word in key.split()
        for language in analysis.QUERY_LANGUAGES
    }


def find_names(question: str, sources: dict[str, str]) -> list[HubAnswer]:
    """The passages whose name the question is or holds, one per object, best first: the
    question is the name, then the name is the object's own title (not its venue's), then the
    longer name. One query."""
    whole, keys = names.question_keys(question)
    if not keys or not sources:
        return []
    rows = (
        PassageName.objects.filter(key__in=sorted(keys), passage__source__in=sorted(sources))
        .order_by("passage_id")
        .values_list(
            "key",
            "passage_id",
            "passage__source",
            "passage__answer_id",
            "passage__anchor",
            "passage__title",
            "passage__heading",
            "passage__url",
            "passage__language",
            "passage__text",
        )[:NAME_ROWS]
    )
    found: dict[str, HubAnswer] = {}
    for key, pk, source, answer_id, anchor, title, heading, url, language, text in rows:
        match = IS_NAME if key == whole else HOLDS_NAME
        own = names.normalise_name(title) == key
        # Best name first; of an object's passages, the top one (no anchor), then the first.
        rank = (match, own, len(key), not anchor, -pk)
        if answer_id in found and found[answer_id].name_rank >= rank:
            continue
        found[answer_id] = HubAnswer(
            passage_id=pk,
            answer_id=answer_id,
            title=title,
            heading=heading,
            url=url,
            language=language,
            text=text,
            score=0.0,
            coverage=0.0,
            matched=_name_stems(key),
            kind=sources[source],
            name_match=match,
            name_rank=rank,
        )
    return sorted(found.values(), key=lambda hit: hit.name_rank, reverse=True)


# --- The question box -----------------------------------------------------------------------------


def _as_hub(answer: search.Answer, kind: str) -> HubAnswer:
    values = {f.name: getattr(answer, f.name) for f in fields(search.Answer) if f.init}
    return HubAnswer(**values, kind=kind)


def looks_like_a_question(text: str) -> bool:
    """Whether a search of the box is worth noting for the editors when nothing answers it: three
    words or more, not all capitalised. What people type into a hub-wide box is often a name (of a
    person who chose not to be listed, too): a name or a couple of keywords is never stored."""
    words = text.split()
    if len(words) < 3:
        return False
    return not all(word[:1].isupper() for word in words if word[:1].isalpha())


def search_hub(
    question: str,
    *,
    language: str | None,
    kinds: Sequence[str] | None = None,
    per_kind: int = 5,
    limit: int = HUB_LIMIT,
    log: bool = False,
) -> HubResult:
    """Everything the hub holds that answers or names `question` (see the module docstring).

    `kinds`: only these kinds (None: every registered kind); `per_kind`: results kept per group.
    With `log`, a question that neither names anything nor finds a good answer is noted for the
    editors, like the question page's, when it `looks_like_a_question`."""
    question = " ".join((question or "").split())[:500]
    sources = _sources_of(kinds)
    name_hits = find_names(question, sources)
    named = bool(name_hits and name_hits[0].name_match == IS_NAME)
    ranked = search.find_answers(
        question,
        language=language,
        kinds=None if kinds is None else sorted(set(sources.values())),
        limit=limit,
        log=log and not named and looks_like_a_question(question),
    )
    kind_of = dict(
        Passage.objects.filter(pk__in=[a.passage_id for a in ranked.results]).values_list(
            "pk", "source"
        )
    )
    text_hits = [
        _as_hub(answer, sources[kind_of[answer.passage_id]])
        for answer in ranked.results
        if kind_of.get(answer.passage_id) in sources
    ]
    # Names first; a named object the text ranking found too keeps its ranked passage and score.
    by_answer = {hit.answer_id: hit for hit in text_hits}
    ordered: list[HubAnswer] = []
    for hit in name_hits:
        ranked_hit = by_answer.pop(hit.answer_id, None)
        if ranked_hit is not None:
            ranked_hit.name_match, ranked_hit.name_rank = hit.name_match, hit.name_rank
            ranked_hit.matched = ranked_hit.matched | hit.matched
            hit = ranked_hit
        ordered.append(hit)
    ordered += [hit for hit in text_hits if hit.answer_id in by_answer]

    best = None
    if named:
        best = ordered[0]
    elif ranked.answered and text_hits:
        best = next(
            (hit for hit in text_hits if hit.kind in ANSWER_KINDS and search.is_answer(hit)),
            text_hits[0],
        )
    grouped: dict[str, list[HubAnswer]] = {}
    for hit in ordered:
        grouped.setdefault(hit.kind, []).append(hit)
    groups = [
        KindGroup(
            kind=kind, label=kind_label(kind, len(hits)), results=hits[:per_kind], total=len(hits)
        )
        for kind, hits in grouped.items()
    ]
    return HubResult(
        query=question,
        answered=best is not None,
        best=best,
        groups=groups,
        counts={kind: len(hits) for kind, hits in grouped.items()},
    )


def unknown_kinds(wanted: Iterable[str]) -> list[str]:
    """The asked-for kinds that no registered source gives."""
    known = set(kinds())
    return [kind for kind in wanted if kind not in known]
