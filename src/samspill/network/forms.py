"""Forms of the network's pages: the directory's facets, needs and offers, the contact relay.

The forms check what a browser sends; the services check it again and have the last word.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.core.forms import ServiceErrorsMixin
from samspill.core.models import Country, OrganisationKind
from samspill.core.validators import validate_single_line
from samspill.core.widgets import DirectSelect
from samspill.network.models import Size

SORT_CHOICES = [
    ("name", _("Name")),
    ("newest", _("Newest")),
    ("active", _("Most recently active")),
]
VIEW_CHOICES = [("", _("Organisations")), ("personer", _("People"))]


def municipality_groups(municipalities) -> list:
    """[(fylke or region, [(code, name), ...]), ...] for `<optgroup>`s, in the given order."""
    groups: dict[str, list] = {}
    for municipality in municipalities:
        region = municipality.region.name if municipality.region_id else _("No region")
        groups.setdefault(region, []).append((municipality.code, municipality.name))
    return list(groups.items())


class DirectoryFilterForm(forms.Form):
    """The directory's facets (GET). Choices come from `selectors.directory_choices()`; a bad value
    drops only its own filter."""

    vis = forms.ChoiceField(required=False, choices=VIEW_CHOICES, widget=forms.HiddenInput)
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        widget=DirectSelect,
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *OrganisationKind.choices],
    )
    country = forms.ChoiceField(
        widget=DirectSelect,
        label=_("Country"),
        required=False,
        choices=[("", _("All countries")), *Country.choices],
    )
    region = forms.ChoiceField(widget=DirectSelect, label=_("Region"), required=False)
    municipality = forms.ChoiceField(widget=DirectSelect, label=_("Municipality"), required=False)
    audience = forms.ChoiceField(widget=DirectSelect, label=_("Serves"), required=False)
    size = forms.ChoiceField(
        widget=DirectSelect,
        label=_("Size"),
        required=False,
        choices=[("", _("Any size")), *Size.choices],
    )
    founded_from = forms.IntegerField(
        label=_("Founded from (year)"), required=False, min_value=1800, max_value=2100
    )
    founded_to = forms.IntegerField(
        label=_("Founded up to (year)"), required=False, min_value=1800, max_value=2100
    )
    sort = forms.ChoiceField(
        widget=DirectSelect, label=_("Sort by"), required=False, choices=SORT_CHOICES
    )
    offers = forms.MultipleChoiceField(
        label=_("Offers"), required=False, widget=forms.CheckboxSelectMultiple
    )
    needs = forms.MultipleChoiceField(
        label=_("Needs"), required=False, widget=forms.CheckboxSelectMultiple
    )

    FILTER_KEYS = (
        "q",
        "kind",
        "country",
        "region",
        "municipality",
        "offers",
        "needs",
        "audience",
        "founded_from",
        "founded_to",
        "size",
    )

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [
            ("", _("All regions")),
            *((r.code, r.name) for r in choices.get("regions", [])),
        ]
        self.fields["municipality"].choices = [
            ("", _("All municipalities")),
            *municipality_groups(choices.get("municipalities", [])),
        ]
        self.fields["audience"].choices = [
            ("", _("Everyone")),
            *((a.slug, a.label) for a in choices.get("audiences", [])),
        ]
        categories = [(c.slug, c.label) for c in choices.get("categories", [])]
        self.fields["offers"].choices = categories
        self.fields["needs"].choices = categories

    def _clean_each(self) -> dict:
        """Each field on its own: one wrong value does not drop the others."""
        if not self.is_bound:
            return {}
        values = {}
        for name, field in self.fields.items():
            raw = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            try:
                values[name] = field.clean(raw)
            except forms.ValidationError:
                values[name] = None
        return values

    def filters(self) -> dict:
        values = self._clean_each()
        filters = {key: values.get(key) or None for key in self.FILTER_KEYS}
        filters["q"] = filters["q"] or ""
        filters["offers"] = list(filters["offers"] or [])
        filters["needs"] = list(filters["needs"] or [])
        return filters

    def sort_order(self) -> str:
        return self._clean_each().get("sort") or "name"

    def view(self) -> str:
        return "people" if self._clean_each().get("vis") == "personer" else "organisations"

    # The directory's filter panel, in folding groups: what the organisation is, where it is, what
    # it offers, what it needs (30 boxes on their own would fill a phone's screen several times).
    GROUPS = (
        (
            "about",
            _("The organisation"),
            ("kind", "audience", "size", "founded_from", "founded_to"),
        ),
        ("place", _("Place"), ("country", "region", "municipality")),
        ("offers", _("Offers"), ("offers",)),
        ("needs", _("Needs"), ("needs",)),
    )

    def filter_groups(self) -> list[dict]:
        """[{name, legend, fields, field (the checkboxes, if any), boxes, chosen}]; `chosen` counts
        the group's filters in use, so a group in use is open."""
        values = self._clean_each()
        groups = []
        for name, legend, keys in self.GROUPS:
            fields = [self[key] for key in keys]
            boxes = isinstance(self.fields[keys[0]], forms.MultipleChoiceField)
            chosen = sum(
                len(values.get(key) or []) if boxes else int(values.get(key) not in (None, ""))
                for key in keys
            )
            groups.append(
                {
                    "name": name,
                    "legend": legend,
                    "fields": fields,
                    "field": fields[0] if boxes else None,
                    "boxes": boxes,
                    "chosen": chosen,
                }
            )
        return groups


class NeedsOffersForm(ServiceErrorsMixin, forms.Form):
    """A checkbox and an "in your own words" line per category, for needs and for offers.

    Fields are named `need_<id>`, `need_<id>_text`, `offer_<id>`, `offer_<id>_text`; `groups()`
    gives them to the template by direction and category."""

    DIRECTIONS = (("need", _("We need")), ("offer", _("We offer")))

    def __init__(self, *args, categories, current: dict, **kwargs):
        """`current` is {("need" | "offer", category id): text} of what the organisation says."""
        super().__init__(*args, **kwargs)
        self.categories = list(categories)
        for direction, _label in self.DIRECTIONS:
            for category in self.categories:
                key = (direction, category.pk)
                self.fields[f"{direction}_{category.pk}"] = forms.BooleanField(
                    label=category.label, required=False, initial=key in current
                )
                self.fields[f"{direction}_{category.pk}_text"] = forms.CharField(
                    label=_("In your own words (%(category)s)") % {"category": category.label},
                    required=False,
                    max_length=280,
                    initial=current.get(key, ""),
                )

    def clean(self):
        data = super().clean()
        for direction, _label in self.DIRECTIONS:
            for category in self.categories:
                name = f"{direction}_{category.pk}"
                if data.get(f"{name}_text") and not data.get(name):
                    self.add_error(
                        name,
                        _("Tick “%(category)s” too, or leave its line empty.")
                        % {"category": category.label},
                    )
        return data

    def groups(self):
        """[(direction, legend, [(checkbox, text field)])]."""
        return [
            (
                direction,
                label,
                [
                    (self[f"{direction}_{c.pk}"], self[f"{direction}_{c.pk}_text"])
                    for c in self.categories
                ],
            )
            for direction, label in self.DIRECTIONS
        ]

    def chosen(self, direction: str) -> dict[int, str]:
        """{category id: text} of the ticked categories of one direction."""
        return {
            c.pk: self.cleaned_data.get(f"{direction}_{c.pk}_text", "")
            for c in self.categories
            if self.cleaned_data.get(f"{direction}_{c.pk}")
        }


class ContactForm(ServiceErrorsMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150, validators=[validate_single_line])
    message = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Your name and email address go with the message, so that they can answer you. "
            "Their address is not shown to you."
        ),
    )
