"""The ecosystem at a glance (charts with their tables, and CSV), and the weekly match email switch.

The overview's figures are counted in SQL and cached for a few minutes (see `overview`); the page
and its CSV files read the same cached figures, in the active language.
"""

import csv
import io

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samspill.core.errors import NotPermitted
from samspill.core.models import Organisation
from samspill.core.permissions import roles_by_organisation
from samspill.network import digest
from samspill.network import overview as figures_of

# --- The ecosystem at a glance --------------------------------------------------------------------


@require_GET
def overview(request):
    figures = figures_of.figures()
    total = sum(row.values[0] for row in figures["kinds"].rows)
    return render(
        request,
        "network/overview/overview.html",
        {"figures": list(figures.values()), "total": total},
    )


def _csv_cell(value):
    """Numbers as numbers; text that a spreadsheet would take for a formula is quoted."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@require_GET
def overview_csv(request, name: str):
    if name not in figures_of.NAMES:
        raise Http404
    figure = figures_of.figures()[name]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in figure.csv_rows():
        writer.writerow([_csv_cell(cell) for cell in row])
    # With a byte order mark, Excel opens the file as UTF-8 (æ, ø, å stay whole).
    response = HttpResponse(
        buffer.getvalue().encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="samspill-{name}.csv"'
    return response


# --- The weekly match email -----------------------------------------------------------------------


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_http_methods(["GET", "POST"])
def digest_toggle(request, slug: str):
    """A member turns the weekly email of their organisation's match suggestions on or off.

    GET shows the current choice with its button (the email's "change" link comes here)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation = get_object_or_404(Organisation, slug=slug)
    if organisation.pk not in roles_by_organisation(request.user):
        raise PermissionDenied
    here = request.path
    if request.method == "POST":
        on = request.POST.get("on") == "1"
        try:
            digest.digest_subscribe(user=request.user, organisation=organisation, on=on)
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
        return redirect(_next_url(request, here))
    subscribed = digest.is_subscribed(user=request.user, organisation=organisation)
    return render(
        request,
        "network/overview/digest.html",
        {"organisation": organisation, "subscribed": subscribed, "next": here},
    )
