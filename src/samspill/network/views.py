"""The network's public pages: the directory of organisations and listed people, organisation and
person profiles, editing needs and offers, the contact relay, and the weekly match email's switch.

Every page works without JavaScript; htmx only refreshes the directory's results in place. People
appear only when they chose to be listed, and then only with the fields they chose to show.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samspill.core import fragments, registry
from samspill.core.errors import NotPermitted, SamspillError
from samspill.core.pagecache import cached_page
from samspill.core.permissions import (
    can_edit_organisation,
    can_manage_memberships,
    roles_by_organisation,
)
from samspill.core.redirects import local_url
from samspill.core.service_forms import handle_service_form
from samspill.network import permissions, selectors, services
from samspill.network.forms import ContactForm, DirectoryFilterForm, NeedsOffersForm

PER_PAGE = 24
RESULTS_TARGET = "directory-results"


# --- The directory ---------------------------------------------------------------------------------


def _render_results(request, template: str, context: dict) -> HttpResponse:
    """The whole page, or only its results for htmx (the same URL: caches must tell them apart)."""
    if request.htmx and request.htmx.target == RESULTS_TARGET:
        template = f"{template}#results"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


# Every page shows base.html: the hub's settings (core) and Wagtail's Site and pages.
# The directory: organisations (core) with their profiles, needs and offers (network), the facets
# (core's places and audiences, network's categories), logos (wagtail) and, with `?vis=personer`,
# the listed people (people). Nothing on it is personal or depends on the clock.
@cached_page(depends=("core", "network", "people", "wagtail"), members_share=True, timeout=300)
@require_GET
def directory(request):
    """Organisations (faceted, searched, sorted) or, with `?vis=personer`, the listed people."""
    form = DirectoryFilterForm(request.GET or None, choices=selectors.directory_choices())
    filters = form.filters()
    view = form.view()
    if view == "people":
        items = selectors.listed_people(q=filters["q"])
    else:
        items = selectors.directory_organisations(**filters, sort=form.sort_order())
    page = Paginator(items, PER_PAGE).get_page(request.GET.get("page"))
    # The organisations' cards, kept rendered until the organisations, the network or logos change.
    cards = fragments.PageCards(
        page, "network/_organisation_card.html", "organisation", "core network wagtail"
    )
    query = request.GET.copy()
    query.pop("page", None)
    tab_query = {"q": filters["q"]} if filters["q"] else {}
    base = reverse("network:directory")
    context = {
        "form": form,
        "view": view,
        "page": page,
        "cards": cards if view != "people" else [],
        "query": query.urlencode(),
        "filtered": any(value for value in filters.values()),
        "organisations_url": base + (f"?{urlencode(tab_query)}" if tab_query else ""),
        "people_url": base + "?" + urlencode({"vis": "personer", **tab_query}),
    }
    return _render_results(request, "network/directory.html", context)


# --- Organisation profile ---------------------------------------------------------------------------


def _visible_organisation(request, slug):
    organisation = selectors.profile_organisation(slug=slug)
    if not permissions.can_view_profile(request.user, organisation):
        raise Http404
    return organisation


def _profile_context(request, organisation, **extra) -> dict:
    user = request.user
    needs, offers = selectors.needs_and_offers(organisation)
    show_matches = permissions.can_see_matches(user, organisation)
    # The events app's block for organisations: its next events (None when it has none).
    events = registry.organisation_section("events", request, organisation)
    context = {
        "organisation": organisation,
        "profile": getattr(organisation, "network_profile", None),
        "needs": needs,
        "offers": offers,
        "listed": selectors.is_listed(organisation),
        "events": (events or {}).get("events", []),
        "show_matches": show_matches,
        "matches": selectors.matches_for(organisation) if show_matches else [],
        "can_edit": can_edit_organisation(user, organisation),
        "is_member": organisation.pk in roles_by_organisation(user),
        "can_manage": can_manage_memberships(user, organisation),
        "subscribed": selectors.is_subscribed(user=user, organisation=organisation),
        "contact_form": ContactForm() if user.is_authenticated else None,
        "contact_action": reverse("network:contact", kwargs={"slug": organisation.slug}),
        "problem": "",
    }
    context.update(extra)
    return context


def _private(response):
    patch_cache_control(response, private=True)
    return response


# For visitors only: members see matches, edit links, "ask to join" and the contact form. Its
# upcoming events (events) leave it as they start: a short timeout.
@cached_page(depends=("core", "network", "people", "events", "wagtail"), timeout=60)
@require_GET
def profile(request, slug):
    organisation = _visible_organisation(request, slug)
    response = render(request, "network/profile.html", _profile_context(request, organisation))
    if request.user.is_authenticated:
        _private(response)  # matches, edit links and the contact form are per person
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def needs_offers_edit(request, slug):
    organisation = _visible_organisation(request, slug)
    if not can_edit_organisation(request.user, organisation):
        raise PermissionDenied
    needs, offers = selectors.needs_and_offers(organisation)
    current = {("need", n.category_id): n.text for n in needs}
    current.update({("offer", n.category_id): n.text for n in offers})
    form = NeedsOffersForm(
        request.POST if request.method == "POST" else None,
        categories=selectors.need_offer_categories(),
        current=current,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.needs_offers_set(
                actor=request.user,
                organisation=organisation,
                needs=form.chosen("need"),
                offers=form.chosen("offer"),
            )
        except SamspillError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Your needs and offers are saved."))
            return redirect("network:profile", slug=organisation.slug)
    status = 422 if form.errors else 200
    response = render(
        request,
        "network/needs_offers_form.html",
        {"organisation": organisation, "form": form},
        status=status,
    )
    return _private(response)


# --- People ------------------------------------------------------------------------------------------


def _person_context(request, person, **extra) -> dict:
    context = {
        "person": person,
        "contact_form": ContactForm() if request.user.is_authenticated else None,
        "contact_action": reverse("network:person-contact", kwargs={"pk": person.pk}),
        "problem": "",
    }
    context.update(extra)
    return context


@require_GET
def person(request, pk):
    person = selectors.person_get_public(pk=pk)
    return render(request, "network/person.html", _person_context(request, person))


# --- The contact relay ---------------------------------------------------------------------------


def _contact(request, *, recipients, target, about, page_url, rerender, done):
    """Relay the form's message, or render the page again with its errors."""
    form = ContactForm(request.POST)

    def send(data):
        services.contact_send(
            actor=request.user,
            recipients=recipients,
            target=target,
            subject=data["subject"],
            message=data["message"],
            about=about,
            page_url=page_url,
        )
        messages.success(
            request, _("Your message is sent. When they answer, the answer comes to your email.")
        )
        return done

    return handle_service_form(
        request,
        form,
        send,
        render=lambda problem, status: rerender(form, problem, status),
        scope="network.contact",
        too_many=_("You have sent many messages in a short time. Wait a while and try again."),
        invalid_status=422,
    )


@login_required
@require_POST
def contact_organisation(request, slug):
    organisation = _visible_organisation(request, slug)
    page_url = settings.SITE_URL + reverse("network:profile", kwargs={"slug": organisation.slug})

    def rerender(form, problem, status):
        context = _profile_context(request, organisation, contact_form=form, problem=problem)
        return _private(render(request, "network/profile.html", context, status=status))

    return _contact(
        request,
        recipients=selectors.contact_recipients(organisation),
        target=organisation,
        about=organisation.name,
        page_url=page_url,
        rerender=rerender,
        done=redirect("network:profile", slug=organisation.slug),
    )


@login_required
@require_POST
def contact_person(request, pk):
    person = selectors.person_get_public(pk=pk)

    def rerender(form, problem, status):
        context = _person_context(request, person, contact_form=form, problem=problem)
        return _private(render(request, "network/person.html", context, status=status))

    return _contact(
        request,
        recipients=[person] if person.pk != request.user.pk else [],
        target=person,
        about=None,
        page_url=settings.SITE_URL + reverse("network:person", kwargs={"pk": person.pk}),
        rerender=rerender,
        done=redirect("network:person", pk=person.pk),
    )


# --- The weekly match email -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def digest_toggle(request, slug: str):
    """A member turns the weekly email of their organisation's match suggestions on or off.

    GET shows the current choice with its button (the email's "change" link comes here)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation = selectors.organisation_or_404(slug=slug)
    if organisation.pk not in roles_by_organisation(request.user):
        raise PermissionDenied
    here = request.path
    if request.method == "POST":
        on = request.POST.get("on") == "1"
        try:
            services.digest_subscribe(user=request.user, organisation=organisation, on=on)
        except NotPermitted as error:  # the membership ended meanwhile
            raise PermissionDenied from error
        if on:
            messages.success(
                request,
                _("You will get match suggestions for %(name)s by email once a week.")
                % {"name": organisation.name},
            )
        else:
            messages.success(
                request,
                _("You will no longer get match suggestions for %(name)s by email.")
                % {"name": organisation.name},
            )
        return redirect(local_url(request, request.POST.get("next"), here))
    subscribed = selectors.is_subscribed(user=request.user, organisation=organisation)
    return render(
        request,
        "network/overview/digest.html",
        {"organisation": organisation, "subscribed": subscribed, "next": here},
    )
