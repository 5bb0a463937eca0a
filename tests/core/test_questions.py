"""The questionnaire engine, kind by kind: the form field, a value cleaned into answer rows (and
back), the export columns and cells, and the result summary from grouped counts."""

from types import SimpleNamespace

import pytest
from django import forms
from django.utils import translation

from samspill.core.models import Municipality
from samspill.core.questions import (
    OTHER,
    AnswerError,
    Counts,
    KindChoices,
    all_kinds,
    answered_kind_names,
    kind_of,
)
from samspill.core.questions.base import Kind, register


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def question(kind, **fields):
    defaults = {
        "pk": 7,
        "key": "q7",
        "kind": kind,
        "text": "Spørsmål",
        "option_list": [],
        "allow_other": False,
        "scale_max": 5,
        "low_label": "",
        "high_label": "",
        "min_value": None,
        "max_value": None,
        "municipality_country": "",
    }
    defaults.update(fields)
    return SimpleNamespace(**defaults)


def result(q):
    return SimpleNamespace(
        question=q,
        bars=[],
        rows=[],
        texts=[],
        text_count=0,
        mean=None,
        minimum=None,
        median=None,
        maximum=None,
    )


def counts(by_option=None, by_number=None, respondents=0, hidden=0, texts=(), names=None):
    return Counts(by_option or {}, by_number or {}, respondents, hidden, list(texts), names or {})


def shown(n):
    """The small-group rule as the public results apply it (the engine is told, not asks)."""
    return None if 0 < n < 5 else n


def row(**fields):
    return SimpleNamespace(
        **{"option": "", "row": "", "number": None, "text": "", "hidden": False, **fields}
    )


def test_the_registry_offers_the_eleven_kinds_in_the_editors_order():
    assert [k.name for k in all_kinds()] == [
        "section",
        "single",
        "multiple",
        "scale",
        "number",
        "yes_no",
        "short_text",
        "long_text",
        "org_kind",
        "municipality",
        "matrix",
    ]
    assert KindChoices.SINGLE == "single"
    assert answered_kind_names() == (
        "single, multiple, scale, number, yes_no, short_text, long_text, org_kind, "
        "municipality or matrix"
    )
    assert kind_of("matrix") is kind_of(question("matrix"))


def test_a_kind_is_registered_once_by_name():
    class Again(Kind):
        name = "single"

    with pytest.raises(ValueError, match="registered already"):
        register(Again)


def test_an_object_naming_its_kind_otherwise_is_asked_through_engine_kind():
    q = SimpleNamespace(kind="choice", engine_kind="single")
    assert kind_of(q).name == "single"


def test_single_choice():
    kind = kind_of("single")
    q = question("single", option_list=["A", "B"], allow_other=True)
    fields = kind.form_fields(q, label="L", required=False)
    assert list(fields) == ["q7", "q7_other"]
    assert isinstance(fields["q7"].widget, forms.RadioSelect)
    assert fields["q7"].choices[-1][0] == OTHER
    assert kind.clean(q, "A") == [{"option": "A"}]
    assert kind.clean(q, OTHER, "Noe") == [{"option": OTHER, "text": "Noe"}]
    assert kind.clean(q, "") == []
    with pytest.raises(AnswerError) as error:
        kind.clean(q, "C")
    assert error.value.code == "not_an_option"
    with pytest.raises(AnswerError, match="Choose one option"):
        kind.clean(q, ["A", "B"])
    rows = [{"option": OTHER, "text": "Noe"}]
    assert kind.as_input(q, rows) == {"q7": "", "q7_other": "Noe"}
    assert [c.key for c in kind.columns(q, public=False)] == ["q7"]
    assert kind.cell(kind.columns(q, public=True)[0], [row(option="A")], public=True) == "A"
    other = row(option=OTHER, text="Noe", hidden=True)
    assert kind.cell(kind.columns(q, public=True)[0], [other], public=True) == "other"
    summary = result(q)
    kind.summarise(summary, counts({"A": 6, "B": 2, OTHER: 1}), 9, shown)
    assert [(b.key, b.count) for b in summary.bars] == [("A", 6), ("B", None), (OTHER, None)]
    assert summary.text_count == 1


def test_multiple_choice():
    kind = kind_of("multiple")
    q = question("multiple", option_list=["A", "B"], allow_other=True)
    field = kind.form_fields(q, label="L", required=False)["q7"]
    assert isinstance(field.widget, forms.CheckboxSelectMultiple)
    assert kind.clean(q, ["A", "B"]) == [{"option": "A"}, {"option": "B"}]
    with pytest.raises(AnswerError, match="only once"):
        kind.clean(q, ["A", "A"])
    assert [c.key for c in kind.columns(q, public=False)] == ["q7_1", "q7_2", "q7_other"]
    first, _second, other = kind.columns(q, public=False)
    assert kind.cell(first, [row(option="A")], public=False) == 1
    assert kind.cell(other, [row(option=OTHER, text="x")], public=False) == "x"
    assert kind.answered(counts({"A": 9, "B": 8}, respondents=10)) == 10


def test_scale():
    kind = kind_of("scale")
    q = question("scale", scale_max=5, low_label="Lite", high_label="Mye")
    field = kind.form_fields(q, label="L", required=False)["q7"]
    assert field.choices[0] == ("1", "1 – Lite")
    assert kind.clean(q, "4") == [{"number": 4}]
    with pytest.raises(AnswerError, match="1 to 5"):
        kind.clean(q, 6)
    assert kind.columns(q, public=False)[0].meaning.endswith("1 = Lite, 5 = Mye.")
    summary = result(q)
    kind.summarise(summary, counts(by_number={("", 4): 5, ("", 5): 5}), 10, shown)
    assert summary.mean == 4.5
    assert summary.bars[0].label == "1 (Lite)"


def test_number():
    kind = kind_of("number")
    q = question("number", min_value=0, max_value=10)
    field = kind.form_fields(q, label="L", required=False)["q7"]
    assert field.widget.attrs == {"inputmode": "numeric", "min": 0, "max": 10}
    assert kind.clean(q, " 3 ") == [{"number": 3}]
    with pytest.raises(AnswerError, match="whole number"):
        kind.clean(q, "3.5")
    with pytest.raises(AnswerError, match="from 0 to 10"):
        kind.clean(q, 11)
    assert kind.check(question("number", min_value=5, max_value=1)) == {
        "max_value": "The largest number must be at least the smallest."
    }
    summary = result(q)
    kind.summarise(summary, counts(by_number={("", 1): 1, ("", 3): 2, ("", 9): 1}), 4, shown)
    assert (summary.minimum, summary.median, summary.maximum, summary.mean) == (1, 3, 9, 4)


def test_yes_no():
    kind = kind_of("yes_no")
    q = question("yes_no")
    assert kind.form_fields(q, label="L", required=False)["q7"].choices == [
        ("yes", "Yes"),
        ("no", "No"),
    ]
    assert kind.clean(q, True) == [{"option": "yes"}]
    assert kind.clean(q, " NO ") == [{"option": "no"}]
    with pytest.raises(AnswerError, match="yes or no"):
        kind.clean(q, "kanskje")
    assert kind.display(q, "yes") == "Yes"
    assert kind.columns(q, public=False)[0].meaning == "yes = Yes, no = No."


@pytest.mark.parametrize("name, limit", [("short_text", 300), ("long_text", 5000)])
def test_texts(name, limit):
    kind = kind_of(name)
    q = question(name)
    field = kind.form_fields(q, label="L", required=False)["q7"]
    assert field.max_length == limit
    assert isinstance(field.widget, forms.Textarea) == (name == "long_text")
    assert kind.clean(q, " hei\x00 ") == [{"text": "hei"}]
    with pytest.raises(AnswerError, match=f"At most {limit} characters"):
        kind.clean(q, "x" * (limit + 1))
    with pytest.raises(AnswerError, match="Give a text"):
        kind.clean(q, 5)
    # A question may set its own limit (an event's registration question: 500).
    assert kind.form_fields(question(name, text_max_length=500), label="L")["q7"].max_length == 500
    column = kind.columns(q, public=True)[0]
    assert "hidden by the editors" in column.meaning
    assert kind.cell(column, [row(text="t", hidden=True)], public=True) == ""
    summary = result(q)
    kind.summarise(summary, counts({"": 7}, hidden=2, texts=["t"]), 7, shown)
    assert (summary.texts, summary.text_count) == (["t"], 5)


def test_org_kind():
    kind = kind_of("org_kind")
    q = question("org_kind")
    assert kind.form_fields(q, label="L", required=False)["q7"].choices[0] == ("", "Choose a kind")
    assert kind.clean(q, "startup") == [{"option": "startup"}]
    with pytest.raises(AnswerError, match="from the list"):
        kind.clean(q, "pirate")
    assert "startup = " in kind.columns(q, public=False)[0].meaning


@pytest.mark.django_db
def test_municipality():
    Municipality.objects.all().delete()
    Municipality.objects.create(code="0301", name="Oslo", country="NO")
    Municipality.objects.create(code="101", name="København", country="DK")
    kind = kind_of("municipality")
    q = question("municipality", municipality_country="NO")
    field = kind.form_fields(q, label="L", required=False)["q7"]
    assert field.choices[1][1] == [("0301", "Oslo")]
    context = {}
    assert kind.clean(q, "0301", context=context) == [{"option": "0301"}]
    with pytest.raises(AnswerError, match="from the list"):
        kind.clean(q, "101", context=context)
    summary = result(q)
    names = {"0301": "Oslo", "101": "København"}
    kind.summarise(summary, counts({"101": 2, "0301": 6}, names=names), 8, shown)
    assert [(b.label, b.count) for b in summary.bars] == [("Oslo", 6), ("København", None)]


def test_matrix():
    kind = kind_of("matrix")
    q = question("matrix", option_list=["Kapital", "Kompetanse"], scale_max=5)
    assert list(kind.form_fields(q, label="L", required=False)) == ["q7__0", "q7__1"]
    assert kind.form_value(q, {"q7__0": "3"}) == {"Kapital": "3"}
    rows = kind.clean(q, {"Kapital": "3", "Kompetanse": ""})
    assert rows == [{"row": "Kapital", "number": 3}]
    assert not kind.complete(q, rows)
    with pytest.raises(AnswerError, match="not one of the rows"):
        kind.clean(q, {"Penger": 1})
    assert kind.check(question("matrix")) == {"options": "A matrix needs at least one row."}
    assert [c.key for c in kind.columns(q, public=False)] == ["q7_1", "q7_2"]
    found = counts(by_number={("Kapital", 4): 6, ("Kompetanse", 2): 3})
    assert kind.answered(found) == 6
    summary = result(q)
    kind.summarise(summary, found, 6, shown)
    assert [(r.label, r.count, r.mean) for r in summary.rows] == [
        ("Kapital", 6, 4),
        ("Kompetanse", None, None),
    ]


def test_a_section_asks_nothing():
    kind = kind_of("section")
    q = question("section")
    assert kind.is_section
    assert kind.form_fields(q, label="L") == {}
    assert kind.columns(q, public=False) == []
