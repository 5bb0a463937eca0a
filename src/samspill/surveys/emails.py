"""The survey invitations' emails: the invitation with its personal link, and the reminder to
those who have not answered. Written in the survey's language, links absolute to SITE_URL.

Both are notification kinds ("surveys.invitation", "surveys.reminder"), not transactional: the
person never asked for them, so each carries List-Unsubscribe, and an address that unsubscribed
from a kind gets no more of it (`core.mail.send_templated`). An invitation for an organisation
tells the organisation's members too ("surveys.open").
"""

from django.conf import settings
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext

from samspill.core import mail
from samspill.core.notifications import notify
from samspill.surveys import selectors
from samspill.surveys.models import Invitation, Survey

INVITATION = "surveys/email/invitation"
REMINDER = "surveys/email/reminder"
KIND_INVITATION = "surveys.invitation"
KIND_REMINDER = "surveys.reminder"
KIND_OPEN = "surveys.open"


def survey_path(survey: Survey) -> str | None:
    """The survey's page, site-relative, in the survey's language (None while the site has none)."""
    try:
        with translation.override(survey.language):
            return survey.get_absolute_url()
    except NoReverseMatch:
        return None


def personal_path(survey: Survey, token: str) -> str | None:
    path = survey_path(survey)
    return f"{path}?{urlencode({'token': token})}" if path is not None else None


def personal_link(invitation: Invitation) -> str:
    """The invitation's personal link, absolute to SITE_URL."""
    return settings.SITE_URL + (personal_path(invitation.survey, invitation.token) or "")


def _context(survey: Survey, *, link: str, label: str, reminder: bool) -> dict:
    with translation.override(survey.language):
        closes = date_format(survey.closes_at, "DATE_FORMAT") if survey.closes_at else ""
    return {
        "survey": survey,
        "owner": survey.owner.name,
        "label": label,
        "link": link,
        "closes": closes,
        "reminder": reminder,
    }


def template_for(reminder: bool) -> str:
    return REMINDER if reminder else INVITATION


def _greeting(invitation: Invitation) -> str:
    """Whom the email greets: the invitation's label, unless that is the address itself."""
    return "" if invitation.label == invitation.email else invitation.label


def preview(survey: Survey, *, reminder: bool, invitation: Invitation | None = None):
    """(subject, body) as `invitation`'s recipient (the first to get it) will read them; without
    one, as anyone would, with a sample link (for the admin)."""
    if invitation is not None:
        link, label = personal_link(invitation), _greeting(invitation)
    else:
        link, label = settings.SITE_URL + (personal_path(survey, "…") or ""), ""
    context = _context(survey, link=link, label=label, reminder=reminder)
    return mail.render_templated(
        template_for(reminder), context, language=mail.language_of(survey.language)
    )


def send_one(invitation: Invitation, *, reminder: bool) -> None:
    survey = invitation.survey
    label = _greeting(invitation)
    mail.send_templated(
        template_for(reminder),
        to=invitation.email,
        context=_context(survey, link=personal_link(invitation), label=label, reminder=reminder),
        language=survey.language,
        kind=KIND_REMINDER if reminder else KIND_INVITATION,
    )


def tell_organisation(invitation: Invitation) -> int:
    """The members of the organisation an invitation is for learn that the survey asks them
    (a notification, delivered as each of them chose)."""
    organisation = invitation.organisation
    survey = invitation.survey
    users = list(organisation.memberships.values_list("user_id", flat=True))
    if not users:
        return 0
    title_values = {"survey": survey.title, "organisation": organisation.name}

    def title(language):
        with translation.override(language):
            return gettext("“%(survey)s” asks %(organisation)s for answers") % title_values

    def text(language):
        with translation.override(language):
            if invitation.email:
                return gettext(
                    "The personal link was emailed to %(email)s. Each link answers once."
                ) % {"email": invitation.email}
            return gettext("Open the survey with your organisation's personal link.")

    return notify(
        kind=KIND_OPEN,
        users=users,
        title=title,
        text=text,
        url=personal_path(survey, invitation.token) or "",
        subject=survey,
    )


def invitations_email(invitation_ids: list[int], *, reminder: bool) -> int:
    """Email one batch of claimed invitations (the task's work); the number of emails queued."""
    sent = 0
    for invitation in selectors.invitations_for_mailing(invitation_ids):
        if invitation.email:
            send_one(invitation, reminder=reminder)
            sent += 1
        if invitation.organisation_id and not reminder:
            tell_organisation(invitation)
    return sent
