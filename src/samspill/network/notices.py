"""What the network tells people in the hub's notifications (issue 19), beside its emails.

- "network.join_request" (at once): someone asks to join an organisation; its admins are emailed
  already (`emails.send_join_requested`) and find it on their notifications page too, without a
  second email.
- "network.new_member" (weekly): someone joined an organisation (a request approved, an
  invitation accepted); its admins hear of it in their weekly digest.

Joining an organisation follows it (`auto_follow_organisation`): its news, events and content
reach the new member.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from samspill.core import notifications, registry
from samspill.core.errors import InvalidInput
from samspill.core.models import Membership, Notification, Role

JOIN_REQUEST = "network.join_request"
NEW_MEMBER = "network.new_member"


def register() -> None:
    """The kinds (AppConfig.ready). The join request's kind may be registered already with its
    email (`emails`): that one is kept."""
    group = lambda: _("Network")  # noqa: E731
    if registry.notification_kind(JOIN_REQUEST) is None:
        registry.register_notification_kind(
            registry.NotificationKind(
                name=JOIN_REQUEST,
                label=lambda: _("People asking to join an organisation you administer"),
                default="immediate",
                group=group,
                order=50,
            )
        )
    registry.register_notification_kind(
        registry.NotificationKind(
            name=NEW_MEMBER,
            label=lambda: _("New members of an organisation you administer"),
            default="weekly",
            group=group,
            order=51,
        )
    )


def _neutral(function, *args, **kwargs) -> str:
    """An address without a language prefix: one notification link for everyone."""
    with translation.override(settings.LANGUAGE_CODE):
        return function(*args, **kwargs)


def _admin_ids(organisation) -> set[int]:
    return set(
        Membership.objects.filter(organisation=organisation, role=Role.ADMIN).values_list(
            "user_id", flat=True
        )
    )


def auto_follow_organisation(user, organisation) -> bool:
    """A new member follows their organisation; True when that is new (a hidden organisation
    cannot be followed: nothing happens)."""
    if user is None or notifications.is_following(user, organisation):
        return False
    try:
        notifications.follow(user=user, obj=organisation, auto=True)
    except InvalidInput:
        return False
    return True


def join_requested(join_request) -> int:
    """The organisation's admins see the request on their page; the email is sent already."""
    organisation = join_request.organisation
    admins = _admin_ids(organisation)
    if not admins:
        return 0
    name = join_request.user.name or join_request.user.email.split("@")[0]
    organisation_name = organisation.name
    told = notifications.notify(
        kind=JOIN_REQUEST,
        users=admins,
        title=lambda language: (
            _("%(name)s asks to join %(organisation)s")
            % {"name": name, "organisation": organisation_name}
        ),
        text=join_request.message[:300],
        url=_neutral(reverse, "network:join-requests", kwargs={"slug": organisation.slug}),
        subject=organisation,
        actor=join_request.user,
    )
    Notification.objects.filter(
        kind=JOIN_REQUEST,
        content_type=ContentType.objects.get_for_model(type(organisation)),
        object_id=organisation.pk,
        user_id__in=admins,
        emailed_at__isnull=True,
    ).update(emailed_at=timezone.now())
    return told


def member_joined(organisation, user, *, actor=None) -> int:
    """`user` became a member: the organisation's other admins hear of it (weekly)."""
    admins = _admin_ids(organisation) - {user.pk}
    if not admins:
        return 0
    name = user.name or user.email.split("@")[0]
    organisation_name = organisation.name
    return notifications.notify(
        kind=NEW_MEMBER,
        users=admins,
        title=lambda language: (
            _("%(name)s joined %(organisation)s")
            % {"name": name, "organisation": organisation_name}
        ),
        url=_neutral(organisation.get_absolute_url),
        subject=organisation,
        actor=actor,
    )
