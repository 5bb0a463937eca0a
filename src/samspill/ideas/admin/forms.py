"""Forms of the ideas' moderation screens. They only parse input; every change goes through
`ideas.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.ideas import services
from samspill.ideas.models import IdeaStatus
from samspill.projects.models import Project


class IdeaStatusForm(forms.Form):
    """An editor moves an idea on: the next status, the public reason and, for an idea turned into
    a project, the project (of the idea's programme)."""

    status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(
        label=_("Public reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the idea's page and sent to its followers. Required to decline."),
    )
    project = forms.ModelChoiceField(
        label=_("The project it became"),
        queryset=Project.objects.none(),
        required=False,
        help_text=_("Only for “Turned into a project”."),
    )

    def __init__(self, *args, idea, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = services.TRANSITIONS.get(IdeaStatus(idea.status), set())
        # The current status comes first and is chosen: saving the form unchanged moves nothing.
        current = IdeaStatus(idea.status)
        self.fields["status"].choices = [
            (current.value, _("%(status)s (unchanged)") % {"status": current.label}),
            *((value, label) for value, label in IdeaStatus.choices if value in allowed),
        ]
        self.fields["status"].initial = current.value
        self.fields["reason"].initial = idea.status_reason
        self.fields["project"].queryset = Project.objects.filter(
            programme_id=idea.programme_id
        ).order_by("title")


class CommentModerationForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Why, for the other editors. Not shown to the public."),
    )
