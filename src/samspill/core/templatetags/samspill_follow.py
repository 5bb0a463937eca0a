"""The follow button and the header's unread count.

`{% follow_button obj %}` renders a small POST form to `core:follow` (follow, or stop following)
that works without JavaScript and that htmx swaps in place; visitors get a link to log in. In a
list, pass the ids the person follows (`notifications.following_ids(user, Model)`) as
`following=ids`; without them the tag asks once per model and request, never once per button.

The button is a personal part of the page (`core.pagecache`): a page the cache shares with
signed-in members gets each button rendered again for them, from its target, id and title.
Never put it inside a part that is kept rendered for everyone (`core.fragments`' cards, a home
section with `depends`): the first viewer's button would be kept; put it beside such a card.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from samspill.core import notifications, registry
from samspill.core.content_language import differs
from samspill.core.pagecache import personal_region

register = template.Library()

BUTTON_TEMPLATE = "core/_follow_button.html"
PERSONAL_TEMPLATE = "core/_follow_personal.html"


def _following_ids(request, model) -> set[int]:
    """What the person follows of `model`: one query per model and request."""
    memo = getattr(request, "_samspill_following", None)
    if memo is None:
        memo = {}
        request._samspill_following = memo
    if model not in memo:
        memo[model] = notifications.following_ids(request.user, model)
    return memo[model]


def button_context(
    request, target, pk, title, *, following=None, next_url="", status="", lang=""
) -> dict:
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    if following is None:
        following = signed_in and int(pk) in _following_ids(request, target.model)
    return {
        "follow": {
            "target": target.name,
            "pk": pk,
            "title": title,
            "lang": lang,
            "label": target.label(),
            "following": bool(following) and signed_in,
            "signed_in": signed_in,
            "next": next_url or request.get_full_path(),
            "status": status,
            "key": f"{target.name.replace('.', '-')}-{pk}",
        }
    }


def render_button(request, target, pk, title, **kwargs) -> str:
    return render_to_string(
        BUTTON_TEMPLATE, button_context(request, target, pk, title, **kwargs), request=request
    )


def title_of(target, obj) -> str:
    return str(target.title(obj) if target.title else obj)


@register.simple_tag(takes_context=True)
def follow_button(context, obj, following=None):
    """The follow button of `obj` (a registered follow target); nothing for anything else.
    `following`: the ids the person follows of its model (a list of buttons), or True/False."""
    request = context.get("request")
    target = registry.follow_target_for(obj) if obj is not None else None
    if request is None or target is None:
        return ""
    title = title_of(target, obj)
    lang = differs(obj)  # a Danish project's name on a bokmål page is marked Danish
    known = following if following is None or isinstance(following, bool) else obj.pk in following
    html = render_button(request, target, obj.pk, title, following=known, lang=lang)
    arguments = {"target": target.name, "pk": str(obj.pk), "title": title[:200], "lang": lang}
    return mark_safe(personal_region(PERSONAL_TEMPLATE, html, arguments))


@register.simple_tag(takes_context=True)
def follow_button_again(context):
    """The button rendered again for a signed-in member (`PERSONAL_TEMPLATE`, by the page
    cache), from the arguments its region carries."""
    request = context.get("request")
    target = registry.follow_target(context.get("target") or "")
    pk = context.get("pk") or ""
    if request is None or target is None or not str(pk).isdigit():
        return ""
    lang = context.get("lang") or ""
    return mark_safe(
        render_button(
            request,
            target,
            int(pk),
            context.get("title") or "",
            lang=lang if lang.isalpha() and len(lang) <= 3 else "",
        )
    )


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """How many unread notifications the signed-in person has (one COUNT; 0 for visitors)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return notifications.unread_count(user)
