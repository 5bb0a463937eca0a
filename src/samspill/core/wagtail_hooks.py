"""Editor screens for core in the Wagtail admin, with permissions that follow Membership roles.

Hub admins manage everything; an organisation's admins and editors see and edit only their own
organisations; its admins also manage its memberships (the "Hub" menu: `core.admin.hub`). Every
save goes through `core.services`. Hub admins also see the periodic jobs (Settings menu, and a
dashboard warning when one failed: `core.admin.jobs`) and the emails report (`core.admin.emails`).
"""

from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from samspill.core import page_languages, permissions
from samspill.core.admin.emails import EMAILS, EmailReportViewSet
from samspill.core.admin.hub import HubViewSetGroup
from samspill.core.admin.jobs import JOBS, FailedJobsPanel, PeriodicJobsViewSet
from samspill.core.admin.newsletters import FollowersPanel, NewsletterPolicy
from samspill.core.admin.policies import HubAdminPolicy, OrganisationScopedPolicy
from samspill.core.locales import active_locale_id
from samspill.core.models import (
    Membership,
    Municipality,
    MunicipalityFormerCode,
    Newsletter,
    Organisation,
    Region,
)

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
register_permission_policy(Newsletter, NewsletterPolicy())
# The official places: hub admins only, whatever Django permissions a group may carry.
for _model in (Region, Municipality, MunicipalityFormerCode):
    register_permission_policy(_model, HubAdminPolicy(_model))


@hooks.register("register_admin_viewset")
def register_hub_viewsets():
    return HubViewSetGroup()


@hooks.register("register_admin_viewset")
def register_periodic_jobs_viewset():
    return PeriodicJobsViewSet(JOBS, url_prefix="periodic-jobs")


@hooks.register("register_admin_viewset")
def register_email_report_viewset():
    return EmailReportViewSet(EMAILS, url_prefix="email-report")


@hooks.register("construct_homepage_panels")
def add_failed_jobs_panel(request, panels):
    panels.append(FailedJobsPanel(request))


@hooks.register("construct_homepage_panels")
def add_followers_panel(request, panels):
    panels.append(FollowersPanel(request))


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
        ("core.user.made_hub_admin", _("Made hub admin")),
        ("core.user.profile_updated", _("Profile updated")),
        ("core.user.deleted", _("Account deleted")),
        ("core.periodic_job.updated", _("Periodic job changed")),
        ("core.periodic_job.run_requested", _("Periodic job asked to run now")),
        ("core.newsletter.created", _("Newsletter created")),
        ("core.newsletter.updated", _("Newsletter updated")),
        ("core.newsletter.scheduled", _("Newsletter scheduled")),
        ("core.newsletter.unscheduled", _("Newsletter back to a draft")),
        ("core.newsletter.sent", _("Newsletter sent")),
        ("core.newsletter.stopped", _("Newsletter stopped")),
        ("core.newsletter.resumed", _("Newsletter resumed")),
        ("core.newsletter.finished", _("Newsletter sending finished")),
        ("core.newsletter.deleted", _("Newsletter deleted")),
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


@hooks.register("before_serve_page")
def say_whether_members_may_share_the_page(page, request, serve_args, serve_kwargs):
    """The page cache gives signed-in members a visitor's copy of the pages whose class says they
    are the same for everyone but their personal parts (core.pagecache)."""
    request.page_cache_members_share = getattr(page, "page_cache_members_share", False)
