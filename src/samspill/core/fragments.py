"""Pieces of pages computed once and kept until what they show changes (issue 16).

Cards (an organisation, a project in a list) are kept rendered in this process, per object and
language, keyed by the content versions (`core.versions`) of the namespaces they show: a write to
any of those namespaces gives new keys, so a card is never stale. Only for cards whose HTML is a
function of the object, its related rows in `depends` and the language: never the request, the
visitor, or the time of day (an event's card is not one: it says "full" or "past").

- `{% card template depends name=object %}` (templatetags/samspill_fragments): one card.
- `PageCards(page, template, name, depends)`: a paginated list's cards. It asks the database for
  the page's primary keys only, and loads (with the list's prefetches) and renders just the
  objects whose cards are not kept: a page seen before costs the count and one small query.
  After a write to `depends` no card can be kept, so it loads the page as the list always did.
- `kept(name, compute, depends)`: any value (an object with its relations, a rendered part) kept
  in this process under `name` until a namespace of `depends` changes; the least recently used
  names go first past `MAX_KEPT`. No round trip to the shared cache: for what one page reads on
  every request (an event with everything its page shows). The value is shared by the requests
  that read it: it must be read, never changed, and must not depend on the clock.
- `memo_until(name, compute, depends, timeout)`: a value kept in the shared cache
  (`versions.memo`) that also knows when time alone makes it wrong (an event ends, a survey
  closes): `compute()` returns `(value, valid_until)`; past `valid_until` the value is computed
  afresh on every call until the memo is recomputed (at most `timeout` seconds later).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from samspill.core import versions

# Every namespace (a value that any write may change).
ALL = versions.ALL

# Cards kept per process: about 1 kB each, so a few MB at most.
MAX_CARDS = 5000

# Values kept per process by name (`kept`): a page's data, tens of kB at most each.
MAX_KEPT = 500

_cards: OrderedDict = OrderedDict()
_kept: OrderedDict = OrderedDict()
# The versions each card template was last rendered under: when they differ, no card is kept.
_seen: dict[str, tuple] = {}
_lock = threading.Lock()


def _namespaces(depends: str | Iterable[str]) -> tuple[str, ...]:
    if depends is ALL:
        return depends
    if isinstance(depends, str):
        return tuple(depends.split())
    return tuple(depends)


def clear() -> None:
    """Forget every kept card (tests)."""
    with _lock:
        _cards.clear()
        _seen.clear()
        _kept.clear()


def _render(template_name: str, name: str, obj) -> SafeString:
    return mark_safe(render_to_string(template_name, {name: obj}))


def _key(template_name: str, pk, language: str, tokens: tuple) -> tuple:
    return (template_name, pk, language, tokens)


def _get(key):
    with _lock:
        html = _cards.get(key)
        if html is not None:
            _cards.move_to_end(key)
        return html


def _put(key, html: SafeString) -> None:
    with _lock:
        _cards[key] = html
        _cards.move_to_end(key)
        while len(_cards) > MAX_CARDS:
            _cards.popitem(last=False)


def _tokens(depends) -> tuple:
    return tuple(versions.current(*_namespaces(depends)))


def card(template_name: str, depends: str | Iterable[str], **objects) -> SafeString:
    """`template_name` rendered with its one object only (`organisation=organisation`), kept per
    object and language until one of the namespaces in `depends` (space-separated) changes."""
    ((name, obj),) = objects.items()
    tokens = _tokens(depends)
    key = _key(template_name, obj.pk, get_language(), tokens)
    html = _get(key)
    if html is None:
        html = _render(template_name, name, obj)
        _put(key, html)
    return html


class PageCards:
    """The cards of a paginator page, in its order: a list of HTML, computed when first used."""

    def __init__(self, page, template_name: str, name: str, depends: str | Iterable[str]):
        self.page = page
        self.template_name = template_name
        self.name = name
        self.depends = depends

    @cached_property
    def cards(self) -> list[SafeString]:
        return [html for _pk, html in self.keyed]

    @cached_property
    def keyed(self) -> list[tuple]:
        """`(pk, html)` of each card, in the page's order (for what a visitor adds to a card)."""
        objects = self.page.object_list
        tokens = _tokens(self.depends)
        full = self.page.paginator.object_list
        if not isinstance(objects, QuerySet) or not isinstance(full, QuerySet):
            return [(obj.pk, _render(self.template_name, self.name, obj)) for obj in objects]
        language = get_language()
        if _seen.get(self.template_name) != tokens:
            # Written to since these cards were last rendered: none is kept, load the page at once.
            _seen[self.template_name] = tokens
            rendered = []
            for obj in objects:
                html = _render(self.template_name, self.name, obj)
                _put(_key(self.template_name, obj.pk, language, tokens), html)
                rendered.append((obj.pk, html))
            return rendered
        pks = list(objects.prefetch_related(None).values_list("pk", flat=True))
        found = {pk: _get(_key(self.template_name, pk, language, tokens)) for pk in pks}
        missing = [pk for pk, html in found.items() if html is None]
        if missing:
            for obj in full.filter(pk__in=missing):
                html = _render(self.template_name, self.name, obj)
                _put(_key(self.template_name, obj.pk, language, tokens), html)
                found[obj.pk] = html
        return [(pk, found[pk]) for pk in pks if found.get(pk) is not None]

    def __iter__(self):
        return iter(self.cards)

    def __len__(self):
        return len(self.cards)

    def __bool__(self):
        return bool(self.cards)


def kept(name: str, compute: Callable, depends: str | Iterable[str]):
    """`compute()`, kept in this process under `name` (which must say everything the value depends
    on besides the database) until a namespace in `depends` changes."""
    tokens = _tokens(depends)  # before computing: a write meanwhile leaves the value unused
    with _lock:
        entry = _kept.get(name)
        if entry is not None and entry[0] == tokens:
            _kept.move_to_end(name)
            return entry[1]
    value = compute()
    with _lock:
        _kept[name] = (tokens, value)
        _kept.move_to_end(name)
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
    return value


def memo_until(name: str, compute: Callable[[], tuple], depends, timeout: int = 60):
    """The value of `compute()` (which returns `(value, valid_until or None)`), kept until a
    namespace of `depends` changes, and never used past its `valid_until`."""
    value, valid_until = versions.memo(name, compute, depends=_namespaces(depends), timeout=timeout)
    if valid_until is not None and timezone.now() >= valid_until:
        value, _ = compute()
    return value
