"""Registration points that feature apps fill in their `AppConfig.ready()`.

`core` never imports a feature app; the home page, statistics, exports and search loop over
what is registered here. Each entry has a name so that registering twice (tests, reloads) replaces.
"""

import datetime
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from samspill.core import fragments
from samspill.core.reversal import reverse_static


@dataclass(frozen=True)
class HomeSection:
    """A block on the home page: `context(request)` returns the data for `template`, or None to hide.

    With `depends` (content namespaces, core.versions), the block is the same for every visitor
    in a language: it is rendered once per language and kept until a write to one of those
    namespaces, or until `valid_until(context)` (when time alone changes it, such as an event
    that ends). The context and template must then not use the visitor or the request beyond its
    language."""

    name: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 100
    depends: tuple[str, ...] | None = None
    valid_until: Callable[[dict], datetime.datetime | None] | None = None


@dataclass(frozen=True)
class OrganisationSection:
    """A block on an object's public page: an organisation's (its needs and offers, its events)
    or an event's (the ideas it produced). `context(request, obj)` returns the data for
    `template`, or None to hide it.

    With `depends` (content namespaces, core.versions), the block is the same for every visitor
    of the object in a language: rendered once per object and language in each process, and kept
    until a write to one of those namespaces (core.fragments.kept). The context and template must
    then use neither the visitor, nor the request beyond its language, nor the clock."""

    name: str
    template: str
    context: Callable[[HttpRequest, object], dict | None]
    order: int = 100
    depends: tuple[str, ...] | None = None


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation: a URL name, or `href()` for a page the editors place."""

    name: str
    label: Callable[[], str]
    url_name: str = ""
    order: int = 100
    href: Callable[[], str | None] | None = None


@dataclass(frozen=True)
class Statistic:
    """A figure the hub shows about itself, such as the number of listed organisations.

    The figures are kept (core.versions) until a write to one of the namespaces in `depends`
    (every namespace when None). A figure that time alone changes (upcoming events) has `value`
    return `(figure, valid_until)`: it is counted anew from then on."""

    name: str
    label: Callable[[int], str]
    value: Callable[[], int | tuple[int, datetime.datetime | None]]
    order: int = 100
    depends: tuple[str, ...] | None = None


@dataclass(frozen=True)
class PersonalDataSource:
    """One app's share of a person's data export, and what it does when the person is deleted."""

    name: str
    export: Callable[..., dict | list]
    erase: Callable[..., None] | None = None


@dataclass(frozen=True)
class SearchSource:
    """Content the hub's search indexes, passage by passage (the answer finder and the header's
    question box).

    `load(pk)` returns the object if anyone may see it (published, public, listed), else None;
    `passages(obj)` gives its passages as dicts (anchor, heading, text, title, url, language,
    answer_id, filters, and optionally names: the object's proper names, such as an
    organisation's, a project's, an event's or its venue's, which the box matches exactly and
    first); `all_ids()` lists every indexable object for a rebuild.

    `kind` is what the box groups and filters by ("article", "faq", "guide", "event",
    "organisation", "person", "project", "idea", "survey", "news"); `kind_label(n)` names it for
    people (plural-aware, translated). A Wagtail page model is re-indexed when it is published,
    unpublished or deleted. A plain model is watched instead: `watch` pairs a model with a function
    from a saved or deleted instance of it to the ids of this source's objects to re-index (the
    object itself, or an event when its venue is renamed); each is re-indexed after the commit, and
    removed when `load` no longer returns it.

    `load_many(ids)`, when given, returns the objects of those ids that anyone may see (in any
    order, with what `passages` reads fetched together): a rebuild or a bulk then costs a few
    queries per chunk of objects instead of a few per object.
    """

    name: str
    model: type
    load: Callable[[int], object | None]
    passages: Callable[[object], list[dict]]
    all_ids: Callable[[], list[int]]
    kind: str = "article"
    kind_label: Callable[[int], str] | None = None
    watch: tuple[tuple[type, Callable[[object], Iterable[int]]], ...] = ()
    load_many: Callable[[list[int]], Iterable[object]] | None = None


def search_language(code: str | None) -> str:
    """A passage's language: the object's own when the hub has it ("nb", "da"), else the hub's
    default (an event in Swedish or in several languages)."""
    codes = {language for language, _name in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE


def organisation_language(organisation) -> str:
    """The language an organisation's content is written in, for its passages and those of what
    it runs (a programme's projects and ideas): Danish for a Danish one, else the hub's default."""
    from samspill.core.models import Country

    if organisation is not None and organisation.country == Country.DENMARK:
        return search_language("da")
    return settings.LANGUAGE_CODE


@dataclass(frozen=True)
class PublicRows:
    """An app's rows that anyone may see, for other apps' pages that show or link to them (a
    project's page lists its published events, its listed surveys and the visible ideas it
    started as). `queryset()` returns them; `url_name` names their public list page, if any."""

    name: str
    queryset: Callable[[], QuerySet]
    url_name: str = ""


@dataclass(frozen=True)
class RateLimit:
    """A rate-limited action (`scope`, such as "events.register") and its default `rate` ("20/h",
    per s, m, h or d); `SAMSPILL_RATE_LIMITS` changes it (see `core.ratelimit`)."""

    scope: str
    rate: str


@dataclass(frozen=True)
class SkeletonPart:
    """What an app adds to a new hub's skeleton (`samspill setup`, and under the demo): its front
    pages in every language, its standard lists. `build()` must be idempotent: it creates only
    what is missing and never changes what an editor may have changed. Parts run by `order`,
    after core's own part (the home page, the hub pages, places and audiences)."""

    name: str
    build: Callable[[], None]
    order: int = 100


@dataclass(frozen=True)
class PeriodicJob:
    """Work the worker runs on a schedule (`core.periodic`): `run()` does it and returns what it
    did as {what: how many} (shown in `samspill jobs` and the admin); `interval` is the default in
    minutes (hub admins may change it in the admin); `at` ("03:00", the site's time zone) pins a
    job of a day or more to that time of day. `name` ("events.send_reminders") is its key in the
    schedule table; `label()` names it for people. Anything with a retention registers its pruning
    here, so the worker runs it without cron."""

    name: str
    label: Callable[[], str]
    run: Callable[[], dict | None]
    interval: int
    at: str = ""


@dataclass(frozen=True)
class FollowTarget:
    """Something people may follow (`core.notifications.follow`): a topic, an organisation, a
    project, a programme, an event series, an idea, a news category. `name` ("projects.project")
    is its key in URLs and forms; `label()` names it for people (singular, translated);
    `visible(obj)` says whether anyone may follow that object (published, public, not hidden);
    `title(obj)` and `url(obj)` show it on the page of what one follows (default: `str(obj)` and
    its `get_url()` or `get_absolute_url()`). `visible_queryset()`, when given, returns the
    objects `visible` allows, so that the page of what one follows checks them all in one query
    instead of one `visible(obj)` each."""

    name: str
    model: type
    label: Callable[[], str]
    visible: Callable[[object], bool] = lambda obj: True
    title: Callable[[object], str] | None = None
    url: Callable[[object], str] | None = None
    visible_queryset: Callable[[], QuerySet] | None = None


@dataclass(frozen=True)
class NotificationKind:
    """One kind of notification or email (`core.notifications`, `core.mail`).

    `default` is the `Delivery` for people who have not chosen ("immediate", "daily", "weekly",
    "never"): few emails, so daily or weekly unless it is urgent (a seat freed). `group()` heads it
    in digests and in the settings. A `transactional` kind is an email the person asked for (a
    registration's confirmation, a password reset): always sent, without an unsubscribe link, and
    not offered in the settings. `count(n)` says how many of it in the digest's subject ("5 news
    items": an ngettext); kinds without it count as "notifications". `in_settings` False keeps a
    kind one may still unsubscribe from out of the settings page (the digest itself)."""

    name: str
    label: Callable[[], str]
    default: str = "daily"
    group: Callable[[], str] | None = None
    transactional: bool = False
    order: int = 100
    count: Callable[[int], str] | None = None
    in_settings: bool = True


@dataclass
class _Registry:
    home_sections: dict[str, HomeSection] = field(default_factory=dict)
    nav_items: dict[str, NavItem] = field(default_factory=dict)
    statistics: dict[str, Statistic] = field(default_factory=dict)
    personal_data: dict[str, PersonalDataSource] = field(default_factory=dict)
    search_sources: dict[str, SearchSource] = field(default_factory=dict)
    header_includes: dict[str, tuple[int, str]] = field(default_factory=dict)
    content_footers: dict[str, tuple[int, str]] = field(default_factory=dict)
    profile_sections: dict[str, HomeSection] = field(default_factory=dict)
    organisation_sections: dict[str, OrganisationSection] = field(default_factory=dict)
    event_sections: dict[str, OrganisationSection] = field(default_factory=dict)
    object_sections: dict[str, dict[str, OrganisationSection]] = field(default_factory=dict)
    organisations_without_rights: dict[str, Callable[[], Q]] = field(default_factory=dict)
    public_rows: dict[str, PublicRows] = field(default_factory=dict)
    rate_limits: dict[str, RateLimit] = field(default_factory=dict)
    skeleton_parts: dict[str, SkeletonPart] = field(default_factory=dict)
    periodic_jobs: dict[str, PeriodicJob] = field(default_factory=dict)
    follow_targets: dict[str, FollowTarget] = field(default_factory=dict)
    notification_kinds: dict[str, NotificationKind] = field(default_factory=dict)
    search_watchers: dict[type, list[tuple[str, Callable]]] | None = None


_registry = _Registry()


def register_organisations_without_rights(name: str, condition: Callable[[], Q]) -> None:
    """Organisations whose memberships grant nothing yet: `condition()` is a Q over Organisation
    (the network's: submitted by a member and not approved by a hub editor). Their admins and
    editors get no admin access, no editing and no reviewing until the condition no longer holds."""
    _registry.organisations_without_rights[name] = condition


def organisations_without_rights() -> list[Q]:
    return [condition() for condition in _registry.organisations_without_rights.values()]


def register_rate_limit(limit: RateLimit) -> None:
    """An app's rate-limited action with its default rate (each app registers its own scopes)."""
    _registry.rate_limits[limit.scope] = limit


def rate_limits() -> dict[str, str]:
    """{scope: default rate} of every registered scope."""
    return {scope: limit.rate for scope, limit in sorted(_registry.rate_limits.items())}


def register_skeleton_part(part: SkeletonPart) -> None:
    _registry.skeleton_parts[part.name] = part


def skeleton_parts() -> list[SkeletonPart]:
    return sorted(_registry.skeleton_parts.values(), key=lambda p: (p.order, p.name))


def register_follow_target(target: FollowTarget) -> None:
    _registry.follow_targets[target.name] = target


def follow_targets() -> list[FollowTarget]:
    return sorted(_registry.follow_targets.values(), key=lambda t: t.name)


def follow_target(name: str) -> FollowTarget | None:
    return _registry.follow_targets.get(name)


def follow_target_for(model_or_obj) -> FollowTarget | None:
    """The target registered for a model (or an object's model; a Wagtail page's specific one)."""
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    for target in _registry.follow_targets.values():
        if issubclass(model, target.model):
            return target
    return None


def register_notification_kind(kind: NotificationKind) -> None:
    _registry.notification_kinds[kind.name] = kind


def notification_kinds() -> list[NotificationKind]:
    return sorted(_registry.notification_kinds.values(), key=lambda k: (k.order, k.name))


def notification_kind(name: str) -> NotificationKind | None:
    return _registry.notification_kinds.get(name)


def register_periodic_job(job: PeriodicJob) -> None:
    """A job for the worker's schedule (see `PeriodicJob`); its row appears at the next `migrate`
    or worker start."""
    _registry.periodic_jobs[job.name] = job


def periodic_jobs() -> dict[str, PeriodicJob]:
    """{name: job} of every registered periodic job, by name."""
    return dict(sorted(_registry.periodic_jobs.items()))


def periodic_job(name: str) -> PeriodicJob | None:
    return _registry.periodic_jobs.get(name)


def register_home_section(section: HomeSection) -> None:
    _registry.home_sections[section.name] = section


def register_nav_item(item: NavItem) -> None:
    _registry.nav_items[item.name] = item


def register_profile_section(section: HomeSection) -> None:
    """A block on the signed-in person's profile page (their registrations, say): `context(request)`
    returns the data for `template`, or None to hide it."""
    _registry.profile_sections[section.name] = section


def register_organisation_section(section: OrganisationSection) -> None:
    _registry.organisation_sections[section.name] = section


def register_event_section(section: OrganisationSection) -> None:
    """A block on an event's public page, from another app (projects: the ideas and the survey
    answers a workshop produced)."""
    _registry.event_sections[section.name] = section


def register_object_section(kind: str, section: OrganisationSection) -> None:
    """A block from another app on the public page of an object of `kind` ("topic", "project",
    "programme": the news about it). The page renders them with `object_sections`."""
    _registry.object_sections.setdefault(kind, {})[section.name] = section


def object_sections(kind: str, request: HttpRequest, obj) -> list[dict]:
    """The other apps' blocks on the page of `obj`, an object of `kind`; those with `depends` as
    their kept `html`."""
    return _render_object_sections(_registry.object_sections.get(kind, {}), request, obj, kind)


def register_public_rows(rows: PublicRows) -> None:
    _registry.public_rows[rows.name] = rows


def public_rows(name: str) -> QuerySet | None:
    """The public rows another app registered under `name`, or None when it is not installed."""
    rows = _registry.public_rows.get(name)
    return None if rows is None else rows.queryset()


def public_list_url(name: str) -> str:
    """The address of the public list of `name`'s rows, or "" when there is none."""
    rows = _registry.public_rows.get(name)
    return reverse(rows.url_name) if rows is not None and rows.url_name else ""


def register_statistic(statistic: Statistic) -> None:
    _registry.statistics[statistic.name] = statistic


def register_personal_data(source: PersonalDataSource) -> None:
    _registry.personal_data[source.name] = source


def register_search_source(source: SearchSource) -> None:
    _registry.search_sources[source.name] = source
    _registry.search_watchers = None


def search_watchers() -> dict[type, list[tuple[str, Callable[[object], Iterable[int]]]]]:
    """{concrete model: [(source name, ids of the source's objects to re-index)]} over every
    source's `watch`, built once (a save of an unwatched model costs one dict lookup)."""
    if _registry.search_watchers is None:
        watchers: dict[type, list] = {}
        for source in search_sources():
            for model, ids in source.watch:
                watchers.setdefault(model._meta.concrete_model, []).append((source.name, ids))
        _registry.search_watchers = watchers
    return _registry.search_watchers


def register_header_include(name: str, template: str, order: int = 100) -> None:
    """A template included in every page's header (the answer finder's question box)."""
    _registry.header_includes[name] = (order, template)


def register_content_footer(name: str, template: str, order: int = 100) -> None:
    """A template shown at the end of a piece of content (an article, an FAQ entry), with the
    content's `page` in its context: the answer finder's "Did this help?". The content's templates
    call `{% content_footer page %}` (core's `samspill` tags); the template must not use the
    visitor (those pages are shared from the page cache), nor carry a CSRF token (they set no
    cookie, so proxies keep them: tests/walk/test_anonymous_no_cookie.py)."""
    _registry.content_footers[name] = (order, template)


def content_footers() -> list[str]:
    return [t for _, t in sorted(_registry.content_footers.values())]


def search_sources() -> list[SearchSource]:
    return sorted(_registry.search_sources.values(), key=lambda s: s.name)


def search_source(name: str) -> SearchSource | None:
    return _registry.search_sources.get(name)


def header_includes() -> list[str]:
    return [t for _, t in sorted(_registry.header_includes.values())]


def home_sections(request: HttpRequest) -> list[dict]:
    """The sections to render, in order, each with its template and context."""
    return _render_sections(_registry.home_sections, request)


def profile_sections(request: HttpRequest) -> list[dict]:
    return _render_sections(_registry.profile_sections, request)


def organisation_sections(request: HttpRequest, organisation) -> list[dict]:
    return _render_object_sections(
        _registry.organisation_sections, request, organisation, "organisation"
    )


def organisation_section(name: str, request: HttpRequest, organisation) -> dict | None:
    """One app's block for an organisation, by the app's name: its context, or None when the app
    is not installed or hides the block (the network's profile page shows the events' own way)."""
    section = _registry.organisation_sections.get(name)
    return section.context(request, organisation) if section is not None else None


def event_sections(request: HttpRequest, event) -> list[dict]:
    """The other apps' blocks on an event's page; those with `depends` as their kept `html`."""
    return _render_object_sections(_registry.event_sections, request, event, "event")


def _render_object_sections(sections: dict, request: HttpRequest, obj, kind: str) -> list[dict]:
    rendered = []
    for section in sorted(sections.values(), key=lambda s: (s.order, s.name)):
        if section.depends is not None:
            html = fragments.kept(
                f"{kind}-section:{section.name}:{obj.pk}:{get_language()}",
                lambda section=section: _object_section_html(section, request, obj),
                section.depends,
            )
            if html:
                rendered.append({"name": section.name, "template": section.template, "html": html})
            continue
        context = section.context(request, obj)
        if context is not None:
            rendered.append({"name": section.name, "template": section.template, **context})
    return rendered


def _object_section_html(section: OrganisationSection, request: HttpRequest, obj) -> str:
    context = section.context(request, obj)
    if context is None:
        return ""
    data = {"name": section.name, "template": section.template, **context}
    return mark_safe(render_to_string(section.template, {"section": data, "request": request}))


def _render_sections(sections: dict[str, HomeSection], request: HttpRequest) -> list[dict]:
    """Each section's template and context; the sections with `depends` as their kept `html`
    (all of them in one memo: one cache read)."""
    ordered = sorted(sections.values(), key=lambda s: (s.order, s.name))
    kept = [section for section in ordered if section.depends is not None]
    html = _kept_sections(kept, request) if kept else {}
    rendered = []
    for section in ordered:
        if section.depends is not None:
            if html.get(section.name):
                rendered.append(
                    {"name": section.name, "template": section.template, "html": html[section.name]}
                )
            continue
        context = section.context(request)
        if context is not None:
            rendered.append({"name": section.name, "template": section.template, **context})
    return rendered


def _kept_sections(sections: list[HomeSection], request: HttpRequest) -> dict[str, str]:
    def compute() -> tuple[dict[str, str], datetime.datetime | None]:
        html, ends = {}, []
        for section in sections:
            context = section.context(request)
            if context is None:
                continue
            data = {"name": section.name, "template": section.template, **context}
            html[section.name] = mark_safe(
                render_to_string(section.template, {"section": data, "request": request})
            )
            if section.valid_until is not None and (end := section.valid_until(context)):
                ends.append(end)
        return html, min(ends) if ends else None

    names = ",".join(section.name for section in sections)
    depends = sorted({namespace for section in sections for namespace in section.depends})
    return fragments.memo_until(f"home-sections:{names}:{get_language()}", compute, depends)


def nav_items() -> list[NavItem]:
    return sorted(_registry.nav_items.values(), key=lambda i: (i.order, i.name))


def nav_links() -> list[dict]:
    """The navigation as {"name", "label", "url"}, leaving out links whose page does not exist."""
    links = []
    for item in nav_items():
        url = item.href() if item.href else reverse_static(item.url_name)
        if url:
            links.append({"name": item.name, "label": item.label(), "url": url})
    return links


def statistics() -> list[dict]:
    """The figures, in order, each with its label in the active language. The values are kept
    together (one cache read) until a write to a namespace one of them depends on."""
    stats = sorted(_registry.statistics.values(), key=lambda s: (s.order, s.name))
    depends: set[str] = set()
    for stat in stats:
        if stat.depends is None:
            depends = None
            break
        depends.update(stat.depends)

    def compute() -> tuple[dict[str, int], datetime.datetime | None]:
        values, ends = {}, []
        for stat in stats:
            value = stat.value()
            if isinstance(value, tuple):
                value, valid_until = value
                if valid_until is not None:
                    ends.append(valid_until)
            values[stat.name] = value
        return values, min(ends) if ends else None

    values = fragments.memo_until(
        "home-statistics:" + ",".join(stat.name for stat in stats),
        compute,
        fragments.ALL if depends is None else sorted(depends),
    )
    return [
        {"name": stat.name, "value": values[stat.name], "label": stat.label(values[stat.name])}
        for stat in stats
    ]


def personal_data_sources() -> list[PersonalDataSource]:
    return sorted(_registry.personal_data.values(), key=lambda s: s.name)


# --- Deferred indexing ----------------------------------------------------------------------------
# A bulk change (an import of a thousand articles) sets this, so that search sources are indexed
# once at the end instead of one background task per page.

_deferred: ContextVar[list | None] = ContextVar("samspill_deferred_indexing", default=None)
_bulk_indexers: dict[str, Callable[[list[tuple[str, int]]], None]] = {}


def register_bulk_indexer(name: str, indexer: Callable[[list[tuple[str, int]]], None]) -> None:
    _bulk_indexers[name] = indexer


def defer_indexing(source: str, object_id: int) -> bool:
    """Called by an indexer's signal handler: True if the change was queued for the bulk's end."""
    pending = _deferred.get()
    if pending is None:
        return False
    pending.append((source, object_id))
    return True


@contextmanager
def deferred_indexing():
    """Within it, search sources' changes are gathered and indexed together at its end. It yields
    the gathered list: a caller that rebuilds the whole index afterwards may clear it. Nested in
    another, it hands what it gathered to the outer one."""
    outer = _deferred.get()
    token = _deferred.set(gathered := [])
    try:
        yield gathered
        pending = list(dict.fromkeys(_deferred.get()))
    finally:
        _deferred.reset(token)
    if outer is not None:
        outer.extend(pending)
        return
    for indexer in _bulk_indexers.values():
        indexer(pending)
