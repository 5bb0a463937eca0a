"""Programmes, themes and projects: a cross-municipal programme that shows its reach.

A `Programme` is an agreement between municipalities (Musikmetropolen is the demo's): its vision,
its participating municipalities, its secretariat and its editable `Theme`s. A `Project` runs under
one programme and one or more of its themes, led by one organisation with partners, in one or more
municipalities, with funding, milestones (progress 0–100), results, videos (click-to-load) and
documents, and links to the events and surveys it produced or used.

Ideas for projects are their own app (`samspill.ideas`).
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Avg, Case, F, Q, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from samspill.core import registry, versions
from samspill.core.models import Municipality, Organisation, localised_name
from samspill.projects.video import parse_video

RICH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Programme(ClusterableModel):
    """A cultural agreement or programme between municipalities, with its own themes."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    lead = models.CharField(
        _("lead"), max_length=300, help_text=_("One or two sentences for lists and previews.")
    )
    vision = models.TextField(_("vision"), max_length=1000, blank=True)
    body = RichTextField(_("about the programme"), blank=True, features=RICH_FEATURES)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    municipalities = ParentalManyToManyField(
        Municipality,
        verbose_name=_("participating municipalities"),
        blank=True,
        related_name="programmes",
    )
    secretariat = models.ForeignKey(
        Organisation,
        verbose_name=_("secretariat"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_secretariats",
    )
    secretariat_contact = models.CharField(
        _("secretariat contact"),
        max_length=300,
        blank=True,
        help_text=_("Who to ask, shown on the programme page (a name, a role, an address)."),
    )
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="projects_programme_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:programme", kwargs={"slug": self.slug})

    @property
    def content_language(self) -> str:
        """The language its texts are in, for `lang` (`programme_language`)."""
        return programme_language(self.pk)

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})


# Its own version token (core.versions), bumped when a programme is saved or deleted, or one of the
# secretariats it knows is (projects.apps): the language of every project card is known without a
# query, and the writes of other organisations and projects do not recompute it.
PROGRAMME_LANGUAGES = "programme-languages"
_secretariat_ids: set[int] = set()


def _programme_languages() -> dict[int, str]:
    programmes = list(
        Programme.objects.select_related("secretariat").only("pk", "secretariat__country")
    )
    _secretariat_ids.clear()
    _secretariat_ids.update(p.secretariat_id for p in programmes if p.secretariat_id)
    return {p.pk: registry.organisation_language(p.secretariat) for p in programmes}


def programme_language(programme_id: int | None) -> str:
    """The language a programme's projects and ideas are written in: its secretariat's
    (`registry.organisation_language`, as their search passages), kept per process."""
    languages = versions.process_memo(
        "projects:programme-languages", _programme_languages, depends=(PROGRAMME_LANGUAGES,)
    )
    return languages.get(programme_id) or registry.organisation_language(None)


def programme_languages_changed(sender, instance, **kwargs) -> None:
    """A programme, or a secretariat this process knows, was saved or deleted."""
    if sender is Programme or instance.pk in _secretariat_ids:
        versions.bump(PROGRAMME_LANGUAGES)


class Theme(Orderable):
    """A heading of a programme (“Talent and career development”), named in each language."""

    programme = ParentalKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="themes"
    )
    slug = models.SlugField(_("slug"), max_length=60)
    name_nb = models.CharField(_("name (bokmål)"), max_length=120)
    name_da = models.CharField(_("name (Danish)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "slug"], name="projects_theme_slug_unique"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return localised_name(self)


class PartnerOrganisation(Organisation):
    """An organisation as a project's partner. Organisation's default ordering is an expression
    (`Lower("name")`), which modelcluster cannot use to sort the partners it holds in memory
    before the project is saved; this proxy orders by the plain name. Set partners on an unsaved
    project as PartnerOrganisation instances (`PartnerOrganisation.objects.filter(...)`): plain
    Organisation instances are taken for primary keys by modelcluster."""

    class Meta:
        proxy = True
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped")


def _today():
    from django.utils import timezone

    return timezone.localdate()


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, programme__is_published=True)

    def with_current_status(self, today: datetime.date | None = None):
        """`status_now`: what `Project.current_status` says, in SQL (to filter by it)."""
        today = today or _today()
        explicit = [ProjectStatus.COMPLETED, ProjectStatus.STOPPED]
        return self.annotate(
            status_now=Case(
                When(status__in=explicit, then=F("status")),
                When(ends_on__lt=today, then=Value(ProjectStatus.COMPLETED.value)),
                When(
                    status=ProjectStatus.RUNNING,
                    starts_on__gt=today,
                    then=Value(ProjectStatus.PLANNED.value),
                ),
                default=F("status"),
                output_field=models.CharField(),
            )
        )

    def in_status(self, status: str, today: datetime.date | None = None):
        """The projects whose current status (by their dates, or as set) is `status`."""
        return self.with_current_status(today).filter(status_now=status)

    def active_in(self, year: int):
        """Projects whose period touches the year: started in or before it, not ended before it."""
        return self.filter(starts_on__year__lte=year).filter(
            Q(ends_on__isnull=True) | Q(ends_on__year__gte=year)
        )


class Project(ClusterableModel):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists and previews.")
    )
    body = RichTextField(_("the project's story"), blank=True, features=RICH_FEATURES)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Shown at the top of the project's page and on its card. Describe what it shows in "
            "the image's description (its alt text); leave that empty only for pure decoration."
        ),
    )
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), related_name="projects")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PLANNED,
        db_index=True,
    )
    starts_on = models.DateField(_("starts"), db_index=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True, db_index=True)
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="led_projects",
    )
    partners = ParentalManyToManyField(
        PartnerOrganisation,
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partner_projects",
    )
    municipalities = ParentalManyToManyField(
        Municipality,
        verbose_name=_("participating municipalities"),
        blank=True,
        related_name="projects",
    )
    participants = models.PositiveIntegerField(
        _("number of participants"),
        null=True,
        blank=True,
        help_text=_("People who took part: musicians, pupils, audience in workshops …"),
    )
    related_events = ParentalManyToManyField(
        "events.Event", verbose_name=_("related events"), blank=True, related_name="projects"
    )
    related_surveys = ParentalManyToManyField(
        "surveys.Survey", verbose_name=_("related surveys"), blank=True, related_name="projects"
    )
    is_published = models.BooleanField(_("published"), default=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on", "title"]
        indexes = [
            models.Index(fields=["programme", "-starts_on", "title"], name="projects_prog_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="projects_project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ProjectStatus]),
                name="projects_project_status_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:project", kwargs={"slug": self.slug})

    @property
    def content_language(self) -> str:
        """The language its texts are in, for `lang`: its programme's (`programme_language`)."""
        return programme_language(self.programme_id)

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})

    def status_on(self, today: datetime.date | None = None) -> str:
        """The status as of `today`: "completed" and "stopped" as an editor set them; a planned or
        running project whose end date has passed is completed, a running one that has not
        started yet is planned; otherwise the status as set. So a project of 2020 never reads as
        running in 2026 (`ProjectQuerySet.with_current_status` says the same in SQL)."""
        if self.status in (ProjectStatus.COMPLETED, ProjectStatus.STOPPED):
            return self.status
        today = today or _today()
        if self.ends_on and self.ends_on < today:
            return ProjectStatus.COMPLETED.value
        if self.status == ProjectStatus.RUNNING and self.starts_on and self.starts_on > today:
            return ProjectStatus.PLANNED.value
        return self.status

    @property
    def current_status(self) -> str:
        return self.status_on()

    def get_current_status_display(self) -> str:
        return ProjectStatus(self.current_status).label

    @property
    def progress(self) -> int | None:
        """The mean progress of the milestones in whole per cent, or None without milestones.

        Uses prefetched milestones when the selector fetched them."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "milestones" in cache:
            values = [m.progress for m in self.milestones.all()]
            return round(sum(values) / len(values)) if values else None
        value = self.milestones.aggregate(value=Avg("progress"))["value"]
        return None if value is None else round(value)


class Currency(models.TextChoices):
    DKK = "DKK", "DKK"
    NOK = "NOK", "NOK"
    SEK = "SEK", "SEK"
    EUR = "EUR", "EUR"


class Funding(Orderable):
    """One source of a project's money: who gave it and, when told, how much."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(
        _("source"), max_length=200, help_text=_("A fund, a municipality, a sponsor …")
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funded_projects",
    )
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.DKK
    )

    class Meta(Orderable.Meta):
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="projects_funding_amount_positive",
            ),
        ]

    def __str__(self):
        return self.source


class Milestone(Orderable):
    """A step of a project with its progress; done at 100."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="projects_milestone_progress_range",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self) -> bool:
        return self.progress >= 100


class Result(Orderable):
    """What came of a project, in words and optionally a figure (“120 pupils”)."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="results")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    figure = models.PositiveIntegerField(_("figure"), null=True, blank=True)
    unit = models.CharField(
        _("unit"), max_length=60, blank=True, help_text=_("What the figure counts.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self):
        return self.title


def validate_video_url(value: str) -> None:
    if parse_video(value) is None:
        raise ValidationError(_("Give the address of a video on YouTube or Vimeo."))


class Video(Orderable):
    """A video about the project. The page shows a button; nothing is fetched from the video site
    before the reader presses it (`projects.video` builds the privacy-enhanced embed address)."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="videos")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), validators=[validate_video_url])

    class Meta(Orderable.Meta):
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self):
        return self.title

    @property
    def embed(self):
        return parse_video(self.url)


class ProjectDocument(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Defaults to the document's title.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title or self.document.title


# --- Input from workshops and network meetings -------------------------------------------------


class EventInput(models.Model):
    """A workshop or network meeting and the survey whose answers it gathered.

    Ideas name the event they came from (`Idea.origin_event`)."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="inputs"
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("workshop or network meeting"),
        on_delete=models.CASCADE,
        related_name="programme_inputs",
        limit_choices_to={"kind__in": ["workshop", "network_meeting"]},
    )
    survey = models.ForeignKey(
        "surveys.Survey",
        verbose_name=_("survey answered there"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_inputs",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("input from an event")
        verbose_name_plural = _("input from events")
        ordering = ["-event__starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "event"], name="projects_eventinput_unique"
            ),
        ]

    def __str__(self):
        return str(self.event)

    def clean(self):
        if self.event_id and self.event.kind not in ("workshop", "network_meeting"):
            raise ValidationError({"event": _("Only workshops and network meetings gather input.")})
