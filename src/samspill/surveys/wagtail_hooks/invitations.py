"""The screens of one survey in the Wagtail admin next to its builder: the personal invitation
links of a survey in invitation mode, and their CSV download.

Each screen belongs to the survey viewset (`viewset.SurveyViewSet.get_urlpatterns`), so its
URL names are `survey_admin:<name>`. Only people who run the survey
(`permissions.can_manage_survey`) get in; for everyone else the survey does not exist (404). Every
change goes through `surveys.services`.
"""

import csv

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from samspill.core.errors import SamspillError
from samspill.surveys import selectors, services
from samspill.surveys.forms_admin import InvitationsForm
from samspill.surveys.models import Mode, Survey
from samspill.surveys.wagtail_hooks.links import (
    admin_url,
    invitation_link,
    managed_survey_or_404,
    public_url,
    survey_screens,
)

INVITATIONS_PER_PAGE = 100
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


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
                actor=self.request.user, survey=self.survey, labels=form.cleaned_data["labels"]
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
            }
        )
        return context


class _Echo:
    def write(self, value):
        return value


def _safe_cell(value: str) -> str:
    """Keep spreadsheets from reading a cell as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class InvitationsCsvView(SurveyScreenMixin, View):
    """Every invitation with its personal link and whether it was answered, as CSV."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        survey = self.survey
        base = public_url(survey)
        # Translated now: the rows are written after the request's language is gone.
        yes, no = _("yes"), _("no")
        header = [_("For"), _("Email address"), _("Link"), _("Answered")]

        def lines():
            writer = csv.writer(_Echo())
            yield "\ufeff"  # a byte order mark, so that spreadsheets read UTF-8
            yield writer.writerow(header)
            for invitation in selectors.invitations_with_state(survey).iterator(chunk_size=500):
                yield writer.writerow(
                    [
                        _safe_cell(invitation.label),
                        _safe_cell(invitation.email),
                        invitation_link(request, survey, invitation, base) or invitation.token,
                        yes if invitation.answered else no,
                    ]
                )

        response = StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{survey.slug}-invitations.csv"'
        response["Cache-Control"] = "no-store"
        return response
