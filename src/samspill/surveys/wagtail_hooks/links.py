"""Where a survey's admin screens, results and public page are, and the links between them."""

from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy

from samspill.surveys import permissions, selectors
from samspill.surveys.models import Invitation, Mode, Survey

URL_NAMESPACE = "survey_admin"


def admin_url(name: str, *args) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def results_url(survey: Survey) -> str | None:
    """The survey's results page, when the site has one."""
    try:
        return reverse("surveys:results", kwargs={"slug": survey.slug})
    except NoReverseMatch:
        return None


def public_url(survey: Survey) -> str | None:
    """The survey's page on the site, in the survey's language (None while the site has none)."""
    try:
        with translation.override(survey.language):
            return survey.get_absolute_url()
    except NoReverseMatch:
        return None


def invitation_link(request, survey: Survey, invitation: Invitation, base: str | None = None):
    """The absolute personal link of an invitation (None while the survey has no page)."""
    base = base if base is not None else public_url(survey)
    if base is None:
        return None
    return request.build_absolute_uri(f"{base}?{urlencode({'token': invitation.token})}")


def managed_survey_or_404(user, pk) -> Survey:
    survey = selectors.survey_by_pk(pk)
    if survey is None or not permissions.can_manage_survey(user, survey):
        raise Http404
    return survey


def survey_screens(survey: Survey, current: str = "") -> list[dict]:
    """The links between a survey's admin screens (a sub-navigation on each of them)."""
    screens = [("edit", gettext_lazy("Edit survey"), admin_url("edit", survey.pk))]
    if survey.mode == Mode.INVITATION:
        screens.append(
            ("invitations", gettext_lazy("Invitations"), admin_url("invitations", survey.pk))
        )
    results = results_url(survey)
    if results:
        screens.append(("results", gettext_lazy("Results"), results))
    screens.append(("history", gettext_lazy("History"), admin_url("history", survey.pk)))
    return [
        {"name": name, "label": label, "url": url, "current": name == current}
        for name, label, url in screens
    ]
