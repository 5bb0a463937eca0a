"""Reads shaped for core's pages and endpoints: each returns a queryset with what the page needs
joined or prefetched, so that a list costs the same number of queries whatever its length."""

import time

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from wagtail.models import Site

from samspill.core.models import (
    Audience,
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
        site = Site.find_for_request(request)
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
    organisations = Organisation.objects.public().select_related(
        "municipality", "municipality__region", "logo"
    )
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
            Organisation.objects.public()
            .select_related("municipality", "municipality__region", "logo")
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
