"""Forms of the surveys admin: the survey builder (a Wagtail cluster form with the survey's
questions as an inline formset) and the invitations form.

The builder limits the owner to the organisations the user edits (hub admins: all of them) and a
question's condition to the questions of the same survey that come before it. Before anything is
saved it asks `services.survey_check_change` whether the edit would orphan answers (a deleted
question, a removed option, a shorter scale…) and refuses the whole edit when it would.
"""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from samspill.core.models import Organisation
from samspill.core.permissions import editable_organisation_ids
from samspill.surveys import services
from samspill.surveys.models import Question, Survey

CONDITION_FIELD = "show_if_question"


class QuestionChoiceField(forms.ChoiceField):
    """A choice among questions already loaded (no query per row of the formset): the value is
    the question's id, the cleaned value the question itself."""

    def __init__(self, questions=(), **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.set_questions(questions)

    def set_questions(self, questions) -> None:
        self.by_pk = {str(q.pk): q for q in questions}
        self.choices = [("", "---------")] + [
            (str(q.pk), Truncator(q.text).chars(60)) for q in questions
        ]

    def prepare_value(self, value):
        if isinstance(value, Question):
            return str(value.pk)
        return "" if value is None else str(value)

    def clean(self, value):
        if value in (None, ""):
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        question = self.by_pk.get(str(value))
        if question is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return question

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != self.prepare_value(data)


def unique_slug(title: str, *, exclude=None) -> str:
    """A slug made from the title that no other survey has ("-2", "-3"… when it is taken)."""
    max_length = Survey._meta.get_field("slug").max_length
    base = slugify(title)[: max_length - 4].strip("-") or "survey"
    taken = set(
        Survey.objects.filter(slug__startswith=base)
        .exclude(pk=exclude)
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _proposed(form) -> dict:
    """One question as the edit leaves it, in the shape `survey_check_change` reads."""
    data = form.cleaned_data
    instance = form.instance
    options = data.get("options", instance.options) or ""
    return {
        "pk": instance.pk,
        "kind": data.get("kind", instance.kind),
        "options": [line.strip() for line in options.splitlines() if line.strip()],
        "allow_other": data.get("allow_other", instance.allow_other),
        "scale_max": data.get("scale_max", instance.scale_max),
        "min_value": data.get("min_value", instance.min_value),
        "max_value": data.get("max_value", instance.max_value),
        "municipality_country": data.get("municipality_country", instance.municipality_country),
        "deleted": bool(data.get("DELETE")),
    }


class SurveyAdminForm(WagtailAdminModelForm):
    """The survey builder: the survey's fields and its ordered questions."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.editable_ids = editable_organisation_ids(for_user) if for_user else None
        if "owner" in self.fields:
            owners = Organisation.objects.order_by("name")
            if self.editable_ids is not None:
                allowed = set(self.editable_ids)
                if self.instance.pk and self.instance.owner_id:
                    allowed.add(self.instance.owner_id)
                owners = owners.filter(pk__in=allowed)
                self.fields["owner"].help_text = _(
                    "A survey is run by one of the organisations you edit."
                )
            self.fields["owner"].queryset = owners
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The survey's address. Leave it empty to make it from the title."
            )
        self._limit_conditions()

    def _limit_conditions(self) -> None:
        """Each question's condition offers the survey's questions before it (new questions: all
        the survey's saved questions; a new survey's questions get conditions after a first save).
        The questions are read once for the whole formset."""
        formset = self.formsets.get("questions")
        if formset is None:
            return
        questions = []
        if self.instance.pk:
            questions = [
                q for q in Question.objects.filter(survey_id=self.instance.pk) if not q.is_section
            ]
            questions.sort(key=lambda q: (q.sort_order, q.pk))
        for form in [*formset.forms, formset.empty_form]:
            if CONDITION_FIELD not in form.fields:
                continue
            old = form.fields[CONDITION_FIELD]
            own = form.instance.pk
            if own:
                position = next((i for i, q in enumerate(questions) if q.pk == own), None)
                offered = questions[:position] if position is not None else questions
            else:
                offered = questions
            form.fields[CONDITION_FIELD] = QuestionChoiceField(
                offered,
                label=old.label,
                help_text=_(
                    "An earlier question of this survey. New questions can be chosen once the "
                    "survey is saved."
                ),
                widget=forms.Select,
            )

    def clean(self):
        cleaned_data = super().clean()
        if "slug" in self.fields and not cleaned_data.get("slug") and cleaned_data.get("title"):
            cleaned_data["slug"] = unique_slug(cleaned_data["title"], exclude=self.instance.pk)
        formset = self.formsets.get("questions")
        if formset is None or not formset.is_valid():
            return cleaned_data
        forms_in_order = [
            form
            for form in formset.forms
            if form.instance.pk or (form.has_changed() and not form.cleaned_data.get("DELETE"))
        ]
        self._check_conditions(formset, forms_in_order)
        if self.instance.pk:
            proposed = [_proposed(form) for form in forms_in_order if form.cleaned_data]
            for problem in services.survey_check_change(self.instance, proposed):
                self.add_error(None, problem)
        return cleaned_data

    def _check_conditions(self, formset, forms_in_order) -> None:
        """A condition must point to a question that stays, and that comes before."""
        ordered = sorted(
            (f for f in forms_in_order if f.cleaned_data and not f.cleaned_data.get("DELETE")),
            key=lambda f: f.cleaned_data.get("ORDER") or 0,
        )
        seen: set[int] = set()
        for form in ordered:
            condition = form.cleaned_data.get(CONDITION_FIELD)
            if condition is not None and condition.pk not in seen:
                self.add_error(
                    None,
                    _("“%(question)s” can only depend on a question that comes before it.")
                    % {"question": form.cleaned_data.get("text") or form.instance.text},
                )
            if form.instance.pk:
                seen.add(form.instance.pk)


class InvitationsForm(forms.Form):
    labels = forms.CharField(
        label=_("Names or email addresses"),
        max_length=50_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One per line. Each line gets its own personal link; a line with an email address "
            "(“Kari Nordmann <kari@example.org>”) keeps the address with the link, to email it."
        ),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"),
        queryset=Organisation.objects.public().order_by("name"),
        required=False,
        help_text=_(
            "Optional. One link per organisation; when it is sent, the organisation's members "
            "are told that the survey asks them."
        ),
    )

    def clean_labels(self):
        labels = [line.strip() for line in self.cleaned_data["labels"].splitlines()]
        labels = [label for label in labels if label]
        if len(labels) > 1000:
            raise forms.ValidationError(_("At most 1000 invitations at a time."))
        return labels

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("labels") and not cleaned.get("organisations") and not self.errors:
            self.add_error("labels", _("Give at least one name or email address."))
        return cleaned


class MailingForm(forms.Form):
    """How many invitations (or reminders) one press of the button sends."""

    limit = forms.IntegerField(
        label=_("How many to send now"),
        min_value=1,
        help_text=_("The oldest first. The rest wait for the next time you send."),
    )

    def __init__(self, *args, most: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["limit"]
        field.max_value = most
        field.widget.attrs.update({"max": most, "min": 1})
        field.validators.append(MaxValueValidator(most))
