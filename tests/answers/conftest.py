import pytest

from samspill.answers import lexicon, semantic

FAKE_ENCODER = "tests.answers.encoders.FakeEncoder"


@pytest.fixture
def semantic_on(settings):
    """Semantic search on, with the fake encoder, and this process's caches emptied before and
    after (the suite runs with it off)."""
    from tests.answers.encoders import FakeEncoder

    settings.SEMANTIC_SEARCH = "on"
    settings.SEMANTIC_ENCODER = FAKE_ENCODER
    semantic.clear_caches()
    lexicon._vocabulary = lexicon.Vocabulary()
    lexicon._synonyms = lexicon.Synonyms()
    FakeEncoder.calls = 0
    yield FakeEncoder
    semantic.clear_caches()
    lexicon._vocabulary = lexicon.Vocabulary()
    lexicon._synonyms = lexicon.Synonyms()
