"""Forms of core's own admin screens: a membership is added by the person's email address."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from samspill.core import permissions, selectors
from samspill.core.models import Membership, Organisation


class MembershipCreateForm(WagtailAdminModelForm):
    email = forms.EmailField(
        label=_("Email of the person"),
        help_text=_("The person must already have an account."),
    )

    class Meta:
        model = Membership
        fields = ["organisation", "role"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        ids = permissions.managed_organisation_ids(for_user) if for_user else None
        if ids is not None:
            self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids)

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.person = selectors.user_active_by_email(email=email)
        if self.person is None:
            raise forms.ValidationError(_("No active account has this email address."))
        return email


class MembershipEditForm(WagtailAdminModelForm):
    class Meta:
        model = Membership
        fields = ["role"]
