"""Unsubscribing from a kind of email, in one click and without logging in.

Every email of a kind that is not transactional carries a link to `core:unsubscribe` with a
signed token of (address, kind) (`unsubscribe_url`), in its footer and in its `List-Unsubscribe`
header. Opening the link shows a page with one button (a GET changes nothing: mail scanners follow
links); pressing it, or a mail client's one-click POST (RFC 8058, body
`List-Unsubscribe=One-Click`, no cookies and so no CSRF token), stops that kind of email to that
address (`email_unsubscribe`): an EmailOptOut row, the person's NotificationSetting "never" when
the address is an account's, and an EmailLog row "unsubscribed". The token never expires: an old
email's link still works.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from samspill.core.digests import DIGEST_KIND, digest_unsubscribed
from samspill.core.models import Delivery, EmailLog, EmailOptOut, EmailStatus, NotificationSetting
from samspill.core.ratelimit import allow_request

SALT = "samspill.core.unsubscribe"
SCOPE = "core.unsubscribe"


# --- The token -------------------------------------------------------------------------------------


def _signer() -> signing.Signer:
    return signing.Signer(salt=SALT)


def unsubscribe_token(address: str, kind: str) -> str:
    """Signed, without a date: the same for an address and a kind, and never expiring."""
    return _signer().sign_object({"a": address.strip().lower(), "k": kind})


def read_token(token: str) -> tuple[str, str] | None:
    """(address, kind) of a good token, else None."""
    try:
        data = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    if not isinstance(data, dict):
        return None
    address, kind = data.get("a"), data.get("k")
    if not isinstance(address, str) or not isinstance(kind, str) or not address or not kind:
        return None
    return address, kind


def unsubscribe_url(address: str, kind: str, *, language: str | None = None) -> str:
    """The absolute address of the unsubscribe page for `address` and `kind`."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        path = reverse("core:unsubscribe", kwargs={"token": unsubscribe_token(address, kind)})
    return settings.SITE_URL + path


def masked(address: str) -> str:
    """ "kari.nordmann@example.org" → "k***@example.org": enough to recognise, not to harvest."""
    local, at, domain = address.partition("@")
    return f"{local[:1]}***{at}{domain}" if at else "***"


# --- The service -----------------------------------------------------------------------------------


def is_unsubscribed(address: str, kind: str) -> bool:
    return EmailOptOut.objects.filter(address=address.lower(), kind=kind).exists()


@transaction.atomic
def email_unsubscribe(*, address: str, kind: str) -> bool:
    """Stop emails of `kind` to `address`; True when this changed anything. Idempotent."""
    address = address.strip().lower()
    _optout, created = EmailOptOut.objects.get_or_create(address=address, kind=kind)
    user = get_user_model().objects.filter(email__iexact=address, is_active=True).first()
    if user is not None:
        NotificationSetting.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": Delivery.NEVER}
        )
        if kind == DIGEST_KIND:  # the digest: every kind it carried goes to "never"
            digest_unsubscribed(user)
    if created:
        EmailLog.objects.create(
            kind=kind, address=address, user=user, status=EmailStatus.UNSUBSCRIBED
        )
    return created


# --- The page --------------------------------------------------------------------------------------


def _label(kind: str) -> str:
    from samspill.core.mail import kind_label

    return kind_label(kind)


@csrf_exempt  # the one-click POST of a mail client carries no cookie; the token is the secret
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    found = read_token(token)
    if found is None:
        return render(request, "core/unsubscribe_invalid.html", status=400)
    address, kind = found
    context = {
        "token": token,
        "address": masked(address),
        "kind_label": _label(kind),
        "done": False,
        "problem": "",
    }
    if request.method == "POST":
        if not allow_request(request, SCOPE):
            context["problem"] = _(
                "You have done this too many times in a short time. Wait a while and try again."
            )
            return render(request, "core/unsubscribe.html", context, status=429)
        email_unsubscribe(address=address, kind=kind)
        context["done"] = True
    else:
        context["done"] = is_unsubscribed(address, kind)
    return render(request, "core/unsubscribe.html", context)
