"""Reads shaped for core's pages and endpoints: each returns a queryset with what the page needs
joined or prefetched, so that a list costs the same number of queries whatever its length."""

import pickle
import time

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Page, Site

from samspill.core import images, versions
from samspill.core.locales import active_locale_id
from samspill.core.models import (
    Audience,
    HubSettings,
    Membership,
    Municipality,
    Organisation,
    Region,
    User,
)


def hub_name(request=None) -> str:
    """The hub's name: SITE_NAME when it is set, else the name `samspill setup` gave Wagtail's
    default Site, else the default. With a request, the request's Site (which Wagtail keeps on
    the request, so a page that shows the hub settings pays no query for it)."""
    if settings.WAGTAIL_SITE_NAME != settings.SITE_NAME_DEFAULT:
        return settings.WAGTAIL_SITE_NAME
    if request is not None:
        site = site_for_request(request)
        name = site.site_name if site else ""
    else:
        name = _default_site_name()
    return name or settings.WAGTAIL_SITE_NAME


# The default Site's name, read at most once a minute per process: every email names the hub, and
# a batch of emails (the digests, an event's reminders) should not pay a query for each. A Site
# saved in this process empties it at once (apps.py); other processes follow within the minute.
HUB_NAME_TTL = 60.0
_default_site_name_memo: dict[str, tuple[float, str]] = {}


def clear_hub_name_cache(**kwargs) -> None:
    _default_site_name_memo.clear()


# --- The Site and the hub settings, kept per process -----------------------------------------------
# Every page reads both. They are kept in this process's memory under the versions of the tables
# they come from (core.versions): a write anywhere (a service, the admin, another process) makes
# the next request read them again. Each request gets its own copies (unpickled), so nothing one
# request sets on them reaches another.


def _sites() -> list[tuple[str, int, bool, bytes]]:
    return [
        (site.hostname, site.port, site.is_default_site, pickle.dumps(site))
        for site in Site.objects.select_related("root_page").order_by("pk")
    ]


def match_site(sites, hostname: str, port) -> bytes | None:
    """The choice of Wagtail's `get_site_for_hostname` among (hostname, port, is default, site):
    the site with this hostname and port; else with this hostname that is the default; else the
    default site, unless exactly one other site has this hostname; else the only site with this
    hostname."""
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = None
    ranked = []
    for site_hostname, site_port, is_default, site in sites:
        if site_hostname == hostname and site_port == port:
            rank = 0
        elif site_hostname == hostname and is_default:
            rank = 1
        elif is_default:
            rank = 2
        elif site_hostname == hostname:
            rank = 3
        else:
            continue
        ranked.append((rank, site))
    ranked.sort(key=lambda pair: pair[0])
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][0] in (0, 1):
        return ranked[0][1]
    if ranked[0][0] == 2:
        return ranked[len(ranked) == 2][1]
    return None


def site_for_request(request):
    """Wagtail's `Site.find_for_request(request)` without a query while no Site or page changed.
    The Site is kept on the request where Wagtail looks for it (`request._wagtail_site`), so
    Wagtail's own calls for this request (its page serving, its settings) get the same one."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        sites = versions.process_memo("core:sites", _sites, depends=("wagtail",))
        hostname = split_domain_port(request._get_raw_host())[0]
        site = match_site(sites, hostname, request.get_port())
        request._wagtail_site = pickle.loads(site) if site is not None else None
    return request._wagtail_site


def _site_root_paths() -> list:
    # Wagtail's own copy in the cache may predate the write that brought these versions.
    Site.clear_site_root_paths_cache()
    return Site.get_site_root_paths()


def site_root_paths_for_request(request) -> list:
    """Wagtail's `Site.get_site_root_paths()` (every page address is built from them), kept in
    this process until a Site or page changes, and on the request where Wagtail's `Page.get_url`
    looks for them (`request._wagtail_cached_site_root_paths`)."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        paths = versions.process_memo(
            "core:site-root-paths", _site_root_paths, depends=("wagtail",)
        )
        request._wagtail_cached_site_root_paths = list(paths)
    return request._wagtail_cached_site_root_paths


def _hub(site_id: int, locale_id: int | None) -> bytes:
    hub = {"settings": HubSettings.for_site(Site.objects.get(pk=site_id))}
    wanted = {
        name: getattr(hub["settings"], name)
        for name in ("about_page", "privacy_page", "accessibility_page")
        if getattr(hub["settings"], f"{name}_id")
    }
    missing = [page.translation_key for page in wanted.values() if page.locale_id != locale_id]
    translated = {}
    if locale_id is not None and missing:
        translated = {
            page.translation_key: page
            for page in Page.objects.live().filter(locale_id=locale_id, translation_key__in=missing)
        }
    for name, page in wanted.items():
        hub[name] = translated.get(page.translation_key, page)
    return pickle.dumps(hub)


def hub_for_request(request) -> dict:
    """The request's hub settings (`HubSettings`) and its about, privacy and accessibility pages
    in the active language (falling back to the page itself where no live translation exists):
    {"settings": ..., "about_page": ..., ...}, {"settings": None} without a site. Kept per
    process until a hub setting or a page changes; once per request."""
    hub = getattr(request, "_samspill_hub", None)
    if hub is not None:
        return hub
    site = site_for_request(request)
    if site is None:
        hub = {"settings": None}
    else:
        locale_id = active_locale_id()
        hub = pickle.loads(
            versions.process_memo(
                f"core:hub:{site.pk}:{locale_id}",
                lambda: _hub(site.pk, locale_id),
                depends=("wagtail",),
            )
        )
        # Where Wagtail's `HubSettings.for_request` looks, so that it finds the same one.
        hub["settings"]._request = request
        setattr(request, HubSettings.get_cache_attr_name(), hub["settings"])
    request._samspill_hub = hub
    return hub


def _default_site_name() -> str:
    now = time.monotonic()
    cached = _default_site_name_memo.get("name")
    if cached is None or now - cached[0] > HUB_NAME_TTL:
        name = Site.objects.filter(is_default_site=True).values_list("site_name", flat=True).first()
        cached = (now, name or "")
        _default_site_name_memo["name"] = cached
    return cached[1]


def organisation_list_public(
    *,
    kind: str | None = None,
    country: str | None = None,
    municipality: str | None = None,
    q: str | None = None,
) -> QuerySet[Organisation]:
    organisations = images.with_renditions(
        Organisation.objects.public(), "logo", "logo-card"
    ).select_related("municipality", "municipality__region")
    if kind:
        organisations = organisations.filter(kind=kind)
    if country:
        organisations = organisations.filter(country=country)
    if municipality:
        organisations = organisations.filter(municipality__code=municipality)
    if q:
        organisations = organisations.filter(Q(name__icontains=q) | Q(summary__icontains=q))
    return organisations.prefetch_related("audiences")


def listed_members() -> Prefetch:
    """Members who chose to be shown, for an organisation's public page."""
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(user__is_listed=True, user__is_active=True)
        .select_related("user")
        .order_by("user__name"),
        to_attr="listed_memberships",
    )


def organisation_get_public(*, slug: str) -> Organisation:
    try:
        return (
            images.with_renditions(Organisation.objects.public(), "logo", "logo")
            .select_related("municipality", "municipality__region")
            .prefetch_related("audiences", listed_members())
            .get(slug=slug)
        )
    except Organisation.DoesNotExist as error:
        raise Http404 from error


def organisation_kind_counts() -> dict[str, int]:
    return dict(
        Organisation.objects.public()
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )


def user_memberships(*, user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def region_list(*, country: str | None = None) -> QuerySet[Region]:
    regions = Region.objects.all()
    return regions.filter(country=country) if country else regions


def municipality_list(
    *,
    country: str | None = None,
    region: str | None = None,
    code: str | None = None,
    q: str | None = None,
) -> QuerySet[Municipality]:
    """Municipalities with their region and former codes (three queries a page). `code` finds a
    municipality by its current or a former code; `q` searches the official and the sort name."""
    municipalities = Municipality.objects.select_related("region").prefetch_related("former_codes")
    if country:
        municipalities = municipalities.filter(country=country)
    if region:
        municipalities = municipalities.filter(region__code=region)
    if code:
        municipalities = municipalities.filter(Q(code=code) | Q(former_codes__code=code)).distinct()
    if q:
        words = q.strip()[:100]
        municipalities = municipalities.filter(
            Q(name__icontains=words) | Q(sort_name__icontains=words)
        )
    return municipalities


def audience_list() -> QuerySet[Audience]:
    return Audience.objects.all()


def user_active_by_email(*, email: str) -> User | None:
    """The active account with this address (any case), for adding a membership in the admin."""
    return User.objects.filter(email__iexact=email, is_active=True).first()


def membership_get(*, pk: int) -> Membership:
    return Membership.objects.get(pk=pk)
