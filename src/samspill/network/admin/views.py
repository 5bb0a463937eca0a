"""The network's screens in the Wagtail admin: organisations waiting for approval (hub admins),
requests to join (hub admins see all; an organisation's admins see theirs), and the invitations
report (hub admins). Each screen is a small viewset (`wagtail_hooks`); reads are bounded queries,
every change goes through `network.services`. Pages work without JavaScript: each decision is a
small POST form with its own button; lists are paginated.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from samspill.core.errors import SamspillError
from samspill.core.models import Organisation
from samspill.core.permissions import is_hub_admin
from samspill.network import permissions, selectors, services
from samspill.network.joining.forms import DecisionNoteForm
from samspill.network.models import RequestStatus

APPROVALS = "network_approvals"
JOIN_REQUESTS = "network_join_requests"
INVITATIONS = "network_invitations"
PER_PAGE = 50


class HubAdminOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_hub_admin(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- Organisations waiting for approval -----------------------------------------------------------


class ApprovalsView(HubAdminOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "network/admin/approvals.html"
    page_title = gettext_lazy("Organisations waiting for approval")
    header_icon = "group"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisations = selectors.organisations_waiting_for_approval()
        page = Paginator(organisations, PER_PAGE).get_page(self.request.GET.get("p"))
        context["page"] = page
        context["rows"] = [
            (organisation, DecisionNoteForm(prefix=f"o{organisation.pk}"))
            for organisation in page.object_list
        ]
        return context


class ApprovalDecideView(HubAdminOnlyMixin, View):
    def post(self, request, pk):
        organisation = get_object_or_404(
            Organisation.objects.select_related("network_profile"), pk=pk
        )
        form = DecisionNoteForm(request.POST, prefix=f"o{organisation.pk}")
        decision = request.POST.get("decision")
        if decision not in {"approve", "decline"} or not form.is_valid():
            messages.error(
                request, _("Choose to approve or decline (the note is at most 300 characters).")
            )
            return redirect(f"{APPROVALS}:index")
        service = (
            services.organisation_approve
            if decision == "approve"
            else services.organisation_decline
        )
        try:
            service(actor=request.user, organisation=organisation, note=form.cleaned_data["note"])
        except SamspillError as error:
            messages.error(request, str(error.message))
        else:
            if decision == "approve":
                text = _("“%(name)s” is approved and listed.")
            else:
                text = _("“%(name)s” is declined and stays unlisted.")
            messages.success(request, text % {"name": organisation.name})
        return redirect(f"{APPROVALS}:index")


# --- Requests to join -----------------------------------------------------------------------------


class JoinRequestsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "network/admin/join_requests.html"
    page_title = gettext_lazy("Requests to join")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_see_join_requests(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show = self.request.GET.get("status") or RequestStatus.PENDING
        if show not in RequestStatus.values:
            show = RequestStatus.PENDING
        requests = (
            selectors.join_requests_visible_to(self.request.user)
            .filter(status=show)
            .select_related("user", "organisation", "decided_by")
            .order_by("created_at" if show == RequestStatus.PENDING else "-decided_at", "pk")
        )
        context["page"] = Paginator(requests, PER_PAGE).get_page(self.request.GET.get("p"))
        context["show"] = show
        context["status_choices"] = RequestStatus.choices
        return context


class JoinRequestDecideView(View):
    def post(self, request, pk):
        join_request = get_object_or_404(
            selectors.join_requests_visible_to(request.user).select_related("user", "organisation"),
            pk=pk,
        )
        decision = request.POST.get("decision")
        if decision not in {"approve", "decline"}:
            messages.error(request, _("Choose to approve or decline."))
            return redirect(f"{JOIN_REQUESTS}:index")
        service = (
            services.join_request_approve
            if decision == "approve"
            else services.join_request_decline
        )
        try:
            service(actor=request.user, join_request=join_request)
        except SamspillError as error:
            messages.error(request, str(error.message))
        else:
            name = join_request.user.name or join_request.user.email
            values = {"name": name, "organisation": join_request.organisation.name}
            if decision == "approve":
                messages.success(
                    request, _("%(name)s is now a member of %(organisation)s.") % values
                )
            else:
                messages.success(
                    request,
                    _("The request from %(name)s to join %(organisation)s is declined.") % values,
                )
        return redirect(f"{JOIN_REQUESTS}:index")


# --- Invitations report ---------------------------------------------------------------------------


class InvitationReportView(HubAdminOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "network/admin/invitations.html"
    page_title = gettext_lazy("Invitations")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        report = selectors.invitation_report(now)
        context["page"] = Paginator(report, PER_PAGE).get_page(self.request.GET.get("p"))
        context["totals"] = selectors.invitation_totals(now)
        return context


def index_url(namespace: str) -> str:
    return reverse(f"{namespace}:index")
