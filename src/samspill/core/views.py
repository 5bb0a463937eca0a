"""Core's public pages: organisations, the personal profile, data export and deletion, health."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language

from samspill.core import fragments, health, registry, selectors, services
from samspill.core.forms import DeleteAccountForm, OrganisationFilterForm, ProfileForm
from samspill.core.pagecache import cached_page

ORGANISATIONS_PER_PAGE = 24


@cached_page(depends=("core", "wagtail"), members_share=True, timeout=300)
@require_GET
def organisation_list(request):
    form = OrganisationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    organisations = selectors.organisation_list_public(
        kind=filters.get("kind"), country=filters.get("country"), q=filters.get("q")
    )
    page = Paginator(organisations, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    cards = fragments.PageCards(
        page, "core/partials/_organisation_card.html", "organisation", "core wagtail"
    )
    context = {"form": form, "page": page, "cards": cards, "query": query.urlencode()}
    if request.htmx and request.htmx.target == "organisation-results":
        response = render(request, "core/organisation_list.html#results", context)
    else:
        response = render(request, "core/organisation_list.html", context)
    # The same URL answers with the results only, or the whole page: caches must tell them apart.
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


# The sections of other apps (network's needs and offers, events' upcoming events, projects'
# projects) and the listed people; nothing personal. Upcoming events: a short timeout.
@cached_page(
    depends=("core", "people", "network", "events", "projects", "news", "wagtail"),
    members_share=True,
    timeout=60,
)
@require_GET
def organisation_detail(request, slug):
    organisation = selectors.organisation_get_public(slug=slug)
    context = {
        "organisation": organisation,
        "sections": registry.organisation_sections(request, organisation),
    }
    return render(request, "core/organisation_detail.html", context)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=request.user, **{name: form.cleaned_data[name] for name in form.fields}
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("core:profile")
    memberships = selectors.user_memberships(user=request.user)
    context = {
        "form": form,
        "memberships": memberships,
        "sections": registry.profile_sections(request),
    }
    return render(request, "core/profile.html", context)


@login_required
@require_GET
def my_data(request):
    return render(request, "core/my_data.html")


@login_required
@require_GET
@never_cache
def my_data_download(request):
    data = services.user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="samspill-mine-data-{stamp}.json"'
    return response


@login_required
def account_delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        services.user_delete(user=user)
        messages.success(request, _("Your account and your data have been deleted."))
        return redirect("/")
    return render(request, "core/account_delete.html", {"form": form})


@require_POST
def language_switch(request):
    """Django's set_language (which translates the `next` URL), remembering the choice.

    `next` is resolved in its own language: under another one, Wagtail's catch-all pattern would
    take "/da/om/" for a page path and leave the prefix in place.
    """
    next_url = request.POST.get("next", "")
    with translation.override(get_language_from_path(next_url) or settings.LANGUAGE_CODE):
        response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language:
        services.user_set_language(user=request.user, language=language)
    return response


@never_cache
def healthz(request):
    """Readiness: 200 when the database and the cache answer, 503 when one does not; with the
    task queue's depth and the workers seen (`core.health`)."""
    healthy, body = health.report()
    return JsonResponse(body, status=200 if healthy else 503)


def liveness(request):
    """Liveness: a fixed, minimal answer without touching the database (the benchmark baseline)."""
    return HttpResponse(b"ok", content_type="text/plain")


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_500(request):
    try:
        return render(request, "500.html", status=500)
    except Exception:
        return HttpResponse("<!doctype html><title>500</title><h1>Server error</h1>", status=500)


def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", "Disallow: /konto/"]
    lines += [f"Disallow: /{code}/konto/" for code, _name in settings.LANGUAGES]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def organisations_section(request):
    """On the home page (registered in `CoreConfig.ready`): the newest public organisations and
    the count of each kind."""
    organisations = list(selectors.organisation_list_public().order_by("-created_at")[:6])
    if not organisations:
        return None
    return {"organisations": organisations, "kind_counts": selectors.organisation_kind_counts()}
