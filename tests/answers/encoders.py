"""A deterministic stand-in for the embedding model (settings.SEMANTIC_ENCODER in tests).

Each word is stemmed, mapped through a few "meanings" (words that share no letters but mean the
same here: a streaming service's name and "distribusjon", "tjene" and "inntekt"), and hashed into
384 dimensions; the sum is normalised. So texts that share words or meanings are close, and the
suite needs no model and stays fast. `calls` counts the texts it encoded."""

import hashlib

import numpy as np

from samspill.core.text import analysis

# A word that begins with a key carries its meaning.
MEANINGS = {
    "spotify": "streaming",
    "tidal": "streaming",
    "strømmetjeneste": "streaming",
    "distribu": "streaming",
    "lønn": "income",
    "inntekt": "income",
    "pensjon": "old-age",
    "alderdom": "old-age",
}
MEANING_WEIGHT = 3.0
# Like e5's, the cosines of unrelated texts are high (0.75 here): a vector is half its words and
# the rest one dimension that every text shares.
SHARED = 0.75


class FakeEncoder:
    model_id = "tests-fake-encoder/1"
    requires = ""
    calls = 0

    def __init__(self, threads=None):
        pass

    def _vector(self, text: str) -> np.ndarray:
        words = np.zeros(384, dtype=np.float32)
        for word in analysis.words(text):
            word = word.lower()
            if analysis.is_stopword(word):
                continue
            meaning = next((m for prefix, m in MEANINGS.items() if word.startswith(prefix)), None)
            key = meaning or analysis.stem(word, "nb")
            number = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest())
            words[1 + number % 383] += MEANING_WEIGHT if meaning else 0.5
        norm = float(np.linalg.norm(words))
        vector = (1 - SHARED) ** 0.5 * (words / norm if norm else words)
        vector[0] = SHARED**0.5
        return vector / float(np.linalg.norm(vector))

    def query(self, text: str) -> np.ndarray:
        return self._vector(text)

    def passages(self, texts: list[str]) -> np.ndarray:
        type(self).calls += len(texts)
        return np.vstack([self._vector(t) for t in texts]) if texts else np.zeros((0, 384))
