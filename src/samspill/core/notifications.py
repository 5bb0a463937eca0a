"""Following and notifications: one engine that every app feeds through the registry.

People follow registered targets (`registry.FollowTarget`: a topic, an organisation, a project…);
apps tell the engine what changed with `notify` (to named people) or `notify_followers` (to whoever
follows any of the given objects). Each notification is stored for the person, in their language,
on their notifications page, and emailed as their `NotificationSetting` for its kind says: at once
(by the worker after the commit), in the daily or weekly digest, or never. A kind's `default`
applies until they choose.

Titles and texts are rendered per recipient language: pass a lazy string, or a function of the
language code, or a plain string (then the same for everyone).
"""

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samspill.core import registry
from samspill.core.errors import InvalidInput
from samspill.core.models import Delivery, Follow, Notification, NotificationSetting

User = get_user_model()

BATCH = 1000


# --- Following ------------------------------------------------------------------------------------


def _content_type(obj_or_model) -> ContentType:
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return ContentType.objects.get_for_model(model, for_concrete_model=True)


def target_of(obj) -> registry.FollowTarget:
    """The registered target of `obj`, or InvalidInput when it cannot be followed."""
    target = registry.follow_target_for(obj)
    if target is None:
        raise InvalidInput(_("This cannot be followed."))
    return target


def target_object(name: str, pk) -> object:
    """The object `pk` of the target registered as `name` ("projects.project"), if anyone may
    follow it; NotFound otherwise (an unknown target, a missing, hidden or draft object: the same
    answer, so nobody learns what exists)."""
    from samspill.core.errors import NotFound

    target = registry.follow_target(name)
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        pk = None
    obj = (
        target.model._default_manager.filter(pk=pk).first()
        if target is not None and pk is not None and pk > 0
        else None
    )
    if obj is None or not target.visible(obj):
        raise NotFound()
    return obj


def follow(*, user, obj, auto: bool = False) -> Follow:
    """`user` follows `obj` (idempotent: following twice keeps the first). InvalidInput when the
    object is not a registered target or not visible to anyone."""
    target = target_of(obj)
    if not target.visible(obj):
        raise InvalidInput(_("This cannot be followed."))
    content_type = _content_type(obj)
    existing = Follow.objects.filter(user=user, content_type=content_type, object_id=obj.pk).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Follow.objects.create(
                user=user, content_type=content_type, object_id=obj.pk, auto=auto
            )
    except IntegrityError:  # a concurrent follow of the same object
        return Follow.objects.get(user=user, content_type=content_type, object_id=obj.pk)


def unfollow(*, user, obj) -> bool:
    """`user` no longer follows `obj`. True when they did."""
    deleted, _rows = Follow.objects.filter(
        user=user, content_type=_content_type(obj), object_id=obj.pk
    ).delete()
    return bool(deleted)


def is_following(user, obj) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(
        user=user, content_type=_content_type(obj), object_id=obj.pk
    ).exists()


def following_ids(user, model) -> set[int]:
    """The ids of the `model` objects `user` follows, in one query (a list of follow buttons)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        Follow.objects.filter(user=user, content_type=_content_type(model)).values_list(
            "object_id", flat=True
        )
    )


def follower_count(obj) -> int:
    return Follow.objects.filter(content_type=_content_type(obj), object_id=obj.pk).count()


def follower_counts(model, ids: Iterable[int]) -> dict[int, int]:
    """{object id: followers} for `ids` of `model`, in one query (the admin's lists)."""
    rows = (
        Follow.objects.filter(content_type=_content_type(model), object_id__in=list(ids))
        .values("object_id")
        .annotate(n=Count("pk"))
    )
    return {row["object_id"]: row["n"] for row in rows}


def follower_ids(objs: Iterable) -> set[int]:
    """The ids of the people who follow any of `objs` (objects of any registered models)."""
    by_type: dict[ContentType, set[int]] = {}
    for obj in objs:
        if obj is None:
            continue
        by_type.setdefault(_content_type(obj), set()).add(obj.pk)
    ids: set[int] = set()
    for content_type, object_ids in by_type.items():
        ids.update(
            Follow.objects.filter(content_type=content_type, object_id__in=object_ids)
            .values_list("user_id", flat=True)
            .distinct()
        )
    return ids


def followers(objs: Iterable) -> QuerySet:
    """The active people who follow any of `objs`."""
    return User.objects.filter(pk__in=follower_ids(objs), is_active=True)


def follows_of(user) -> list[dict]:
    """What `user` follows, for their page: [{"follow", "target", "object", "title", "url"}],
    grouped by target and newest first; objects gone or no longer visible are left out. One query
    per kind of target."""
    follows = list(Follow.objects.filter(user=user).order_by("-created_at", "-pk"))
    by_type: dict[int, list[Follow]] = {}
    for item in follows:
        by_type.setdefault(item.content_type_id, []).append(item)
    objects: dict[tuple[int, int], object] = {}
    for content_type_id, items in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        target = registry.follow_target_for(model) if model is not None else None
        if target is None:
            continue
        if target.visible_queryset is not None:
            rows_of = target.visible_queryset()  # only the visible ones, in one query
        else:
            rows_of = model._default_manager.all()
        for obj in rows_of.filter(pk__in=[item.object_id for item in items]):
            objects[(content_type_id, obj.pk)] = obj
    rows = []
    for item in follows:
        obj = objects.get((item.content_type_id, item.object_id))
        if obj is None:
            continue
        target = registry.follow_target_for(obj)
        if target is None:
            continue
        if target.visible_queryset is None and not target.visible(obj):
            continue
        rows.append(
            {
                "follow": item,
                "target": target,
                "object": obj,
                "title": target.title(obj) if target.title else str(obj),
                "url": target_url(target, obj),
            }
        )
    return rows


def target_url(target: registry.FollowTarget, obj) -> str:
    if target.url is not None:
        return target.url(obj)
    if hasattr(obj, "get_url"):
        return obj.get_url() or ""
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return ""


# --- Settings -------------------------------------------------------------------------------------


def default_delivery(kind: str) -> str:
    registered = registry.notification_kind(kind)
    return registered.default if registered is not None else Delivery.DAILY


def delivery_for(user, kind: str) -> str:
    """How `user` hears of `kind`: their choice, else the kind's default."""
    chosen = (
        NotificationSetting.objects.filter(user=user, kind=kind)
        .values_list("delivery", flat=True)
        .first()
    )
    return chosen or default_delivery(kind)


def deliveries_for(user) -> dict[str, str]:
    """{kind: delivery} for every kind a person may choose (not the transactional ones)."""
    chosen = dict(NotificationSetting.objects.filter(user=user).values_list("kind", "delivery"))
    return {
        kind.name: chosen.get(kind.name, kind.default)
        for kind in registry.notification_kinds()
        if not kind.transactional and kind.in_settings
    }


def set_delivery(*, user, kind: str, delivery: str) -> None:
    """`user` hears of `kind` by `delivery` from now on (an unsubscribe sets "never")."""
    set_deliveries(user=user, choices={kind: delivery})


def set_deliveries(*, user, choices: dict[str, str]) -> None:
    """`user`'s choices {kind: delivery}, saved together (the settings page): one upsert for all,
    whatever their number."""
    for kind, delivery in choices.items():
        if registry.notification_kind(kind) is None:
            raise InvalidInput(_("Unknown kind of notification."))
        if delivery not in Delivery.values:
            raise InvalidInput(_("Choose how you want to hear of it."))
    if not choices:
        return
    with transaction.atomic():
        NotificationSetting.objects.bulk_create(
            [
                NotificationSetting(user=user, kind=kind, delivery=delivery)
                for kind, delivery in choices.items()
            ],
            update_conflicts=True,
            unique_fields=["user", "kind"],
            update_fields=["delivery"],
        )
        from samspill.core.digests import delivery_changed

        for kind, delivery in choices.items():
            delivery_changed(user, kind, delivery)  # waiting notifications follow (core.digests)


# --- Notifying ------------------------------------------------------------------------------------


def _render(value, language: str) -> str:
    if value is None:
        return ""
    if callable(value) and not isinstance(value, str) and not hasattr(value, "_proxy____cast"):
        with translation.override(language):
            return str(value(language))
    with translation.override(language):
        return str(value)


Text = str | Callable[[str], str]


def notify(
    *,
    kind: str,
    users,
    title: Text,
    text: Text = "",
    url: str = "",
    subject=None,
    actor=None,
) -> int:
    """Tell `users` (people or their ids, a list or a queryset) that something of `kind`
    happened. One notification per active person (the actor excluded), stored in their language;
    those who chose "immediate" for the kind are emailed by the worker after the commit. Returns
    how many were told."""
    if isinstance(users, QuerySet):
        ids = set(users.values_list("pk", flat=True))
    else:
        ids = {getattr(user, "pk", user) for user in users}
    ids.discard(None)
    if actor is not None and getattr(actor, "pk", None):
        ids.discard(actor.pk)
    if not ids:
        return 0
    content_type = _content_type(subject) if subject is not None else None
    object_id = subject.pk if subject is not None else None
    from samspill.core.mail import language_of

    default = default_delivery(kind)
    url = url[:500]
    created_ids: list[int] = []
    told = 0
    ordered = sorted(ids)
    for start in range(0, len(ordered), BATCH):
        chunk = ordered[start : start + BATCH]
        people = list(
            User.objects.filter(pk__in=chunk, is_active=True).values_list(
                "pk", "preferred_language"
            )
        )
        chosen = dict(
            NotificationSetting.objects.filter(user_id__in=chunk, kind=kind).values_list(
                "user_id", "delivery"
            )
        )
        rendered: dict[str, tuple[str, str]] = {}
        rows = []
        for pk, preferred in people:
            language = language_of(preferred or None)
            if language not in rendered:
                rendered[language] = (
                    _render(title, language)[:300],
                    _render(text, language),
                )
            row_title, row_text = rendered[language]
            rows.append(
                Notification(
                    user_id=pk,
                    kind=kind,
                    content_type=content_type,
                    object_id=object_id,
                    title=row_title,
                    text=row_text,
                    url=url,
                    delivery=chosen.get(pk, default),
                )
            )
        created = Notification.objects.bulk_create(rows)
        told += len(created)
        created_ids.extend(
            row.pk for row in created if row.pk is not None and row.delivery == Delivery.IMMEDIATE
        )
    if created_ids:
        _email_after_commit(created_ids)
    return told


def _email_after_commit(ids: list[int]) -> None:
    from samspill.core.mail import suppressed
    from samspill.core.tasks import send_notifications

    if suppressed():
        Notification.objects.filter(pk__in=ids).update(emailed_at=timezone.now())
        return
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        transaction.on_commit(
            lambda chunk=chunk: send_notifications.enqueue(notification_ids=chunk)
        )


def notify_followers(
    *,
    kind: str,
    objs: Iterable,
    title: Text,
    text: Text = "",
    url: str = "",
    subject=None,
    actor=None,
    extra_users: Iterable = (),
) -> int:
    """`notify` everyone who follows any of `objs` (each once), and `extra_users`."""
    ids = follower_ids(objs) | {getattr(user, "pk", user) for user in extra_users}
    return notify(
        kind=kind, users=ids, title=title, text=text, url=url, subject=subject, actor=actor
    )


# --- Reading --------------------------------------------------------------------------------------


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_of(user) -> QuerySet:
    """`user`'s notifications, newest first (their notifications page)."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def notification_of(user, pk: int) -> Notification | None:
    """`user`'s notification `pk`, or None (someone else's is not found)."""
    return Notification.objects.filter(user=user, pk=pk).first()


def mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark `user`'s notifications read (those of `ids`, or all). Returns how many changed."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


# --- Emailing -------------------------------------------------------------------------------------


def email_notifications(ids: list[int]) -> int:
    """Email each of these notifications that is still due at once (the worker, after the
    commit): one email per notification, in the language it was stored in. Returns how many."""
    from samspill.core.mail import send_templated

    sent = 0
    due = (
        Notification.objects.filter(
            pk__in=ids, emailed_at__isnull=True, delivery=Delivery.IMMEDIATE
        )
        .select_related("user")
        .order_by("pk")
    )
    for notification in due:
        with transaction.atomic():
            claimed = Notification.objects.filter(
                pk=notification.pk, emailed_at__isnull=True
            ).update(emailed_at=timezone.now())
            if not claimed:
                continue
            user = notification.user
            if user.is_active and user.email:
                send_templated(
                    "core/email/notification",
                    to=user.email,
                    recipient=user,
                    context={"notification": notification, "person": user},
                    kind=notification.kind,
                )
                sent += 1
    return sent


# --- Personal data --------------------------------------------------------------------------------


def export_personal_data(*, user) -> dict:
    """What one follows, one's notification settings, notifications and email opt-outs."""
    from samspill.core.models import EmailOptOut

    return {
        "follows": [
            {
                "what": row["target"].name,
                "title": row["title"],
                "automatically": row["follow"].auto,
                "since": row["follow"].created_at.isoformat(),
            }
            for row in follows_of(user)
        ],
        "settings": dict(
            NotificationSetting.objects.filter(user=user).values_list("kind", "delivery")
        ),
        "notifications": [
            {
                "kind": kind,
                "title": title,
                "text": text,
                "url": url,
                "at": at.isoformat(),
                "read": read_at is not None,
            }
            for kind, title, text, url, at, read_at in Notification.objects.filter(
                user=user
            ).values_list("kind", "title", "text", "url", "created_at", "read_at")
        ],
        "email_opt_outs": list(
            EmailOptOut.objects.filter(address__iexact=user.email).values_list("kind", flat=True)
        ),
    }


def erase_personal_data(*, user) -> None:
    """Follows, settings and notifications go with the account (cascade); the opt-outs of its
    address go too, and the email log forgets the address."""
    from samspill.core.models import EmailLog, EmailOptOut

    if user.email:
        EmailOptOut.objects.filter(address__iexact=user.email).delete()
        EmailLog.objects.filter(address__iexact=user.email).update(address="")
    EmailLog.objects.filter(user=user).update(user=None, address="")
    Follow.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    NotificationSetting.objects.filter(user=user).delete()


def organisation_visible(organisation) -> bool:
    from samspill.core.selectors import organisation_list_public

    return organisation_list_public().filter(pk=organisation.pk).exists()
