"""The answering form: one section's questions as fields, for rendering.

The form draws the fields that each question's kind gives (`samspill.core.questions`: radio
groups and checkboxes in fieldsets, selects, numbers, text) and reads what the browser sent back into the services' input format (`data()`); the services check
the answers (`services.check_answers`) and their errors come back next to each question
(`add_errors`). Every field is optional at the form's level: whether a question must be answered
depends on its condition, which only the service knows."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext as _

from samspill.surveys.models import OTHER, Kind, Question


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
        if self.group:
            return f"{first.auto_id}_0"
        return first.auto_id


def summary_line(question: str, message: str) -> str:
    """A question and its error on one line of the error summary: after a question's own closing
    mark ("…dere?", "…her:") no colon is added."""
    question = question.strip()
    if question.endswith(("?", "!", ".", ":", "…")):
        return f"{question} {message}"
    return f"{question}: {message}"


class SectionForm(forms.Form):
    def __init__(self, *args, questions: list[Question], section_question_ids: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        self.items: list[Item] = []
        self.error_summary: list[tuple[str, str]] = []
        cache: dict = {}  # what several questions' fields share (a country's municipalities)
        for question in questions:
            key = question.key
            label = question.text
            if question.required:
                label = _("%(question)s (required)") % {"question": question.text}
            kind = question.engine
            fields = kind.form_fields(question, label=label, cache=cache, required=False)
            self.fields.update(fields)
            names = [name for name in fields if name != f"{key}_other"]
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
                    group=kind.group,
                )
            )

    def data_for_services(self) -> dict:
        """What the browser sent, in the services' input format."""
        data = {}
        raw = self.data
        for question in self.questions:
            key = question.key
            kind = question.engine
            data[key] = kind.form_value(question, raw)
            if kind.takes_other(question):
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
                self.error_summary.append((item.anchor, summary_line(item.question.text, message)))
                for bound in item.fields:
                    bound.field.widget.attrs["aria-invalid"] = "true"

    @property
    def has_errors(self) -> bool:
        return bool(self.error_summary)

    def non_field_errors(self):
        """None: a survey's errors belong to its questions (`add_errors`, from the service), and
        Django's own validation is not run (for the error summary, `core/partials`)."""
        return self.error_class()


def initial_from_values(questions: list[Question], values: dict[int, list[dict]]) -> dict:
    """Stored answers as the form's initial values (to continue a draft, or edit a response)."""
    initial = {}
    for question in questions:
        rows = values.get(question.pk, [])
        if rows:
            initial.update(question.engine.initial(question, rows))
    return initial


def _yes_no_word(question: Question, value: str) -> str:
    if question.kind == Kind.YES_NO:
        return {"yes": _("Yes"), "no": _("No")}.get(value.strip().lower(), value)
    return value
