"""Content versions: exact invalidation for everything samspill caches.

Every write to the database (INSERT, UPDATE or DELETE, from any code path: services, the admin,
Wagtail, tasks, `QuerySet.update()`, bulk imports, raw SQL) gives the *namespace* of the table it
wrote a new version token. A cached value is stored under the versions of the namespaces it
depends on, so a write makes the next request miss and compute anew: nothing is stale, and nothing
is kept for a guessed time.

- A namespace is the model's app label (``events``, ``knowledge``, ...), except that Wagtail's
  and taggit's tables are ``wagtail`` and the User table is ``people`` (a sign-in updates
  ``last_login``; that should not empty the caches of pages that show no person).
- Tables that no page shows (sessions, the cache table, task results, rate limits, emails, log
  entries, MFA) bump nothing: see ``_NOISE``.
- The write is noted by a database execute wrapper installed on every connection
  (``install``). In a transaction the namespace is bumped at once *and* again on commit: at once,
  so that a request in the same transaction (and the test suite's transactions) sees it; on
  commit, so that a page computed by another process between the first bump and the commit (from
  the data before the commit) is not kept under the new version.
- A token is new random text, never an increment: two processes bumping at once cannot end on the
  same token, so no bump is lost.

Tokens live in the default cache (Redis with REDIS_URL, the database cache otherwise), which every
process and machine of the hub shares. Within a request, the tokens are read once (one round trip
for all namespaces) and kept for the rest of the request; the request's own writes update that
snapshot.
"""

from __future__ import annotations

import contextvars
import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import cache

T = TypeVar("T")

ALL = ("*",)
"""Depend on every namespace: the safe default for a page that shows a bit of everything."""

_KEY = "samspill:v:{}"
_MEMO_KEY = "samspill:memo:{}:{}"
_MISSING = object()

# Tables whose writes change nothing a visitor or member sees on a cached page or value.
_NOISE_LABELS = frozenset(
    {
        "sessions",
        "admin",
        "contenttypes",
        "django_tasks_database",
        "account",
        "mfa",
        "socialaccount",
        "usersessions",
        "wagtailsearch",
        "wagtailusers",
        "wagtailadmin",
        "zeal",
    }
)
_NOISE_TABLES = frozenset(
    {
        "samspill_cache",
        "django_migrations",
        "core_ratelimitcounter",
        "core_outgoingemail",
        "core_periodicjob",
        # The answer finder's log of unanswered questions and readers' feedback: written by
        # visitors' questions and clicks, read only on the editors' screens.
        "answers_unansweredquestion",
        "answers_feedback",
        "wagtailcore_pagelogentry",
        "wagtailcore_modellogentry",
        "wagtailcore_pagesubscription",
        "wagtailcore_taskstate",
        "wagtailcore_workflowstate",
        "wagtailcore_comment",
        "wagtailcore_commentreply",
    }
)
_WAGTAIL_LABELS = frozenset({"taggit"})

_table_namespaces: dict[str, str] | None = None
_table_lock = threading.Lock()


def _namespace_for_model(model) -> str | None:
    label = model._meta.app_label
    table = model._meta.db_table
    if table in _NOISE_TABLES or label in _NOISE_LABELS:
        return None
    if label.startswith("wagtail") or label in _WAGTAIL_LABELS:
        return "wagtail"
    if model._meta.label_lower == "core.user" or label == "auth":
        return "people"
    return label


def table_namespaces() -> dict[str, str]:
    """Each table that carries content, with its namespace."""
    global _table_namespaces
    if _table_namespaces is None:
        with _table_lock:
            mapping = {}
            for model in apps.get_models(include_auto_created=True):
                if model._meta.proxy:  # its concrete model names the table
                    continue
                namespace = _namespace_for_model(model)
                if namespace is not None:
                    mapping[model._meta.db_table] = namespace
            _table_namespaces = mapping
    return _table_namespaces


def namespaces() -> tuple[str, ...]:
    """Every namespace, sorted."""
    return tuple(sorted(set(table_namespaces().values())))


def _expand(depends: Iterable[str]) -> tuple[str, ...]:
    depends = tuple(depends)
    if depends == ALL or "*" in depends:
        return namespaces()
    return tuple(sorted(set(depends)))


# --- Reading ---------------------------------------------------------------------------------------

_snapshot: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar(
    "samspill_versions", default=None
)


@contextmanager
def request_snapshot():
    """Read the tokens at most once within the block (a request): the first read fetches every
    namespace in one round trip; bumps within the block update the snapshot."""
    token = _snapshot.set({})
    try:
        yield
    finally:
        _snapshot.reset(token)


def _fetch(names: tuple[str, ...]) -> dict[str, str]:
    keys = {_KEY.format(name): name for name in names}
    found = cache.get_many(list(keys))
    missing = [key for key in keys if key not in found]
    if missing:
        # First use (or the cache lost them): start each with a new token. `add` keeps a token
        # another process set meanwhile; read again so that every process agrees.
        for key in missing:
            cache.add(key, secrets.token_hex(8), timeout=None)
        found.update(cache.get_many(missing))
    return {keys[key]: str(value) for key, value in found.items()}


def current(*depends: str) -> tuple[str, ...]:
    """The current tokens of the namespaces (``ALL`` or nothing: every namespace), in name order."""
    global _reads
    _reads += 1
    names = _expand(depends or ALL)
    snapshot = _snapshot.get()
    if snapshot is None:
        tokens = _fetch(names)
    else:
        if not snapshot:
            snapshot.update(_fetch(namespaces()))
        absent = tuple(name for name in names if name not in snapshot)
        if absent:
            snapshot.update(_fetch(absent))
        tokens = snapshot
    return tuple(tokens[name] for name in names)


def digest(*depends: str) -> str:
    """A short text that changes whenever one of the namespaces changes."""
    joined = "|".join(current(*depends))
    return hashlib.blake2b(joined.encode(), digest_size=8).hexdigest()


# --- Writing ---------------------------------------------------------------------------------------


def bump(*names: str) -> None:
    """Give the namespaces new tokens (a write does this by itself; call it for a change the
    database does not see, such as a file replaced on disk)."""
    names = _expand(names) if "*" in names else tuple(sorted(set(names)))
    if not names:
        return
    tokens = {name: secrets.token_hex(8) for name in names}
    cache.set_many({_KEY.format(name): token for name, token in tokens.items()}, timeout=None)
    snapshot = _snapshot.get()
    if snapshot:
        snapshot.update(tokens)


class _Pending:
    """The namespaces a transaction wrote, bumped once more when it commits; with, for each, the
    number of reads of tokens when it was last bumped within the transaction."""

    def __init__(self):
        self.names: dict[str, int] = {}

    def __call__(self):
        names, self.names = self.names, {}
        bump(*names)


# Reads of tokens in this process: a write in a transaction bumps at once only if tokens were read
# since its namespace's last bump (a bulk import of a thousand rows bumps once; a test or a
# request that reads between two writes sees each).
_reads = 0


_WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"?(\w+)"?',
    re.IGNORECASE,
)


_WRITE_STARTS = frozenset("IUDRiudr \n\t")


def _note_write(connection, sql: str) -> None:
    match = _WRITE.match(sql)
    if match is None:
        return
    namespace = table_namespaces().get(match.group(1))
    if namespace is None:
        return
    if not connection.in_atomic_block:
        bump(namespace)
        return
    pending = getattr(connection, "_samspill_pending", None)
    if pending is None or not any(entry[1] is pending for entry in connection.run_on_commit):
        pending = _Pending()
        connection._samspill_pending = pending
        connection.on_commit(pending)
    if pending.names.get(namespace) != _reads:
        pending.names[namespace] = _reads
        bump(namespace)


def _execute_wrapper(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and sql[:1] in _WRITE_STARTS:
        _note_write(context["connection"], sql)
    return result


def install(connection, **kwargs) -> None:
    """Note the writes made through this connection (connected to `connection_created`)."""
    if _execute_wrapper not in connection.execute_wrappers:
        connection.execute_wrappers.append(_execute_wrapper)


# --- Memos -----------------------------------------------------------------------------------------


def memo(
    name: str, compute: Callable[[], T], depends: Iterable[str] = ALL, timeout: int = 300
) -> T:
    """``compute()``, kept in the shared cache until a namespace in ``depends`` changes (or
    ``timeout`` seconds pass: give a short one for values that depend on the clock, such as
    "upcoming"). ``name`` must say everything the value depends on besides the database: the
    language, the page, the visitor's role."""
    key = _MEMO_KEY.format(name, digest(*depends))
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    return value


# name -> (tokens, monotonic expiry, value); bounded by the names the code uses.
_process_memos: dict[str, tuple[tuple[str, ...], float, Any]] = {}


def process_memo(
    name: str, compute: Callable[[], T], depends: Iterable[str] = ALL, timeout: float = 300
) -> T:
    """Like `memo`, but kept in this process's memory: for small objects read on every request
    (the Site, the hub settings). Exact all the same: it is keyed by the current tokens."""
    tokens = current(*tuple(depends))
    entry = _process_memos.get(name)
    now = time.monotonic()
    if entry is not None and entry[0] == tokens and entry[1] > now:
        return entry[2]
    value = compute()
    _process_memos[name] = (tokens, now + timeout, value)
    return value


def clear_memos() -> None:
    """Forget this process's memos (the test suite does between tests)."""
    _process_memos.clear()
