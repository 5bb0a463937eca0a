"""Submit a rendered admin form unchanged, as a browser would.

`form_data(html, action)` reads the POST form of an edit page: inputs, checked boxes, selected
options (the first option when none is), text areas, inline formsets (not their `<template>`
for new rows), and StreamFields, whose editor the browser's JavaScript builds from the JSON in
`data-w-block-arguments-value`: `streamfield_data` flattens that state into the field names
Wagtail's blocks read back (`body-count`, `body-0-type`, `body-0-value-title`, ...).
"""

import json
from html.parser import HTMLParser

from wagtail import blocks


class _Form(HTMLParser):
    def __init__(self, action: str):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._template = 0
        self._textarea: tuple[str, list[str]] | None = None
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self._template += 1
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": [], "streams": []}
            self.forms.append(self._form)
            return
        if self._form is None or self._template:
            return
        name = a.get("name")
        if tag == "div" and "data-w-block-arguments-value" in a:
            state = json.loads(a["data-w-block-arguments-value"])[0]
            self._form["streams"].append((a.get("id", "").removeprefix("id_"), state))
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if "disabled" not in a:
                self._select["options"].append(value)
            if "selected" in a:
                self._select["chosen"].append(value)
        elif "disabled" in a or not name:
            return
        elif tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self._form["fields"].append((name, a.get("value", "on")))
                return
            value = a.get("value", "")
            if "data-draftail-input" in a:
                value = _draftail(value)
            self._form["fields"].append((name, value))
        elif tag == "textarea":
            self._textarea = (name, [])
        elif tag == "select":
            self._select = {"name": name, "multiple": "multiple" in a, "options": [], "chosen": []}

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "template":
            self._template -= 1
        elif tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            text = "".join(parts)
            self._form["fields"].append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            select = self._select
            chosen = select["chosen"] or (select["options"][:1] if not select["multiple"] else [])
            if not select["multiple"]:
                chosen = chosen[-1:]
            self._form["fields"] += [(select["name"], value) for value in chosen]
            self._select = None


def _draftail(contentstate: str) -> str:
    """Draftail posts `null` for an editor with no text, whatever it was given."""
    try:
        state = json.loads(contentstate)
    except ValueError:
        return contentstate
    if (
        isinstance(state, dict)
        and not state.get("entityMap")
        and not any(block.get("text") for block in state.get("blocks", []))
    ):
        return "null"
    return contentstate


def edit_form(html: str) -> dict | None:
    """The edit page's main POST form: the one with the most fields."""
    parser = _Form("")
    parser.feed(html)
    forms = [f for f in parser.forms if any(n == "csrfmiddlewaretoken" for n, _ in f["fields"])]
    return max(forms, key=lambda f: len(f["fields"]) + 10 * len(f["streams"]), default=None)


def streamfield_data(block, state, prefix: str, out: list[tuple[str, str]]) -> None:
    """Flatten a block's form state (what the editor's JavaScript starts from) into POST data."""
    if isinstance(block, blocks.StreamBlock):
        out.append((f"{prefix}-count", str(len(state))))
        for i, child in enumerate(state):
            out += [
                (f"{prefix}-{i}-deleted", ""),
                (f"{prefix}-{i}-order", str(i)),
                (f"{prefix}-{i}-type", child["type"]),
                (f"{prefix}-{i}-id", child.get("id") or ""),
            ]
            streamfield_data(
                block.child_blocks[child["type"]], child["value"], f"{prefix}-{i}-value", out
            )
    elif isinstance(block, blocks.ListBlock):
        out.append((f"{prefix}-count", str(len(state))))
        for i, item in enumerate(state):
            value, item_id = (
                (item["value"], item.get("id"))
                if isinstance(item, dict) and "value" in item
                else (item, None)
            )
            out += [
                (f"{prefix}-{i}-deleted", ""),
                (f"{prefix}-{i}-order", str(i)),
                (f"{prefix}-{i}-id", item_id or ""),
            ]
            streamfield_data(block.child_block, value, f"{prefix}-{i}-value", out)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            streamfield_data(child, (state or {}).get(name), f"{prefix}-{name}", out)
    elif isinstance(block, blocks.StaticBlock):
        return
    elif isinstance(block, blocks.RichTextBlock):
        out.append((prefix, _draftail(state) if isinstance(state, str) else "null"))
    elif isinstance(block, blocks.BooleanBlock):
        if state:
            out.append((prefix, "on"))
    elif isinstance(state, dict):  # choosers: the chosen object's data
        out.append((prefix, str(state.get("id", ""))))
    elif isinstance(state, list):
        out += [(prefix, str(v)) for v in state]
    else:
        out.append((prefix, "" if state is None else str(state)))
