"""BM25, the answer finder's relevance: a posting's term weight (computed once, when its passage is
indexed) and a term's inverse document frequency (computed when a question is asked).

The weight is computed against a nominal passage length: a passage is a section or an answer, so
lengths vary in a narrow band.
"""

import math

K1 = 1.2
B = 0.75
NOMINAL_LENGTH = 60.0


def bm25_weight(tf: float, length: int) -> float:
    return tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / NOMINAL_LENGTH))


def idf(df: int, passages: int) -> float:
    return math.log(1 + (passages - df + 0.5) / (df + 0.5))
