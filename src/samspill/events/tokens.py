"""The two secrets of a registration, kept apart so that one cannot give the other.

The public token (`registration_token`) opens a registration's own page: the API returns it and the
web form redirects to it. The confirmation secret (`registration_confirmation_token`) confirms a
guest's email address and only travels in the email to that address; it is signed with another
key, so nobody holding the public token can make it.
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samspill.core.errors import NotFound
from samspill.events.models import Registration

TOKEN_SALT = "samspill.events.registration"
# A different key: the public token (the API returns it, the web form redirects to it) cannot be
# turned into the confirmation secret, which only travels in the email to the address itself.
CONFIRMATION_SALT = "samspill.events.registration.confirm-email"


def registration_token(registration: Registration) -> str:
    """The signed token of a registration's own page (in every email, and returned by the API):
    it shows and cancels the registration, and never confirms it."""
    return signing.Signer(salt=TOKEN_SALT).sign(str(registration.key))


def registration_confirmation_token(registration: Registration) -> str:
    """The secret that confirms a guest's email address: only ever sent to that address. It is
    bound to the address, so it confirms nothing if the registration's address is not the same."""
    return signing.Signer(salt=CONFIRMATION_SALT).sign_object(
        {"k": str(registration.key), "e": registration.email.lower()}
    )


def registration_from_token(token: str, *, for_update: bool = False) -> Registration:
    try:
        key = signing.Signer(salt=TOKEN_SALT).unsign(token)
    except signing.BadSignature as error:
        raise NotFound(_("This link is not valid.")) from error
    return _registration_by_key(key, for_update=for_update)


def registration_from_confirmation_token(token: str) -> Registration:
    try:
        data = signing.Signer(salt=CONFIRMATION_SALT).unsign_object(token)
        key, email = str(data["k"]), str(data["e"])
    except (signing.BadSignature, ValueError, TypeError, KeyError) as error:
        raise NotFound(_("This link is not valid.")) from error
    registration = _registration_by_key(key)
    if registration.email.lower() != email:
        raise NotFound(_("This link is not valid."))
    return registration


def _registration_by_key(key: str, *, for_update: bool = False) -> Registration:
    queryset = Registration.objects.select_related("event")
    if for_update:
        queryset = queryset.select_for_update()
    try:
        return queryset.get(key=key)
    except (Registration.DoesNotExist, ValidationError) as error:
        raise NotFound(_("This registration no longer exists.")) from error
