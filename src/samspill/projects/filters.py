"""The project list's filters (GET). A bad value drops only its own filter, never the page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.core.widgets import DirectSelect
from samspill.projects.models import ProjectStatus
from samspill.projects.selectors import municipality_key


class ProjectFilterForm(forms.Form):
    """Choices come from `selectors.filter_choices()`."""

    # DirectSelect: the organisation filter may offer hundreds of options.
    theme = forms.ChoiceField(label=_("Theme"), required=False, widget=DirectSelect)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ProjectStatus.choices],
        widget=DirectSelect,
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False, widget=DirectSelect)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False, widget=DirectSelect)
    year = forms.TypedChoiceField(
        label=_("Active in"), required=False, coerce=int, empty_value=None, widget=DirectSelect
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False, widget=DirectSelect)

    FILTER_KEYS = ("theme", "status", "municipality", "organisation", "year", "programme")

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", _("All themes")),
            *((t.slug, t.label) for t in choices.get("themes", [])),
        ]
        self.fields["municipality"].choices = [
            ("", _("All municipalities")),
            *((municipality_key(m), m.name) for m in choices.get("municipalities", [])),
        ]
        self.fields["organisation"].choices = [
            ("", _("All organisations")),
            *((o.slug, o.name) for o in choices.get("organisations", [])),
        ]
        self.fields["year"].choices = [
            ("", _("Any year")),
            *((str(y), str(y)) for y in choices.get("years", [])),
        ]
        programmes = choices.get("programmes", [])
        self.fields["programme"].choices = [
            ("", _("All programmes")),
            *((p.slug, p.name) for p in programmes),
        ]
        self.single_programme = len(programmes) <= 1
        if self.single_programme:
            # Kept (a link from the reach matrix names it), but nothing to choose.
            self.fields["programme"].widget = forms.HiddenInput()

    def filters(self) -> dict:
        """The valid filters, each a value or None."""
        if not self.is_bound:
            return dict.fromkeys(self.FILTER_KEYS)
        self.is_valid()
        return {key: self.cleaned_data.get(key) or None for key in self.FILTER_KEYS}

    def visible_filters(self):
        keys = self.FILTER_KEYS[:-1] if self.single_programme else self.FILTER_KEYS
        return [self[key] for key in keys]
