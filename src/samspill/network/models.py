"""The network hub: what organisations need and offer, their profile facts, joining, invitations.

It sits on core's Organisation and Membership. An organisation's listing (`Organisation.is_public`)
stays core's; an organisation a member creates waits for a hub editor (`OrganisationProfile.
approval`) before it is listed. People are private unless they chose to be listed (core's
`User.is_listed` and its show_* fields).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samspill.core.models import Organisation, TaxonomyTerm


class NeedOfferCategory(TaxonomyTerm):
    """One editable list for both needs and offers (investment, booking, studios …)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("need or offer category")
        verbose_name_plural = _("needs and offers")


class Size(models.TextChoices):
    SOLO = "1", _("Just me")
    SMALL = "2-10", _("2–10 people")
    MEDIUM = "11-50", _("11–50 people")
    LARGE = "51-200", _("51–200 people")
    XLARGE = "200+", _("More than 200 people")


class Approval(models.TextChoices):
    APPROVED = "approved", _("Approved")
    PENDING = "pending", _("Waiting for approval")
    DECLINED = "declined", _("Declined")


class OrganisationProfile(models.Model):
    """The network's facts about an organisation, one row each (created on first use)."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="network_profile",
        primary_key=True,
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founded"), null=True, blank=True, db_index=True
    )
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    approval = models.CharField(
        _("approval"),
        max_length=10,
        choices=Approval.choices,
        default=Approval.APPROVED,
        db_index=True,
        help_text=_(
            "Organisations created by members wait for a hub editor before they are listed."
        ),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.CharField(_("note on the decision"), max_length=300, blank=True)
    last_active_at = models.DateTimeField(_("last active"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("network profile")
        verbose_name_plural = _("network profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(founded_year__isnull=True)
                | Q(founded_year__gte=1800, founded_year__lte=2100),
                name="network_profile_founded_year_range",
            ),
            models.CheckConstraint(
                condition=Q(approval__in=[a.value for a in Approval]),
                name="network_profile_approval_valid",
            ),
        ]

    def __str__(self):
        return str(self.organisation)


class Direction(models.TextChoices):
    NEED = "need", _("Needs")
    OFFER = "offer", _("Offers")


class NeedOffer(models.Model):
    """ "We need booking" or "we offer studios", with a line in the organisation's own words."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="needs_offers",
    )
    direction = models.CharField(_("need or offer"), max_length=5, choices=Direction.choices)
    category = models.ForeignKey(
        NeedOfferCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="needs_offers",
    )
    text = models.CharField(
        _("in your own words"),
        max_length=280,
        blank=True,
        help_text=_("For example “We look for a pre-seed investor for a vocal app”."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("need or offer")
        verbose_name_plural = _("needs and offers")
        ordering = ["direction", "category__sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "direction", "category"],
                name="network_needoffer_once_per_category",
            ),
            models.CheckConstraint(
                condition=Q(direction__in=[d.value for d in Direction]),
                name="network_needoffer_direction_valid",
            ),
        ]
        # Matching joins on (category, direction) and groups by organisation.
        indexes = [models.Index(fields=["category", "direction", "organisation"])]

    def __str__(self):
        return f"{self.organisation}: {self.get_direction_display()} {self.category}"


class ProfileLink(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="profile_links"
    )
    label = models.CharField(_("label"), max_length=60)
    url = models.URLField(_("address"))
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class JoinRequest(models.Model):
    """A person asks to join an organisation; its admins approve or decline."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    message = models.CharField(_("message"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=Q(status="pending"),
                name="network_joinrequest_one_pending",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.organisation}"


class Invitation(models.Model):
    """An invitation by email to join an organisation in the hub: a signed link that expires.

    The hub counts how many invitations led to a sign-up (`accepted_at`, `signed_up`)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="network_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=10, default="member")
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_up = models.BooleanField(
        _("led to a new account"),
        default=False,
        help_text=_("The person created their account through this invitation."),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "created_at"])]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class DigestSubscription(models.Model):
    """A member wants the weekly email with their organisation's match suggestions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_digests"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="match_digests"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("match digest")
        verbose_name_plural = _("match digests")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="network_digest_once_per_member"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class DirectoryTerm(models.Model):
    """One stem of one organisation's texts; `in_name` when it occurs in the name. The directory's
    search (`network.search`) fills and reads it."""

    MAX_TERM = 60

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="directory_terms", db_index=False
    )
    term = models.CharField(max_length=MAX_TERM)
    in_name = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("directory search term")
        verbose_name_plural = _("directory search terms")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "term"], name="network_directoryterm_once"
            )
        ]
        indexes = [
            models.Index(fields=["term", "organisation"], name="network_dirterm_term_org_idx")
        ]

    def __str__(self):
        return self.term
