"""The signed link of an invitation: its token carries only the invitation's id, and expires.

Both the services (reading a token) and the emails (writing the link) use it."""

from django.core import signing

INVITATION_SALT = "samspill.network.invitation"
INVITATION_DAYS = 14


def invitation_token(invitation) -> str:
    """The signed, timestamped token of an invitation's link (carries only its id)."""
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)
