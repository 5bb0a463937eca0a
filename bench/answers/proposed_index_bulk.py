"""A faster `services.index_bulk`, proposed for src/samspill/answers/services.py (not used by the app).

`latency.py --builder proposed` builds with this instead of the app's own `index_bulk`, so the two
can be compared on the same synthetic passages. The result is the same index: the same passages,
terms, postings (term, passage, BM25 weight) and filter keys, and `recount()` at the end.

What differs: the app's `index_bulk` calls `_add` once per object, and `_add` creates every posting
as a Django model instance (`Posting.objects.bulk_create`), a few rows per object. At 100,000
passages (4.6 million postings) that spends most of its time in the ORM. This version analyses and
writes BATCH passages at a time – objects together – and writes postings and filter keys with one
`executemany` of plain tuples per batch.
"""

from django.db import connection, transaction

from samspill.answers import bm25, services
from samspill.answers.models import Feedback, Passage, PassageFilter, Posting
from samspill.core.text import analysis

BATCH = 2000  # passages analysed and written together


def index_bulk(source_name: str, objects, *, progress=None) -> int:
    objects = list(objects)
    known: set[str] = set()
    for _, passages in objects:  # first pass: the vocabulary that compounds are split against
        for p in passages:
            for word in analysis.words(f"{p['title']} {p.get('heading') or ''} {p['text']}"):
                known.add(analysis.stem(word, (p.get("language") or "nb")[:2]))
    posting_sql = (
        f"INSERT INTO {Posting._meta.db_table} (term_id, passage_id, weight) VALUES (%s, %s, %s)"
    )
    filter_sql = f"INSERT INTO {PassageFilter._meta.db_table} (passage_id, key) VALUES (%s, %s)"
    added = 0
    batch: list[tuple[int, dict]] = []

    def flush() -> None:
        nonlocal added
        analysed = [(object_id, p, *services._analyse(p, known)) for object_id, p in batch]
        analysed = [item for item in analysed if item[2]]
        batch.clear()
        if not analysed:
            return
        rows = Passage.objects.bulk_create(
            [
                Passage(
                    source=source_name,
                    object_id=object_id,
                    anchor=p.get("anchor") or "",
                    answer_id=p["answer_id"],
                    language=(p.get("language") or "nb")[:2],
                    title=p["title"][:255],
                    heading=(p.get("heading") or "")[:255],
                    text=p["text"],
                    url=p["url"][:500],
                    length=length,
                )
                for object_id, p, counts, length in analysed
            ],
            batch_size=500,
        )
        term_ids = services._term_ids(stem for _, _, counts, _ in analysed for stem in counts)
        postings, filters = [], []
        for row, (_, p, counts, length) in zip(rows, analysed, strict=True):
            for stem, tf in counts.items():
                postings.append((term_ids[stem[:100]], row.pk, bm25.bm25_weight(tf, length)))
            filters += [(row.pk, key[:120]) for key in set(p.get("filters") or [])]
        with connection.cursor() as cursor:
            cursor.executemany(posting_sql, postings)
            if filters:
                cursor.executemany(filter_sql, filters)
        added += len(rows)

    with transaction.atomic():
        services._state()
        ids = list(Passage.objects.filter(source=source_name).values_list("pk", flat=True))
        for chunk in services._chunks(ids, 5000):
            Posting.objects.filter(passage_id__in=chunk).delete()
            PassageFilter.objects.filter(passage_id__in=chunk).delete()
            Feedback.objects.filter(passage_id__in=chunk).update(passage=None)
            Passage.objects.filter(pk__in=chunk).delete()
        for object_id, passages in objects:
            batch.extend((object_id, p) for p in passages)
            if len(batch) >= BATCH:
                flush()
            if progress:
                progress()
        flush()
        services.recount()
    return added
