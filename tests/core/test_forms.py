"""The public forms' shared pieces: a service's domain errors back on the form, the error summary
and its one template."""

from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from samspill.core.errors import InvalidInput
from samspill.core.forms import ServiceErrorsMixin


class SampleForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField()
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_a_service_error_goes_on_its_field_or_on_the_form():
    form = SampleForm({"name": "Kari", "kind": "a"})
    assert form.is_valid()
    form.add_service_error(InvalidInput("Taken", field="name"))
    form.add_service_error(InvalidInput("Closed", field="not_a_field"))
    form.add_service_error(
        InvalidInput(details=[{"field": "kind", "message": "Wrong"}, {"message": "Whole"}])
    )
    assert form.errors["name"] == ["Taken"]
    assert form.errors["kind"] == ["Wrong"]
    assert form.non_field_errors() == ["Closed", "Whole"]


def test_the_summary_links_each_field_error_to_its_control():
    form = SampleForm({})
    assert not form.is_valid()
    required = str(forms.Field.default_error_messages["required"])
    assert form.error_summary() == [
        ("id_name", required),
        ("id_kind_0", required),  # a group: its first option
    ]


def test_a_form_may_map_service_field_names():
    class Mapped(SampleForm):
        def service_field_name(self, field):
            return "name" if field == "title" else super().service_field_name(field)

    form = Mapped({"name": "x", "kind": "a"})
    form.is_valid()
    form.add_service_error(InvalidInput("Bad", field="title"))
    assert form.errors["name"] == ["Bad"]


def test_the_summary_template_lists_problem_form_and_field_errors():
    form = SampleForm({"kind": "a"})
    form.is_valid()
    form.add_error(None, "Whole form")
    with translation.override("en"):
        html = render_to_string(
            "core/partials/_error_summary.html",
            {"form": form, "problem": "Try later", "summary_id": "contact-errors"},
        )
    assert 'aria-labelledby="contact-errors"' in html and 'id="contact-errors"' in html
    assert "<li>Try later</li>" in html and "<li>Whole form</li>" in html
    assert '<a href="#id_name">' in html
    # The heading counts what is wrong; the summary takes the focus (autofocus without
    # JavaScript, app.js after an htmx swap).
    assert "There are 3 errors in the form" in html
    assert 'tabindex="-1"' in html and " autofocus" in html


def test_the_summary_template_counts_in_bokmaal_and_links_a_plain_forms_fields():
    class Plain(forms.Form):
        name = forms.CharField()
        email = forms.EmailField()
        hidden = forms.CharField(widget=forms.HiddenInput)

    form = Plain({"email": "nope", "hidden": ""})
    assert not form.is_valid()
    with translation.override("nb"):
        html = render_to_string("core/partials/_error_summary.html", {"form": form})
    assert "Det er 3 feil i skjemaet" in html
    assert '<a href="#id_name">' in html and '<a href="#id_email">' in html
    # A hidden field has nothing to move to: its error is listed without a link.
    assert html.count("<a href=") == 2
    with translation.override("nb"):
        one = Plain({"name": "Kari", "email": "kari@example.org", "hidden": "x"})
        one.is_valid()
        one.add_error("email", "Opptatt")
        html = render_to_string("core/partials/_error_summary.html", {"form": one})
    assert "Det er 1 feil i skjemaet" in html


def test_a_field_with_an_error_names_it_and_is_marked_invalid():
    form = SampleForm({"kind": "a"})
    form.is_valid()
    html = str(form["name"])
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_name_error"' in html
    assert 'id="id_name_error"' in str(form["name"].errors)


def test_the_summary_template_is_empty_without_errors():
    assert (
        render_to_string("core/partials/_error_summary.html", {"form": SampleForm()}).strip() == ""
    )
    html = render_to_string("core/partials/_error_summary.html", {"problem": "Closed"})
    assert 'id="error-summary-title"' in html and "<li>Closed</li>" in html
