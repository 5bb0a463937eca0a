"""Events: gatherings, webinars, courses (with sessions), workshops and network meetings.

An event belongs to one or more organising organisations. People register for it; the database keeps
one active registration per person (by account and by email) and per event, and the capacity is
kept by `events.services`, which allocates seats under a lock on the event's row (SQLite takes its
write lock at BEGIN, PostgreSQL's `SELECT … FOR UPDATE` does the same for the row).

Times are stored in UTC and shown in the event's own time zone (`Event.time_zone`).
"""

import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from samspill.core.models import Audience, Municipality, Organisation
from samspill.core.questions import kind_of


class EventKind(models.TextChoices):
    GATHERING = "gathering", _("Gathering")
    WEBINAR = "webinar", _("Webinar")
    COURSE = "course", _("Course")
    WORKSHOP = "workshop", _("Workshop")
    NETWORK_MEETING = "network_meeting", _("Network meeting")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", pgettext_lazy("event", "Cancelled")


class AttendanceMode(models.TextChoices):
    ONSITE = "onsite", _("On site")
    ONLINE = "online", _("Online")
    MIXED = "mixed", _("On site and online")


class EventLanguage(models.TextChoices):
    BOKMAL = "nb", _("Norwegian")
    DANISH = "da", _("Danish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    SCANDINAVIAN = "mul", _("Scandinavian (several languages)")


def _time_zone_choices():
    zones = ["Europe/Oslo", "Europe/Copenhagen", "Europe/Stockholm", "Europe/Helsinki", "UTC"]
    if settings.TIME_ZONE not in zones:
        zones.insert(0, settings.TIME_ZONE)
    return [(zone, zone) for zone in zones]


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(zone)s” is not a known time zone."), params={"zone": value}
        ) from error


class EventSeries(models.Model):
    """A run of separate events under one name, such as a webinar series."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=280, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="event_series",
    )

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = pgettext_lazy("plural", "event series")
        ordering = ["title"]

    def __str__(self):
        return self.title


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def with_counts(self):
        """Confirmed and waiting registrations, as one correlated subquery each (filters that
        join other tables cannot inflate them)."""
        return self.annotate(
            confirmed_count=_status_count(RegistrationStatus.CONFIRMED),
            waitlist_count=_status_count(RegistrationStatus.WAITLISTED),
        )


def _status_count(status):
    counts = (
        Registration.objects.filter(event=OuterRef("pk"), status=status)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=models.IntegerField()), 0)


class Event(ClusterableModel):
    uid = models.UUIDField(_("calendar id"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_("Cancelled and postponed events stay visible, with their status."),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        db_index=True,
        help_text=_("Unpublished events are seen only by their organisers."),
    )
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists and previews.")
    )
    description = models.TextField(_("description"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("picture"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Shown at the top of the event's page and on its card. Describe what it shows in "
            "the image's description (its alt text); leave that empty only for pure decoration."
        ),
    )
    series = models.ForeignKey(
        EventSeries,
        verbose_name=_("series"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    organisers = models.ManyToManyField(
        Organisation, verbose_name=_("organisers"), related_name="organised_events"
    )
    audiences = models.ManyToManyField(
        Audience, verbose_name=_("audiences"), blank=True, related_name="events"
    )
    topics = models.ManyToManyField(
        "knowledge.TopicPage",
        verbose_name=_("topics"),
        blank=True,
        related_name="events",
        help_text=_("Topics of the knowledge bank this event is about."),
    )
    language = models.CharField(
        _("language"), max_length=3, choices=EventLanguage.choices, default=EventLanguage.BOKMAL
    )

    # When
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), db_index=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Times are shown in this zone."),
    )

    # Where
    attendance_mode = models.CharField(
        _("where"), max_length=10, choices=AttendanceMode.choices, default=AttendanceMode.ONSITE
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("place"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Decides the region the event is listed under."),
    )
    online_url = models.URLField(
        _("meeting link"),
        blank=True,
        help_text=_("Shown only to confirmed participants and in their emails."),
    )
    online_platform = models.CharField(
        _("platform"), max_length=60, blank=True, help_text=_("For example Zoom or Teams.")
    )

    # Registration
    registration_required = models.BooleanField(
        _("registration"),
        default=True,
        help_text=_("Untick for events that are open to everyone without registering."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the event is full, new registrations wait for a free seat."),
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close registration when the event starts."),
    )
    guests_must_confirm = models.BooleanField(
        _("guests confirm their email"),
        default=False,
        help_text=_(
            "People without an account get a seat only after clicking the link in an email."
        ),
    )
    consent_text = models.CharField(
        _("consent line"),
        max_length=400,
        blank=True,
        help_text=_(
            "For example “I agree that my name is shared with the other participants.” "
            "Registration requires ticking it."
        ),
    )
    agenda_input = models.BooleanField(_("participants may send input to the agenda"), default=True)

    sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        editable=False,
        help_text=_("Raised whenever the time, place or status changes (SEQUENCE in .ics)."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    # Changes to these fields raise the calendar revision and tell the participants.
    SCHEDULE_FIELDS = (
        "starts_at",
        "ends_at",
        "time_zone",
        "status",
        "attendance_mode",
        "venue_name",
        "street_address",
        "postal_code",
        "locality",
        "online_url",
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="events_event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in EventKind]), name="events_event_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in EventStatus]),
                name="events_event_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="events_event_capacity_positive",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "ends_at", "starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"pk": self.pk, "slug": self.slug or "-"})

    @property
    def content_language(self) -> str:
        """The language its title and texts are in, for `lang` (core.content_language); none
        for an event in several languages."""
        return "" if self.language == EventLanguage.SCANDINAVIAN else self.language

    def get_ics_url(self):
        return reverse("events:ics", kwargs={"pk": self.pk})

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The event must end after it starts.")
        if self.attendance_mode in (AttendanceMode.ONSITE, AttendanceMode.MIXED) and not (
            self.venue_name or self.street_address
        ):
            errors["venue_name"] = _("Give the venue or the address of an event on site.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if (
            self.registration_closes_at
            and self.ends_at
            and self.registration_closes_at > self.ends_at
        ):
            errors["registration_closes_at"] = _("Registration must close before the event ends.")
        if errors:
            raise ValidationError(errors)

    # --- Derived facts -------------------------------------------------------------------------

    @cached_property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def is_online(self) -> bool:
        return self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.MIXED)

    @property
    def is_onsite(self) -> bool:
        return self.attendance_mode in (AttendanceMode.ONSITE, AttendanceMode.MIXED)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def effective_closes_at(self):
        return self.registration_closes_at or self.starts_at

    def registration_state(self, now=None) -> str:
        """ "open", "not_yet", "closed", "not_required" or "cancelled"."""
        now = now or timezone.now()
        if not self.registration_required:
            return "not_required"
        if self.status == EventStatus.CANCELLED:
            return "cancelled"
        if self.status != EventStatus.SCHEDULED or now >= self.effective_closes_at:
            return "closed"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "not_yet"
        return "open"

    @property
    def registration_open(self) -> bool:
        return self.registration_state() == "open"

    @property
    def address_line(self) -> str:
        place = " ".join(p for p in (self.postal_code, self.locality) if p)
        return ", ".join(p for p in (self.street_address, place) if p)

    def seats_left_from(self, confirmed: int) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - confirmed, 0)

    @property
    def seats_left(self) -> int | None:
        """Needs `with_counts()` (lists) or counts the confirmed registrations (one query)."""
        confirmed = getattr(self, "confirmed_count", None)
        if confirmed is None:
            confirmed = self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
        return self.seats_left_from(confirmed)

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0


class EventSession(models.Model):
    """One meeting of a course or a multi-day event; registration is for the whole event."""

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="events_session_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session must end after it starts.")})

    @property
    def local_start(self):
        return timezone.localtime(self.starts_at, self.event.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.ends_at, self.event.zone)


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Short text")
    CHOICE = "choice", _("Choice")
    YES_NO = "yes_no", _("Yes or no")


# The questionnaire engine's kind (`samspill.core.questions`) that asks each of them.
ENGINE_KINDS = {
    QuestionKind.TEXT: "short_text",
    QuestionKind.CHOICE: "single",
    QuestionKind.YES_NO: "yes_no",
}
# A registration's text answer is longer than a survey's short text.
TEXT_ANSWER_MAX = 500


class RegistrationQuestion(models.Model):
    """A question asked when registering (organisation, role, dietary needs …)."""

    sort_order_field = "sort_order"  # editors order the questions in the admin

    event = ParentalKey(Event, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(_("question"), max_length=200)
    kind = models.CharField(
        _("kind of answer"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For a choice: one option per line.")
    )
    help_text = models.CharField(_("help text"), max_length=200, blank=True)
    required = models.BooleanField(_("required"), default=False)
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        errors = self.engine.check(self)
        if "options" in errors:
            raise ValidationError({"choices": errors["options"]})

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    # What the questionnaire engine reads of a question.
    allow_other = False
    text_max_length = TEXT_ANSWER_MAX

    @property
    def engine_kind(self) -> str:
        return ENGINE_KINDS[self.kind]

    @property
    def engine(self):
        """The kind's class in the questionnaire engine."""
        return kind_of(self)

    @property
    def option_list(self) -> list[str]:
        return self.choice_list

    @property
    def key(self) -> str:
        """How the answer is keyed in forms, the API and exports."""
        return f"q{self.pk}"


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting email confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")


ACTIVE_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


class Registration(models.Model):
    """One person's registration. Cancelled ones stay (for the history); a new one may follow."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consented_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    source = models.CharField(_("registered through"), max_length=10, default="web")
    language = models.CharField(_("language of emails"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    queued_at = models.DateTimeField(
        _("joined the waiting list"),
        null=True,
        blank=True,
        help_text=_("The waiting list is served in this order."),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(status="cancelled"),
                name="events_registration_one_per_email",
            ),
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled") & Q(user__isnull=False),
                name="events_registration_one_per_user",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in RegistrationStatus]),
                name="events_registration_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self):
        return f"{self.name} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def waitlist_position(self) -> int | None:
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        return (
            Registration.objects.filter(
                event_id=self.event_id, status=RegistrationStatus.WAITLISTED
            )
            .filter(Q(queued_at__lt=self.queued_at) | Q(queued_at=self.queued_at, pk__lt=self.pk))
            .count()
            + 1
        )


class AgendaInputStatus(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("On the agenda")
    NOTED = "noted", _("Noted")
    DECLINED = "declined", _("Not taken up")


class AgendaInput(models.Model):
    """A participant's suggestion for the agenda; organisers curate it."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="agenda_inputs"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="agenda_inputs",
    )
    text = models.TextField(_("input"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=AgendaInputStatus.choices, default=AgendaInputStatus.NEW
    )
    organiser_note = models.CharField(_("note from the organisers"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("agenda input")
        verbose_name_plural = _("agenda input")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class Invitation(models.Model):
    """An invitation someone sent to a colleague. The address itself is not kept."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("sent by"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email_hash"], name="events_invitation_once_per_address"
            )
        ]

    def __str__(self):
        return f"{self.event} ({self.created_at:%Y-%m-%d})"


class EventMessage(models.Model):
    """A message the organisers sent to the participants."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sender"), on_delete=models.SET_NULL, null=True
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=10_000)
    to_waitlist = models.BooleanField(_("also to the waiting list"), default=False)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject
