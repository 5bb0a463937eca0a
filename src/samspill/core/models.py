"""Core tables: people, organisations and who belongs where, places, audiences, and the hub's pages.

Every feature app builds on these. `core` never imports a feature app (see `core.registry`).
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from samspill.core import registry
from samspill.core.page_languages import ClosestLanguageAddressMixin, fallback_homes
from samspill.core.validators import normalise_org_number, validate_org_number


class Country(models.TextChoices):
    NORWAY = "NO", _("Norway")
    DENMARK = "DK", _("Denmark")
    SWEDEN = "SE", _("Sweden")
    OTHER = "XX", _("Other country")


# --- People ---------------------------------------------------------------------------------------


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def hub_languages() -> list[tuple[str, str]]:
    """The languages a person may choose for the site and its emails: the hub's (settings)."""
    return list(settings.LANGUAGES)


class User(AbstractUser):
    """A person. Signs in with an email address; everything public about them is opt-in."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    title = models.CharField(
        _("role or title"), max_length=150, blank=True, help_text=_("For example “Booker”.")
    )
    bio = models.TextField(_("about me"), blank=True, max_length=2000)
    is_listed = models.BooleanField(
        _("show me on the pages of my organisations"),
        default=False,
        help_text=_("Only your name is shown, and the fields below that you choose."),
    )
    show_title = models.BooleanField(_("show my role or title"), default=False)
    show_bio = models.BooleanField(_("show “about me”"), default=False)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        blank=True,
        default="",
        choices=hub_languages,
        help_text=_("Emails from the hub are written in this language."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [models.UniqueConstraint(Lower("email"), name="core_user_email_ci_unique")]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email

    @property
    def is_hub_admin(self) -> bool:
        return self.is_active and self.is_superuser

    @property
    def display_name(self) -> str:
        return self.name or _("Anonymous member")


# --- Places ---------------------------------------------------------------------------------------


class Region(models.Model):
    """A Norwegian fylke (2-digit code, 2024 list) or a Danish region (4-digit code)."""

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    code = models.CharField(_("official code"), max_length=4)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The official name, in every official language.")
    )
    sort_name = models.CharField(
        _("sort name"),
        max_length=100,
        blank=True,
        default="",
        db_default="",
        help_text=_("The plain Norwegian or Danish name, for sorting and searching."),
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["country", "sort_name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="core_region_code_unique"),
            models.CheckConstraint(
                condition=(Q(country="NO") & Q(code__regex=r"^[0-9]{2}$"))
                | (Q(country="DK") & Q(code__regex=r"^[0-9]{4}$"))
                | Q(country__in=["SE", "XX"]),
                name="core_region_code_format",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = self.sort_name or self.name
        super().save(*args, **kwargs)


class Municipality(models.Model):
    """A kommune with its official number: Norway 4 digits, Denmark 3 digits."""

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    code = models.CharField(_("official code"), max_length=4)
    name = models.CharField(
        _("name"), max_length=100, help_text=_("The official name, in every official language.")
    )
    sort_name = models.CharField(
        _("sort name"),
        max_length=100,
        blank=True,
        default="",
        db_default="",
        help_text=_("The plain Norwegian or Danish name, for sorting and searching."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="municipalities",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["country", "sort_name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"], name="core_municipality_code_unique"
            ),
            models.CheckConstraint(
                condition=(Q(country="NO") & Q(code__regex=r"^[0-9]{4}$"))
                | (Q(country="DK") & Q(code__regex=r"^[0-9]{3}$"))
                | Q(country__in=["SE", "XX"]),
                name="core_municipality_code_format",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = self.sort_name or self.name
        super().save(*args, **kwargs)

    def former_codes_text(self) -> str:
        """“1106 Haugesund, 1149 Karmøy”: the codes it had before (from a prefetch in lists)."""
        return ", ".join(f"{f.code} {f.name}" for f in self.former_codes.all())

    former_codes_text.short_description = _("former codes")

    def clean(self):
        if self.region_id and self.region.country != self.country:
            raise ValidationError(
                {"region": _("The region must be in the same country as the municipality.")}
            )


class MunicipalityFormerCode(models.Model):
    """A code a municipality had before a renumbering or a merger (`samspill update-places`).

    Answers and imports that still carry the old code resolve to the municipality through it."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="former_codes",
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    code = models.CharField(_("former code"), max_length=4)
    name = models.CharField(_("former name"), max_length=100)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("The last day the code was in use.")
    )

    class Meta:
        verbose_name = _("former municipality code")
        verbose_name_plural = _("former municipality codes")
        ordering = ["country", "code"]
        constraints = [
            # A number SSB retires may come back years later for another kommune: one row per
            # (municipality, code); `resolve_codes` prefers a current code, then the latest.
            models.UniqueConstraint(
                fields=["municipality", "code"], name="core_municipalityformercode_unique"
            ),
            models.CheckConstraint(
                condition=(Q(country="NO") & Q(code__regex=r"^[0-9]{4}$"))
                | (Q(country="DK") & Q(code__regex=r"^[0-9]{3}$"))
                | Q(country__in=["SE", "XX"]),
                name="core_municipalityformercode_code_format",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


# --- Taxonomies -----------------------------------------------------------------------------------


def localised_name(obj) -> str:
    """The name of an object that carries `name_nb`, `name_da` and `name_en`, in the active
    language; bokmål when that one is empty (taxonomy terms, a programme's themes)."""
    language = (get_language() or "nb")[:2]
    return getattr(obj, f"name_{language}", "") or obj.name_nb


class TaxonomyTerm(models.Model):
    """One mechanism for every editable list of terms (audiences now; topics, needs, offers later).

    A term carries its name in each language of the hub; `label` picks the active one.
    """

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_nb = models.CharField(_("name (bokmål)"), max_length=100)
    name_da = models.CharField(_("name (Danish)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name_nb"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return localised_name(self)


class Audience(TaxonomyTerm):
    """Who a piece of content or an event is for."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


# --- Organisations --------------------------------------------------------------------------------


class OrganisationKind(models.TextChoices):
    MUSIC_OFFICE = "music_office", _("Regional music office")
    MUNICIPALITY = "municipality", _("Municipality")
    STARTUP = "startup", _("Start-up")
    LABEL = "label", _("Record label")
    VENUE = "venue", _("Venue")
    FESTIVAL = "festival", _("Festival")
    PUBLISHER = "publisher", _("Music publisher")
    STUDIO = "studio", _("Studio")
    MANAGEMENT = "management", _("Management")
    BOOKING = "booking", _("Booking agency")
    EDUCATION = "education", _("Education")
    INVESTOR = "investor", _("Investor")
    ASSOCIATION = "association", _("Association or industry body")
    PUBLIC_AGENCY = "public_agency", _("Public agency")


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def for_member(self, user, roles=None):
        if not user.is_authenticated:
            return self.none()
        memberships = Membership.objects.filter(user=user)
        if roles:
            memberships = memberships.filter(role__in=roles)
        return self.filter(pk__in=memberships.values("organisation_id"))


class Organisation(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=False)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganisationKind.choices, db_index=True
    )
    country = models.CharField(
        _("country"), max_length=2, choices=Country.choices, default=Country.NORWAY
    )
    org_number = models.CharField(
        _("organisation number"),
        max_length=20,
        blank=True,
        help_text=_("Norway: 9 digits (Enhetsregisteret). Denmark: CVR number, 8 digits."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    summary = models.CharField(
        _("summary"), max_length=280, blank=True, help_text=_("One or two sentences.")
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ol", "ul", "h3"]
    )
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("serves"), blank=True, related_name="organisations"
    )
    is_public = models.BooleanField(
        _("listed publicly"),
        default=True,
        db_index=True,
        help_text=_("Unlisted organisations have no public page."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("country"),
        index.FilterField("is_public"),
    ]

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("is_public")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("country"), FieldPanel("org_number"), FieldPanel("municipality")],
            heading=_("Registration and place"),
        ),
        FieldPanel("logo"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("audiences"),
    ]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "org_number"],
                condition=~Q(org_number=""),
                name="core_organisation_org_number_unique",
            ),
        ]
        indexes = [models.Index(Lower("name"), name="core_org_name_lower_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("core:organisation-detail", kwargs={"slug": self.slug})

    @property
    def content_language(self) -> str:
        """The language its own texts (description, needs and offers) are in, for `lang`
        (core.content_language): Danish for a Danish organisation, else the hub's default."""
        from samspill.core.registry import organisation_language

        return organisation_language(self)

    def clean(self):
        super().clean()
        self.org_number = normalise_org_number(self.org_number)
        try:
            validate_org_number(self.country, self.org_number)
        except ValidationError as error:
            raise ValidationError({"org_number": error.messages}) from error
        if self.municipality_id and self.municipality.country != self.country:
            raise ValidationError(
                {"municipality": _("The municipality must be in the organisation’s country.")}
            )

    @property
    def org_number_display(self) -> str:
        if self.country == Country.NORWAY and len(self.org_number) == 9:
            n = self.org_number
            return f"{n[:3]} {n[3:6]} {n[6:]}"
        return self.org_number


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    EDITOR = "editor", _("Editor")
    MEMBER = "member", _("Member")


EDITING_ROLES = (Role.ADMIN, Role.EDITOR)


class Membership(models.Model):
    """A person's place in an organisation. The role decides what they may edit for it."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="core_membership_one_per_person"
            ),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in Role]), name="core_membership_role_valid"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


# --- Pages ----------------------------------------------------------------------------------------


class HomePage(ClosestLanguageAddressMixin, Page):
    """The hub's landing page. Feature apps add their sections through `core.registry`."""

    # The same for every signed-in member but its calls to join ({% personal %}): the page cache
    # gives them the visitors' copy. A section that shows something of the person breaks that.
    page_cache_members_share = True

    lead = models.TextField(_("lead"), max_length=500)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = registry.home_sections(request)
        context["statistics"] = registry.statistics()
        return context

    def route(self, request, path_components):
        """Route in this language's tree; a page without a translation here is served from the
        default language's tree (then any other), so a language prefix never hides a page."""
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            for home in fallback_homes(self):
                try:
                    return Page.route(home, request, path_components)
                except Http404:
                    continue
            raise


class StandardPage(ClosestLanguageAddressMixin, Page):
    """A plain editorial page: about the hub, privacy, accessibility statement."""

    page_cache_members_share = True

    lead = models.TextField(_("lead"), max_length=500, blank=True)
    body = RichTextField(
        _("body"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr"]
    )

    # The privacy and accessibility statements carry their own dates: the law asks for the date
    # of the statement (and of the last assessment), which a mere edit of the text must not move.
    statement_date = models.DateField(
        _("date of the statement"),
        null=True,
        blank=True,
        help_text=_(
            "For a privacy or accessibility statement: the day its content was last checked "
            "against how the hub works. Shown as “Last updated”; leave empty on other pages."
        ),
    )
    assessed_on = models.DateField(
        _("last assessment"),
        null=True,
        blank=True,
        help_text=_(
            "For the accessibility statement: the day the hub was last tested against WCAG 2.1 "
            "AA. Change it when you test again, and the list of known gaps with it."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("statement_date"), FieldPanel("assessed_on")],
            heading=_("Statement dates"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="cog")
class HubSettings(BaseSiteSetting):
    """What the footer and the page head say about the hub that runs this site."""

    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    operator = models.CharField(
        _("operated by"), max_length=200, blank=True, help_text=_("The data controller.")
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    about_page = models.ForeignKey(
        Page,
        verbose_name=_("about page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        Page,
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        Page,
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    select_related = ["about_page", "privacy_page", "accessibility_page"]

    panels = [
        FieldPanel("tagline"),
        FieldPanel("operator"),
        FieldPanel("contact_email"),
        FieldPanel("about_page"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
    ]

    class Meta:
        verbose_name = _("hub settings")


# --- Infrastructure tables ------------------------------------------------------------------------


class OutgoingEmail(models.Model):
    """A rendered email waiting for the worker (`core.mail`).

    The task that sends it gets only this row's id, so the task table never holds an address, a
    message or a link; the row is deleted once the email is sent, and deleting an account erases
    the rows that still name the person.
    """

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    subject = models.TextField()
    body = models.TextField(blank=True)
    html = models.TextField(blank=True)
    from_email = models.TextField(blank=True)
    to = models.TextField(help_text="addresses, one a line")
    reply_to = models.TextField(blank=True, help_text="addresses, one a line")
    headers = models.JSONField(default=dict, blank=True)
    attachments = models.JSONField(default=list, blank=True)
    # For its EmailLog rows: the NotificationKind's name ("" for none).
    kind = models.CharField(max_length=64, blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")

    def __str__(self):
        return f"#{self.pk}"


class RateLimitCounter(models.Model):
    """One rate limit window's count (`core.ratelimit`), shared by every process that uses the
    database: it is raised with one conditional UPDATE, so concurrent requests cannot both take
    the last use."""

    key = models.CharField(max_length=64, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.key


class CacheEntry(models.Model):
    """The table of Django's database cache (`CACHES` without `REDIS_URL`), made by a migration so
    that `migrate` (and `samspill serve`, and the test database) always has it. Its columns are the
    ones `createcachetable` makes; only the cache backend reads and writes it."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "samspill_cache"

    def __str__(self):
        return self.cache_key


class JobStatus(models.TextChoices):
    OK = "ok", _("Succeeded")
    FAILED = "failed", _("Failed")


class PeriodicJob(models.Model):
    """One periodic job's schedule and its last run (`core.periodic`). Apps register the jobs
    (`registry.register_periodic_job`); `migrate` and the worker's start make a row for each.

    A worker claims a due job by moving `next_run_at` on and setting `running_since` in one
    conditional UPDATE, so two workers never run it at once; `last_status` is the last finished
    run's (a job being run has `running_since` set, and keeps showing how its last run went)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    interval = models.PositiveIntegerField(
        _("interval (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(60 * 24 * 366)],
        help_text=_("How often the job runs."),
    )
    # The interval the code asks for: the row follows it while `interval` equals it, so an
    # interval a hub admin changed is never overwritten.
    default_interval = models.PositiveIntegerField(default=60)
    enabled = models.BooleanField(
        _("enabled"), default=True, help_text=_("A disabled job does not run by itself.")
    )
    next_run_at = models.DateTimeField(_("next run"), null=True, blank=True, db_index=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_status = models.CharField(
        _("last status"), max_length=10, choices=JobStatus.choices, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    last_result = models.JSONField(_("last result"), default=dict, blank=True)
    last_duration = models.DurationField(_("last duration"), null=True, blank=True)
    run_count = models.PositiveIntegerField(_("runs"), default=0)
    failure_count = models.PositiveIntegerField(_("failures"), default=0)
    running_since = models.DateTimeField(_("running since"), null=True, blank=True)
    claimed_by = models.CharField(_("claimed by"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("periodic job")
        verbose_name_plural = _("periodic jobs")

    def __str__(self):
        return self.name


# --- Following and notifications (core.notifications) ---------------------------------------------


class Delivery(models.TextChoices):
    """How a person hears of one kind of notification."""

    IMMEDIATE = "immediate", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    NEVER = "never", _("Never")


class Follow(models.Model):
    """A person follows a topic, an organisation, a project… (any registered `FollowTarget`).

    `auto` when the hub followed it for them (registering, supporting, joining), so the page of
    what one follows can say why."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    auto = models.BooleanField(default=False, db_default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="core_follow_once"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_follow_object")]

    def __str__(self):
        return f"{self.user_id} → {self.content_type_id}:{self.object_id}"


class Notification(models.Model):
    """Something that changed for one person, in their language: shown on their notifications page
    and emailed at once or in a digest (`emailed_at`), as their `NotificationSetting` says."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=64)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    delivery = models.CharField(
        max_length=16, choices=Delivery.choices, default=Delivery.DAILY, db_default="daily"
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="core_notification_unread"),
            models.Index(fields=["delivery", "emailed_at"], name="core_notification_due"),
        ]

    def __str__(self):
        return self.title


class NotificationSetting(models.Model):
    """A person's choice for one kind; without a row, the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    kind = models.CharField(max_length=64)
    delivery = models.CharField(max_length=16, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification setting")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="core_notification_setting_once")
        ]

    def __str__(self):
        return f"{self.user_id} {self.kind}: {self.delivery}"


class EmailOptOut(models.Model):
    """An address that unsubscribed from one kind of email (with or without an account)."""

    address = models.CharField(max_length=254)
    kind = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("email opt-out")
        verbose_name_plural = _("email opt-outs")
        constraints = [
            models.UniqueConstraint(fields=["address", "kind"], name="core_email_opt_out_once")
        ]

    def __str__(self):
        return f"{self.kind}: {self.address}"


class EmailStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    BOUNCED = "bounced", _("Bounced")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    SKIPPED = "skipped", _("Not sent (unsubscribed)")


class EmailLog(models.Model):
    """One email to one address and what became of it, for the hub admins' figures per kind.
    Pruned after 30 days."""

    kind = models.CharField(max_length=64, blank=True, db_index=True)
    address = models.CharField(max_length=254, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=16, choices=EmailStatus.choices)
    subject = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("email log entry")
        verbose_name_plural = _("email log")

    def __str__(self):
        return f"{self.kind} {self.status}"


# --- One-off newsletters --------------------------------------------------------------------------


class NewsletterAudience(models.TextChoices):
    TOPIC_FOLLOWERS = "topic_followers", _("Followers of a topic")
    ORGANISATION_FOLLOWERS = "organisation_followers", _("Followers of an organisation")
    ORGANISATION_MEMBERS = "organisation_members", _("Members of an organisation")


class NewsletterStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    STOPPED = "stopped", _("Stopped")


class Newsletter(models.Model):
    """A one-off email to the followers of a topic or an organisation, or to an organisation's
    members (`core.newsletters`): written in the admin, previewed, scheduled or sent at once, and
    sent by the worker in batches. `cursor` is the id of the last person it was sent to, so a stop
    or a crash resumes where it left off and nobody gets it twice."""

    subject = models.CharField(_("subject"), max_length=200)
    body = RichTextField(
        _("text"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "hr"]
    )
    audience = models.CharField(_("recipients"), max_length=32, choices=NewsletterAudience.choices)
    # The sender, and the organisation whose followers or members receive it (None: a topic's
    # followers, for hub admins only).
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="newsletters",
    )
    # The followed object for TOPIC_FOLLOWERS (a registered follow target, such as a topic).
    content_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=NewsletterStatus.choices,
        default=NewsletterStatus.DRAFT,
        db_default="draft",
        db_index=True,
    )
    scheduled_at = models.DateTimeField(_("send at"), null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    cursor = models.PositiveBigIntegerField(default=0, db_default=0)
    sent_count = models.PositiveIntegerField(_("sent"), default=0, db_default=0)
    total = models.PositiveIntegerField(_("recipients"), default=0, db_default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in NewsletterStatus]),
                name="core_newsletter_status_valid",
            ),
        ]

    def __str__(self):
        return self.subject

    @property
    def editable(self) -> bool:
        return self.status in (NewsletterStatus.DRAFT, NewsletterStatus.SCHEDULED)

    def progress(self) -> str:
        """ "120 / 480" once sending has started."""
        if self.status in (NewsletterStatus.DRAFT, NewsletterStatus.SCHEDULED):
            return ""
        return f"{self.sent_count} / {self.total}"
