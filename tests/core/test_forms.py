"""The public forms' shared pieces: a service's domain errors back on the form, the error summary
and its one template."""

from django import forms
from django.template.loader import render_to_string

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
    html = render_to_string(
        "core/partials/_error_summary.html",
        {"form": form, "problem": "Try later", "summary_id": "contact-errors"},
    )
    assert 'aria-labelledby="contact-errors"' in html and 'id="contact-errors"' in html
    assert "<li>Try later</li>" in html and "<li>Whole form</li>" in html
    assert '<a href="#id_name">' in html


def test_the_summary_template_is_empty_without_errors():
    assert (
        render_to_string("core/partials/_error_summary.html", {"form": SampleForm()}).strip() == ""
    )
    html = render_to_string("core/partials/_error_summary.html", {"problem": "Closed"})
    assert 'id="error-summary-title"' in html and "<li>Closed</li>" in html
