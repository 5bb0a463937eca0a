"""The kinds of question, one class each, in the order editors are offered them."""

from django import forms
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspill.core.models import Country, Municipality, OrganisationKind
from samspill.core.questions.base import (
    LONG_TEXT_MAX,
    OTHER,
    SHORT_TEXT_MAX,
    AnswerError,
    Column,
    Kind,
    MatrixRow,
    all_kinds,
    bars,
    register,
)

# --- Shared pieces --------------------------------------------------------------------------------


def as_int(value) -> int:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if not text or not text.lstrip("-").isdigit():
        raise ValueError
    return int(text)


def as_text(value) -> str:
    """A text answer as stored: trimmed, without NUL (PostgreSQL's text holds none)."""
    return str(value).replace("\x00", "").strip()


def blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def median(distribution: dict[int, int], n: int) -> float | None:
    """The median from {value: count} (as many entries as distinct values, not answers)."""
    if not n:
        return None
    wanted = [(n - 1) // 2, n // 2]
    found = []
    seen = 0
    for value in sorted(distribution):
        seen += distribution[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
        if not wanted:
            break
    return (found[0] + found[1]) / 2


def yes_no_labels() -> dict[str, str]:
    return {"yes": _("Yes"), "no": _("No")}


def scale_choices(question) -> list[tuple[str, str]]:
    """The form's radio buttons of a scale: "1 – low", 2, …, "n – high"."""
    choices = []
    for value in range(1, question.scale_max + 1):
        label = str(value)
        if value == 1 and question.low_label:
            label = f"{value} – {question.low_label}"
        elif value == question.scale_max and question.high_label:
            label = f"{value} – {question.high_label}"
        choices.append((str(value), label))
    return choices


def scale_label(question, n: int) -> str:
    """A scale value as results name it: "1 (low)", 2, …, "n (high)"."""
    if n == 1 and question.low_label:
        return f"1 ({question.low_label})"
    if n == question.scale_max and question.high_label:
        return f"{n} ({question.high_label})"
    return str(n)


def scale_number(question, raw) -> int | None:
    try:
        number = as_int(raw)
    except ValueError:
        return None
    return number if 1 <= number <= question.scale_max else None


def offered_country(question) -> str:
    """The country whose municipalities a question offers: its own `municipality_country`; else,
    for a survey in Danish, Denmark (its respondents are Danes); else every country ("")."""
    country = getattr(question, "municipality_country", "") or ""
    if country:
        return country
    survey = getattr(question, "survey", None) if getattr(question, "survey_id", None) else None
    if survey is not None and getattr(survey, "language", "") == "da":
        return Country.DENMARK
    return ""


def municipality_choices(country: str = "") -> list:
    """The municipalities grouped by region (fylke, region) for `<optgroup>`s: Norway's 357
    kommuner under their 15 fylker, Denmark's 98 under their 5 regions; two queries. With
    several countries, each group says its country."""
    municipalities = Municipality.objects.select_related("region").order_by(
        "country", "region__sort_name", "region__name", "sort_name", "name"
    )
    if country:
        municipalities = municipalities.filter(country=country)
    labels = dict(Country.choices)
    grouped: dict[tuple, list] = {}
    for municipality in municipalities:
        region = municipality.region.name if municipality.region_id else _("No region")
        key = (municipality.country, region)
        grouped.setdefault(key, []).append((municipality.code, municipality.name))
    return [("", _("Choose a municipality"))] + [
        (
            region if country else f"{region} ({labels.get(code_country, code_country)})",
            choices,
        )
        for (code_country, region), choices in grouped.items()
    ]


def gone_options(question, new: dict, answers, field_name: str) -> list[str]:
    """An edit may not remove or rename an option (or a matrix row) that has answers."""
    used = set(
        answers.exclude(**{field_name: ""})
        .exclude(option=OTHER)
        .values_list(field_name, flat=True)
        .distinct()
    )
    gone = sorted(used - set(new["options"]))
    if not gone:
        return []
    return [
        _(
            "“%(question)s”: the options %(options)s have answers and cannot be "
            "removed or renamed. Add new options instead."
        )
        % {"question": question.text, "options": ", ".join(f"“{g}”" for g in gone)}
    ]


def scale_shortened(question, new: dict, answers) -> list[str]:
    """An edit may not shorten a scale below its highest answer."""
    top = (
        answers.filter(number__isnull=False)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    if top is not None and top > int(new.get("scale_max") or question.scale_max):
        return [
            _("“%(question)s”: answers go up to %(top)s, so the scale cannot be shorter.")
            % {"question": question.text, "top": top}
        ]
    return []


class _OneOption(Kind):
    """A kind answered by one stored option (yes/no, a code)."""

    group = False
    counted_by = "option"
    categorical = True
    one_value = True

    def clean_option(self, question, value, context) -> str:
        raise NotImplementedError

    def clean(self, question, value, other="", context=None):
        if blank(value):
            return []
        return [{"option": self.clean_option(question, value, context)}]

    def columns(self, question, *, public):
        return [Column(question.key, question, self.meaning(question))]

    def meaning(self, question) -> str:
        return ""

    def summarise(self, result, counts, answered, shown):
        pairs = self.categories(question=result.question, present=set(counts.by_option))
        result.bars = bars(pairs, counts.by_option, answered, shown)


# --- The kinds ------------------------------------------------------------------------------------


@register
class Section(Kind):
    name = "section"
    label = gettext_lazy("Section break (title and introduction)")
    is_section = True


class _Choice(Kind):
    """Single and multiple choice: options are lines of text, "other, please specify" optional."""

    group = True
    counted_by = "option"
    categorical = True
    multiple = False

    def check(self, question):
        if len(question.option_list) < 2:
            return {"options": _("A choice needs at least two options.")}
        return {}

    def takes_other(self, question):
        return bool(question.allow_other)

    def change_problems(self, question, new, answers):
        problems = gone_options(question, new, answers, "option")
        if (
            question.allow_other
            and not new.get("allow_other", True)
            and answers.filter(option=OTHER).exists()
        ):
            problems.append(
                _("“%(question)s”: “other” has answers and cannot be turned off.")
                % {"question": question.text}
            )
        return problems

    def form_fields(self, question, *, label, cache=None, **options):
        choices = [(o, o) for o in question.option_list]
        if question.allow_other:
            choices.append((OTHER, _("Other")))
        if self.multiple:
            field = forms.MultipleChoiceField(
                label=label, choices=choices, widget=forms.CheckboxSelectMultiple, **options
            )
        else:
            field = forms.ChoiceField(
                label=label, choices=choices, widget=forms.RadioSelect, **options
            )
        fields = {question.key: field}
        if question.allow_other:
            fields[f"{question.key}_other"] = forms.CharField(
                label=_("Other, please specify"), required=False, max_length=SHORT_TEXT_MAX
            )
        return fields

    def initial(self, question, rows):
        chosen = [r["option"] for r in rows]
        found = {question.key: chosen if self.multiple else chosen[0]}
        others = [r["text"] for r in rows if r["option"] == OTHER]
        if others:
            found[f"{question.key}_other"] = others[0]
        return found

    def clean(self, question, value, other="", context=None):
        other = as_text(other or "")
        chosen = value if isinstance(value, list | tuple) else ([] if blank(value) else [value])
        chosen = [str(v).strip() for v in chosen if str(v).strip()]
        if OTHER in chosen:
            chosen.remove(OTHER)
            if not other:
                raise AnswerError(_("Say what “other” is."))
        if other and not question.allow_other:
            raise AnswerError(_("This question has no “other” option."))
        options = question.option_list
        unknown = [c for c in chosen if c not in options]
        if unknown:
            raise AnswerError(
                _("“%(value)s” is not one of the options.") % {"value": unknown[0]},
                code="not_an_option",
            )
        if len(set(chosen)) != len(chosen):
            raise AnswerError(_("Each option may be chosen only once."))
        if not self.multiple and len(chosen) + (1 if other else 0) > 1:
            raise AnswerError(_("Choose one option."))
        if len(other) > SHORT_TEXT_MAX:
            raise AnswerError(_("At most %(n)s characters.") % {"n": SHORT_TEXT_MAX})
        rows = [{"option": c} for c in chosen]
        if other:
            rows.append({"option": OTHER, "text": other})
        return rows

    def as_input(self, question, rows):
        chosen = [r["option"] for r in rows if r["option"] != OTHER]
        found = {question.key: chosen if self.multiple else (chosen[0] if chosen else "")}
        others = [r["text"] for r in rows if r["option"] == OTHER]
        if others:
            found[f"{question.key}_other"] = others[0]
        return found

    def api_options(self, question):
        return question.option_list

    def categories(self, question, present=None, municipalities=None):
        found = [(o, o) for o in question.option_list]
        if question.allow_other or (present and OTHER in present):
            found.append((OTHER, _("Other")))
        return found

    def collects_texts(self, question):
        return bool(question.allow_other)

    def text_option(self):
        return OTHER

    def summarise(self, result, counts, answered, shown):
        pairs = self.categories(result.question, set(counts.by_option))
        result.bars = bars(pairs, counts.by_option, answered, shown)
        result.texts = counts.texts
        result.text_count = counts.by_option.get(OTHER, 0) - counts.hidden


@register
class Single(_Choice):
    name = "single"
    label = gettext_lazy("Single choice")
    one_value = True
    public_pair = True

    def columns(self, question, *, public):
        meaning = _("The chosen option: %(options)s.") % {
            "options": "; ".join(question.option_list)
        }
        if question.allow_other:
            meaning += " " + _("“other: …” is “other, please specify” with its text.")
        return [Column(question.key, question, meaning)]

    def cell(self, column, rows, *, public):
        answer = rows[0]
        if answer.option == OTHER:
            if public and answer.hidden:
                return _("other")
            return _("other: %(text)s") % {"text": answer.text}
        return answer.option


@register
class Multiple(_Choice):
    name = "multiple"
    label = gettext_lazy("Multiple choice")
    multiple = True
    distinct_respondents = True

    def form_value(self, question, raw):
        key = question.key
        return raw.getlist(key) if hasattr(raw, "getlist") else raw.get(key, [])

    def columns(self, question, *, public):
        key = question.key
        found = [
            Column(
                f"{key}_{n}",
                question,
                _("“%(option)s”: 1 chosen, 0 not chosen.") % {"option": option},
                option=option,
            )
            for n, option in enumerate(question.option_list, start=1)
        ]
        if question.allow_other:
            found.append(
                Column(
                    f"{key}_other", question, _("The text of “other, please specify”."), other=True
                )
            )
        return found

    def cell(self, column, rows, *, public):
        if column.other:
            texts = [a.text for a in rows if a.option == OTHER and not (public and a.hidden)]
            return texts[0] if texts else ""
        return 1 if any(a.option == column.option for a in rows) else 0

    def answered(self, counts):
        return counts.respondents

    def chart_description(self, question):
        return _("How many respondents chose each option; one respondent may choose several.")


@register
class Scale(Kind):
    name = "scale"
    label = gettext_lazy("Scale")
    group = True
    counted_by = "number"
    categorical = True
    one_value = True
    public_pair = True
    scaled = True

    def change_problems(self, question, new, answers):
        return scale_shortened(question, new, answers)

    def form_fields(self, question, *, label, cache=None, **options):
        return {
            question.key: forms.ChoiceField(
                label=label, choices=scale_choices(question), widget=forms.RadioSelect, **options
            )
        }

    def initial(self, question, rows):
        return {question.key: str(rows[0]["number"])}

    def clean(self, question, value, other="", context=None):
        if blank(value):
            return []
        number = scale_number(question, value)
        if number is None:
            raise AnswerError(_("Choose a value from 1 to %(max)s.") % {"max": question.scale_max})
        return [{"number": number}]

    def as_input(self, question, rows):
        return {question.key: rows[0]["number"]}

    def columns(self, question, *, public):
        meaning = _("A value from 1 to %(max)s.") % {"max": question.scale_max}
        if question.low_label or question.high_label:
            meaning += f" 1 = {question.low_label}, {question.scale_max} = {question.high_label}."
        return [Column(question.key, question, meaning)]

    def cell(self, column, rows, *, public):
        return rows[0].number

    def categories(self, question, present=None, municipalities=None):
        return [(str(n), scale_label(question, n)) for n in range(1, question.scale_max + 1)]

    def answered(self, counts):
        return sum(counts.by_number.values())

    def summarise(self, result, counts, answered, shown):
        distribution = {number: n for (_row, number), n in counts.by_number.items()}
        result.bars = bars(
            self.categories(result.question),
            {str(number): n for number, n in distribution.items()},
            answered,
            shown,
        )
        if answered:
            result.mean = sum(number * n for number, n in distribution.items()) / answered

    def chart_description(self, question):
        return _("How many respondents gave each value from 1 to %(max)s.") % {
            "max": question.scale_max
        }


@register
class Number(Kind):
    name = "number"
    label = gettext_lazy("Number")
    counted_by = "number"
    bounded = True
    extremes = True

    def check(self, question):
        low, high = question.min_value, question.max_value
        if low is not None and high is not None and low > high:
            return {"max_value": _("The largest number must be at least the smallest.")}
        return {}

    def change_problems(self, question, new, answers):
        numbers = answers.filter(number__isnull=False)
        low, high = new.get("min_value"), new.get("max_value")
        if (low is not None and numbers.filter(number__lt=low).exists()) or (
            high is not None and numbers.filter(number__gt=high).exists()
        ):
            return [
                _("“%(question)s”: some answers fall outside the new bounds.")
                % {"question": question.text}
            ]
        return []

    def form_fields(self, question, *, label, cache=None, **options):
        attrs = {"inputmode": "numeric"}
        if question.min_value is not None:
            attrs["min"] = question.min_value
        if question.max_value is not None:
            attrs["max"] = question.max_value
        return {
            question.key: forms.CharField(
                label=label, widget=forms.NumberInput(attrs=attrs), **options
            )
        }

    def initial(self, question, rows):
        return {question.key: str(rows[0]["number"])}

    def clean(self, question, value, other="", context=None):
        if blank(value):
            return []
        try:
            number = as_int(value)
        except ValueError as error:
            raise AnswerError(_("Give a whole number.")) from error
        low, high = question.min_value, question.max_value
        if (low is not None and number < low) or (high is not None and number > high):
            if low is not None and high is not None:
                message = _("Give a number from %(low)s to %(high)s.")
            elif low is not None:
                message = _("Give a number of at least %(low)s.")
            else:
                message = _("Give a number of at most %(high)s.")
            raise AnswerError(message % {"low": low, "high": high})
        return [{"number": number}]

    def as_input(self, question, rows):
        return {question.key: rows[0]["number"]}

    def columns(self, question, *, public):
        meaning = _("A whole number.")
        if question.min_value is not None or question.max_value is not None:
            meaning += " " + _("From %(low)s to %(high)s.") % {
                "low": "" if question.min_value is None else question.min_value,
                "high": "" if question.max_value is None else question.max_value,
            }
        return [Column(question.key, question, meaning)]

    def cell(self, column, rows, *, public):
        return rows[0].number

    def answered(self, counts):
        return sum(counts.by_number.values())

    def summarise(self, result, counts, answered, shown):
        distribution = {number: n for (_row, number), n in counts.by_number.items()}
        if answered:
            result.mean = sum(number * n for number, n in distribution.items()) / answered
            result.minimum = min(distribution)
            result.maximum = max(distribution)
            result.median = median(distribution, answered)


@register
class YesNo(_OneOption):
    name = "yes_no"
    label = gettext_lazy("Yes or no")
    group = True
    public_pair = True

    def form_fields(self, question, *, label, cache=None, **options):
        return {
            question.key: forms.ChoiceField(
                label=label,
                choices=[("yes", _("Yes")), ("no", _("No"))],
                widget=forms.RadioSelect,
                **options,
            )
        }

    def clean_option(self, question, value, context):
        if isinstance(value, bool):
            value = "yes" if value else "no"
        value = str(value).strip().lower()
        if value not in ("yes", "no"):
            raise AnswerError(_("Answer yes or no."))
        return value

    def api_options(self, question):
        return ["yes", "no"]

    def meaning(self, question):
        return _("yes = Yes, no = No.")

    def categories(self, question, present=None, municipalities=None):
        return list(yes_no_labels().items())


class _Text(Kind):
    counted_by = "option"
    free_text = True
    default_max_length = SHORT_TEXT_MAX
    textarea = False

    def max_length(self, question) -> int:
        return getattr(question, "text_max_length", None) or self.default_max_length

    def form_fields(self, question, *, label, cache=None, **options):
        if self.textarea:
            options["widget"] = forms.Textarea(attrs={"rows": 5})
        return {
            question.key: forms.CharField(
                label=label, max_length=self.max_length(question), **options
            )
        }

    def initial(self, question, rows):
        return {question.key: rows[0]["text"]}

    def clean(self, question, value, other="", context=None):
        if blank(value):
            return []
        if not isinstance(value, str):
            raise AnswerError(_("Give a text."))
        text = as_text(value)
        limit = self.max_length(question)
        if len(text) > limit:
            raise AnswerError(_("At most %(n)s characters.") % {"n": limit}, code="too_long")
        return [{"text": text}] if text else []

    def as_input(self, question, rows):
        return {question.key: rows[0]["text"]}

    def display(self, question, value):
        return str(value)

    def columns(self, question, *, public):
        meaning = _("Free text.")
        if public:
            meaning += " " + _("Texts hidden by the editors are left out.")
        return [Column(question.key, question, meaning)]

    def cell(self, column, rows, *, public):
        answer = rows[0]
        return "" if public and answer.hidden else answer.text

    def collects_texts(self, question):
        return True

    def summarise(self, result, counts, answered, shown):
        result.texts = counts.texts
        result.text_count = answered - counts.hidden


@register
class ShortText(_Text):
    name = "short_text"
    label = gettext_lazy("Short text")


@register
class LongText(_Text):
    name = "long_text"
    label = gettext_lazy("Long text")
    default_max_length = LONG_TEXT_MAX
    textarea = True


@register
class OrgKind(_OneOption):
    name = "org_kind"
    label = gettext_lazy("Kind of organisation")
    public_pair = True

    def form_fields(self, question, *, label, cache=None, **options):
        return {
            question.key: forms.ChoiceField(
                label=label,
                choices=[("", _("Choose a kind"))] + list(OrganisationKind.choices),
                **options,
            )
        }

    def clean_option(self, question, value, context):
        if value not in OrganisationKind.values:
            raise AnswerError(_("Choose a kind of organisation from the list."))
        return value

    def api_options(self, question):
        return list(OrganisationKind.values)

    def meaning(self, question):
        return "; ".join(f"{value} = {label}" for value, label in OrganisationKind.choices)

    def categories(self, question, present=None, municipalities=None):
        return [(value, str(label)) for value, label in OrganisationKind.choices]


@register
class MunicipalityKind(_OneOption):
    name = "municipality"
    label = gettext_lazy("Municipality")
    by_country = True

    def form_fields(self, question, *, label, cache=None, **options):
        cache = {} if cache is None else cache
        country = offered_country(question)
        if ("municipalities", country) not in cache:
            cache[("municipalities", country)] = municipality_choices(country)
        return {
            question.key: forms.ChoiceField(
                label=label, choices=cache[("municipalities", country)], **options
            )
        }

    def clean(self, question, value, other="", context=None):
        context = {} if context is None else context
        if "municipalities" not in context:
            # Looked up once per submission, whether or not this answer is blank.
            found: dict[str, set] = {}
            for code, country in Municipality.objects.values_list("code", "country"):
                found.setdefault(code, set()).add(country)
            context["municipalities"] = found
        return super().clean(question, value, other, context)

    def change_problems(self, question, new, answers):
        country = new.get("municipality_country")
        if not country:
            return []
        codes = set(answers.values_list("option", flat=True))
        if Municipality.objects.filter(code__in=codes, country=country).count() < len(codes):
            return [
                _("“%(question)s” has answers from municipalities of other countries.")
                % {"question": question.text}
            ]
        return []

    def clean_option(self, question, value, context):
        countries = context["municipalities"].get(str(value), set())
        wanted = offered_country(question)
        if not countries or (wanted and wanted not in countries):
            raise AnswerError(_("Choose a municipality from the list."))
        return str(value)

    def meaning(self, question):
        return _("The municipality's official number.")

    def categories(self, question, present=None, municipalities=None):
        names = municipalities or {}
        return sorted(
            ((code, names.get(code, code)) for code in (present or set())),
            key=lambda pair: pair[1],
        )

    def summarise(self, result, counts, answered, shown):
        pairs = self.categories(result.question, set(counts.by_option), counts.municipalities)
        result.bars = bars(pairs, counts.by_option, answered, shown)
        result.bars.sort(key=lambda bar: (-(bar.count or 0), bar.label))


@register
class Matrix(Kind):
    name = "matrix"
    label = gettext_lazy("Matrix of scale rows")
    group = True
    counted_by = "number"
    scaled = True
    has_rows = True

    def check(self, question):
        if not question.option_list:
            return {"options": _("A matrix needs at least one row.")}
        return {}

    def change_problems(self, question, new, answers):
        return gone_options(question, new, answers, "row") + scale_shortened(question, new, answers)

    def form_fields(self, question, *, label, cache=None, **options):
        return {
            f"{question.key}__{index}": forms.ChoiceField(
                label=row, choices=scale_choices(question), widget=forms.RadioSelect, **options
            )
            for index, row in enumerate(question.option_list)
        }

    def form_value(self, question, raw):
        key = question.key
        return {
            row: raw.get(f"{key}__{index}")
            for index, row in enumerate(question.option_list)
            if raw.get(f"{key}__{index}")
        }

    def initial(self, question, rows):
        found = {}
        for index, row in enumerate(question.option_list):
            for r in rows:
                if r["row"] == row:
                    found[f"{question.key}__{index}"] = str(r["number"])
        return found

    def clean(self, question, value, other="", context=None):
        if blank(value):
            return []
        if not isinstance(value, dict):
            raise AnswerError(
                _("Answer the rows with values from 1 to %(max)s.") % {"max": question.scale_max}
            )
        rows = []
        known = question.option_list
        for row, raw in value.items():
            if row not in known:
                raise AnswerError(_("“%(value)s” is not one of the rows.") % {"value": row})
            if blank(raw):
                continue
            number = scale_number(question, raw)
            if number is None:
                raise AnswerError(
                    _("“%(row)s”: choose a value from 1 to %(max)s.")
                    % {"row": row, "max": question.scale_max}
                )
            rows.append({"row": row, "number": number})
        return rows

    def complete(self, question, rows):
        return len(rows) >= len(question.option_list)

    def as_input(self, question, rows):
        return {question.key: {r["row"]: r["number"] for r in rows}}

    def columns(self, question, *, public):
        return [
            Column(
                f"{question.key}_{n}",
                question,
                _("Row “%(row)s”: a value from 1 to %(max)s.")
                % {"row": row, "max": question.scale_max},
                option=row,
            )
            for n, row in enumerate(question.option_list, start=1)
        ]

    def cell(self, column, rows, *, public):
        numbers = [a.number for a in rows if a.row == column.option]
        return numbers[0] if numbers else ""

    def categories(self, question, present=None, municipalities=None):
        return [(str(n), scale_label(question, n)) for n in range(1, question.scale_max + 1)]

    def answered(self, counts):
        """The respondents of its most answered row."""
        rows: dict[str, int] = {}
        for (row, _number), n in counts.by_number.items():
            rows[row] = rows.get(row, 0) + n
        return max(rows.values(), default=0)

    def summarise(self, result, counts, answered, shown):
        pairs = self.categories(result.question)
        for row_label in result.question.option_list:
            found = {
                str(number): n for (row, number), n in counts.by_number.items() if row == row_label
            }
            row_count = sum(found.values())
            row = MatrixRow(row_label, shown(row_count), None)
            if row.count is not None:
                row.bars = bars(pairs, found, row_count, shown)
                if row_count:
                    row.mean = sum(int(k) * n for k, n in found.items()) / row_count
            result.rows.append(row)


# The kinds as model choices, in the order above (`Kind.SINGLE` is "single").
KindChoices = models.TextChoices(
    "KindChoices", [(kind.name.upper(), (kind.name, kind.label)) for kind in all_kinds()]
)
