"""Following and notifications, for people: the follow button's POST, the page of what one
follows, the notifications page (and opening one), and the notification settings.

Every page works without JavaScript: the follow button is a form that posts and redirects back
(to a safe `next`); htmx only swaps the button in place. Errors become a clear message with
400/404/429, never a server error.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samspill.core import notifications, ratelimit, registry
from samspill.core.errors import NotFound, SamspillError
from samspill.core.models import Delivery
from samspill.core.templatetags.samspill_follow import BUTTON_TEMPLATE, button_context, title_of

NOTIFICATIONS_PER_PAGE = 25
RATE_SCOPE = "core.follow"


def _private(response):
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _safe(request, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def _problem(request, message: str, status: int):
    if request.htmx:
        response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    else:
        response = render(request, "core/follow_problem.html", {"problem": message}, status=status)
    return _private(response)


# --- The follow button ----------------------------------------------------------------------------


@require_POST
def follow(request):
    """Follow (`action=follow`, the default) or stop following (`action=unfollow`) the object of
    the registered target `target` with id `pk`; back to `next`, or only the button for htmx."""
    next_url = request.POST.get("next", "")
    if not _safe(request, next_url):
        next_url = ""
    if not request.user.is_authenticated:
        # To log in, and back to the page of the button (never to this POST-only address).
        login = reverse("account_login") + "?" + urlencode({"next": next_url or "/"})
        if request.htmx:
            response = HttpResponse(status=204)
            response["HX-Redirect"] = login
            return response
        return redirect(login)
    if not request.POST.get("target") or not request.POST.get("pk"):
        return _problem(request, _("This cannot be followed."), 400)  # a form without its target
    try:
        obj = notifications.target_object(request.POST.get("target", ""), request.POST.get("pk"))
    except NotFound:  # unknown target, missing, hidden or bad id: the same answer
        return _problem(request, _("We could not find what you wanted to follow."), 404)
    target = notifications.target_of(obj)
    next_url = next_url or notifications.target_url(target, obj) or reverse("core:follows")
    title = title_of(target, obj)
    unfollow = request.POST.get("action") == "unfollow"
    problem, status = "", 200
    if not ratelimit.allow_request(request, RATE_SCOPE):
        problem, status = _("Too many attempts. Try again later."), 429
    else:
        try:
            if unfollow:
                notifications.unfollow(user=request.user, obj=obj)
            else:
                notifications.follow(user=request.user, obj=obj)
        except SamspillError as error:
            problem, status = str(error.message), error.status
    if problem:
        message = problem
    elif unfollow:
        message = _("You no longer follow %(title)s.") % {"title": title}
    else:
        message = _(
            "You now follow %(title)s. You hear of what is new on your notifications page."
        ) % {"title": title}
    if request.htmx:
        # The button and, out of band, its status: the live region stays and is read out.
        # Problems are answered 200 here, since htmx swaps nothing on an error status.
        context = button_context(
            request, target, obj.pk, title, following=None, next_url=next_url, status=message
        )
        context["oob"] = True
        html = render_to_string(BUTTON_TEMPLATE + "#form", context, request=request)
        html += render_to_string(BUTTON_TEMPLATE + "#status", context, request=request)
        return _private(HttpResponse(html))
    if problem:
        return _problem(request, problem, status)
    messages.success(request, message)
    return redirect(next_url)


# --- What one follows -----------------------------------------------------------------------------


@login_required
@require_GET
def follows(request):
    groups: dict[str, dict] = {}
    for row in notifications.follows_of(request.user):
        target = row["target"]
        group = groups.setdefault(target.name, {"label": target.label(), "rows": []})
        group["rows"].append(row)
    ordered = sorted(groups.values(), key=lambda group: str(group["label"]))
    return _private(render(request, "core/follows.html", {"groups": ordered}))


# --- Notifications --------------------------------------------------------------------------------


@login_required
@require_GET
def notification_list(request):
    page = Paginator(notifications.notifications_of(request.user), NOTIFICATIONS_PER_PAGE)
    page = page.get_page(request.GET.get("page"))
    context = {"page": page, "unread": notifications.unread_count(request.user)}
    return _private(render(request, "core/notifications.html", context))


@login_required
@require_POST
def notifications_read(request):
    changed = notifications.mark_read(user=request.user)
    if changed:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("core:notifications")


@login_required
@require_GET
def notification_open(request, pk):
    """Open a notification's link and mark it read; someone else's notification is not found."""
    notification = notifications.notification_of(request.user, pk)
    if notification is None:
        raise Http404
    notifications.mark_read(user=request.user, ids=[notification.pk])
    if notification.url.startswith("/") and _safe(request, notification.url):
        return redirect(notification.url)
    return redirect("core:notifications")


# --- Settings -------------------------------------------------------------------------------------


class NotificationSettingsForm(forms.Form):
    """One choice of delivery per kind a person may choose (not the transactional ones)."""

    def __init__(self, *args, kinds, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = {}
        for kind in kinds:
            key = kind.name.replace(".", "-")
            self.kinds[key] = kind
            self.fields[key] = forms.ChoiceField(
                label=kind.label(),
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=current.get(kind.name, kind.default),
                required=False,  # a kind left out (new since the page was shown) stays as it is
            )

    def groups(self) -> list[dict]:
        groups: dict[str, list] = {}
        for key, kind in self.kinds.items():
            heading = str(kind.group()) if kind.group else _("Other")
            groups.setdefault(heading, []).append(
                {"field": self[key], "default": kind.default, "kind": kind}
            )
        return [{"heading": heading, "items": items} for heading, items in groups.items()]


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    current = notifications.deliveries_for(request.user)  # the kinds one may choose for
    kinds = [kind for kind in registry.notification_kinds() if kind.name in current]
    form = NotificationSettingsForm(request.POST or None, kinds=kinds, current=current)
    if request.method == "POST":
        if form.is_valid():
            changed = {
                kind.name: form.cleaned_data[key]
                for key, kind in form.kinds.items()
                if form.cleaned_data[key] and form.cleaned_data[key] != current.get(kind.name)
            }
            notifications.set_deliveries(user=request.user, choices=changed)
            messages.success(request, _("Your notification settings are saved."))
            return redirect("core:notification-settings")
        response = render(request, "core/notification_settings.html", {"form": form}, status=400)
        return _private(response)
    return _private(render(request, "core/notification_settings.html", {"form": form}))


def profile_section(request) -> dict | None:
    """The profile page's links to following, notifications and their settings."""
    if not request.user.is_authenticated:
        return None
    return {"unread": notifications.unread_count(request.user)}
