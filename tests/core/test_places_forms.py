"""Forms that pick one of the official municipalities offer them under their fylke or region."""

import pytest
from django import forms
from django.utils import translation

from samspill.core.forms import MunicipalityChoiceField
from samspill.core.models import Municipality

pytestmark = pytest.mark.django_db


class PickForm(forms.Form):
    municipality = MunicipalityChoiceField(required=False, empty_label="Not given")


def test_grouped_by_fylke_or_region_in_one_query(django_assert_max_num_queries):
    with translation.override("en"), django_assert_max_num_queries(1):
        html = str(PickForm()["municipality"])
    assert '<optgroup label="Vestland (Norway)">' in html
    assert '<optgroup label="Region Nordjylland (Denmark)">' in html
    assert html.count("<option") == 357 + 98 + 1
    bergen = Municipality.objects.get(country="NO", code="4601")
    form = PickForm({"municipality": str(bergen.pk)})
    assert form.is_valid() and form.cleaned_data["municipality"] == bergen
    assert not PickForm({"municipality": "999999"}).is_valid()
