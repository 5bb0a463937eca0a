#!/usr/bin/env python3
"""Convert the saved NorQuAD slice (raw/*.jsonl) into articles.jsonl and questions.jsonl.

    python3 bench/data/external/convert.py            # writes beside this file
    python3 bench/data/external/convert.py --check    # only checks, writes nothing

Standard library only. Input: the two files in raw/ (see README.md for where they come from).
Each raw line is one NorQuAD question, with the fields copied unchanged from the source file
(`document_id`, `id`, `question`, `answers[0].text`, `answers[0].answer_start`) and either the full
`context` (first time a document occurs) or a reference to a context already given:
`same_context_as: <question id>` or, failing that, the `document_id` of an earlier line in the same
file (unique within each raw file; NorQuAD's document ids are not unique across news/Wikipedia).

Output:
- articles.jsonl: one article per distinct context (exact text), in order of first appearance,
  id `norquad-<n>`. The first line of the context is the title (Wikipedia title or news headline);
  every further line is a paragraph. Each paragraph becomes a `## <heading>` section, so that each
  paragraph is one passage for the answer finder. Heading: the paragraph's own short sub-heading
  line when the source has one (news cross-heads like "Uenigheter"), else the paragraph's first
  six words. Short non-heading lines (photo captions, list items, table cells) are kept in the
  section before them. Text is verbatim apart from whitespace (runs of spaces collapsed, lines
  stripped); a line starting with '#' is escaped as '\\#'.
- questions.jsonl: one line per question whose answer lies in a body paragraph (not in the title
  line): q, lang, article_id, anchor_heading (the section holding answer_start), source, plus
  `answer` (the NorQuAD answer span) and `norquad_id` (NorQuAD question id) for reference.
"""

import argparse
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW = [
    (HERE / "raw" / "norquad_test_head.jsonl", "NorQuAD test"),
    (HERE / "raw" / "norquad_validation_head.jsonl", "NorQuAD validation"),
]
COMMIT = "701f7db6a51f0264a282ce1ff8e59580251b391e"
SOURCE_URLS = {
    "NorQuAD test": "https://github.com/ltgoslo/NorQuAD/blob/"
    + COMMIT
    + "/data/evaluation/all/test_dataset_flattened.json",
    "NorQuAD validation": "https://github.com/ltgoslo/NorQuAD/blob/"
    + COMMIT
    + "/data/evaluation/all/validation_dataset_flattened.json",
}
TOPIC = "Ekstern: NorQuAD"
LANG = "nb"
SHORT = 60  # a line this long or shorter may be a sub-heading or a caption
HEADING_WORDS = 6
END_PUNCT = tuple('.!?:;,»"”)')


def norm(text: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", text).strip()


def is_subheading(line: str, next_line: str | None) -> bool:
    """A short line without closing punctuation, followed by a real paragraph."""
    s = norm(line)
    if not s or len(s) > SHORT or s.endswith(END_PUNCT) or s.startswith("* "):
        return False
    if next_line is None:
        return False
    n = norm(next_line)
    return len(n) > SHORT


def auto_heading(paragraph: str) -> str:
    words = norm(paragraph).split(" ")
    head = " ".join(words[:HEADING_WORDS])
    if len(words) > HEADING_WORDS:
        head = head.rstrip(",;:–-.") + " …"
    return head.replace("#", "")


def md_line(line: str) -> str:
    s = norm(line)
    if s.startswith("#"):
        s = "\\" + s
    return s


def split_sections(context: str):
    """Return (title, sections, line_to_section, line_offsets).

    sections: list of [heading, [body lines]]; line_to_section maps a context line index to the
    index of the section that holds it (None for the title and empty lines)."""
    lines = context.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    title_idx = next(i for i, text in enumerate(lines) if norm(text))
    title = norm(lines[title_idx])
    body = [i for i in range(title_idx + 1, len(lines)) if norm(lines[i])]
    sections: list[list] = []
    line_to_section: dict[int, int] = {}
    pending_heading = False  # last section was opened by a sub-heading and has no body yet
    for k, i in enumerate(body):
        line = lines[i]
        nxt = lines[body[k + 1]] if k + 1 < len(body) else None
        s = norm(line)
        if is_subheading(line, nxt):
            sections.append([s, []])
            pending_heading = True
        elif pending_heading:
            sections[-1][1].append(md_line(line))
            pending_heading = False
        elif (len(s) <= SHORT or s.startswith("* ")) and sections:
            sections[-1][1].append(md_line(line))
        else:
            sections.append([auto_heading(line), [md_line(line)]])
        line_to_section[i] = len(sections) - 1
    # headings must be unique within an article
    seen: dict[str, int] = {}
    for sec in sections:
        base = sec[0]
        if base in seen:
            seen[base] += 1
            sec[0] = f"{base} ({seen[base]})"
        else:
            seen[base] = 1
    return title, sections, line_to_section, offsets


def line_of(offsets: list[int], pos: int) -> int:
    idx = 0
    for i, off in enumerate(offsets):
        if off <= pos:
            idx = i
        else:
            break
    return idx


def load_records():
    by_qid: dict[int, str] = {}
    out = []
    for path, source in RAW:
        by_doc: dict[int, list[str]] = {}
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            r = json.loads(raw)
            if "context" in r:
                ctx = r["context"]
                by_doc.setdefault(r["document_id"], []).append(ctx)
            elif "same_context_as" in r:
                ctx = by_qid[r["same_context_as"]]
            else:
                cands = by_doc[r["document_id"]]
                if len(cands) != 1:
                    sys.exit(f"{path.name}:{n}: document_id {r['document_id']} is ambiguous")
                ctx = cands[0]
            a = r["answers"][0]
            if ctx[a["answer_start"] : a["answer_start"] + len(a["text"])] != a["text"]:
                sys.exit(f"{path.name}:{n}: answer_start does not point at the answer text")
            if r["id"] in by_qid:
                sys.exit(f"{path.name}:{n}: question id {r['id']} twice")
            by_qid[r["id"]] = ctx
            out.append((r, ctx, source))
    return out


def convert():
    records = load_records()
    articles: dict[str, dict] = {}  # context -> article info
    questions = []
    dropped_title = []
    for r, ctx, source in records:
        if ctx not in articles:
            title, sections, l2s, offsets = split_sections(ctx)
            n = len(articles) + 1
            body = "\n\n".join(
                f"## {h}\n\n" + "\n\n".join(lines) if lines else f"## {h}" for h, lines in sections
            )
            articles[ctx] = {
                "article": {
                    "id": f"norquad-{n}",
                    "title": title,
                    "body": body + "\n",
                    "language": LANG,
                    "topics": [TOPIC],
                    "audiences": [],
                    "organisation": None,
                    "source_url": SOURCE_URLS[source],
                },
                "sections": sections,
                "l2s": l2s,
                "offsets": offsets,
            }
        info = articles[ctx]
        a = r["answers"][0]
        li = line_of(info["offsets"], a["answer_start"])
        if li not in info["l2s"]:
            dropped_title.append(r["id"])
            continue
        heading, lines = info["sections"][info["l2s"][li]]
        section_text = norm(heading + " " + " ".join(lines))
        if norm(a["text"]) not in section_text:
            sys.exit(f"question {r['id']}: answer not inside section {heading!r}")
        questions.append(
            {
                "q": norm(r["question"]),
                "lang": LANG,
                "article_id": info["article"]["id"],
                "anchor_heading": heading,
                "source": source,
                "answer": norm(a["text"]),
                "norquad_id": r["id"],
            }
        )
    return [v["article"] for v in articles.values()], questions, dropped_title, len(records)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="check only, write nothing")
    args = ap.parse_args()
    arts, qs, dropped, n_raw = convert()
    used = {q["article_id"] for q in qs}
    n_sections = sum(a["body"].count("\n## ") + a["body"].startswith("## ") for a in arts)
    print(
        f"raw questions {n_raw}; articles {len(arts)} ({n_sections} sections, "
        f"{len(used)} with questions); questions {len(qs)} "
        f"(test {sum(q['source'] == 'NorQuAD test' for q in qs)}, "
        f"validation {sum(q['source'] == 'NorQuAD validation' for q in qs)}); "
        f"dropped (answer in title line) {len(dropped)}: {dropped}"
    )
    if args.check:
        return
    with open(HERE / "articles.jsonl", "w", encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with open(HERE / "questions.jsonl", "w", encoding="utf-8") as f:
        for q in qs:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
