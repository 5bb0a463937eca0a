"""A survey's unfiltered result counts, kept up to date instead of counted on every request.

Counting 2.5 million answers (100,000 responses) takes a second or more in SQL; the results page
reads the same figures from one row (`ResultsTally.counts`, JSON):

- "option": answers per (question, option) of questions counted by option;
- "number": answers per (question, row, number) of questions counted by number;
- "respondents": respondents per multiple-choice question (`distinct_respondents`);
- "hidden": hidden answers per free-text question;
- "pairs": the editors' cross-tabulations asked for so far, "<outer>:<inner>" question ids, each
  answers per (outer value, inner value) pair, counted as `results.crosstab` counts them.

Exact, never timed:

1. The services that write answers or a response's status (`response_submit`,
   `response_save_section`, `response_finish`, `answer_set_hidden`) run their write inside
   `keeping(response)`: in their transaction, with the tally's row locked, the response's
   contribution before the write is taken away and its contribution after it added.
   `survey_save` (the questions may change) and `personal_data_erase` drop the tally.
2. Every read checks the tally against the responses (`fingerprint`: COUNT and MAX(updated_at)
   of the submitted responses, from one index): a write that went around the services (a bulk
   load, a cascade, the database shell) shows as a difference and the tally is counted afresh.
3. A tally is counted (by `results`, in SQL as before) only when it is missing or stale, and
   stored only if the fingerprint did not change while it was counted; `keeping` checks the
   fingerprint before a write too and drops a stale tally rather than adding to it.

Filtered results and the public's cross-tabulations are still counted in SQL on each request.
"""

from __future__ import annotations

import contextlib
from collections import Counter

from django.db import DatabaseError, transaction
from django.db.models import Max

from samspill.surveys.models import Answer, Question, Response, ResponseStatus, ResultsTally, Survey

# Between the two values of a pair's or a number's key in JSON (no option contains it).
SEP = "\x1f"


def fingerprint(survey_id: int) -> tuple[int, object]:
    """(COUNT, MAX(updated_at)) of the survey's submitted responses: a tally holding the same
    counts exactly these responses (every write of a response's answers through a service saves
    the response, or goes through `keeping`)."""
    submitted = Response.objects.filter(survey_id=survey_id, status=ResponseStatus.SUBMITTED)
    # Two queries: apart, each reads the index its fastest way (SQLite counts without decoding
    # the dates, and finds the latest at the end of the index); together they take five times
    # as long.
    return submitted.count(), submitted.aggregate(latest=Max("updated_at"))["latest"]


def current(survey: Survey) -> tuple[dict | None, tuple]:
    """(counts, fingerprint): the counts of the survey's tally when it is current, else None."""
    now = fingerprint(survey.pk)
    tally = ResultsTally.objects.filter(survey_id=survey.pk).first()
    if tally is None or (tally.respondents, tally.latest) != now:
        return None, now
    return tally.counts, now


def _store(survey_id: int, seen: tuple, update, *, create: bool) -> None:
    """Apply `update(counts)` to the tally (with `create`, a new one where it is missing or
    stale) if the responses are still those of `seen`, the fingerprint taken before the counts
    were made."""
    try:
        with transaction.atomic():
            tally = ResultsTally.objects.select_for_update().filter(survey_id=survey_id).first()
            if fingerprint(survey_id) != seen:
                return  # answers came in meanwhile: the next request counts again
            if tally is None or (tally.respondents, tally.latest) != seen:
                if not create:
                    return
                tally = tally or ResultsTally(survey_id=survey_id)
                tally.counts = {}
            update(tally.counts)
            tally.respondents, tally.latest = seen
            tally.save()
    except DatabaseError:
        # Keeping the counts is not the reader's errand: on a busy database (a lock that timed
        # out, two first readers creating the row at once) the next request tries again.
        return


def store_summary(survey: Survey, seen: tuple, counts: dict) -> None:
    """Keep the summary's counts (made by `results` while the fingerprint was `seen`)."""

    def update(stored):
        pairs = stored.get("pairs", {})
        stored.clear()
        stored.update(counts, pairs=pairs)

    _store(survey.pk, seen, update, create=True)


def store_pair(survey: Survey, seen: tuple, key: str, cells: dict[str, int]) -> None:
    """Keep a cross-tabulation's cells (made by `results` while the fingerprint was `seen`)."""

    def update(stored):
        stored.setdefault("pairs", {})[key] = cells

    _store(survey.pk, seen, update, create=False)


def pair_key(outer: Question, inner: Question) -> str:
    return f"{outer.pk}:{inner.pk}"


# --- Keeping the tally -----------------------------------------------------------------------------


def _contribution(response_id: int, questions: dict[int, Question], pairs) -> Counter:
    """What one submitted response adds to the counts, as a Counter of flat keys."""
    found: Counter = Counter()
    values: dict[int, list[str]] = {}
    answered: set[int] = set()
    for question_id, option, row, number, hidden in Answer.objects.filter(
        response_id=response_id
    ).values_list("question_id", "option", "row", "number", "hidden"):
        question = questions.get(question_id)
        if question is None or question.is_section:
            continue
        kind = question.engine
        if kind.counted_by == "option":
            found[("option", str(question_id), option)] += 1
        elif kind.counted_by == "number":
            found[("number", str(question_id), f"{row}{SEP}{number}")] += 1
        if kind.distinct_respondents:
            answered.add(question_id)
        if hidden and kind.collects_texts(question):
            found[("hidden", str(question_id))] += 1
        if kind.counted_by:
            value = option if kind.counted_by == "option" else number
            values.setdefault(question_id, []).append(str(value))
    for question_id in answered:
        found[("respondents", str(question_id))] += 1
    for key in pairs:
        outer, inner = (int(pk) for pk in key.split(":"))
        for a in values.get(outer, ()):
            for b in values.get(inner, ()):
                found[("pairs", key, f"{a}{SEP}{b}")] += 1
    return found


def _apply(counts: dict, change: Counter) -> None:
    for key, n in change.items():
        if not n:
            continue
        *path, last = key
        place = counts
        for part in path:
            place = place.setdefault(part, {})
        place[last] = place.get(last, 0) + n
        if not place[last]:
            del place[last]


def _submitted(response_id: int) -> bool:
    return Response.objects.filter(pk=response_id, status=ResponseStatus.SUBMITTED).exists()


class Kept:
    """The response a `keeping` block writes (a service that creates it sets it once it has)."""

    def __init__(self, response_id: int | None):
        self.response_id = response_id


@contextlib.contextmanager
def keeping(survey_id: int, response_id: int | None = None):
    """Around a service's write of one response's answers or status, inside its transaction
    (after the response's own lock): the survey's tally follows the write. Yields a `Kept`
    whose `response_id` a service creating the response sets."""
    kept = Kept(response_id)
    tally = ResultsTally.objects.select_for_update().filter(survey_id=survey_id).first()
    if tally is not None and (tally.respondents, tally.latest) != fingerprint(survey_id):
        tally.delete()  # stale (a write around the services): counted afresh when next read
        tally = None
    if tally is None:
        yield kept
        return
    questions = {q.pk: q for q in Question.objects.filter(survey_id=survey_id)}
    pairs = list(tally.counts.get("pairs", {}))
    before = Counter()
    if response_id is not None and _submitted(response_id):
        before = _contribution(response_id, questions, pairs)
    yield kept
    after = Counter()
    if kept.response_id is not None and _submitted(kept.response_id):
        after = _contribution(kept.response_id, questions, pairs)
    change = Counter(after)
    change.subtract(before)
    _apply(tally.counts, change)
    tally.respondents, tally.latest = fingerprint(survey_id)
    tally.save()


def drop(survey_ids) -> None:
    """Forget the tallies of these surveys (counted afresh when next read)."""
    ResultsTally.objects.filter(survey_id__in=list(survey_ids)).delete()
