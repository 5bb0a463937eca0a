"""The signed-in person's follows, notifications and notification settings in the open API.

Everything here is the caller's own: reads need the session, writes the session with its CSRF token
(header `X-CSRFToken`). Objects are named by their target (`core.organisation`,
`knowledge.topic`, `projects.project`…, listed at `GET /me/follow-targets`) and id; a target or an
object nobody may follow answers 404, the same whether it exists or not.
"""

import datetime
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import AuthenticationError
from ninja.pagination import paginate
from ninja.responses import Status
from ninja.utils import check_csrf

from samspill.core import notifications, registry
from samspill.core.api_schemas import Pagination, errors
from samspill.core.errors import CsrfFailed
from samspill.core.models import Delivery, Notification

router = Router(tags=["me"])


def signed_in(request):
    """The operations' `auth`: ninja checks it before it reads the body, so a signed-out caller
    gets 401 whatever they send (not a 400 or 422 about a body they may not send at all)."""
    return request.user if request.user.is_authenticated else None


def _person(request, *, write: bool = False):
    if not request.user.is_authenticated:
        raise AuthenticationError()
    if write and check_csrf(request) is not None:
        raise CsrfFailed()
    return request.user


class FollowTargetOut(Schema):
    name: str = Field(..., description='The target\'s key, such as "projects.project"')
    label: str = Field(..., description="What it is, for people")


class FollowOut(Schema):
    target: str = Field(..., description="The target's key")
    id: int = Field(..., description="The followed object's id")
    title: str
    url: str = Field(..., description="The object's page (absolute)")
    automatic: bool = Field(..., description="Followed by the hub (registering, supporting…)")
    since: datetime.datetime = Field(..., description="In UTC")


class FollowStateOut(Schema):
    following: bool
    followers: int


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    text: str
    url: str = Field(..., description="The page it concerns (absolute), or empty")
    created_at: datetime.datetime = Field(..., description="In UTC")
    read: bool

    @staticmethod
    def resolve_url(obj, context) -> str:
        return context["request"].build_absolute_uri(obj.url) if obj.url else ""

    @staticmethod
    def resolve_read(obj) -> bool:
        return obj.read_at is not None


class NotificationFilters(Schema):
    unread: bool | None = Field(None, description="Only unread (true) or only read (false)")


class MarkReadIn(Schema):
    ids: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] | None = Field(
        ..., max_length=1000, description="The notifications to mark read; null for all of them"
    )


class MarkedOut(Schema):
    marked: int
    unread: int


class SettingOut(Schema):
    kind: str
    label: str
    group: str
    delivery: Delivery = Field(..., description="immediate, daily, weekly or never")
    default: Delivery


class SettingIn(Schema):
    delivery: Delivery


@router.get(
    "/me/follow-targets",
    response=list[FollowTargetOut],
    summary="What can be followed",
    description="Public: the kinds of things people may follow, with their keys.",
)
def follow_target_list(request):
    return [{"name": t.name, "label": str(t.label())} for t in registry.follow_targets()]


@router.get(
    "/me/follows",
    response={200: list[FollowOut], **errors(401)},
    auth=signed_in,
    summary="What I follow",
)
def follow_list(request):
    person = _person(request)
    return [
        {
            "target": row["target"].name,
            "id": row["object"].pk,
            "title": row["title"],
            "url": request.build_absolute_uri(row["url"]) if row["url"] else "",
            "automatic": row["follow"].auto,
            "since": row["follow"].created_at,
        }
        for row in notifications.follows_of(person)
    ]


@router.put(
    "/me/follows/{target}/{object_id}",
    response={200: FollowStateOut, 201: FollowStateOut, **errors(401, 403, 404, 422)},
    auth=signed_in,
    summary="Follow something",
    description="201 when this call started following it, 200 when already following.",
)
def follow_put(request, target: str, object_id: int):
    person = _person(request, write=True)
    obj = notifications.target_object(target, object_id)
    before = notifications.is_following(person, obj)
    notifications.follow(user=person, obj=obj)
    body = {"following": True, "followers": notifications.follower_count(obj)}
    return Status(200 if before else 201, body)


@router.delete(
    "/me/follows/{target}/{object_id}",
    response={200: FollowStateOut, **errors(401, 403, 404, 422)},
    auth=signed_in,
    summary="Stop following something",
    description="Harmless when not following (200 again).",
)
def follow_delete(request, target: str, object_id: int):
    person = _person(request, write=True)
    obj = notifications.target_object(target, object_id)
    notifications.unfollow(user=person, obj=obj)
    return {"following": False, "followers": notifications.follower_count(obj)}


@router.get(
    "/me/notifications",
    response={200: list[NotificationOut], **errors(401, 422)},
    auth=signed_in,
    summary="My notifications",
    description="Newest first.",
)
@paginate(Pagination)
def notification_list(request, filters: Query[NotificationFilters]):
    person = _person(request)
    rows = Notification.objects.filter(user=person)
    if filters.unread is not None:
        rows = rows.filter(read_at__isnull=filters.unread)
    return rows.only("pk", "kind", "title", "text", "url", "created_at", "read_at")


@router.post(
    "/me/notifications/read",
    response={200: MarkedOut, **errors(400, 401, 403, 422)},
    auth=signed_in,
    summary="Mark notifications read",
)
def notification_mark_read(request, body: MarkReadIn):
    person = _person(request, write=True)
    marked = notifications.mark_read(user=person, ids=body.ids)
    return {"marked": marked, "unread": notifications.unread_count(person)}


def _settings(person) -> list[dict]:
    chosen = notifications.deliveries_for(person)
    return [
        {
            "kind": kind.name,
            "label": str(kind.label()),
            "group": str(kind.group()) if kind.group else "",
            "delivery": chosen[kind.name],
            "default": kind.default,
        }
        for kind in registry.notification_kinds()
        if kind.name in chosen
    ]


@router.get(
    "/me/notification-settings",
    response={200: list[SettingOut], **errors(401)},
    auth=signed_in,
    summary="How I hear of each kind",
)
def setting_list(request):
    return _settings(_person(request))


@router.put(
    "/me/notification-settings/{kind}",
    response={200: list[SettingOut], **errors(400, 401, 403, 404, 422)},
    auth=signed_in,
    summary="Choose how I hear of one kind",
)
def setting_put(request, kind: str, body: SettingIn):
    person = _person(request, write=True)
    registered = registry.notification_kind(kind)
    if registered is None or registered.name not in notifications.deliveries_for(person):
        from samspill.core.errors import NotFound

        raise NotFound(_("Unknown kind of notification."))
    notifications.set_delivery(user=person, kind=kind, delivery=body.delivery)
    return _settings(person)
