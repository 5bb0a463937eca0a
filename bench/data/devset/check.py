"""Checks the blind development set in this folder: articles, dev and unseen questions of both writers.

Run: python bench/data/devset/check.py  (exit 1 on any error). It reads only the files' shape and
counts; it prints no question text, so it is safe to run before the final measurement.
"""

import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WRITERS = ("no", "da")
LANGUAGES = {"nb", "nn", "da"}
KINDS = ("short", "abbreviation", "typo", "paraphrase", "nynorsk", "cross-language", "none")
ARTICLE_KEYS = {
    "id",
    "title",
    "body",
    "language",
    "topics",
    "audiences",
    "organisation",
    "source_url",
}
QUESTION_KEYS = {"q", "lang", "expected", "kind"}
DEV_SHARE = 0.6
# What each writer was asked for (dev + unseen together); a writer missing here is only counted.
EXPECTED_KINDS = {
    "no": {
        "short": 12,
        "abbreviation": 12,
        "typo": 12,
        "paraphrase": 24,
        "nynorsk": 18,
        "cross-language": 12,
        "none": 6,
    },
}
EXPECTED_ARTICLES = {"no": {"nb": 26, "nn": 4}}


def read_jsonl(path: Path, errors: list[str]) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            errors.append(f"{path.name}:{number}: not JSON ({exc})")
    return rows


def check_articles(writer: str, rows: list[dict], errors: list[str]) -> None:
    name = f"articles_{writer}.jsonl"
    for row in rows:
        ident = row.get("id", "?")
        if set(row) != ARTICLE_KEYS:
            errors.append(f"{name}: {ident}: keys {sorted(set(row) ^ ARTICLE_KEYS)} wrong")
            continue
        if not ident.startswith(f"dev-{writer}-"):
            errors.append(f"{name}: {ident}: id should start with dev-{writer}-")
        if row["language"] not in LANGUAGES:
            errors.append(f"{name}: {ident}: language {row['language']!r}")
        sections = len(re.findall(r"^## ", row["body"], re.MULTILINE))
        words = len(re.findall(r"\w+", row["body"]))
        if not 3 <= sections <= 6:
            errors.append(f"{name}: {ident}: {sections} sections (3-6 wanted)")
        if not 250 <= words <= 550:
            errors.append(f"{name}: {ident}: {words} words (250-550 wanted)")
        if not 1 <= len(row["topics"]) <= 2:
            errors.append(f"{name}: {ident}: {len(row['topics'])} topics (1-2 wanted)")
    languages = collections.Counter(row.get("language") for row in rows)
    print(f"{name}: {len(rows)} articles, {dict(sorted(languages.items()))}")
    wanted = EXPECTED_ARTICLES.get(writer)
    if wanted and dict(languages) != wanted:
        errors.append(f"{name}: languages {dict(languages)}, wanted {wanted}")


def check_questions(name: str, rows: list[dict], article_ids: set[str], errors: list[str]) -> None:
    for number, row in enumerate(rows, start=1):
        if set(row) != QUESTION_KEYS:
            errors.append(f"{name}:{number}: keys {sorted(set(row) ^ QUESTION_KEYS)} wrong")
            continue
        if row["lang"] not in LANGUAGES:
            errors.append(f"{name}:{number}: lang {row['lang']!r}")
        if row["kind"] not in KINDS:
            errors.append(f"{name}:{number}: kind {row['kind']!r}")
        if (row["kind"] == "none") != (not row["expected"]):
            errors.append(f"{name}:{number}: kind 'none' if and only if nothing is expected")
        if row["kind"] == "nynorsk" and row["lang"] != "nn":
            errors.append(f"{name}:{number}: a nynorsk question with lang {row['lang']!r}")
        errors.extend(
            f"{name}:{number}: expected id {ident} is no article here"
            for ident in row["expected"]
            if ident not in article_ids
        )
    kinds = collections.Counter(row.get("kind") for row in rows)
    languages = collections.Counter(row.get("lang") for row in rows)
    print(
        f"{name}: {len(rows)} questions, kinds {dict(sorted(kinds.items()))}, "
        f"languages {dict(sorted(languages.items()))}"
    )


def check_split(writer: str, dev: list[dict], unseen: list[dict], errors: list[str]) -> None:
    overlap = {row["q"] for row in dev} & {row["q"] for row in unseen}
    if overlap:
        errors.append(f"{writer}: {len(overlap)} question(s) in both dev and unseen")
    dev_kinds = collections.Counter(row.get("kind") for row in dev)
    all_kinds = dev_kinds + collections.Counter(row.get("kind") for row in unseen)
    for kind, total in all_kinds.items():
        if dev_kinds[kind] != round(DEV_SHARE * total):
            errors.append(f"{writer}: kind {kind}: {dev_kinds[kind]} of {total} in dev, not 60 %")
    wanted = EXPECTED_KINDS.get(writer)
    if wanted and dict(all_kinds) != wanted:
        errors.append(f"{writer}: kinds {dict(all_kinds)}, wanted {wanted}")


def main() -> int:
    errors: list[str] = []
    articles = {
        w: read_jsonl(HERE / f"articles_{w}.jsonl", errors)
        for w in WRITERS
        if (HERE / f"articles_{w}.jsonl").exists()
    }
    article_ids: set[str] = set()
    for writer, rows in articles.items():
        ids = [row.get("id") for row in rows]
        duplicates = [ident for ident, count in collections.Counter(ids).items() if count > 1]
        if duplicates or article_ids & set(ids):
            errors.append(
                f"articles_{writer}.jsonl: duplicate ids {duplicates or sorted(article_ids & set(ids))}"
            )
        article_ids.update(ids)
        check_articles(writer, rows, errors)
    for writer in articles:
        halves = {}
        for half in ("dev", "unseen"):
            path = HERE / f"{half}_{writer}.jsonl"
            if not path.exists():
                errors.append(f"{path.name} is missing")
                continue
            halves[half] = read_jsonl(path, errors)
            check_questions(path.name, halves[half], article_ids, errors)
        if len(halves) == 2:
            check_split(writer, halves["dev"], halves["unseen"], errors)
    for error in errors:
        print("ERROR", error)
    print("ok" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
