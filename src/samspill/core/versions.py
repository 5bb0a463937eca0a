"""Content versions: exact invalidation for everything samspill caches.

Every write to the database (INSERT, UPDATE or DELETE, from any code path: services, the admin,
Wagtail, tasks, `QuerySet.update()`, bulk imports, raw SQL) gives the *namespace* of the table it
wrote a new version token. A cached value is stored under the versions of the namespaces it
depends on, so a write makes the next request miss and compute anew: nothing is stale, and nothing
is kept for a guessed time.

- A namespace is the model's app label (``events``, ``knowledge``, ...), except that Wagtail's
  and taggit's tables are ``wagtail`` (with the hub settings, read with the Site), the User
  table is ``people`` (a sign-in's ``last_login`` update bumps nothing at all: ``_NOISE_UPDATE``),
  and groups and permissions (Django's ``auth`` and a person's) are
  ``permissions``.
- Tables that no page shows (sessions, the cache table, task results, rate limits, emails, log
  entries, MFA) bump nothing: see ``_NOISE``. Follows, notifications and their settings are
  ``personal`` (``_PERSONAL_TABLES``).
- The write is noted by a database execute wrapper installed on every connection
  (``install``). In a transaction the namespace is bumped at once *and* again on commit: at once,
  so that a request in the same transaction (and the test suite's transactions) sees it; on
  commit, so that a page computed by another process between the first bump and the commit (from
  the data before the commit) is not kept under the new version.
- A token is new random text, never an increment: two processes bumping at once cannot end on the
  same token, so no bump is lost.

Tokens live in Redis when the hub has it (every machine shares them), else in a small file that
every process on the machine maps into memory (`FileStore`), and in the test suite in its memory
cache. Within a request, the tokens are read once (one round trip for all namespaces) and kept for
the rest of the request; the request's own writes update that snapshot.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import logging
import mmap
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache

T = TypeVar("T")
logger = logging.getLogger(__name__)

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
        # One-off newsletters (core.newsletters): written by every batch the worker sends, shown
        # only on the admin's own screens.
        "core_newsletter",
        # The answer finder's log of unanswered questions and readers' feedback: written by
        # visitors' questions and clicks, read only on the editors' screens.
        "answers_unansweredquestion",
        "answers_feedback",
        "wagtailcore_pagelogentry",
        # Wagtail's reference index (the admin's usage screens): written after nearly every save
        # of any model, read by no page.
        "wagtailcore_referenceindex",
        "wagtailcore_modellogentry",
        "wagtailcore_pagesubscription",
        "wagtailcore_taskstate",
        "wagtailcore_workflowstate",
        "wagtailcore_comment",
        "wagtailcore_commentreply",
        # Derived: a survey's counts, kept beside the answers whose own writes bump `surveys`
        # (and stored by the results page's first GET, which must not empty the cache it fills).
        "surveys_resultstally",
        # Derived: an image's renditions, made by the first page that shows them (core.images).
        # Replacing an image's file writes the image itself, and the pages that show it follow.
        "wagtailimages_rendition",
    }
)
# Updates that only record a moment no page shows: every sign-in sets `last_login`, and should not
# empty the caches of the pages that show people.
_NOISE_UPDATE = re.compile(
    r'\s*UPDATE\s+"?core_user"?\s+SET\s+"?last_login"?\s*=\s*%s\s+WHERE\s', re.I
)
_WAGTAIL_LABELS = frozenset({"taggit"})
# What one follows, one's notifications and their settings, email opt-outs and the email log
# (core.notifications, issue 19): written by every follow, support, comment and status change,
# shown only to the person (their buttons, pages and counts are rendered for them). Their own
# namespace, so that they never empty the caches of the pages that depend on "core".
_PERSONAL_TABLES = frozenset(
    {
        "core_follow",
        "core_notification",
        "core_notificationsetting",
        "core_emailoptout",
        "core_emaillog",
    }
)

_table_namespaces: dict[str, str] | None = None
_table_lock = threading.Lock()


def _namespace_for_model(model) -> str | None:
    label = model._meta.app_label
    table = model._meta.db_table
    if table in _NOISE_TABLES or label in _NOISE_LABELS:
        return None
    if table == "wagtailcore_groupcollectionpermission":
        # Who may upload and choose images (knowledge.services.ensure_editor_group, granted when
        # the first editor joins): the admin's business, like groups and permissions.
        return "permissions"
    if label.startswith("wagtail") or label in _WAGTAIL_LABELS:
        return "wagtail"
    if label == "auth" or (
        model._meta.auto_created and model._meta.auto_created._meta.label_lower == "core.user"
    ):
        # Groups and permissions (and a person's): no page shows them; the header's Admin link
        # and the like read them (core.permissions.may_open_admin).
        return "permissions"
    if table in _PERSONAL_TABLES:
        return "personal"
    owner = model._meta.auto_created or model  # a many-to-many table goes with its model
    if owner._meta.label_lower == "core.user":
        return "people"
    if owner._meta.label_lower == "core.hubsettings":  # a Wagtail setting, read with the Site
        return "wagtail"
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


class CacheStore:
    """Tokens in the default cache: Redis when several machines serve the hub (and the test
    suite's memory)."""

    def fetch(self, names: tuple[str, ...]) -> dict[str, str]:
        keys = {_KEY.format(name): name for name in names}
        found = cache.get_many(list(keys))
        missing = [key for key in keys if key not in found]
        if missing:
            # First use (or the cache lost them): start each with a new token. `add` keeps a
            # token another process set meanwhile; read again so that every process agrees.
            for key in missing:
                cache.add(key, secrets.token_hex(8), timeout=None)
            found.update(cache.get_many(missing))
        return {keys[key]: str(value) for key, value in found.items()}

    def store(self, tokens: dict[str, str]) -> None:
        cache.set_many({_KEY.format(name): token for name, token in tokens.items()}, timeout=None)


class FileStore:
    """Tokens in a small file that every process on this machine maps into memory: reading them
    costs a few microseconds, which is what lets a cached page answer at the bare server's speed.

    Each namespace has an 8-byte slot chosen by a hash of its name (two names sharing a slot only
    empty each other's caches more often); a bump writes new random bytes into it. The file starts
    as random bytes, so a new file never repeats the tokens of one it replaces, and a process
    notices within a second when the file was replaced (its inode changed) and maps the new one.
    """

    SLOTS = 1024
    SLOT = 8

    def __init__(self, path: Path):
        self.path = Path(path)
        self._map: mmap.mmap | None = None
        self._inode = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def _slot(self, name: str) -> int:
        digest = hashlib.blake2b(name.encode(), digest_size=4).digest()
        return (int.from_bytes(digest, "big") % self.SLOTS) * self.SLOT

    def _open(self) -> mmap.mmap:
        now = time.monotonic()
        if self._map is not None and now - self._checked < 1.0:
            return self._map
        with self._lock:
            self._checked = now
            try:
                inode = self.path.stat().st_ino
            except FileNotFoundError:
                inode = None
            if self._map is not None and inode == self._inode:
                return self._map
            if inode is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                temporary = self.path.with_name(
                    f".{self.path.name}.{os.getpid()}.{secrets.token_hex(4)}"
                )
                temporary.write_bytes(os.urandom(self.SLOTS * self.SLOT))
                try:
                    # Another process may have made it meanwhile: theirs stays.
                    with contextlib.suppress(FileExistsError):
                        os.link(temporary, self.path)
                finally:
                    temporary.unlink()
            with open(self.path, "r+b") as handle:
                self._inode = os.fstat(handle.fileno()).st_ino
                self._map = mmap.mmap(handle.fileno(), self.SLOTS * self.SLOT)
            return self._map

    def fetch(self, names: tuple[str, ...]) -> dict[str, str]:
        data = self._open()
        return {name: data[(o := self._slot(name)) : o + self.SLOT].hex() for name in names}

    def store(self, tokens: dict[str, str]) -> None:
        data = self._open()
        for name in tokens:
            offset = self._slot(name)
            data[offset : offset + self.SLOT] = bytes.fromhex(tokens[name])


_store: CacheStore | FileStore | None = None


def store() -> CacheStore | FileStore:
    """Where the tokens live: settings.CONTENT_VERSIONS_FILE (one machine) or the cache."""
    global _store
    if _store is None:
        path = getattr(settings, "CONTENT_VERSIONS_FILE", None)
        _store = FileStore(path) if path else CacheStore()
    return _store


def _fetch(names: tuple[str, ...]) -> dict[str, str]:
    return store().fetch(names)


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
    try:
        store().store(tokens)
    except Exception:
        # The write itself has happened; failing it now would lose nothing but tell the person a
        # lie. Cached pages then follow within their timeout. /healthz reports the cache.
        logger.exception("Could not record a new version of %s", ", ".join(names))
        return
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
    if _migrating:
        return
    match = _WRITE.match(sql)
    if match is None:
        return
    namespace = table_namespaces().get(match.group(1))
    if namespace is None or _NOISE_UPDATE.match(sql):
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


# While `migrate` runs, the cache table may not exist yet (and a failed statement would end a
# PostgreSQL transaction): writes are not noted, and every namespace is bumped once at the end.
_migrating = False


def pause_for_migrate(**kwargs) -> None:
    global _migrating
    _migrating = True


def bump_all_after_migrate(**kwargs) -> None:
    global _migrating
    _migrating = False
    bump(*ALL)


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
    try:
        # The name may carry what a visitor typed (a slug): hashed, the key suits every cache
        # (the database cache's keys are at most 255 characters, memcached's plain ASCII).
        name_hash = hashlib.blake2b(name.encode(), digest_size=16).hexdigest()
        key = _MEMO_KEY.format(name_hash, digest(*depends))
        value = cache.get(key, _MISSING)
    except Exception:
        logger.exception("The cache did not answer; computing %s", name)
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            cache.set(key, value, timeout)
        except Exception:
            logger.exception("The cache did not keep %s", name)
    return value


# name -> (tokens, monotonic expiry, value); bounded by the names the code uses.
_process_memos: dict[str, tuple[tuple[str, ...], float, Any]] = {}


def process_memo(
    name: str, compute: Callable[[], T], depends: Iterable[str] = ALL, timeout: float = 300
) -> T:
    """Like `memo`, but kept in this process's memory: for small objects read on every request
    (the Site, the hub settings). Exact all the same: it is keyed by the current tokens."""
    try:
        tokens = current(*tuple(depends))
    except Exception:
        logger.exception("The cache did not answer; computing %s", name)
        return compute()
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
