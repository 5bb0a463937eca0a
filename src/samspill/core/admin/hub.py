"""The admin's "Hub" menu: organisations and memberships (scoped to what the user may manage),
and the hub admins' regions, municipalities and audiences. Every save goes through `core.services`."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from samspill.core import permissions, selectors, services
from samspill.core.admin.forms import MembershipCreateForm, MembershipEditForm
from samspill.core.admin.newsletters import NewsletterViewSet
from samspill.core.admin.views import (
    InstancePermissionMixin,
    ScopedHistoryView,
    ScopedUsageView,
    ServiceErrorMixin,
)
from samspill.core.errors import SamspillError
from samspill.core.models import (
    Audience,
    Follow,
    Membership,
    Municipality,
    MunicipalityFormerCode,
    Organisation,
    Region,
)

# --- Organisations --------------------------------------------------------------------------------


class OrganisationIndexView(generic.IndexView):
    def get_base_queryset(self):
        # The followers counted in the same query (a subquery per row, on the follows' index).
        followers = (
            Follow.objects.filter(
                content_type=ContentType.objects.get_for_model(Organisation),
                object_id=OuterRef("pk"),
            )
            .order_by()
            .values("object_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                self.request.user, ["change"]
            )
            .select_related("municipality")
            .annotate(follower_count=Coalesce(Subquery(followers), 0))
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
    list_display = [
        "name",
        "kind",
        "country",
        "municipality",
        "is_public",
        Column(
            "follower_count",
            label=_("Followers"),
            accessor="follower_count",
            sort_key="follower_count",
        ),
    ]
    list_filter = ["kind", "country", "is_public"]
    search_fields = ["name", "org_number"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False


# --- Memberships ----------------------------------------------------------------------------------


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
            membership=selectors.membership_get(pk=self.object.pk),
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
    list_display = ["name", "sort_name", "code", "country"]
    list_filter = ["country"]
    search_fields = ["name", "sort_name", "code"]
    search_backend_name = None
    form_fields = ["country", "code", "name", "sort_name"]
    inspect_view_enabled = False
    copy_view_enabled = False


class MunicipalityIndexView(generic.IndexView):
    def get_base_queryset(self):
        # Two queries per page whatever its length: the rows, and their former codes.
        return super().get_base_queryset().select_related("region").prefetch_related("former_codes")


class MunicipalityViewSet(ModelViewSet):
    """The official lists (`samspill update-places` keeps them current); hub admins may correct
    a row by hand. A municipality's former codes are listed with it."""

    model = Municipality
    index_view_class = MunicipalityIndexView
    icon = "home"
    menu_label = _("Municipalities")
    menu_order = 210
    list_display = ["name", "code", "country", "region", "former_codes_text"]
    list_filter = ["country", "region"]
    search_fields = ["name", "sort_name", "code"]
    search_backend_name = None
    form_fields = ["country", "code", "name", "sort_name", "region"]
    inspect_view_enabled = False
    copy_view_enabled = False


class MunicipalityFormerCodeIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("municipality")


class MunicipalityFormerCodeViewSet(ModelViewSet):
    """Old codes of renumbered and merged municipalities: answers and imports that carry one are
    named through it."""

    model = MunicipalityFormerCode
    index_view_class = MunicipalityFormerCodeIndexView
    icon = "history"
    menu_label = _("Former municipality codes")
    menu_order = 220
    list_display = ["code", "name", "municipality", "valid_until", "country"]
    list_filter = ["country"]
    search_fields = ["code", "name"]
    search_backend_name = None
    form_fields = ["country", "code", "name", "municipality", "valid_until"]
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
        NewsletterViewSet("newsletters"),
        RegionViewSet("regions"),
        MunicipalityViewSet("municipalities"),
        MunicipalityFormerCodeViewSet("former_municipality_codes"),
        AudienceViewSet("audiences"),
    )
