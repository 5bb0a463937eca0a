from django import forms
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _

from samspill.core.models import Country, Municipality, OrganisationKind, User
from samspill.core.validators import validate_single_line


class ServiceErrorsMixin:
    """A public form that shows the domain errors of a service, and lists its errors for the error
    summary (`core/partials/_error_summary.html`).

    `add_service_error` puts a `SamspillError` back on the form: on the fields it names (`details`
    [{field, message}] or `field`), or on the form as a whole when the form has no such field."""

    def service_field_name(self, field: str | None) -> str | None:
        """The form's field for a service's field name (None: the form as a whole)."""
        return field if field in self.fields else None

    def add_service_error(self, error) -> None:
        details = error.details or [{"field": error.field, "message": str(error.message)}]
        for item in details:
            self.add_error(self.service_field_name(item.get("field")), item["message"])

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for each field error, fields in their order: the anchor is the
        field's control (the first option of a group of radio buttons or checkboxes)."""
        summary = []
        for field in self:
            for message in field.errors:
                summary.append((field.id_for_label or f"{field.auto_id}_0", message))
        return summary


class ProfileForm(forms.ModelForm):
    VISIBILITY_FIELDS = ("is_listed", "show_title", "show_bio")

    class Meta:
        model = User
        fields = [
            "name",
            "title",
            "bio",
            "preferred_language",
            "is_listed",
            "show_title",
            "show_bio",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.VISIBILITY_FIELDS:
            self.fields[name].label_suffix = ""
        # The name goes into emails (contact relay, invitations): one line only.
        self.fields["name"].validators.append(validate_single_line)
        language = self.fields["preferred_language"]
        language.choices = [("", _("The hub's default language")), *language.choices[1:]]

    def visibility_fields(self):
        """The choices of what others may see, rendered as a group of checkboxes."""
        return [self[name] for name in self.VISIBILITY_FIELDS]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *OrganisationKind.choices]
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("All countries")), *Country.choices]
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        required=False,
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my data are deleted for good."), required=True
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if not authenticate(email=self.user.email, password=password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class _MunicipalityGroups(forms.models.ModelChoiceIterator):
    """The municipalities under their fylke or region (`<optgroup>`), one query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[str, list] = {}
        countries = dict(Country.choices)
        for municipality in self.queryset.select_related("region"):
            region = municipality.region.name if municipality.region_id else _("No region")
            label = f"{region} ({countries.get(municipality.country, municipality.country)})"
            groups.setdefault(label, []).append(self.choice(municipality))
        yield from groups.items()


class MunicipalityChoiceField(forms.ModelChoiceField):
    """One of the official municipalities, offered under their fylke or region."""

    iterator = _MunicipalityGroups

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "queryset",
            Municipality.objects.order_by("country", "region__sort_name", "sort_name", "name"),
        )
        super().__init__(**kwargs)
