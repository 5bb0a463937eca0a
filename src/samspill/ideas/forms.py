"""Forms of the idea pages: the list's filters, proposing and changing an idea, comments, reports.

The forms check what a browser sends; the services check it again and have the last word. Their
domain errors are put back on the matching fields with `add_service_error`.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from samspill.core.forms import ServiceErrorsMixin
from samspill.ideas.models import IdeaStatus
from samspill.projects.selectors import municipality_key

SORT_CHOICES = [
    ("support", _("Most supported")),
    ("new", _("Newest")),
    ("comments", _("Most commented")),
]


class IdeaFilterForm(forms.Form):
    """The filters of the idea list (GET). Choices come from `selectors_ideas.filter_choices()`."""

    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *IdeaStatus.choices],
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    programme = forms.ChoiceField(label=_("Programme"), required=False)

    FILTER_KEYS = ("theme", "status", "municipality", "programme")

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = choices.get("programmes", [])
        several = len(programmes) > 1
        themes = []
        seen = set()
        for theme in choices.get("themes", []):
            if not several and theme.slug in seen:
                continue
            seen.add(theme.slug)
            label = f"{theme.programme.name}: {theme.label}" if several else theme.label
            themes.append((theme.slug, label))
        self.fields["theme"].choices = [("", _("All themes")), *themes]
        self.fields["municipality"].choices = [
            ("", _("All municipalities")),
            *((municipality_key(m), m.name) for m in choices.get("municipalities", [])),
        ]
        self.fields["programme"].choices = [
            ("", _("All programmes")),
            *((p.slug, p.name) for p in programmes),
        ]
        self.show_programme = several

    def sort_order(self) -> str:
        if not self.is_bound:
            return "support"
        self.is_valid()
        return self.cleaned_data.get("sort") or "support"

    def filters(self) -> dict:
        """The valid filters, each a value or None; a bad value drops only its own filter."""
        if not self.is_bound:
            return dict.fromkeys(self.FILTER_KEYS)
        self.is_valid()
        return {key: self.cleaned_data.get(key) or None for key in self.FILTER_KEYS}

    def visible_filters(self):
        keys = ["sort", "theme", "status", "municipality"]
        if self.show_programme:
            keys.append("programme")
        return [self[key] for key in keys]


class IdeaForm(ServiceErrorsMixin, forms.Form):
    """Propose an idea (with `programmes`), or change one (with `idea`: its programme is fixed).

    With several published programmes the person picks one, and the themes and municipalities
    offered are those of every programme, each named with its programme; the chosen ones must
    belong to the chosen programme."""

    programme = forms.ChoiceField(
        label=_("Programme"),
        error_messages={"required": _("Choose the programme the idea is for.")},
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        error_messages={"required": _("Give your idea a title.")},
        help_text=_("A short name for the idea (at most 200 characters)."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Describe your idea.")},
        help_text=_("What is the idea, who is it for, and what would it change? Plain text."),
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes (optional)"), required=False, widget=forms.CheckboxSelectMultiple
    )
    municipalities = forms.MultipleChoiceField(
        label=_("Municipalities (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Where would the idea happen?"),
    )
    organisation = forms.ChoiceField(
        label=_("On behalf of (optional)"),
        required=False,
        help_text=_("Propose it in the name of an organisation you are a member of."),
    )

    def __init__(self, *args, programmes, organisations=(), idea=None, **kwargs):
        if idea is not None:
            kwargs.setdefault(
                "initial",
                {
                    "programme": str(idea.programme_id),
                    "title": idea.title,
                    "description": idea.description,
                    "themes": [str(t.pk) for t in idea.themes.all()],
                    "municipalities": [str(m.pk) for m in idea.municipalities.all()],
                },
            )
        super().__init__(*args, **kwargs)
        self.idea = idea
        self.programmes = {str(p.pk): p for p in programmes}
        several = len(programmes) > 1 and idea is None
        self.several = several
        self.fields["programme"].choices = [
            ("", _("Choose a programme")) if several else ("", ""),
            *((str(p.pk), p.name) for p in programmes),
        ]
        if not several:
            self.fields["programme"].widget = forms.HiddenInput()
            if programmes:
                self.fields["programme"].initial = str(programmes[0].pk)
        self._themes = {}
        self._municipalities = {}
        theme_choices, municipality_choices = [], []
        for programme in programmes:
            for theme in programme.themes.all():
                self._themes[str(theme.pk)] = theme
                label = f"{programme.name}: {theme.label}" if several else theme.label
                theme_choices.append((str(theme.pk), label))
            for municipality in programme.municipalities.all():
                key = str(municipality.pk)
                if key not in self._municipalities:
                    self._municipalities[key] = municipality
                    municipality_choices.append((key, municipality.name))
        self.fields["themes"].choices = theme_choices
        self.fields["municipalities"].choices = sorted(municipality_choices, key=lambda c: c[1])
        self.organisations = {str(o.pk): o for o in organisations}
        if self.organisations and idea is None:
            self.fields["organisation"].choices = [
                ("", _("Only myself")),
                *((key, o.name) for key, o in self.organisations.items()),
            ]
        else:
            del self.fields["organisation"]
        if not theme_choices:
            del self.fields["themes"]
        if not municipality_choices:
            del self.fields["municipalities"]

    def clean(self):
        data = super().clean()
        programme = self.programmes.get(data.get("programme") or "")
        if programme is None:
            if "programme" not in self.errors:
                self.add_error("programme", _("Choose the programme the idea is for."))
            return data
        data["programme_obj"] = programme
        themes = [self._themes[key] for key in data.get("themes") or []]
        if any(theme.programme_id != programme.pk for theme in themes):
            self.add_error("themes", _("Choose themes of the idea's own programme."))
        data["theme_objs"] = themes
        own = {m.pk for m in programme.municipalities.all()}
        municipalities = [self._municipalities[key] for key in data.get("municipalities") or []]
        if any(m.pk not in own for m in municipalities):
            self.add_error(
                "municipalities", _("Choose municipalities that take part in the programme.")
            )
        data["municipality_objs"] = municipalities
        data["organisation_obj"] = self.organisations.get(data.get("organisation") or "")
        return data


class CommentForm(ServiceErrorsMixin, forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your comment first.")},
        help_text=_("Plain text, at most 2000 characters. Be kind: editors may hide comments."),
    )

    prefix = "comment"


class ReportForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with the comment? (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The editors see your report. At most 300 characters."),
    )
