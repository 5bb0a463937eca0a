"""The network's emails. Joining: to hub admins about a new organisation, to its submitter about the
decision, to an organisation's admins about a request to join, to the person about the answer, and
the invitations. The weekly email of match suggestions. Each in the recipient's language, sent
after the commit (`core.mail`)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from samspill.core import registry
from samspill.core.mail import language_of, send_templated
from samspill.core.models import Membership, Role
from samspill.network.selectors import reasons_of
from samspill.network.tokens import invitation_token


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def invitation_url(invitation) -> str:
    return site_url(reverse("network:invitation", kwargs={"token": invitation_token(invitation)}))


# The kind of each email (NotificationKinds registered in apps.py).
KINDS = {
    "organisation_submitted": "network.organisation_review",
    "organisation_decided": "network.organisation_decided",
    "join_requested": "network.join_request",
    "join_decided": "network.join_decided",
    "invitation": "network.invitation",
}


def _send(template: str, *, to: list[str], context: dict, recipient=None) -> None:
    send_templated(
        f"network/email/{template}",
        to=to,
        context=context,
        recipient=recipient,
        kind=KINDS[template],
    )


def _to_each(template: str, users, context: dict) -> None:
    """One email per person, each in their own language (no one sees the others' addresses)."""
    for user in users:
        _send(template, to=[user.email], context={"recipient": user, **context}, recipient=user)


def send_organisation_submitted(organisation, *, submitter) -> None:
    hub_admins = (
        get_user_model().objects.filter(is_superuser=True, is_active=True).exclude(email="")
    )
    _to_each(
        "organisation_submitted",
        hub_admins,
        {
            "organisation": organisation,
            "submitter": submitter,
            "review_url": site_url(reverse("network_approvals:index")),
        },
    )


def send_organisation_decided(profile) -> None:
    submitter = profile.submitted_by
    if submitter is None or not submitter.email:
        return
    _to_each(
        "organisation_decided",
        [submitter],
        {
            "organisation": profile.organisation,
            "approved": profile.approval == "approved",
            "note": profile.decision_note,
            "organisation_url": site_url(profile.organisation.get_absolute_url()),
        },
    )


def send_join_requested(join_request) -> None:
    organisation = join_request.organisation
    admins = [
        m.user
        for m in Membership.objects.filter(
            organisation=organisation, role=Role.ADMIN, user__is_active=True
        ).select_related("user")
    ]
    _to_each(
        "join_requested",
        admins,
        {
            "organisation": organisation,
            "join_request": join_request,
            "person": join_request.user,
            "requests_url": site_url(
                reverse("network:join-requests", kwargs={"slug": organisation.slug})
            ),
        },
    )


def send_join_decided(join_request) -> None:
    _to_each(
        "join_decided",
        [join_request.user],
        {
            "organisation": join_request.organisation,
            "approved": join_request.status == "approved",
            "organisation_url": site_url(join_request.organisation.get_absolute_url()),
        },
    )


def send_invitation(invitation) -> None:
    inviter = invitation.invited_by
    _send(
        "invitation",
        to=[invitation.email],
        context={
            "invitation": invitation,
            "organisation": invitation.organisation,
            "inviter": (inviter.name or inviter.email) if inviter else "",
            "invitation_url": invitation_url(invitation),
        },
        recipient=inviter,
    )


# --- The weekly match email -----------------------------------------------------------------------


def send_digest(subscription, matches: list) -> None:
    """The weekly email of an organisation's match suggestions, to one subscribed member."""
    user, organisation = subscription.user, subscription.organisation
    language = language_of(user)
    with translation.override(language):  # the reasons are words in the person's language
        context = {
            "user": user,
            "organisation": organisation,
            "matches": [
                {
                    "organisation": match.organisation,
                    "url": settings.SITE_URL + match.organisation.get_absolute_url(),
                    "reasons": reasons_of(match),
                }
                for match in matches
            ],
            "settings_url": settings.SITE_URL
            + reverse("network:digest-toggle", kwargs={"slug": organisation.slug}),
        }
    send_templated(
        "network/email/digest",
        to=user.email,
        context=context,
        language=language,
        recipient=user,
        kind="network.matches",
    )


def register_kinds() -> None:
    """The kinds of the network's emails (AppConfig.ready)."""
    for name, label, default, transactional in [
        (
            "network.organisation_review",
            lambda: _("New organisations waiting for review (hub admins)"),
            "immediate",
            False,
        ),
        (
            "network.organisation_decided",
            lambda: _("The decision on an organisation you submitted"),
            "immediate",
            True,
        ),
        (
            "network.join_request",
            lambda: _("Requests to join an organisation you administer"),
            "immediate",
            False,
        ),
        (
            "network.join_decided",
            lambda: _("The answer to your request to join"),
            "immediate",
            True,
        ),
        ("network.invitation", lambda: _("Invitations to join an organisation"), "immediate", True),
        ("network.matches", lambda: _("Weekly match suggestions"), "weekly", False),
        ("network.contact", lambda: _("Messages sent to you through the hub"), "immediate", False),
    ]:
        registry.register_notification_kind(
            registry.NotificationKind(
                name=name,
                label=label,
                default=default,
                group=lambda: _("Network"),
                transactional=transactional,
            )
        )
