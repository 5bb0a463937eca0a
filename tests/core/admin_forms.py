"""Open an admin edit form and submit it unchanged, as a browser would (issue 18: an admin form
that cannot save is a known past failure). Built on the walk's form reader (`tests.walk.forms`)."""

import re

from tests.walk.forms import edit_form, streamfield_data

ERROR = re.compile(
    r'class="[^"]*(?:error-message|w-field__errors|help-critical|messages error)[^"]*"[^>]*>(.*?)</',
    re.S,
)


def form_of(client, url: str, model=None) -> tuple[str, dict[str, list[str]]]:
    """(action, data) of the edit page's main form as the browser would send it unchanged."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    form = edit_form(response.content.decode())
    assert form is not None, f"{url}: no edit form"
    pairs = list(form["fields"])
    for name, state in form["streams"]:
        streamfield_data(model._meta.get_field(name).stream_block, state, name, pairs)
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return form["action"] or url, data


def save_unchanged(client, url: str, model=None, changes: dict | None = None):
    """Submit the form at `url` unchanged (or with `changes`); fails with the form's errors
    unless it saved (a redirect)."""
    action, data = form_of(client, url, model)
    for name, value in (changes or {}).items():
        data[name] = value if isinstance(value, list) else [value]
    response = client.post(action, data)
    if response.status_code != 302:
        errors = [
            re.sub(r"<[^>]+>|\s+", " ", e).strip() for e in ERROR.findall(response.content.decode())
        ]
        raise AssertionError(f"{url}: saving answered {response.status_code}: {errors[:5]}")
    return response
