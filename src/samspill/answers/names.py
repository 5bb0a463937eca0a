"""Proper names in the index: how a name and a question are normalised to meet.

A name (an organisation's, a project's, an event's, a venue's) is matched as written, never
stemmed or split: "Havnescenen" finds the venue Havnescenen, not passages about a "scene". Both
sides become their words in lower case, joined by single spaces, diacritics kept ("Bølgen & Co."
→ "bølgen co"); a question is looked up as a whole and by its runs of up to MAX_WORDS words.
"""

import re
import unicodedata

MAX_WORDS = 6  # the longest name, in words, that a longer question is searched for
MAX_QUESTION_WORDS = 40
KEY_LENGTH = 200
MIN_CONTAINED = 4  # a one-word name shorter than this matches only a question that is the name

_WORD = re.compile(r"[^\W_]+")


def name_words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text or "").lower())


def normalise_name(text: str) -> str:
    """The key a name is stored and looked up under ("" for a name without letters or digits)."""
    return " ".join(name_words(text))[:KEY_LENGTH]


def question_keys(question: str) -> tuple[str, set[str]]:
    """The question as a name key, and every key a name it contains could have: its runs of one to
    MAX_WORDS words (one-word runs only from MIN_CONTAINED characters)."""
    words = name_words(question)[:MAX_QUESTION_WORDS]
    whole = " ".join(words)[:KEY_LENGTH]
    keys = {whole} if whole else set()
    for size in range(1, MAX_WORDS + 1):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            if size == 1 and len(run[0]) < MIN_CONTAINED:
                continue
            keys.add(" ".join(run)[:KEY_LENGTH])
    return whole, keys
