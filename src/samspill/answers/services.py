"""Every write of the answer finder: indexing passages, feedback, unanswered questions, synonyms.

Index writes serialise on the single IndexState row (`select_for_update`), which also keeps the
document frequencies exact when two publications are indexed at the same time.
"""

import re
import secrets
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.answers import bm25, lexicon, selectors, semantic
from samspill.answers.models import (
    Embedding,
    Feedback,
    IndexState,
    Passage,
    PassageFilter,
    PassageName,
    PinnedAnswer,
    Posting,
    Synonym,
    Term,
    UnansweredQuestion,
)
from samspill.answers.names import normalise_name
from samspill.core import registry
from samspill.core.errors import InvalidInput, NotFound, SamspillError
from samspill.core.services import audit_log
from samspill.core.text import analysis

TITLE_WEIGHT = 2.0
HEADING_WEIGHT = 2.0
BATCH = 2000


def new_version() -> int:
    """A fresh random version: processes compare versions for equality only, and a random one
    cannot repeat when the table is emptied and filled again (tests, a restored backup)."""
    return secrets.randbits(62) + 1


def _state(lock: bool = True) -> IndexState:
    IndexState.objects.get_or_create(pk=1)
    states = IndexState.objects.filter(pk=1)
    return (states.select_for_update() if lock else states).get()


def _known_terms() -> set[str]:
    return lexicon.vocabulary().known


def _analyse(passage: dict, known) -> tuple[Counter, int]:
    language = passage.get("language") or "nb"
    fields = [
        analysis.Field(passage["title"], TITLE_WEIGHT),
        analysis.Field(passage.get("heading") or "", HEADING_WEIGHT),
        analysis.Field(passage["text"], 1.0),
    ]
    return analysis.document_terms(fields, language, known)


def _term_ids(stems: Iterable[str]) -> dict[str, int]:
    stems = set(stems)
    ids = {}
    for chunk in _chunks(sorted(stems), 500):
        ids.update(Term.objects.filter(text__in=chunk).values_list("text", "id"))
    missing = [s for s in stems if s not in ids]
    if missing:
        Term.objects.bulk_create([Term(text=s[:100]) for s in missing], ignore_conflicts=True)
        for chunk in _chunks(missing, 500):
            ids.update(Term.objects.filter(text__in=chunk).values_list("text", "id"))
    return ids


def _chunks(items, size):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _shift_df(deltas: Counter) -> None:
    by_delta = defaultdict(list)
    for term_id, delta in deltas.items():
        if delta:
            by_delta[delta].append(term_id)
    for delta, term_ids in by_delta.items():
        for chunk in _chunks(term_ids, 500):
            Term.objects.filter(pk__in=chunk).update(df=F("df") + delta)


def _remove(source: str, object_id: int) -> int:
    passage_ids = list(
        Passage.objects.filter(source=source, object_id=object_id).values_list("pk", flat=True)
    )
    if not passage_ids:
        return 0
    deltas = Counter(
        {
            term_id: -count
            for term_id, count in Counter(
                Posting.objects.filter(passage_id__in=passage_ids).values_list("term_id", flat=True)
            ).items()
        }
    )
    _shift_df(deltas)
    Posting.objects.filter(passage_id__in=passage_ids).delete()
    PassageFilter.objects.filter(passage_id__in=passage_ids).delete()
    PassageName.objects.filter(passage_id__in=passage_ids).delete()
    Feedback.objects.filter(passage_id__in=passage_ids).update(passage=None)
    Passage.objects.filter(pk__in=passage_ids).delete()
    return len(passage_ids)


_INSERT_POSTING = (
    f"INSERT INTO {Posting._meta.db_table} (term_id, passage_id, weight) VALUES (%s, %s, %s)"
)
_INSERT_FILTER = f"INSERT INTO {PassageFilter._meta.db_table} (passage_id, key) VALUES (%s, %s)"
_INSERT_NAME = f"INSERT INTO {PassageName._meta.db_table} (passage_id, key) VALUES (%s, %s)"


def _add_many(items: list[tuple[str, int, list[dict]]], known, *, count_df=True) -> int:
    """Insert the passages of many objects with a handful of bulk statements."""
    analysed = []
    for source, object_id, passages in items:
        for p in passages:
            counts, length = _analyse(p, known)
            if counts:
                analysed.append((source, object_id, p, counts, length))
    if not analysed:
        return 0
    model = semantic.model_id()
    rows = Passage.objects.bulk_create(
        [
            Passage(
                source=source,
                object_id=object_id,
                anchor=p.get("anchor") or "",
                answer_id=p["answer_id"],
                language=(p.get("language") or "nb")[:2],
                title=p["title"][:255],
                heading=(p.get("heading") or "")[:255],
                text=p["text"],
                url=p["url"][:500],
                length=length,
                digest=semantic.digest(
                    semantic.passage_text(
                        p["title"][:255], (p.get("heading") or "")[:255], p["text"]
                    ),
                    model,
                ),
            )
            for source, object_id, p, counts, length in analysed
        ],
        batch_size=BATCH,
    )
    term_ids = _term_ids(stem for *_, counts, _length in analysed for stem in counts)
    postings, filters, names, df = [], [], [], Counter()
    for row, (_source, _object_id, p, counts, length) in zip(rows, analysed, strict=True):
        for stem, tf in counts.items():
            term_id = term_ids[stem[:100]]
            postings.append((term_id, row.pk, bm25.bm25_weight(tf, length)))
            df[term_id] += 1
        keys = set(p.get("filters") or [])
        source = registry.search_source(_source)
        keys.add(f"kind:{source.kind if source else 'article'}")  # the question box's kind filter
        filters += [(row.pk, k[:120]) for k in keys]
        # Proper names, normalised but never stemmed: the question box matches them exactly.
        name_keys = {normalise_name(name) for name in p.get("names") or ()}
        names += [(row.pk, key) for key in sorted(name_keys) if key]
    # Plain tuples in one executemany each, not model instances: postings are a few dozen rows a
    # passage, and building a model instance for each was most of an index build's time.
    with connection.cursor() as cursor:
        cursor.executemany(_INSERT_POSTING, postings)
        if filters:
            cursor.executemany(_INSERT_FILTER, filters)
        if names:
            cursor.executemany(_INSERT_NAME, names)
    if count_df:
        _shift_df(df)
    return len(rows)


def index_object(source_name: str, object_id: int) -> int:
    """(Re)index one object of a registered source; an unpublished or missing one is removed.

    Returns the number of passages it now has in the index.
    """
    return index_many([(source_name, object_id)])


def _load(source, object_ids: list[int]) -> dict[int, object]:
    """{id: object} of the ids that anyone may see: with `load_many`, a chunk at a time."""
    if source.load_many is None:
        objects = ((pk, source.load(pk)) for pk in object_ids)
        return {pk: obj for pk, obj in objects if obj is not None}
    found = {}
    for chunk in _chunks(object_ids, 500):
        found.update((obj.pk, obj) for obj in source.load_many(chunk))
    return found


def index_many(entries: list[tuple[str, int]]) -> int:
    """(Re)index objects in one transaction (a publication, or the end of an import).

    When nothing was in the index and nothing is added (a private person saved, an empty bulk),
    the index and its version stay as they are: the processes keep their caches."""
    if not entries:
        return 0
    by_source: dict[str, list[int]] = defaultdict(list)
    for source_name, object_id in entries:
        by_source[source_name].append(object_id)
    found = {}
    for source_name, object_ids in by_source.items():
        source = registry.search_source(source_name)
        if source is None:
            raise SamspillError(f"Unknown search source: {source_name}")  # a programming error
        found[source_name] = _load(source, object_ids)
    loaded = []
    for source_name, object_id in entries:
        obj = found[source_name].get(object_id)
        source = registry.search_source(source_name)
        loaded.append((source_name, object_id, source.passages(obj) if obj is not None else []))
    known = _known_terms()
    for attempt in range(2):
        try:
            with transaction.atomic():
                state = _state()
                removed = sum(
                    _remove(source_name, object_id) for source_name, object_id, _p in loaded
                )
                added = _add_many(loaded, known)
                if not removed and not added:
                    return 0
                IndexState.objects.filter(pk=state.pk).update(
                    passages=F("passages") + added - removed,
                    vocabulary_version=new_version(),
                )
                if added:
                    embed_later()
            return added
        except IntegrityError:
            if attempt:
                raise
    return 0


def remove_object(source_name: str, object_id: int) -> None:
    with transaction.atomic():
        state = _state()
        removed = _remove(source_name, object_id)
        IndexState.objects.filter(pk=state.pk).update(
            passages=F("passages") - removed, vocabulary_version=new_version()
        )


def index_bulk(
    source_name: str, objects: Iterable[tuple[int, list[dict]]], *, progress=None
) -> int:
    """Replace a whole source's passages at once (a rebuild, an import, the benchmark's corpus).

    `objects` yields (object id, passages). Document frequencies are recounted in SQL at the end.
    """
    objects = list(objects)
    known: set[str] = set()
    for (
        _object_id,
        passages,
    ) in objects:  # first pass: the vocabulary that compounds are split against
        for p in passages:
            for word in analysis.words(f"{p['title']} {p.get('heading') or ''} {p['text']}"):
                known.add(analysis.stem(word, (p.get("language") or "nb")[:2]))
    added = 0
    with transaction.atomic():
        _state()
        ids = list(Passage.objects.filter(source=source_name).values_list("pk", flat=True))
        for chunk in _chunks(ids, 5000):
            Posting.objects.filter(passage_id__in=chunk).delete()
            PassageFilter.objects.filter(passage_id__in=chunk).delete()
            PassageName.objects.filter(passage_id__in=chunk).delete()
            Feedback.objects.filter(passage_id__in=chunk).update(passage=None)
            Passage.objects.filter(pk__in=chunk).delete()
        # Objects are analysed and written together, BATCH passages at a time: a few bulk
        # statements per batch instead of per object (bench/answers/latency.py times it).
        batch: list[tuple[str, int, list[dict]]] = []
        for object_id, passages in objects:
            batch.append((source_name, object_id, passages))
            if sum(len(p) for *_, p in batch) >= BATCH:
                added += _add_many(batch, known, count_df=False)
                batch.clear()
            if progress:
                progress()
        added += _add_many(batch, known, count_df=False)
        recount()
        if added:
            embed_later()
    return added


def recount() -> None:
    """Recount every document frequency and the passage total from the postings."""
    term = Term._meta.db_table
    posting = Posting._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {term} SET df = (SELECT COUNT(*) FROM {posting} WHERE {posting}.term_id = {term}.id)"
        )
    Term.objects.filter(df=0).delete()
    if connection.vendor == "postgresql":
        # Fresh statistics, so that queries read the covering index and not the posting table.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {posting}, {term}, {Passage._meta.db_table}")
    IndexState.objects.get_or_create(pk=1)
    IndexState.objects.filter(pk=1).update(
        passages=Passage.objects.count(), vocabulary_version=new_version()
    )


def rebuild(*, progress=None) -> int:
    """Index every registered source from scratch (and note the analysis it was built with)."""
    total = 0
    for source in registry.search_sources():
        entries = []
        for chunk in _chunks(source.all_ids(), 500):
            found = _load(source, chunk)
            entries += [(pk, source.passages(found[pk])) for pk in chunk if pk in found]
        total += index_bulk(source.name, entries, progress=progress)
    IndexState.objects.get_or_create(pk=1)
    IndexState.objects.filter(pk=1).update(analysis_version=analysis.ANALYSIS_VERSION)
    return total


# --- Embeddings (answers/semantic.py) ------------------------------------------------------------

EMBED_BATCH = 16  # passages encoded together, written in one short transaction
EMBED_BUDGET = 60.0  # seconds a task encodes before it hands over to a fresh one
ORPHAN_DAYS = 1  # an embedding no passage has used for this long is pruned
_EMBED_LOCK = "answers.embedding"


def embed_later() -> None:
    """Encode the new passages in the background once the transaction commits."""
    if not semantic.enabled():
        return

    def enqueue():
        from samspill.answers.tasks import embed_pending  # tasks imports this module

        embed_pending.enqueue()

    transaction.on_commit(enqueue)


def _without_embedding():
    return selectors.without_embedding()


def embed_batch(size: int = EMBED_BATCH) -> int:
    """Encode up to `size` distinct texts of passages that have no vector yet; returns how many.

    The model runs outside any transaction (and never under the index's lock); the vectors are
    written in one short one. Two workers may encode the same texts: the digest is unique and the
    second write is ignored."""
    model = semantic.model_id()
    texts: dict[str, str] = {}
    stale = []
    rows = (
        _without_embedding()
        .order_by("pk")
        .values_list("pk", "digest", "title", "heading", "text")[: size * 8]
    )
    for pk, key, title, heading, text in rows:
        encoded = semantic.passage_text(title, heading, text)
        expected = semantic.digest(encoded, model)
        if expected != key:  # indexed before digests, or with another model
            stale.append(Passage(pk=pk, digest=expected))
        if expected not in texts and len(texts) < size:
            texts[expected] = encoded
    if stale:
        Passage.objects.bulk_update(stale, ["digest"], batch_size=500)
    if not texts:
        return 0
    vectors = semantic.encoder().passages(list(texts.values()))
    with transaction.atomic():
        Embedding.objects.bulk_create(
            [
                Embedding(digest=key, vector=semantic.pack(vector))
                for key, vector in zip(texts, vectors, strict=True)
            ],
            ignore_conflicts=True,
        )
        Embedding.objects.filter(digest__in=list(texts), orphaned_at__isnull=False).update(
            orphaned_at=None
        )
        IndexState.objects.get_or_create(pk=1)
        IndexState.objects.filter(pk=1).update(embeddings_version=new_version())
    return len(texts)


def embed_pending(*, budget: float | None = EMBED_BUDGET, progress=None) -> tuple[int, bool]:
    """Encode passages without a vector until none is left or `budget` seconds have passed.

    Returns (texts encoded, whether some are left). One process at a time encodes (a lock in the
    shared cache); a task that finds the lock taken stops at once, since the holder checks again
    for new passages after it lets go of the lock."""
    if not cache.add(_EMBED_LOCK, 1, timeout=int((budget or 3600) + 600)):
        return 0, False
    started, total, left = time.monotonic(), 0, False
    try:
        while True:
            done = embed_batch()
            total += done
            if progress and done:
                progress(done)
            if not done:
                break
            if budget is not None and time.monotonic() - started > budget:
                left = True
                break
    finally:
        cache.delete(_EMBED_LOCK)
    if not left:  # passages indexed while this process held the lock
        left = _without_embedding().exists()
    return total, left


def prune_embeddings(now=None) -> dict[str, int]:
    """Mark the embeddings no passage uses, delete those unused for ORPHAN_DAYS, and unmark the
    ones used again (a periodic job)."""
    now = now or timezone.now()
    used = Passage.objects.filter(digest=OuterRef("digest"))
    Embedding.objects.filter(Exists(used), orphaned_at__isnull=False).update(orphaned_at=None)
    marked = Embedding.objects.filter(~Exists(used), orphaned_at__isnull=True).update(
        orphaned_at=now
    )
    deleted, _ = Embedding.objects.filter(
        ~Exists(used), orphaned_at__lt=now - timedelta(days=ORPHAN_DAYS)
    ).delete()
    return {"marked": marked, "deleted": deleted}


def rebuild_if_stale() -> dict:
    """Rebuild the index when it was built with another text analysis than this code's (a new
    word list, a new stemming mend): content analysed before would keep its old stems, which
    questions analysed now no longer meet. The worker runs it as a periodic job."""
    IndexState.objects.get_or_create(pk=1)
    built_with = IndexState.objects.filter(pk=1).values_list("analysis_version", flat=True).get()
    if built_with == analysis.ANALYSIS_VERSION:
        return {}
    return {"passages": rebuild()}


# --- Feedback, unanswered questions, synonyms -----------------------------------------------------

_PERSONAL = [
    (re.compile(r"\S+@\S+"), "[e-post]"),
    (re.compile(r"https?://\S+|www\.\S+"), "[lenke]"),
    (re.compile(r"(?:\+?\d[\d .-]{5,}\d)"), "[tall]"),
]


def scrub(question: str) -> str:
    """A question without e-mail addresses, links and long numbers (phone, birth or account)."""
    text = " ".join(question.split())
    for pattern, replacement in _PERSONAL:
        text = pattern.sub(replacement, text)
    return text[:200]


def unanswered_record(*, question: str, key: str, language: str) -> None:
    if not key:
        return
    example = scrub(question)
    with transaction.atomic():
        row, _created = UnansweredQuestion.objects.select_for_update().get_or_create(
            key=key[:255], defaults={"language": language[:2]}
        )
        examples = [e for e in row.examples if e.lower() != example.lower()]
        row.examples = [example, *examples][:5]
        row.count = F("count") + 1
        row.handled = False
        row.save(update_fields=["examples", "count", "handled", "last_asked"])


def unanswered_set_handled(*, question: UnansweredQuestion, handled: bool, user=None) -> None:
    question.handled = handled
    question.save(update_fields=["handled"])
    action = "answers.unanswered.handled" if handled else "answers.unanswered.reopened"
    audit_log(actor=user, action=action, target=question)


def feedback_create(
    *, answer_id: str, passage_id: int | None, question: str = "", helpful: bool
) -> Feedback:
    """A reader's "Did this help?": from the question page (with the question and the passage) or
    at the end of an article or FAQ entry (the answer alone)."""
    passage = (
        Passage.objects.filter(pk=passage_id, answer_id=answer_id).first() if passage_id else None
    )
    title = (
        passage.title
        if passage
        else (Passage.objects.filter(answer_id=answer_id).values_list("title", flat=True).first())
    )
    if title is None:
        raise NotFound(_("That answer is not in the index."))
    return Feedback.objects.create(
        answer_id=answer_id, passage=passage, title=title, question=scrub(question), helpful=helpful
    )


def synonyms_changed() -> None:
    IndexState.objects.get_or_create(pk=1)
    IndexState.objects.filter(pk=1).update(synonyms_version=new_version())


def synonym_save(*, synonym: Synonym, user=None) -> Synonym:
    created = synonym.pk is None
    with transaction.atomic():
        synonym.save()
        synonyms_changed()
        action = "answers.synonym.created" if created else "answers.synonym.updated"
        audit_log(actor=user, action=action, target=synonym)
    return synonym


def synonym_delete(*, synonym: Synonym, user=None) -> None:
    with transaction.atomic():
        audit_log(actor=user, action="answers.synonym.deleted", target=synonym)
        synonym.delete()
        synonyms_changed()


# --- Attaching an answer to an unanswered question ------------------------------------------------


def pins_changed() -> None:
    IndexState.objects.get_or_create(pk=1)
    IndexState.objects.filter(pk=1).update(pins_version=new_version())


def _answer_title(answer_id: str) -> str:
    title = Passage.objects.filter(answer_id=answer_id).values_list("title", flat=True).first()
    if title is None:
        raise NotFound(_("That answer is not in the index."))
    return title


def _handled(question: UnansweredQuestion) -> None:
    question.handled = True
    question.save(update_fields=["handled"])


def unanswered_pin_answer(
    *, question: UnansweredQuestion, answer_id: str, user=None
) -> PinnedAnswer:
    """Answer the question with `answer_id` first from now on (for every wording with the same
    key words), and mark it handled."""
    title = _answer_title(answer_id)
    with transaction.atomic():
        pin, _created = PinnedAnswer.objects.update_or_create(
            key=question.key,
            defaults={
                "answer_id": answer_id,
                "title": title[:255],
                "question": str(question)[:200],
            },
        )
        _handled(question)
        pins_changed()
        audit_log(
            actor=user,
            action="answers.unanswered.pinned",
            target=question,
            data={"answer_id": answer_id, "title": title},
        )
    return pin


def unanswered_add_synonyms(
    *, question: UnansweredQuestion, answer_id: str, words: list[str], user=None
) -> Synonym:
    """A synonym group of the words the editor confirmed (the question's, the answer's), so the
    question finds the answer through them; the question is marked handled."""
    title = _answer_title(answer_id)
    members = list(
        dict.fromkeys(" ".join(w.replace(",", " ").split()) for w in words if w and w.strip())
    )
    members = [m for m in members if m]
    if len({m.lower() for m in members}) < 2:
        raise InvalidInput(_("A synonym group needs at least two different words or phrases."))
    terms = ", ".join(members)
    if len(terms) > Synonym._meta.get_field("terms").max_length:
        raise InvalidInput(_("Too many words for one synonym group."))
    with transaction.atomic():
        synonym = Synonym.objects.create(terms=terms, note=str(question)[:200])
        synonyms_changed()
        _handled(question)
        audit_log(actor=user, action="answers.synonym.created", target=synonym)
        audit_log(
            actor=user,
            action="answers.unanswered.synonyms",
            target=question,
            data={"answer_id": answer_id, "title": title, "terms": terms},
        )
    return synonym


def pin_delete(*, pin: PinnedAnswer, user=None) -> None:
    with transaction.atomic():
        audit_log(actor=user, action="answers.pin.deleted", target=pin)
        pin.delete()
        pins_changed()
