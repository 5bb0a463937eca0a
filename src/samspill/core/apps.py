from django.apps import AppConfig
from django.conf import settings
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_migrate, post_save, pre_migrate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext

from samspill.core import registry


class CoreConfig(AppConfig):
    name = "samspill.core"
    label = "core"
    verbose_name = _("Hub")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: these modules import models (ours and Wagtail's), loaded only now.
        from wagtail.admin import mail as wagtail_mail
        from wagtail.models import Locale, Site
        from wagtail.users.models import UserProfile

        from samspill.core import (
            digests,
            follow_views,
            locales,
            mail,
            newsletters,
            notifications,
            periodic,
            ratelimit,
            selectors,
            services,
            taskqueue,
            versions,
            views,
        )
        from samspill.core.models import Organisation

        # Every write gives its namespace a new version (core.versions): caches follow at once.
        connection_created.connect(versions.install, dispatch_uid="samspill-versions")
        pre_migrate.connect(versions.pause_for_migrate, dispatch_uid="samspill-versions-pause")
        post_migrate.connect(
            versions.bump_all_after_migrate, sender=self, dispatch_uid="samspill-versions-bump"
        )

        # A typo in SAMSPILL_RATE_LIMITS fails at start, not at the first request.
        ratelimit.parse_setting(settings.SAMSPILL_RATE_LIMITS)
        registry.register_nav_item(
            registry.NavItem(
                name="organisations",
                label=lambda: _("Organisations"),
                url_name="core:organisation-list",
                order=80,
            )
        )
        registry.register_home_section(
            registry.HomeSection(
                name="organisations",
                template="core/partials/_home_organisations.html",
                context=views.organisations_section,
                order=80,
                depends=("core",),
            )
        )
        registry.register_statistic(
            registry.Statistic(
                name="organisations",
                label=lambda n: npgettext("count of", "organisation", "organisations", n),
                value=lambda: selectors.organisation_list_public().count(),
                order=10,
                depends=("core",),
            )
        )
        registry.register_periodic_job(
            registry.PeriodicJob(
                name="core.prune_task_results",
                label=lambda: _("Pruning of finished task results and unsent emails"),
                run=taskqueue.task_results_prune,
                interval=24 * 60,
                at="04:00",
            )
        )
        registry.register_periodic_job(
            registry.PeriodicJob(
                name="core.prune_expired",
                label=lambda: _("Pruning of expired sessions, rate limits and cache entries"),
                run=taskqueue.expired_prune,
                interval=60,
            )
        )
        registry.register_periodic_job(
            registry.PeriodicJob(
                name="core.prune_email_log",
                label=lambda: _("Pruning of the email log (older than 30 days)"),
                run=mail.email_log_prune,
                interval=24 * 60,
                at="04:15",
            )
        )
        # Mail providers make the one-click POST of many people from a few addresses: generous.
        registry.register_rate_limit(registry.RateLimit(scope="core.unsubscribe", rate="300/h"))
        registry.register_notification_kind(
            registry.NotificationKind(
                name="core.account",
                label=lambda: _("Your account: confirming your address, resetting your password"),
                default="immediate",
                transactional=True,
            )
        )
        digests.register()  # the digest's kind and its daily and weekly jobs
        registry.register_notification_kind(
            registry.NotificationKind(
                name="core.workflow",
                label=lambda: _("Reviews of pages: submitted, approved, rejected, comments"),
                default="immediate",
            )
        )
        registry.register_periodic_job(
            registry.PeriodicJob(
                name="core.newsletters.send",
                label=lambda: _("Sending of newsletters"),
                run=newsletters.send_due,
                interval=5,
            )
        )
        registry.register_notification_kind(
            registry.NotificationKind(
                name=newsletters.KIND,
                label=newsletters.kind_label,
                default="immediate",
                group=lambda: _("Newsletters"),
                order=900,
            )
        )
        registry.register_follow_target(
            registry.FollowTarget(
                name="core.organisation",
                model=Organisation,
                label=lambda: _("Organisation"),
                visible=notifications.organisation_visible,
                visible_queryset=lambda: Organisation.objects.public(),
            )
        )
        registry.register_rate_limit(registry.RateLimit(scope="core.follow", rate="120/h"))
        registry.register_profile_section(
            registry.HomeSection(
                name="notifications",
                template="core/partials/_profile_notifications.html",
                context=follow_views.profile_section,
                order=5,
            )
        )
        registry.register_personal_data(
            registry.PersonalDataSource(
                name="notifications",
                export=notifications.export_personal_data,
                erase=notifications.erase_personal_data,
            )
        )
        post_migrate.connect(
            periodic.sync_jobs_after_migrate, sender=self, dispatch_uid="samspill-periodic-jobs"
        )
        post_save.connect(locales.clear_cache, sender=Locale, dispatch_uid="samspill-locales")
        post_delete.connect(locales.clear_cache, sender=Locale, dispatch_uid="samspill-locales-del")
        post_save.connect(
            selectors.clear_hub_name_cache, sender=Site, dispatch_uid="samspill-hub-name"
        )
        post_delete.connect(
            selectors.clear_hub_name_cache, sender=Site, dispatch_uid="samspill-hub-name-del"
        )
        post_migrate.connect(
            services.site_follow_settings_after_migrate, sender=self, dispatch_uid="samspill-site"
        )
        UserProfile.get_preferred_language = _preferred_language
        # Wagtail's workflow and comment notices: queued, in the hub's base, with a kind.
        wagtail_mail.send_mail = mail.wagtail_send_mail


def _preferred_language(profile) -> str:
    """Wagtail's language for a user (its admin, and the workflow emails it sends them): the one
    chosen in the admin, else the one chosen on the site, else the hub's default. Wagtail's own
    falls back to the active language, so a reviewer got the submitter's language."""
    return (
        profile.preferred_language
        or getattr(profile.user, "preferred_language", "")
        or settings.LANGUAGE_CODE
    )
