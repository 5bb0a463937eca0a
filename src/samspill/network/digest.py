"""The weekly match email: members opt in per organisation; `send_due` sends what is due.

Each subscription gets at most one email a week, even when several workers run at once: a
conditional UPDATE of `last_sent_at` claims it before the email is queued (after the commit). A
person who left the organisation loses the subscription; a week without matches sends nothing.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspill.core.errors import NotPermitted
from samspill.core.mail import enqueue_message
from samspill.core.models import Membership
from samspill.core.services import audit_log
from samspill.network.models import DigestSubscription
from samspill.network.selectors import matches_for

INTERVAL = datetime.timedelta(days=7)
# A weekly cron that fires a little early must not skip a week.
SLACK = datetime.timedelta(hours=1)
MATCHES_PER_EMAIL = 5

# The audit action of this module, for wagtail_hooks' "register_log_actions".
LOG_ACTIONS = [("network.digest.changed", gettext_lazy("Weekly match email turned on or off"))]


# --- Words ----------------------------------------------------------------------------------------


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


# --- Opting in and out ----------------------------------------------------------------------------


def is_subscribed(*, user, organisation) -> bool:
    if not user.is_authenticated:
        return False
    return DigestSubscription.objects.filter(user=user, organisation=organisation).exists()


def digest_subscribe(*, user, organisation, on: bool) -> bool:
    """Turn the weekly match email on or off for a member of the organisation. Returns whether
    anything changed (turning on twice, or off twice, is harmless)."""
    if not (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=organisation).exists()
    ):
        raise NotPermitted(_("Only members of the organisation can get its match suggestions."))
    with transaction.atomic():
        if on:
            _subscription, changed = DigestSubscription.objects.get_or_create(
                user=user, organisation=organisation
            )
        else:
            deleted, _rows = DigestSubscription.objects.filter(
                user=user, organisation=organisation
            ).delete()
            changed = bool(deleted)
        if changed:
            audit_log(
                actor=user,
                action="network.digest.changed",
                target=organisation,
                data={"user": user.pk, "on": on},
            )
    return changed


# --- Sending --------------------------------------------------------------------------------------


def _language(user) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    preferred = (user.preferred_language or "")[:2]
    return preferred if preferred in languages else settings.LANGUAGE_CODE


def _send(subscription: DigestSubscription, matches: list) -> None:
    user, organisation = subscription.user, subscription.organisation
    language = _language(user)
    with translation.override(language):
        context = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.SITE_URL,
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
        subject = render_to_string("network/email/digest_subject.txt", context)
        body = render_to_string("network/email/digest.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    enqueue_message(message)


def remove_departed() -> int:
    """Subscriptions of people no longer members of the organisation (or no longer active)."""
    member = Membership.objects.filter(
        user_id=OuterRef("user_id"), organisation_id=OuterRef("organisation_id")
    )
    gone = DigestSubscription.objects.filter(~Exists(member) | Q(user__is_active=False))
    deleted, _rows = gone.delete()
    return deleted


def send_due(now=None) -> int:
    """Send every subscription's weekly email that is due; returns how many were sent.

    Safe to run often and from several workers: each subscription is claimed by a conditional
    UPDATE of its `last_sent_at`, so it is sent at most once a week."""
    now = now or timezone.now()
    remove_departed()
    due = (
        DigestSubscription.objects.filter(
            Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - INTERVAL + SLACK)
        )
        .select_related("user", "organisation__municipality")
        .order_by("organisation_id", "pk")
    )
    matches_of: dict[int, list] = {}
    sent = 0
    for subscription in due:
        organisation = subscription.organisation
        if organisation.pk not in matches_of:
            matches_of[organisation.pk] = matches_for(organisation, limit=MATCHES_PER_EMAIL)
        matches = matches_of[organisation.pk]
        if not matches:
            continue
        with transaction.atomic():
            previous = subscription.last_sent_at
            claim = DigestSubscription.objects.filter(pk=subscription.pk)
            claim = (
                claim.filter(last_sent_at__isnull=True)
                if previous is None
                else claim.filter(last_sent_at=previous)
            )
            if claim.update(last_sent_at=now):
                _send(subscription, matches)
                sent += 1
    return sent
