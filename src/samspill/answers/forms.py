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
    """A "Did this help?" vote: on the question page with the question and the passage, at the end
    of an article or FAQ entry with the answer alone."""

    answer_id = forms.CharField(max_length=150)
    passage = forms.IntegerField(required=False, min_value=1)
    q = forms.CharField(max_length=300, required=False)
    helpful = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")], coerce=lambda v: v == "yes"
    )


PIN, SYNONYMS = "pin", "synonyms"


class AttachAnswerForm(forms.Form):
    """An editor answers an unanswered question in one step: with an existing answer, pinned for
    this question or tied to it through a synonym group of the words the editor confirms."""

    answer = forms.CharField(
        label=_("Answer"),
        max_length=150,
        error_messages={"required": _("Choose the answer that answers the question.")},
    )
    how = forms.ChoiceField(
        label=_("How"),
        widget=forms.RadioSelect,
        initial=PIN,
        choices=[
            (PIN, _("Pin this answer for this question: it comes first whenever it is asked")),
            (SYNONYMS, _("Add as synonyms: the words below mean the same in every question")),
        ],
    )
    question_words = forms.MultipleChoiceField(
        label=_("The question's words"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    answer_words = forms.CharField(
        label=_("The answer's words that mean the same"),
        max_length=300,
        required=False,
        help_text=_("Separate with commas, for example a word of the answer's title."),
    )

    def __init__(self, *args, answers=(), question_words=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].widget = forms.Select(choices=[("", "---------"), *answers])
        self.fields["question_words"].choices = [(w, w) for w in question_words]

    def words(self) -> list[str]:
        data = self.cleaned_data
        typed = [w.strip() for w in (data.get("answer_words") or "").split(",")]
        return [*data.get("question_words", []), *(w for w in typed if w)]

    def clean(self):
        data = super().clean()
        if data.get("how") == SYNONYMS and len({w.lower() for w in self.words()}) < 2:
            self.add_error(
                "answer_words",
                _("Tick a word of the question and write the answer's word that means the same."),
            )
        return data


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
