"""The survey builder's create, edit and delete screens; every write goes through
`surveys.services` (one transaction and an audit entry each)."""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.views.generic import models as generic
from wagtail.admin.widgets.button import Button, HeaderButton

from samspill.core.errors import SamspillError
from samspill.core.nplusone import ignore_n_plus_one
from samspill.surveys import selectors, services
from samspill.surveys.models import Mode
from samspill.surveys.wagtail_hooks import links
from samspill.surveys.wagtail_hooks.policy import ScopedObjectMixin

# Django's inline formsets clean each existing row's hidden id with its own `queryset.get()`: one
# query per question on the form, which the N+1 detector takes for a loop.
INLINE_ROW_READS = [{"model": "surveys.Question", "field": "get()"}]


class SurveyFormMixin:
    """Validate the survey with its questions and hand both to the service (one transaction, the
    audit entry). A question that got answers since the form was checked stops the save (no 500)."""

    def is_valid(self, form):
        with ignore_n_plus_one(INLINE_ROW_READS):
            return super().is_valid(form)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except SamspillError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
            # What Wagtail's views set when validation fails (their form_invalid reads it).
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def save_instance(self):
        form = self.form
        survey = form.save(commit=False)  # with its questions in memory, in the editors' order
        # Saving the question rows reads each one again (modelcluster), like validating them.
        with ignore_n_plus_one(INLINE_ROW_READS):
            return services.survey_save(
                actor=self.request.user, survey=survey, audiences=form.cleaned_data.get("audiences")
            )

    def get_success_url(self):
        return links.admin_url("edit", self.object.pk)


class SurveyCreateView(SurveyFormMixin, generic.CreateView):
    pass


class SurveyEditView(SurveyFormMixin, ScopedObjectMixin, generic.EditView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["survey"] = self.object
        context["survey_screens"] = links.survey_screens(self.object, "edit")
        return context

    @property
    def header_buttons(self):
        buttons = []
        if self.object.mode == Mode.INVITATION:
            buttons.append(
                HeaderButton(
                    _("Invitations"),
                    url=links.admin_url("invitations", self.object.pk),
                    icon_name="mail",
                )
            )
        results = links.results_url(self.object)
        if results:
            buttons.append(HeaderButton(_("Results"), url=results, icon_name="view"))
        return buttons

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        url = links.public_url(self.object)
        if url and self.object.is_published:
            buttons.append(Button(_("View on the site"), url=url, icon_name="view", priority=3))
        return buttons


class SurveyDeleteView(ScopedObjectMixin, generic.DeleteView):
    """A survey with submitted responses is not deleted: its answers would go with it."""

    def _refusal(self):
        count = selectors.submitted_count(self.object)
        if not count:
            return None
        messages.error(
            self.request,
            ngettext(
                "“%(title)s” has %(count)s submitted response and cannot be deleted. Close or "
                "unpublish it instead.",
                "“%(title)s” has %(count)s submitted responses and cannot be deleted. Close or "
                "unpublish it instead.",
                count,
            )
            % {"title": self.object.title, "count": count},
        )
        return redirect(links.admin_url("edit", self.object.pk))

    def get(self, request, *args, **kwargs):
        return self._refusal() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refusal() or super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.SurveyHasResponses as error:
            messages.error(self.request, str(error.message))
            return redirect(links.admin_url("edit", self.object.pk))

    def delete_action(self):
        services.survey_delete(actor=self.request.user, survey=self.object)
