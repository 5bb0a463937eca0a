"""The screens of one survey in the Wagtail admin next to its builder: the personal invitation
links of a survey in invitation mode, and their CSV download.

Each screen belongs to the survey viewset (`viewsets.SurveyViewSet.get_urlpatterns`), so its
URL names are `survey_admin:<name>`. Only people who run the survey
(`permissions.can_manage_survey`) get in; for everyone else the survey does not exist (404). Every
change goes through `surveys.services`.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from samspill.core.errors import SamspillError
from samspill.core.spreadsheets import csv_response
from samspill.surveys import emails, permissions, selectors, services
from samspill.surveys.admin.forms import InvitationsForm, MailingForm
from samspill.surveys.models import Invitation, Mode, Survey

URL_NAMESPACE = "survey_admin"
INVITATIONS_PER_PAGE = 100


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


class SurveyScreenMixin(WagtailAdminTemplateMixin):
    """Loads the survey (404 unless the user runs it) and frames the screen."""

    screen = ""
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        self.survey = managed_survey_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.survey.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": admin_url("index"), "label": capfirst(Survey._meta.verbose_name_plural)},
            {"url": admin_url("edit", self.survey.pk), "label": self.survey.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["survey"] = self.survey
        context["survey_screens"] = survey_screens(self.survey, self.screen)
        return context


class InvitationsView(SurveyScreenMixin, FormView):
    """Create personal links (one per line of names or addresses) and list them."""

    template_name = "surveys/admin/invitations.html"
    page_title = gettext_lazy("Invitations")
    screen = "invitations"
    form_class = InvitationsForm

    def form_valid(self, form):
        try:
            created = services.invitations_create(
                actor=self.request.user,
                survey=self.survey,
                labels=form.cleaned_data["labels"],
                organisations=form.cleaned_data["organisations"],
            )
        except SamspillError as error:
            form.add_error(None, str(error.message))
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "%(count)d personal link is created.",
                "%(count)d personal links are created.",
                len(created),
            )
            % {"count": len(created)},
        )
        return redirect(admin_url("invitations", self.survey.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(
            selectors.invitations_with_state(self.survey), INVITATIONS_PER_PAGE
        ).get_page(self.request.GET.get("p"))
        base = public_url(self.survey)
        context.update(
            {
                "is_invitation_mode": self.survey.mode == Mode.INVITATION,
                "page": page,
                "rows": [
                    {
                        "invitation": invitation,
                        "link": invitation_link(self.request, self.survey, invitation, base),
                    }
                    for invitation in page.object_list
                ],
                "answered_count": selectors.invitations_answered_count(self.survey),
                "csv_url": admin_url("invitations_csv", self.survey.pk),
                "mailing": mailing_state(self.survey),
            }
        )
        return context


def mailing_state(survey: Survey) -> dict:
    """What the invitations screen says about emailing: the counts, and why not, if not."""
    counts = selectors.invitation_mailing_counts(survey, interval=services.reminder_interval())
    return {
        **counts,
        "send_url": admin_url("invitations_send", survey.pk),
        "remind_url": admin_url("invitations_remind", survey.pk),
        "send_refusal": services.mailing_refusal(survey, reminder=False),
        "remind_refusal": services.mailing_refusal(survey, reminder=True),
        "reminder_days": services.reminder_interval().days,
    }


class MailingView(SurveyScreenMixin, FormView):
    """Send the survey's invitations (or reminders) by email: a preview of the email, how many
    wait, how many to send now, and one button that confirms. The sending runs in the
    background (`services.invitations_send`, `services.invitations_remind`)."""

    template_name = "surveys/admin/mailing.html"
    screen = "invitations"
    form_class = MailingForm
    reminder = False

    def get_page_title(self):
        return _("Send reminders") if self.reminder else _("Send invitations")

    def waiting_invitations(self):
        if self.reminder:
            return selectors.invitations_due_reminder(
                self.survey, interval=services.reminder_interval()
            )
        return selectors.invitations_unsent(self.survey)

    def waiting(self) -> int:
        if not hasattr(self, "_waiting"):
            self._waiting = self.waiting_invitations().count()
        return self._waiting

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["most"] = services.mailing_limit()
        return kwargs

    def get_initial(self):
        return {"limit": max(1, min(self.waiting(), services.mailing_limit()))}

    def form_valid(self, form):
        action = services.invitations_remind if self.reminder else services.invitations_send
        try:
            count = action(
                survey=self.survey, actor=self.request.user, limit=form.cleaned_data["limit"]
            )
        except SamspillError as error:
            form.add_error(None, str(error.message))
            return self.form_invalid(form)
        if not count:
            messages.warning(self.request, _("Nothing was sent: no one is waiting for this email."))
        elif self.reminder:
            messages.success(
                self.request,
                ngettext(
                    "%(count)d reminder is being sent.",
                    "%(count)d reminders are being sent.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.success(
                self.request,
                ngettext(
                    "%(count)d invitation is being sent.",
                    "%(count)d invitations are being sent.",
                    count,
                )
                % {"count": count},
            )
        return redirect(admin_url("invitations", self.survey.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The email as its first recipient will read it (an organisation's members get no email).
        first = self.waiting_invitations().exclude(email="").select_related("survey__owner").first()
        subject, body = emails.preview(self.survey, reminder=self.reminder, invitation=first)
        context.update(
            {
                "reminder": self.reminder,
                "refusal": services.mailing_refusal(self.survey, reminder=self.reminder),
                "waiting": self.waiting(),
                "most": services.mailing_limit(),
                "reminder_days": services.reminder_interval().days,
                "preview_subject": subject,
                "preview_body": body,
                "preview_language": self.survey.language,
                "preview_for": (first.label or first.email) if first else "",
                "back_url": admin_url("invitations", self.survey.pk),
            }
        )
        return context


class InvitationsCsvView(SurveyScreenMixin, View):
    """Every invitation with its personal link and whether it was answered, as CSV."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        survey = self.survey
        base = public_url(survey)
        # Translated now: the rows are written after the request's language is gone.
        yes, no = _("yes"), _("no")
        header = [_("For"), _("Email address"), _("Link"), _("Answered")]

        rows = (
            [
                invitation.label,
                invitation.email,
                invitation_link(request, survey, invitation, base) or invitation.token,
                yes if invitation.answered else no,
            ]
            for invitation in selectors.invitations_with_state(survey).iterator(chunk_size=500)
        )
        return csv_response(f"{survey.slug}-invitations.csv", header, rows, stream=True)
