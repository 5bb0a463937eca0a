from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve as serve_file
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.documents import urls as wagtaildocs_urls

from samspill.api.api import api
from samspill.core import views as core_views
from samspill.core.sitemaps import OrganisationSitemap
from samspill.events.sitemaps import EventSitemap
from samspill.ideas.sitemaps import IdeaSitemap
from samspill.projects.sitemaps import ProgrammeSitemap, ProjectSitemap

sitemaps = {
    "pages": PageSitemap,
    "organisations": OrganisationSitemap,
    "events": EventSitemap,
    "programmes": ProgrammeSitemap,
    "projects": ProjectSitemap,
    "ideas": IdeaSitemap,
}

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/live", core_views.liveness, name="liveness"),
    path("i18n/setlang/", core_views.language_switch, name="set_language"),
    path("robots.txt", core_views.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    # Editors sign in through allauth (two-factor authentication, rate limits), not Wagtail's form.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("samspill.core.urls")),
    path("", include("samspill.answers.urls")),
    path("", include("samspill.events.urls")),
    path("", include("samspill.network.urls")),
    path("", include("samspill.surveys.urls")),
    path("", include("samspill.projects.urls")),
    path("", include("samspill.ideas.urls")),
    path("konto/", include("allauth.urls")),
    # Wagtail's own sign-in form (Django's plain LoginView) would let a password alone through,
    # without the second factor or allauth's rate limit: everyone signs in through allauth.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailcore_login",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA:
    # Uploaded images and documents on a single machine; behind a proxy or with object storage,
    # set SERVE_MEDIA=false and let those serve /media/.
    urlpatterns.insert(
        0, path("media/<path:path>", serve_file, {"document_root": settings.MEDIA_ROOT})
    )

handler404 = "samspill.core.views.error_404"
handler403 = "samspill.core.views.error_403"
handler500 = "samspill.core.views.error_500"
