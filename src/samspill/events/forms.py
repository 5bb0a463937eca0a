"""Forms of the public event pages: the list's filters, registration, agenda input, invitations.

The forms check what a browser sends; the services check it again and have the last word. Their
domain errors are put back on the matching fields with `add_service_error`.
"""

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from samspill.core.forms import ServiceErrorsMixin
from samspill.core.validators import validate_single_line
from samspill.events.models import EventKind

MODE_CHOICES = [("", _("Online and on site")), ("online", _("Online")), ("onsite", _("On site"))]
WHEN_CHOICES = [("upcoming", _("Upcoming events")), ("past", _("Past events"))]


class EventFilterForm(forms.Form):
    """The filters of the event list (GET). Choices come from `selectors.filter_choices()`."""

    when = forms.ChoiceField(required=False, choices=WHEN_CHOICES, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    audience = forms.ChoiceField(label=_("For"), required=False)
    mode = forms.ChoiceField(label=_("Where"), required=False, choices=MODE_CHOICES)
    region = forms.ChoiceField(label=_("Region"), required=False)
    organiser = forms.ChoiceField(label=_("Organiser"), required=False)

    FILTER_KEYS = ("kind", "audience", "mode", "region", "organiser")

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [
            ("", _("Everyone")),
            *((a.slug, a.label) for a in choices.get("audiences", [])),
        ]
        self.fields["region"].choices = [
            ("", _("All regions")),
            *((r.code, r.name) for r in choices.get("regions", [])),
        ]
        self.fields["organiser"].choices = [
            ("", _("All organisers")),
            *((o.slug, o.name) for o in choices.get("organisers", [])),
        ]

    def period(self) -> str:
        """ "past" or "upcoming"."""
        if not self.is_bound:
            return "upcoming"
        self.is_valid()
        return "past" if self.cleaned_data.get("when") == "past" else "upcoming"

    def filters(self) -> dict:
        """The valid filters, each a value or None; a bad value drops only its own filter."""
        if not self.is_bound:
            return dict.fromkeys(self.FILTER_KEYS)
        self.is_valid()
        return {key: self.cleaned_data.get(key) or None for key in self.FILTER_KEYS}

    def visible_filters(self):
        return [self[key] for key in self.FILTER_KEYS]


class RegistrationForm(ServiceErrorsMixin, forms.Form):
    """Name and email (guests only), the event's questions, and its consent line."""

    def __init__(self, *args, event, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.questions = list(event.questions.all())
        self.is_guest = not (user is not None and user.is_authenticated)
        if self.is_guest:
            self.fields["name"] = forms.CharField(
                label=_("Your name"),
                max_length=150,
                validators=[validate_single_line],
                error_messages={"required": _("Give your name.")},
                widget=forms.TextInput(attrs={"autocomplete": "name"}),
            )
            self.fields["email"] = forms.EmailField(
                label=_("Your email address"),
                max_length=254,
                error_messages={
                    "required": _("Give your email address."),
                    "invalid": _("Give a valid email address, like name@example.org."),
                },
                widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            )
        for question in self.questions:
            self.fields[question.key] = _question_field(question)
        if event.consent_text:
            self.fields["consent"] = forms.BooleanField(
                label=event.consent_text,
                required=True,
                error_messages={"required": _("Tick the consent line to register.")},
            )

    @property
    def has_questions(self) -> bool:
        return bool(self.questions) or "consent" in self.fields

    def question_fields(self):
        return [self[q.key] for q in self.questions]

    def answers(self) -> dict:
        """{question id: answer} for the service, without the questions left empty."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(question.key)
            if value not in (None, ""):
                answers[str(question.pk)] = value
        return answers

    def service_field_name(self, field: str | None) -> str | None:
        if field and field.startswith("answers."):
            field = "q" + field.removeprefix("answers.")
        return super().service_field_name(field)


def _question_field(question) -> forms.Field:
    label = (
        question.label
        if question.required
        else _("%(label)s (optional)") % {"label": question.label}
    )
    common = {
        "label": label,
        "required": question.required,
        # Django renders help text unescaped; the organisers' text must stay text.
        "help_text": escape(question.help_text),
        "error_messages": {"required": _("Answer “%(q)s”.") % {"q": question.label}},
    }
    # The questionnaire engine's field for the kind (a choice, yes or no, a short text).
    return question.engine.form_fields(question, **common)[question.key]


class AgendaInputForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label=_("Your input to the agenda"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "A question or a topic you would like the event to take up (at most 2000 characters)."
        ),
        error_messages={"required": _("Write your input first.")},
    )

    prefix = "agenda"


class InvitationForm(ServiceErrorsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        max_length=254,
        error_messages={
            "required": _("Give the address to send the invitation to."),
            "invalid": _("Give a valid email address, like name@example.org."),
        },
    )
    message = forms.CharField(
        label=_("A few words from you (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("We send the event's page and your message. The address is not kept."),
    )

    prefix = "invite"
