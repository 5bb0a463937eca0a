"""The answering form: one section's questions as fields, for rendering.

The form draws the fields (radio groups and checkboxes in fieldsets, selects, numbers, text) and
reads what the browser sent back into the services' input format (`data()`); the services check
the answers (`services.check_answers`) and their errors come back next to each question
(`add_errors`). Every field is optional at the form's level: whether a question must be answered
depends on its condition, which only the service knows."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _

from samspill.core.models import Country, Municipality, OrganisationKind
from samspill.surveys.models import OTHER, Kind, Question
from samspill.surveys.services import LONG_TEXT_MAX, SHORT_TEXT_MAX


@dataclass
class Item:
    """One question as the template draws it."""

    question: Question
    label: str
    fields: list  # bound fields: one, or one per matrix row; the "other" text field apart
    other: object = None
    error: str = ""
    condition: str = ""  # "Answer if …" for a condition on a question of the same section
    group: bool = False  # drawn as a fieldset (radio buttons, checkboxes, a matrix)

    @property
    def anchor(self) -> str:
        """Where the error summary links: the first control of the question."""
        first = self.fields[0] if self.fields else None
        if first is None:
            return self.question.key
        if self.group and self.question.kind != Kind.MATRIX:
            return f"{first.auto_id}_0"
        if self.question.kind == Kind.MATRIX:
            return f"{first.auto_id}_0"
        return first.auto_id


def _municipality_choices(country: str = ""):
    grouped = {}
    municipalities = Municipality.objects.order_by("country", "name")
    if country:
        municipalities = municipalities.filter(country=country)
    for municipality in municipalities:
        grouped.setdefault(municipality.country, []).append((municipality.code, municipality.name))
    labels = dict(Country.choices)
    return [("", _("Choose a municipality"))] + [
        (str(labels.get(country, country)), choices) for country, choices in grouped.items()
    ]


class SectionForm(forms.Form):
    def __init__(self, *args, questions: list[Question], section_question_ids: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.items: list[Item] = []
        self.error_summary: list[tuple[str, str]] = []
        municipalities: dict[str, list] = {}
        for question in questions:
            key = question.key
            label = question.text
            if question.required:
                label = _("%(question)s (required)") % {"question": question.text}
            kind = question.kind
            group = kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.SCALE, Kind.YES_NO, Kind.MATRIX)
            names = [key]
            if kind in (Kind.SINGLE, Kind.MULTIPLE):
                choices = [(o, o) for o in question.option_list]
                if question.allow_other:
                    choices.append((OTHER, _("Other")))
                if kind == Kind.SINGLE:
                    self.fields[key] = forms.ChoiceField(
                        label=label, choices=choices, required=False, widget=forms.RadioSelect
                    )
                else:
                    self.fields[key] = forms.MultipleChoiceField(
                        label=label,
                        choices=choices,
                        required=False,
                        widget=forms.CheckboxSelectMultiple,
                    )
                if question.allow_other:
                    self.fields[f"{key}_other"] = forms.CharField(
                        label=_("Other, please specify"), required=False, max_length=SHORT_TEXT_MAX
                    )
            elif kind == Kind.SCALE:
                self.fields[key] = forms.ChoiceField(
                    label=label,
                    choices=_scale_choices(question),
                    required=False,
                    widget=forms.RadioSelect,
                )
            elif kind == Kind.YES_NO:
                self.fields[key] = forms.ChoiceField(
                    label=label,
                    choices=[("yes", _("Yes")), ("no", _("No"))],
                    required=False,
                    widget=forms.RadioSelect,
                )
            elif kind == Kind.NUMBER:
                attrs = {"inputmode": "numeric"}
                if question.min_value is not None:
                    attrs["min"] = question.min_value
                if question.max_value is not None:
                    attrs["max"] = question.max_value
                self.fields[key] = forms.CharField(
                    label=label, required=False, widget=forms.NumberInput(attrs=attrs)
                )
            elif kind == Kind.SHORT_TEXT:
                self.fields[key] = forms.CharField(
                    label=label, required=False, max_length=SHORT_TEXT_MAX
                )
            elif kind == Kind.LONG_TEXT:
                self.fields[key] = forms.CharField(
                    label=label,
                    required=False,
                    max_length=LONG_TEXT_MAX,
                    widget=forms.Textarea(attrs={"rows": 5}),
                )
            elif kind == Kind.ORG_KIND:
                self.fields[key] = forms.ChoiceField(
                    label=label,
                    choices=[("", _("Choose a kind"))] + list(OrganisationKind.choices),
                    required=False,
                )
            elif kind == Kind.MUNICIPALITY:
                country = question.municipality_country
                if country not in municipalities:
                    municipalities[country] = _municipality_choices(country)
                self.fields[key] = forms.ChoiceField(
                    label=label, choices=municipalities[country], required=False
                )
            elif kind == Kind.MATRIX:
                names = []
                for index, row in enumerate(question.option_list):
                    name = f"{key}__{index}"
                    self.fields[name] = forms.ChoiceField(
                        label=row,
                        choices=_scale_choices(question),
                        required=False,
                        widget=forms.RadioSelect,
                    )
                    names.append(name)
            condition = ""
            source = question.show_if_question
            if source is not None and source.pk in section_question_ids:
                condition = _("Answer only if you answered “%(value)s” to “%(question)s”.") % {
                    "value": _yes_no_word(source, question.show_if_value),
                    "question": source.text,
                }
            described = []
            if question.help_text:
                described.append(f"{key}-help")
            if condition:
                described.append(f"{key}-condition")
            described.append(f"{key}-error")
            for name in names:
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
            self.items.append(
                Item(
                    question=question,
                    label=label,
                    fields=[self[name] for name in names],
                    other=self[f"{key}_other"] if f"{key}_other" in self.fields else None,
                    condition=condition,
                    group=group,
                )
            )

    def data_for_services(self) -> dict:
        """What the browser sent, in the services' input format."""
        data = {}
        raw = self.data
        for question in self.questions:
            key = question.key
            if question.kind == Kind.MULTIPLE:
                data[key] = raw.getlist(key) if hasattr(raw, "getlist") else raw.get(key, [])
            elif question.kind == Kind.MATRIX:
                data[key] = {
                    row: raw.get(f"{key}__{index}")
                    for index, row in enumerate(question.option_list)
                    if raw.get(f"{key}__{index}")
                }
            else:
                data[key] = raw.get(key, "")
            if question.allow_other and question.kind in (Kind.SINGLE, Kind.MULTIPLE):
                chosen = data[key] if isinstance(data[key], list) else [data[key]]
                # The text counts only with "other" ticked: a leftover text under another
                # choice is not an answer.
                if OTHER in chosen:
                    data[f"{key}_other"] = (raw.get(f"{key}_other") or "").strip()
        return data

    def add_errors(self, details: list[dict]) -> None:
        by_key = {d["field"]: d["message"] for d in details}
        for item in self.items:
            message = by_key.get(item.question.key)
            if message:
                item.error = message
                self.error_summary.append((item.anchor, f"{item.question.text}: {message}"))
                for bound in item.fields:
                    bound.field.widget.attrs["aria-invalid"] = "true"

    @property
    def has_errors(self) -> bool:
        return bool(self.error_summary)


def initial_from_values(questions: list[Question], values: dict[int, list[dict]]) -> dict:
    """Stored answers as the form's initial values (to continue a draft, or edit a response)."""
    initial = {}
    for question in questions:
        rows = values.get(question.pk, [])
        if not rows:
            continue
        key = question.key
        kind = question.kind
        if kind in (Kind.SINGLE, Kind.MULTIPLE):
            chosen = [r["option"] for r in rows]
            initial[key] = chosen if kind == Kind.MULTIPLE else chosen[0]
            others = [r["text"] for r in rows if r["option"] == OTHER]
            if others:
                initial[f"{key}_other"] = others[0]
        elif kind == Kind.MATRIX:
            for index, row in enumerate(question.option_list):
                for r in rows:
                    if r["row"] == row:
                        initial[f"{key}__{index}"] = str(r["number"])
        elif kind in (Kind.SCALE, Kind.NUMBER):
            initial[key] = str(rows[0]["number"])
        elif kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
            initial[key] = rows[0]["text"]
        else:
            initial[key] = rows[0]["option"]
    return initial


def _scale_choices(question: Question) -> list[tuple[str, str]]:
    choices = []
    for value in range(1, question.scale_max + 1):
        label = str(value)
        if value == 1 and question.low_label:
            label = f"{value} – {question.low_label}"
        elif value == question.scale_max and question.high_label:
            label = f"{value} – {question.high_label}"
        choices.append((str(value), label))
    return choices


def _yes_no_word(question: Question, value: str) -> str:
    if question.kind == Kind.YES_NO:
        return {"yes": _("Yes"), "no": _("No")}.get(value.strip().lower(), value)
    return value
