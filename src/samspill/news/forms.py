"""The news list's filters (one GET form; the choices come from `selectors.filter_choices`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.news.selectors import FILTER_KEYS


class NewsFilterForm(forms.Form):
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    audience = forms.ChoiceField(label=_("For"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["topic"].choices = [
            ("", _("All topics")),
            *((t.slug, t.title) for t in choices.get("topics", [])),
        ]
        fields["organisation"].choices = [
            ("", _("All organisations")),
            *((o.slug, o.name) for o in choices.get("organisations", [])),
        ]
        fields["category"].choices = [
            ("", _("All categories")),
            *((c.key, c.label) for c in choices.get("categories", [])),
        ]
        fields["audience"].choices = [
            ("", _("Everyone")),
            *((a.slug, a.label) for a in choices.get("audiences", [])),
        ]
        fields["theme"].choices = [
            ("", _("All themes")),
            *((t.slug, t.label) for t in choices.get("themes", [])),
        ]
        fields["municipality"].choices = [
            ("", _("All municipalities")),
            *choices.get("municipalities", []),
        ]
        fields["year"].choices = [
            ("", _("All years")),
            *((year, str(year)) for year in choices.get("years", [])),
        ]

    def filters(self) -> dict:
        """The valid filters, each a value or None; a bad value drops only its own filter."""
        if not self.is_bound:
            return dict.fromkeys(FILTER_KEYS)
        self.is_valid()
        return {key: self.cleaned_data.get(key) or None for key in FILTER_KEYS}

    def visible_filters(self):
        return [self[key] for key in FILTER_KEYS]
