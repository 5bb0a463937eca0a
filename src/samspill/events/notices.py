"""What events tell people in the hub's notifications (issue 19), beside the events' emails.

- "events.series" is a follow target: a series with at least one published event.
- "events.new_event" (daily): an event is published for the first time; the followers of its
  organisers, its series and its topics (in any language) hear of it once.
- "events.changed" (at once, transactional): the time, place or status of an event changed. The registrants are
  emailed already (`emails.send_event_changed`); those with an account also find it on their
  notifications page, and are not emailed twice.
- "events.seat_freed" (at once, transactional): a seat freed on the waiting list went to someone. They are
  emailed already (`emails.send_promoted`); with an account they find it on their page too.

Registering for an event in a series follows the series (`auto_follow_series`).
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from samspill.core import notifications, registry
from samspill.core.errors import InvalidInput
from samspill.core.models import Notification

NEW_EVENT = "events.new_event"
CHANGED = "events.changed"
SEAT_FREED = "events.seat_freed"


def series_visible(series) -> bool:
    return series.events.filter(is_published=True).exists()


def event_path(event) -> str:
    """The event's address without a language prefix: one notification link for everyone."""
    with translation.override(settings.LANGUAGE_CODE):
        return event.get_absolute_url()


def series_url(series) -> str:
    """The page a series leads to (it has none of its own): its next published event, else its
    latest."""
    events = series.events.filter(is_published=True)
    upcoming = events.filter(ends_at__gte=timezone.now()).order_by("starts_at", "pk").first()
    event = upcoming or events.order_by("-starts_at", "-pk").first()
    return event.get_absolute_url() if event is not None else ""


def register() -> None:
    """The target and the kinds (AppConfig.ready)."""
    from samspill.events.models import Event, EventSeries

    registry.register_follow_target(
        registry.FollowTarget(
            name="events.series",
            model=EventSeries,
            label=lambda: pgettext("follow target", "Event series"),
            visible=series_visible,
            visible_queryset=lambda: EventSeries.objects.filter(
                pk__in=Event.objects.filter(is_published=True).values("series_id")
            ),
            title=lambda series: series.title,
            url=series_url,
        )
    )
    group = lambda: _("Events")  # noqa: E731
    for name, label, default, order in [
        (NEW_EVENT, lambda: _("New events from what you follow"), "daily", 30),
        (
            CHANGED,
            lambda: _("Changes to events you registered for: time, place, cancellation"),
            "immediate",
            31,
        ),
        (SEAT_FREED, lambda: _("A seat for you from the waiting list"), "immediate", 32),
    ]:
        registry.register_notification_kind(
            registry.NotificationKind(
                name=name,
                label=label,
                default=default,
                group=group,
                order=order,
                count=new_events_count if name == NEW_EVENT else None,
                # What concerns one's own registration (a cancellation, a new time, a seat) is
                # service, not news: always emailed, without an unsubscribe link, not offered
                # in the settings.
                transactional=name != NEW_EVENT,
            )
        )


def new_events_count(n: int) -> str:
    """How many new events, for the digest's subject."""
    return ngettext("%(n)s new event", "%(n)s new events", n) % {"n": n}


def auto_follow(user, obj) -> bool:
    """`user` follows `obj` automatically (registering, joining); True when that is new."""
    if user is None or not getattr(user, "is_authenticated", False) or obj is None:
        return False
    if notifications.is_following(user, obj):
        return False
    try:
        notifications.follow(user=user, obj=obj, auto=True)
    except InvalidInput:
        return False
    return True


def auto_follow_series(registration) -> object | None:
    """Registering for an event in a series follows the series: the series when that is new."""
    series = registration.event.series
    if registration.user_id is None or series is None:
        return None
    return series if auto_follow(registration.user, series) else None


def _mark_emailed(kind: str, subject, user_ids) -> None:
    """These people got an email of their own about it already: the notification is for their
    page only (neither sent at once nor in a digest). Called inside the writing transaction, before
    the commit queues the immediate emails."""
    Notification.objects.filter(
        kind=kind,
        content_type=ContentType.objects.get_for_model(type(subject)),
        object_id=subject.pk,
        user_id__in=list(user_ids),
        emailed_at__isnull=True,
    ).update(emailed_at=timezone.now())


def event_published(event, *, actor=None) -> int:
    """`event` is published: tell the followers of its organisers, series and topics, once."""
    from samspill.events.models import Event

    # The knowledge bank's topic model, through the relation (the capabilities import nothing
    # of each other).
    TopicPage = Event.topics.field.related_model
    if not event.is_published:
        return 0
    if Notification.objects.filter(
        kind=NEW_EVENT,
        content_type=ContentType.objects.get_for_model(Event),
        object_id=event.pk,
    ).exists():
        return 0
    keys = list(event.topics.values_list("translation_key", flat=True))
    topics = list(TopicPage.objects.filter(translation_key__in=keys)) if keys else []
    organisers = list(event.organisers.all())
    objs = [*organisers, *topics]
    if event.series_id:
        objs.append(event.series)
    if not objs:
        return 0
    title = event.title
    starts = event.starts_at
    organiser = ", ".join(o.name for o in organisers)

    def text(language):
        from django.utils import formats
        from django.utils.timezone import localtime

        when = formats.date_format(localtime(starts), "DATE_FORMAT")
        return _("%(date)s, by %(organisers)s.") % {"date": when, "organisers": organiser}

    return notifications.notify_followers(
        kind=NEW_EVENT,
        objs=objs,
        title=lambda language: _("New event: %(title)s") % {"title": title},
        text=text,
        url=event_path(event),
        subject=event,
        actor=actor,
    )


def event_changed(event, registrations, *, how: str, actor=None) -> int:
    """The time, place or status of `event` changed (`how`: "changed", "cancelled",
    "postponed"): a notification on the page of each registrant with an account (their email is
    `emails.send_event_changed`)."""
    user_ids = {r.user_id for r in registrations if r.user_id}
    if not user_ids:
        return 0
    title = event.title
    titles = {
        "cancelled": lambda language: _("Cancelled: %(title)s") % {"title": title},
        "postponed": lambda language: _("Postponed: %(title)s") % {"title": title},
    }
    told = notifications.notify(
        kind=CHANGED,
        users=user_ids,
        title=titles.get(
            how, lambda language: _("Time or place changed: %(title)s") % {"title": title}
        ),
        text=_("See the event's page for what changed."),
        url=event_path(event),
        subject=event,
        actor=actor,
    )
    _mark_emailed(CHANGED, event, user_ids)
    return told


def seats_given(event, promoted) -> int:
    """People on the waiting list got a seat: on their page too (their email is
    `emails.send_promoted`)."""
    user_ids = {r.user_id for r in promoted if r.user_id}
    if not user_ids:
        return 0
    title = event.title
    told = notifications.notify(
        kind=SEAT_FREED,
        users=user_ids,
        title=lambda language: _("You have a seat: %(title)s") % {"title": title},
        text=_("A seat was freed and it is yours; cancel if you cannot come."),
        url=event_path(event),
        subject=event,
    )
    _mark_emailed(SEAT_FREED, event, user_ids)
    return told
