"""Editor screens for core in the Wagtail admin, with permissions that follow Membership roles.

Hub admins manage everything; an organisation's admins and editors see and edit only their own
organisations; its admins also manage its memberships. Every save goes through `core.services`.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from samspill.core import page_languages, permissions, services
from samspill.core.admin.policies import OrganisationScopedPolicy
from samspill.core.admin.views import (
    InstancePermissionMixin,
    ScopedHistoryView,
    ScopedUsageView,
    ServiceErrorMixin,
)
from samspill.core.errors import SamspillError
from samspill.core.locales import active_locale_id
from samspill.core.models import (
    Audience,
    Membership,
    Municipality,
    Organisation,
    Region,
)

User = get_user_model()


# --- Permission policies --------------------------------------------------------------------------


register_permission_policy(
    Organisation,
    OrganisationScopedPolicy(
        Organisation,
        fields=("pk",),
        actions={"change", "view"},
        allowed_on=permissions.can_edit_organisation,
    ),
)
register_permission_policy(
    Membership,
    OrganisationScopedPolicy(Membership, organisation_ids=permissions.managed_organisation_ids),
)


# --- Organisations --------------------------------------------------------------------------------


class OrganisationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["change"]
            )
            .select_related("municipality")
            .order_by("name")
        )


class OrganisationCreateView(ServiceErrorMixin, generic.CreateView):
    def save_instance(self):
        return services.organisation_save(
            actor=self.request.user,
            organisation=self.form.save(commit=False),
            audiences=self.form.cleaned_data.get("audiences"),
        )


class OrganisationEditView(ServiceErrorMixin, InstancePermissionMixin, generic.EditView):
    def save_instance(self):
        return services.organisation_save(
            actor=self.request.user,
            organisation=self.form.save(commit=False),
            audiences=self.form.cleaned_data.get("audiences"),
        )


class OrganisationDeleteView(InstancePermissionMixin, generic.DeleteView):
    def delete_action(self):
        services.organisation_delete(actor=self.request.user, organisation=self.object)


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 100
    add_to_admin_menu = False
    index_view_class = OrganisationIndexView
    add_view_class = OrganisationCreateView
    edit_view_class = OrganisationEditView
    delete_view_class = OrganisationDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    list_display = ["name", "kind", "country", "municipality", "is_public"]
    list_filter = ["kind", "country", "is_public"]
    search_fields = ["name", "org_number"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False


# --- Memberships ----------------------------------------------------------------------------------


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
        try:
            self.person = User.objects.get(email__iexact=email, is_active=True)
        except User.DoesNotExist as error:
            raise forms.ValidationError(_("No active account has this email address.")) from error
        return email


class MembershipEditForm(WagtailAdminModelForm):
    class Meta:
        model = Membership
        fields = ["role"]


class MembershipIndexView(generic.IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["change"]
        ).select_related("user", "organisation")


class MembershipCreateView(ServiceErrorMixin, generic.CreateView):
    def get_form_class(self):
        return MembershipCreateForm

    def save_instance(self):
        organisation = self.form.cleaned_data["organisation"]
        if not permissions.can_manage_memberships(self.request.user, organisation):
            raise PermissionDenied
        return services.membership_create(
            actor=self.request.user,
            organisation=organisation,
            user=self.form.person,
            role=self.form.cleaned_data["role"],
        )


class MembershipEditView(ServiceErrorMixin, InstancePermissionMixin, generic.EditView):
    def get_form_class(self):
        return MembershipEditForm

    def save_instance(self):
        return services.membership_set_role(
            actor=self.request.user,
            membership=Membership.objects.get(pk=self.object.pk),
            role=self.form.cleaned_data["role"],
        )


class MembershipDeleteView(InstancePermissionMixin, generic.DeleteView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except SamspillError as error:
            messages.error(self.request, str(error.message))
            return redirect(self.get_success_url())

    def delete_action(self):
        services.membership_delete(actor=self.request.user, membership=self.object)


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    menu_order = 110
    add_to_admin_menu = False
    index_view_class = MembershipIndexView
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__email", "user__name", "organisation__name"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False
    panels = [FieldPanel("role")]


# --- Places and audiences (hub admins) ------------------------------------------------------------


class RegionViewSet(ModelViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    menu_order = 200
    list_display = ["name", "code", "country"]
    list_filter = ["country"]
    search_fields = ["name", "code"]
    search_backend_name = None
    form_fields = ["country", "code", "name"]
    inspect_view_enabled = False
    copy_view_enabled = False


class MunicipalityIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("region")


class MunicipalityViewSet(ModelViewSet):
    model = Municipality
    index_view_class = MunicipalityIndexView
    icon = "home"
    menu_label = _("Municipalities")
    menu_order = 210
    list_display = ["name", "code", "country", "region"]
    list_filter = ["country", "region"]
    search_fields = ["name", "code"]
    search_backend_name = None
    form_fields = ["country", "code", "name", "region"]
    inspect_view_enabled = False
    copy_view_enabled = False


class AudienceViewSet(ModelViewSet):
    model = Audience
    icon = "tag"
    menu_label = _("Audiences")
    menu_order = 300
    list_display = ["name_nb", "name_da", "name_en", "slug", "sort_order"]
    search_fields = ["name_nb", "name_da", "name_en"]
    search_backend_name = None
    form_fields = ["slug", "name_nb", "name_da", "name_en", "sort_order"]
    inspect_view_enabled = False
    copy_view_enabled = False


class HubViewSetGroup(ModelViewSetGroup):
    menu_label = _("Hub")
    menu_icon = "group"
    menu_order = 200
    items = (
        OrganisationViewSet("organisations"),
        MembershipViewSet("memberships"),
        RegionViewSet("regions"),
        MunicipalityViewSet("municipalities"),
        AudienceViewSet("audiences"),
    )


@hooks.register("register_admin_viewset")
def register_hub_viewsets():
    return HubViewSetGroup()


@hooks.register("register_log_actions")
def register_core_log_actions(actions):
    for code, label in [
        ("core.organisation.created", _("Organisation created")),
        ("core.organisation.updated", _("Organisation updated")),
        ("core.organisation.deleted", _("Organisation deleted")),
        ("core.membership.created", _("Membership created")),
        ("core.membership.role_changed", _("Membership role changed")),
        ("core.membership.deleted", _("Membership removed")),
        ("core.user.created", _("Account created")),
        ("core.user.profile_updated", _("Profile updated")),
        ("core.user.deleted", _("Account deleted")),
    ]:
        actions.register_action(code, label, label)


# --- Pages in the visitor's language --------------------------------------------------------------


@hooks.register("before_serve_page")
def redirect_to_the_translation_in_the_active_language(page, request, serve_args, serve_kwargs):
    """A page reached under another language's prefix (`HomePage.route`'s fallback) sends the
    visitor to its translation in that language where one is live (the switcher keeps the page
    even when translators renamed its address), else to the default language's page."""
    locale_id = active_locale_id()
    if locale_id is None or page.locale_id == locale_id:
        return None
    url = page_languages.address_in_active_language(page, locale_id)
    if not url:
        return None
    return redirect(url + page_languages.remainder(request, page))
