from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class CoreConfig(AppConfig):
    name = "samspill.core"
    label = "core"
    verbose_name = _("Hub")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samspill.core import registry, selectors

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
                context=_organisations_section,
                order=80,
            )
        )
        registry.register_statistic(
            registry.Statistic(
                name="organisations",
                label=lambda n: npgettext("count of", "organisation", "organisations", n),
                value=lambda: selectors.organisation_list_public().count(),
                order=10,
            )
        )

        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Locale

        from samspill.core import locales

        post_save.connect(locales.clear_cache, sender=Locale, dispatch_uid="samspill-locales")
        post_delete.connect(locales.clear_cache, sender=Locale, dispatch_uid="samspill-locales-del")

        from django.db.models.signals import post_migrate

        post_migrate.connect(_site_follow_settings, sender=self, dispatch_uid="samspill-site")

        from wagtail.users.models import UserProfile

        UserProfile.get_preferred_language = _preferred_language


def _preferred_language(profile) -> str:
    """Wagtail's language for a user (its admin, and the workflow emails it sends them): the one
    chosen in the admin, else the one chosen on the site, else the hub's default. Wagtail's own
    falls back to the active language, so a reviewer got the submitter's language."""
    from django.conf import settings

    return (
        profile.preferred_language
        or getattr(profile.user, "preferred_language", "")
        or settings.LANGUAGE_CODE
    )


def _site_follow_settings(using="default", **kwargs):
    """After every migrate: the default Wagtail Site takes SITE_URL's address (idempotent)."""
    from django.db import connections
    from wagtail.models import Site

    from samspill.core import services

    if Site._meta.db_table in connections[using].introspection.table_names():
        services.site_follow_settings()


def _organisations_section(request):
    from samspill.core import selectors

    organisations = list(selectors.organisation_list_public().order_by("-created_at")[:6])
    if not organisations:
        return None
    return {"organisations": organisations, "kind_counts": selectors.organisation_kind_counts()}
