"""Reads of the network: the listed organisations, match suggestions explained in words, the
directory and the profiles, the weekly email's subscriptions, joining and its admin screens, and
what the network gives core's registry (its organisation section, statistic, personal data)."""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Prefetch, Q, Sum, When
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core import images, versions
from samspill.core.models import (
    Audience,
    Membership,
    Municipality,
    Organisation,
    Region,
    Role,
    User,
)
from samspill.core.permissions import managed_organisation_ids
from samspill.network import search
from samspill.network.models import (
    Approval,
    DigestSubscription,
    Direction,
    Invitation,
    JoinRequest,
    NeedOffer,
    NeedOfferCategory,
    OrganisationProfile,
    RequestStatus,
)


def listed_organisations():
    """Organisations the network shows: listed in core, and not waiting for (or refused) approval."""
    # NOT IN a short list (the few organisations waiting or declined) rather than a join to every
    # profile: a third of the cost of counting 50,000 organisations on SQLite.
    return Organisation.objects.public().exclude(pk__in=_waiting_or_declined())


def _waiting_or_declined():
    return OrganisationProfile.objects.filter(
        approval__in=[Approval.PENDING, Approval.DECLINED]
    ).values("organisation_id")


def category_counts():
    """Every need-and-offer category with how many listed organisations need and offer it."""
    listed = Q(needs_offers__organisation__in=listed_organisations().values("pk"))
    return NeedOfferCategory.objects.annotate(
        needs=Count("needs_offers", filter=listed & Q(needs_offers__direction=Direction.NEED)),
        offers=Count("needs_offers", filter=listed & Q(needs_offers__direction=Direction.OFFER)),
    ).order_by("sort_order", "name_nb")


# --- Match suggestions, and their reasons in words ------------------------------------------------


@dataclass
class Match:
    organisation: Organisation
    score: int
    they_offer: list[NeedOfferCategory] = field(default_factory=list)  # what we need
    they_need: list[NeedOfferCategory] = field(default_factory=list)  # what we offer

    @property
    def reasons(self) -> list[tuple[str, NeedOfferCategory]]:
        """("offers", category) for each of our needs they meet, ("needs", category) for each
        of theirs we can meet: the template words them ("offers booking, which you need")."""
        return [("offers", c) for c in self.they_offer] + [("needs", c) for c in self.they_need]


MATCH_CANDIDATES = 2000


def matches_for(organisation: Organisation, *, limit: int = 20) -> list[Match]:
    """The organisations whose offers meet this one's needs and whose needs it can meet.

    Ranked by what they offer that it needs (counted twice: a need met is worth more than a
    chance to help), then what they need that it offers, then by sharing its region, then by
    how recently they were active (a lively partner answers), then by name. One
    aggregate query sets the bar (the score of the `limit`-th best), one ranks those that reach
    it, two more fetch them and the reasons: five queries whatever the size of the network.
    """
    rows = NeedOffer.objects.filter(organisation=organisation).values_list(
        "category_id", "direction"
    )
    needs = {c for c, d in rows if d == Direction.NEED}
    offers = {c for c, d in rows if d == Direction.OFFER}
    if not needs and not offers:
        return []
    meeting = Q(direction=Direction.OFFER, category_id__in=needs) | Q(
        direction=Direction.NEED, category_id__in=offers
    )
    region_id = organisation.municipality.region_id if organisation.municipality_id else None
    # First the score alone, from the index on (category, direction, organisation), leaving out
    # the few organisations the network does not list: the score of the `limit`-th best is the
    # bar. Only those that reach it are ranked with the tie-breakers, which need a join to every
    # organisation's row (a few hundred rows instead of every match in a network of 50,000).
    meeting_rows = (
        NeedOffer.objects.filter(meeting)
        .exclude(organisation_id=organisation.pk)
        .exclude(organisation_id__in=Organisation.objects.filter(is_public=False).values("pk"))
        .exclude(organisation_id__in=_waiting_or_declined())
    )
    scored = (
        meeting_rows.order_by()
        .values("organisation_id")
        .annotate(score=Sum(Case(When(direction=Direction.OFFER, then=2), default=1)))
    )
    bar = list(scored.order_by("-score").values_list("score", flat=True)[limit - 1 : limit])
    candidates = meeting_rows
    if bar:
        reaching = scored.filter(score__gte=bar[0]).values("organisation_id")
        ids = list(reaching.values_list("organisation_id", flat=True)[:MATCH_CANDIDATES])
        # Usually a few hundred ids, passed as they are; a bar that very many reach is left to
        # the database as a subquery.
        candidates = candidates.filter(
            organisation_id__in=ids if len(ids) < MATCH_CANDIDATES else reaching
        )
    ranked = (
        candidates.values("organisation_id")
        .annotate(
            they_offer=Count("pk", filter=Q(direction=Direction.OFFER)),
            they_need=Count("pk", filter=Q(direction=Direction.NEED)),
            same_region=Count("pk", filter=Q(organisation__municipality__region_id=region_id)),
        )
        .annotate(score=F("they_offer") * 2 + F("they_need"))
        .order_by(
            "-score",
            "-same_region",
            F("organisation__network_profile__last_active_at").desc(nulls_last=True),
            "organisation__name",
        )[:limit]
    )
    ranked = list(ranked)
    if not ranked:
        return []
    ids = [row["organisation_id"] for row in ranked]
    organisations = Organisation.objects.select_related("municipality").in_bulk(ids)
    reasons = NeedOffer.objects.filter(meeting, organisation_id__in=ids).select_related("category")
    matches = {
        pk: Match(organisation=organisations[pk], score=row["score"])
        for pk, row in ((r["organisation_id"], r) for r in ranked)
    }
    for item in reasons.order_by("category__sort_order", "category__name_nb"):
        match = matches[item.organisation_id]
        if item.direction == Direction.OFFER:
            match.they_offer.append(item.category)
        else:
            match.they_need.append(item.category)
    return [matches[pk] for pk in ids]


def _lower_first(label: str) -> str:
    """ "Booking" → "booking" inside a sentence; acronyms ("PR") keep their capitals."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def reason_sentence(kind: str, category) -> str:
    """The reason for a match in words, in the active language."""
    label = _lower_first(category.label)
    if kind in ("they_offer", "offers"):
        return _("Offers %(category)s, which you need") % {"category": label}
    return _("Needs %(category)s, which you offer") % {"category": label}


def reasons_of(match) -> list[dict]:
    """[{kind, category, label, text}] for a Match: what they offer that we need, then the rest."""
    return [
        {
            "kind": "they_offer" if why == "offers" else "they_need",
            "category": category.slug,
            "label": category.label,
            "text": reason_sentence(why, category),
        }
        for why, category in match.reasons
    ]


# --- The directory and the profiles ---------------------------------------------------------------

DIRECTORY_SORTS = ("name", "newest", "active")


def _needs_offers_prefetch():
    return Prefetch(
        "needs_offers",
        queryset=NeedOffer.objects.select_related("category").order_by(
            "direction", "category__sort_order", "category__name_nb", "pk"
        ),
    )


def directory_organisations(
    *,
    q: str = "",
    kind: str | None = None,
    country: str | None = None,
    region: str | None = None,
    municipality: str | None = None,
    offers: list[str] | None = None,
    needs: list[str] | None = None,
    audience: str | None = None,
    founded_from: int | None = None,
    founded_to: int | None = None,
    size: str | None = None,
    sort: str = "name",
):
    """Listed organisations, filtered, searched and sorted, with what the list shows prefetched.

    `region` and `municipality` are official codes, `audience` and the categories of `offers` and
    `needs` slugs (several categories: any of them). With a query, the best matches come first
    (most query words in the name, then anywhere), then `sort`. Three queries per page whatever
    its length: the count, the page, its needs and offers."""
    organisations = listed_organisations()
    if kind:
        organisations = organisations.filter(kind=kind)
    if country:
        organisations = organisations.filter(country=country)
    if region:
        organisations = organisations.filter(municipality__region__code=region)
    if municipality:
        organisations = organisations.filter(municipality__code=municipality)
    for direction, slugs in ((Direction.OFFER, offers), (Direction.NEED, needs)):
        if slugs:
            organisations = organisations.filter(
                pk__in=NeedOffer.objects.filter(
                    direction=direction, category__slug__in=slugs
                ).values("organisation_id")
            )
    if audience:
        organisations = organisations.filter(
            pk__in=Organisation.audiences.through.objects.filter(audience__slug=audience).values(
                "organisation_id"
            )
        )
    if founded_from:
        organisations = organisations.filter(network_profile__founded_year__gte=founded_from)
    if founded_to:
        organisations = organisations.filter(network_profile__founded_year__lte=founded_to)
    if size:
        organisations = organisations.filter(network_profile__size=size)
    organisations, searched = search.search(organisations, q)
    order = {
        "newest": [F("created_at").desc(), "pk"],
        "active": [F("network_profile__last_active_at").desc(nulls_last=True), Lower("name")],
    }.get(sort, [Lower("name"), "pk"])
    if searched:
        order = ["-name_hits", *order]
    # Lists show the summary, never the description: leaving it out keeps the rows that a search
    # sorts small.
    return (
        images.with_renditions(organisations, "logo", "logo-card")
        .select_related("municipality__region", "network_profile")
        .defer("description")
        .prefetch_related(_needs_offers_prefetch())
        .order_by(*order)
    )


def need_offer_categories():
    return NeedOfferCategory.objects.all()


def _directory_places() -> dict:
    listed = listed_organisations()
    return {
        "regions": list(
            Region.objects.filter(municipalities__organisations__in=listed)
            .distinct()
            .order_by("country", "sort_name", "name")
        ),
        # Grouped by fylke or region in the form (the official lists have hundreds).
        "municipalities": list(
            Municipality.objects.filter(organisations__in=listed)
            .select_related("region")
            .distinct()
            .order_by("country", "region__sort_name", "sort_name", "name")
        ),
    }


def directory_choices() -> dict:
    """What the directory's facets offer: categories, audiences, and the regions and
    municipalities where listed organisations are. Which places have organisations costs a scan
    of every listed organisation, so it is kept until an organisation, a place or a profile
    changes (`versions.memo`: exact, not timed)."""
    places = versions.memo(
        "network:directory-places", _directory_places, depends=("core", "network"), timeout=3600
    )
    return {
        "categories": list(NeedOfferCategory.objects.all()),
        "audiences": list(Audience.objects.all()),
        **places,
    }


def listed_people(*, q: str = ""):
    """People who chose to be listed (active accounts), by name, each with `listed_organisations`.

    Only their name and the fields they chose to show may be used from these rows."""
    people = User.objects.filter(is_listed=True, is_active=True)
    if q:
        people = people.filter(name__icontains=q.strip()[:100])
    return people.prefetch_related(_listed_memberships()).order_by(Lower("name"), "pk")


def _listed_memberships():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(organisation__in=listed_organisations())
        .select_related("organisation")
        .order_by(Lower("organisation__name")),
        to_attr="listed_memberships",
    )


def person_get_public(*, pk: int) -> User:
    """A listed, active person with their listed organisations; 404 for anyone else."""
    try:
        return listed_people().get(pk=pk)
    except User.DoesNotExist as error:
        raise Http404 from error


def is_listed(organisation: Organisation) -> bool:
    """Whether the network lists the organisation (see `listed_organisations`)."""
    profile = getattr(organisation, "network_profile", None)
    approval = profile.approval if profile is not None else Approval.APPROVED
    return organisation.is_public and approval == Approval.APPROVED


def profile_organisation(*, slug: str) -> Organisation:
    """An organisation with everything its network profile shows (listed or not: the view decides
    who may see an unlisted one). 404 when no organisation has the slug."""
    listed_members = Prefetch(
        "memberships",
        queryset=Membership.objects.filter(user__is_listed=True, user__is_active=True)
        .select_related("user")
        .order_by(Lower("user__name"), "pk"),
        to_attr="listed_memberships",
    )
    try:
        return (
            images.with_renditions(Organisation.objects.all(), "logo", "logo")
            .select_related("municipality__region", "network_profile")
            .prefetch_related(
                "audiences", "profile_links", listed_members, _needs_offers_prefetch()
            )
            .get(slug=slug)
        )
    except Organisation.DoesNotExist as error:
        raise Http404 from error


def organisation_listed_by_slug(*, slug: str) -> Organisation:
    """A listed organisation (for the API); 404 for any other."""
    organisation = profile_organisation(slug=slug)
    if not is_listed(organisation):
        raise Http404
    return organisation


def needs_and_offers(organisation: Organisation) -> tuple[list[NeedOffer], list[NeedOffer]]:
    """(needs, offers), from the prefetched `needs_offers` when they are (else one query)."""
    if "needs_offers" in getattr(organisation, "_prefetched_objects_cache", {}):
        items = list(organisation.needs_offers.all())
    else:
        items = list(_needs_offers_prefetch().queryset.filter(organisation=organisation))
    return (
        [n for n in items if n.direction == Direction.NEED],
        [n for n in items if n.direction == Direction.OFFER],
    )


def contact_recipients(organisation: Organisation) -> list[User]:
    """Who receives a message sent to an organisation: its active administrators."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role=Role.ADMIN,
        ).order_by("pk")
    )


# --- The weekly match email -----------------------------------------------------------------------


def is_subscribed(*, user, organisation) -> bool:
    if not user.is_authenticated:
        return False
    return DigestSubscription.objects.filter(user=user, organisation=organisation).exists()


# --- For core's registry (`NetworkConfig.ready`) ---------------------------------------------------


def not_approved() -> Q:
    """Organisations submitted by a member that no hub editor approved (yet): their memberships
    grant nothing. Organisations without a network profile were created by hub admins."""
    return Q(network_profile__approval__in=[Approval.PENDING, Approval.DECLINED])


def organisation_section(request, organisation) -> dict | None:
    """On core's organisation page: what it needs and offers, and the way to its network profile
    (with the matches, the contact form and the people), when the network lists it."""
    if not is_listed(organisation):
        return None
    needs, offers = needs_and_offers(organisation)
    return {"needs": needs, "offers": offers}


def needs_offers_count() -> int:
    return NeedOffer.objects.filter(organisation__in=listed_organisations()).count()


def personal_data(*, user) -> dict:
    """The network's part of a person's data export."""
    return {
        "requests_to_join": [
            {
                "organisation": r.organisation.name,
                "message": r.message,
                "status": r.status,
                "asked": r.created_at.isoformat(),
            }
            for r in JoinRequest.objects.filter(user=user).select_related("organisation")
        ],
        "weekly_match_emails": [
            s.organisation.name
            for s in DigestSubscription.objects.filter(user=user).select_related("organisation")
        ],
        "invitations_received": [
            {
                "organisation": i.organisation.name,
                "sent": i.created_at.isoformat(),
                "accepted": i.accepted_at.isoformat() if i.accepted_at else None,
            }
            for i in Invitation.objects.filter(email__iexact=user.email).select_related(
                "organisation"
            )
        ],
    }


# --- Joining -----------------------------------------------------------------------------------------


def organisation_or_404(*, slug: str, with_profile: bool = False) -> Organisation:
    """Any organisation by its slug (listed or not: the view decides who may see it)."""
    organisations = Organisation.objects.all()
    if with_profile:
        organisations = organisations.select_related("network_profile")
    return get_object_or_404(organisations, slug=slug)


def listed_organisation_or_404(*, slug: str) -> Organisation:
    organisation = listed_organisations().filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


def membership_of(*, user, organisation) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(organisation=organisation, user=user).first()


def pending_join_request(*, user, organisation) -> JoinRequest | None:
    return JoinRequest.objects.filter(
        organisation=organisation, user=user, status=RequestStatus.PENDING
    ).first()


def join_requests_of(organisation: Organisation):
    """(waiting, answered): the organisation's requests to join, the waiting ones oldest first,
    the answered ones latest decided first."""
    requests = JoinRequest.objects.filter(organisation=organisation).select_related("user")
    waiting = requests.filter(status=RequestStatus.PENDING).order_by("created_at")
    answered = requests.exclude(status=RequestStatus.PENDING).order_by("-decided_at", "-pk")
    return waiting, answered


def join_request_or_404(*, organisation: Organisation, pk: int) -> JoinRequest:
    return get_object_or_404(
        JoinRequest.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
    )


def recent_invitations(organisation: Organisation, *, limit: int = 20):
    return organisation.network_invitations.select_related("accepted_by")[:limit]


# --- The admin's screens of joining ---------------------------------------------------------------


def organisations_waiting_for_approval():
    return (
        Organisation.objects.filter(network_profile__approval=Approval.PENDING)
        .select_related("municipality", "network_profile__submitted_by")
        .order_by("created_at", "pk")
    )


def join_requests_visible_to(user):
    """Hub admins see every request to join; an organisation's admins see theirs."""
    ids = managed_organisation_ids(user)
    requests = JoinRequest.objects.all()
    if ids is not None:
        requests = requests.filter(organisation_id__in=ids)
    return requests


def _invitation_counts(now) -> dict:
    return {
        "sent": Count("pk"),
        "accepted": Count("pk", filter=Q(accepted_at__isnull=False)),
        "signed_up": Count("pk", filter=Q(signed_up=True)),
        "expired": Count("pk", filter=Q(accepted_at__isnull=True, expires_at__lte=now)),
    }


def invitation_report(now=None):
    """Per organisation: invitations sent, accepted, that led to a new account, expired unused."""
    now = now or timezone.now()
    return (
        Invitation.objects.values("organisation_id", "organisation__name", "organisation__slug")
        .annotate(**_invitation_counts(now))
        .order_by("organisation__name", "organisation_id")
    )


def invitation_totals(now=None) -> dict:
    """The same counts over every invitation."""
    return Invitation.objects.aggregate(**_invitation_counts(now or timezone.now()))
