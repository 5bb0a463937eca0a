from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.core.models import Audience


class AskForm(forms.Form):
    q = forms.CharField(
        label=_("Your question"),
        max_length=300,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={"required": _("Write a question, in your own words.")},
    )
    audience = forms.ModelChoiceField(
        label=_("I am"),
        queryset=Audience.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Anyone"),
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All topics")), *topics]

    def clean_q(self):
        value = " ".join(self.cleaned_data["q"].split())
        if not value:
            raise forms.ValidationError(_("Write a question, in your own words."))
        return value


class FeedbackForm(forms.Form):
    answer_id = forms.CharField(max_length=150)
    passage = forms.IntegerField(required=False)
    q = forms.CharField(max_length=300)
    helpful = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")], coerce=lambda v: v == "yes"
    )


class HubSearchForm(forms.Form):
    """The header's question box and the search page: a question, and the kinds to show."""

    q = forms.CharField(
        label=_("Search or ask"),
        max_length=300,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={
            "required": _("Write what you are looking for: a name, a few words or a question."),
            "max_length": _("Keep it under %(limit_value)d characters."),
        },
    )
    kind = forms.MultipleChoiceField(
        label=_("Show"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("There is nothing of the kind “%(value)s” to search.")},
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = list(kinds)

    def clean_q(self):
        value = " ".join(self.cleaned_data["q"].split())
        if not value:
            raise forms.ValidationError(self.fields["q"].error_messages["required"])
        return value
