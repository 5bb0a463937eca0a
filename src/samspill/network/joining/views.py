"""Joining the network: create an organisation (a hub editor approves it), ask to join one (its
admins decide), invite people by email, and accept an invitation through its signed link.

Pages work without JavaScript; every change is a POST through `network.services`. Permission
rules: signed in to create or ask; an organisation's admins (or hub admins) decide requests and
invite; anyone holding an invitation's link may see it and, signed in, accept it.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from samspill.core.errors import SamspillError
from samspill.core.models import Organisation
from samspill.core.permissions import belongs_to, can_manage_memberships, roles_by_organisation
from samspill.core.service_forms import handle_service_form
from samspill.network import selectors, services
from samspill.network.joining.forms import InvitationForm, JoinRequestForm, OrganisationSubmitForm
from samspill.network.models import Approval

REQUESTS_PER_PAGE = 50
SESSION_INVITATION = "network_invitation"


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


# --- Creating an organisation ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def organisation_new(request):
    form = OrganisationSubmitForm(request.POST if request.method == "POST" else None)

    def submitted(data):
        organisation = services.organisation_submit(actor=request.user, **form.submission())
        return redirect("network:organisation-pending", slug=organisation.slug)

    def page(problem, status):
        context = {"form": form, "problem": problem}
        return render(request, "network/join/organisation_new.html", context, status=status)

    return _private(
        handle_service_form(
            request, form, submitted, render=page, scope="network.join", invalid_status=422
        )
    )


@login_required
def organisation_pending(request, slug):
    """The submitter (and the organisation's other members) see where its approval stands."""
    organisation = selectors.organisation_or_404(slug=slug, with_profile=True)
    if not belongs_to(request.user, organisation) and not can_manage_memberships(
        request.user, organisation
    ):
        raise Http404
    profile = services.profile_for(organisation)
    context = {"organisation": organisation, "profile": profile, "Approval": Approval}
    return _private(render(request, "network/join/organisation_pending.html", context))


# --- Asking to join -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def join(request, slug):
    organisation = selectors.listed_organisation_or_404(slug=slug)
    is_member = organisation.pk in roles_by_organisation(request.user)
    pending = selectors.pending_join_request(user=request.user, organisation=organisation)
    form = JoinRequestForm(request.POST if request.method == "POST" else None)

    def asked(data):
        services.join_request_create(
            actor=request.user, organisation=organisation, message=data["message"]
        )
        messages.success(
            request,
            _("Your request is sent. The administrators of %(name)s answer you by email.")
            % {"name": organisation.name},
        )
        return redirect("network:join", slug=organisation.slug)

    def page(problem, status):
        context = {
            "organisation": organisation,
            "form": form,
            "problem": problem,
            "is_member": is_member,
            "pending": pending,
        }
        return render(request, "network/join/join.html", context, status=status)

    submitted = request.method == "POST" and not is_member and pending is None
    return _private(
        handle_service_form(
            request,
            form,
            asked,
            render=page,
            scope="network.join",
            invalid_status=422,
            submitted=submitted,
        )
    )


def _managed_or_403(request, slug) -> Organisation:
    organisation = selectors.organisation_or_404(slug=slug)
    if not can_manage_memberships(request.user, organisation):
        raise PermissionDenied
    return organisation


@login_required
def join_requests(request, slug):
    """The organisation's admins see the requests: waiting ones first, to approve or decline."""
    organisation = _managed_or_403(request, slug)
    waiting, answered = selectors.join_requests_of(organisation)
    answered = Paginator(answered, REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "organisation": organisation,
        "waiting": waiting[:REQUESTS_PER_PAGE],
        "waiting_count": waiting.count(),
        "answered": answered,
    }
    return _private(render(request, "network/join/requests.html", context))


@login_required
@require_POST
def join_request_decide(request, slug, pk):
    organisation = _managed_or_403(request, slug)
    join_request = selectors.join_request_or_404(organisation=organisation, pk=pk)
    decision = request.POST.get("decision")
    if decision not in {"approve", "decline"}:
        messages.error(request, _("Choose to approve or decline."))
        return redirect("network:join-requests", slug=organisation.slug)
    service = (
        services.join_request_approve if decision == "approve" else services.join_request_decline
    )
    try:
        service(actor=request.user, join_request=join_request)
    except SamspillError as error:
        messages.error(request, str(error.message))
    else:
        name = join_request.user.name or join_request.user.email
        if decision == "approve":
            messages.success(request, _("%(name)s is now a member.") % {"name": name})
        else:
            messages.success(request, _("The request from %(name)s is declined.") % {"name": name})
    return redirect("network:join-requests", slug=organisation.slug)


# --- Invitations ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invite(request, slug):
    organisation = _managed_or_403(request, slug)
    form = InvitationForm(request.POST if request.method == "POST" else None)

    def invited(data):
        sent, skipped = services.invitation_send(
            actor=request.user, organisation=organisation, emails=data["emails"], role=data["role"]
        )
        if sent:
            messages.success(
                request,
                ngettext(
                    "%(count)s invitation is sent.", "%(count)s invitations are sent.", len(sent)
                )
                % {"count": len(sent)},
            )
        if skipped:
            messages.info(
                request,
                _("Already members, so not invited: %(emails)s.") % {"emails": ", ".join(skipped)},
            )
        return redirect("network:invite", slug=organisation.slug)

    def page(problem, status):
        recent = selectors.recent_invitations(organisation)
        context = {"organisation": organisation, "form": form, "problem": problem, "recent": recent}
        return render(request, "network/join/invite.html", context, status=status)

    return _private(
        handle_service_form(
            request, form, invited, render=page, scope="network.invite", invalid_status=422
        )
    )


def _invitation_or_404(token):
    try:
        return services.invitation_from_token(token)
    except SamspillError as error:
        raise Http404 from error


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token):
    """An invitation's page (the link in its email): what accepting means, and the button."""
    invitation = _invitation_or_404(token)
    user = request.user
    status = 200
    if request.method == "POST":
        if not user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        try:
            invitation = services.invitation_accept(actor=user, invitation=invitation)
        except SamspillError as error:
            messages.error(request, str(error.message))
            status = error.status
        else:
            request.session.pop(SESSION_INVITATION, None)
            messages.success(
                request,
                _("Welcome: you are now part of %(name)s.")
                % {"name": invitation.organisation.name},
            )
            if getattr(invitation, "now_following", False):
                messages.info(
                    request,
                    _(
                        "You now follow %(name)s: you will hear of its news and events. "
                        "Unfollow it on the page of what you follow."
                    )
                    % {"name": invitation.organisation.name},
                )
            return redirect("network:invitation", token=token)
    elif not user.is_authenticated:
        # Remember the invitation through sign-up and email confirmation (the same browser).
        request.session[SESSION_INVITATION] = invitation.pk
    membership = selectors.membership_of(user=user, organisation=invitation.organisation)
    accepted_by_you = bool(user.is_authenticated and invitation.accepted_by_id == user.pk)
    if accepted_by_you:
        state = "accepted"
    elif invitation.accepted_at is not None:
        state = "used"
    elif not invitation.is_open:
        state = "expired"
    else:
        state = "open"
    context = {
        "state": state,
        "invitation": invitation,
        "organisation": invitation.organisation,
        "token": token,
        "membership": membership,
        "next": request.path,
        # Only a name: the inviter's address is not for everyone who holds the link.
        "inviter": invitation.invited_by.name if invitation.invited_by else "",
    }
    response = render(request, "network/join/invitation.html", context, status=status)
    response["Referrer-Policy"] = "same-origin"
    return response
