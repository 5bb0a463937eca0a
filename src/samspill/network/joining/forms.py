"""Forms of joining: creating an organisation, asking to join one, inviting people, deciding.

The forms check what a browser sends; the services check again and have the last word. Their
domain errors go back on the matching fields with `add_service_error`.
"""

import re

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from samspill.core.forms import MunicipalityChoiceField, ServiceErrorsMixin
from samspill.core.models import Country, OrganisationKind, Role
from samspill.network.services import MAX_INVITATIONS_AT_ONCE


def _with_breaks(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())


class OrganisationSubmitForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        error_messages={"required": _("Give the organisation’s name.")},
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Choose a kind")), *OrganisationKind.choices],
        error_messages={"required": _("Choose what kind of organisation it is.")},
    )
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        required=False,
        empty_label=_("Not given"),
    )
    org_number = forms.CharField(
        label=_("Organisation number (optional)"),
        max_length=20,
        required=False,
        help_text=_("Norway: 9 digits (Enhetsregisteret). Denmark: CVR number, 8 digits."),
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Give a web address, like https://example.org.")},
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=280,
        help_text=_("One or two sentences: what the organisation does."),
        error_messages={"required": _("Write a short summary.")},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def submission(self) -> dict:
        """The fields for `services.organisation_submit`; the description as plain paragraphs."""
        data = dict(self.cleaned_data)
        data["website"] = data.get("website") or ""
        text = data.get("description") or ""
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        data["description"] = "".join(f"<p>{_with_breaks(p)}</p>" for p in paragraphs)
        return data


class JoinRequestForm(ServiceErrorsMixin, forms.Form):
    message = forms.CharField(
        label=_("Message to the administrators (optional)"),
        max_length=500,
        required=False,
        help_text=_("Who you are and why you want to join, so they know you."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InvitationForm(ServiceErrorsMixin, forms.Form):
    emails = forms.CharField(
        label=_("Email addresses"),
        help_text=_("One or more, separated by commas or on separate lines (at most %(count)s).")
        % {"count": MAX_INVITATIONS_AT_ONCE},
        error_messages={"required": _("Give at least one email address.")},
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(Role.MEMBER, Role.MEMBER.label), (Role.EDITOR, Role.EDITOR.label)],
        initial=Role.MEMBER,
        help_text=_("Editors may edit the organisation’s profile; members only belong."),
    )

    def clean_emails(self):
        return [e for e in re.split(r"[\s,;]+", self.cleaned_data["emails"]) if e]


class DecisionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the submitter"),
        max_length=300,
        required=False,
        help_text=_("Sent with the decision. Say why when you decline."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
