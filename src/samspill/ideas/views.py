"""Public pages of ideas: the list, proposing and changing an idea, an idea's page with its
support, following and comments, and reporting a comment.

Every page and button works without JavaScript (forms that post and redirect back); htmx only
refreshes the list's results and swaps the support and follow buttons in place. Every write goes
through `services`; domain errors become form errors or messages, never a server error.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samspill.core import fragments, notifications, registry, versions
from samspill.core.errors import SamspillError
from samspill.core.pagecache import cached_page
from samspill.core.service_forms import handle_service_form
from samspill.core.templatetags.samspill_follow import render_button
from samspill.ideas import permissions, selectors, services
from samspill.ideas.forms import CommentForm, IdeaFilterForm, IdeaForm, ReportForm
from samspill.ideas.models import CommentStatus, Idea, IdeaStatus

IDEAS_PER_PAGE = 24
RESULTS_TARGET = "idea-results"


def _private(request, response):
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    return response


# --- The list -------------------------------------------------------------------------------------


# What an idea's card shows: the idea and its counts (ideas), its themes (projects) and
# municipalities (core). Kept rendered (core/fragments.py); the member's own "You support it" is
# put in afterwards, at the card's mark, so the kept card is the same for everyone.
IDEA_CARD = "ideas/_idea_card.html"
IDEA_CARD_DEPENDS = "ideas projects core"
SUPPORT_MARK = "<!--you-support-->"
FOLLOW_MARK = "<!--follow-->"


def _filters_html(form) -> str:
    """The filter form, kept rendered per language and choice while the programmes, themes and
    municipalities stay the same: in this process when no filter is chosen (a few copies: the
    language and the order), in the shared cache otherwise. With an invalid value, rendered."""
    if form.is_bound and not form.is_valid():
        return render_to_string("ideas/idea_list.html#filters", {"form": form})
    values = urlencode(sorted((key, form.data.get(key, "")) for key in form.fields))
    name = f"ideas:filters:{get_language()}:{int(form.is_bound)}:{values}"
    keep = versions.memo if selectors.has_filter(form.filters()) else versions.process_memo
    return keep(
        name,
        lambda: render_to_string("ideas/idea_list.html#filters", {"form": form}),
        depends=("projects", "core"),
    )


def _cards(request, page) -> list[str]:
    """The page's idea cards, each marked when the member supports the idea and with their
    follow button (one query each for all the cards; visitors get no buttons in the list)."""
    keyed = fragments.PageCards(page, IDEA_CARD, "idea", IDEA_CARD_DEPENDS).keyed
    supported = selectors.supported_ids(request.user, [pk for pk, _html in keyed])
    badge = format_html(' <span class="badge">{}</span>', _("You support it"))
    signed_in = request.user.is_authenticated
    following = notifications.following_ids(request.user, Idea) if signed_in else set()
    target = registry.follow_target("ideas.idea")
    titles = (
        dict(Idea.objects.filter(pk__in=[pk for pk, _html in keyed]).values_list("pk", "title"))
        if signed_in and keyed
        else {}
    )
    cards = []
    for pk, html in keyed:
        button = ""
        if signed_in and target is not None:
            button = render_button(
                request, target, pk, titles.get(pk, ""), following=pk in following
            )
        html = html.replace(SUPPORT_MARK, badge if pk in supported else "")
        cards.append(mark_safe(html.replace(FOLLOW_MARK, button)))
    return cards


# Not shared: a member's list marks the ideas they support.
@cached_page(depends=("ideas", "projects", "core", "wagtail"), timeout=300)
@require_GET
def idea_list(request):
    """Visible ideas, most supported first (or newest, or most commented), filtered."""
    form = IdeaFilterForm(request.GET or None, choices=selectors.filter_choices())
    filters = form.filters()
    sort = form.sort_order()
    ideas = selectors.idea_list_public(sort=sort, **filters)
    page = Paginator(ideas, IDEAS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "filters_html": _filters_html(form),
        "page": page,
        "cards": _cards(request, page),
        "query": query.urlencode(),
        "filtered": selectors.has_filter(filters),
    }
    template = "ideas/idea_list.html"
    if request.htmx and request.htmx.target == RESULTS_TARGET:
        template = f"{template}#results"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return _private(request, response)


# --- Proposing and changing -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def idea_new(request):
    programmes = selectors.programme_for_proposal(selectors.published_programmes())
    form = IdeaForm(
        request.POST if request.method == "POST" else None,
        programmes=programmes,
        organisations=selectors.member_organisations(request.user),
    )

    def proposed(data):
        idea = services.idea_propose(
            user=request.user,
            programme=data["programme_obj"],
            title=data["title"],
            description=data["description"],
            themes=data.get("theme_objs", []),
            municipalities=data.get("municipality_objs", []),
            organisation=data.get("organisation_obj"),
        )
        messages.success(
            request,
            _(
                "Thank you: your idea is published. You follow it, and we email you when "
                "its status changes."
            ),
        )
        return redirect(idea.get_absolute_url())

    def page(problem, status):
        context = {"form": form, "problem": problem, "programmes": programmes, "idea": None}
        return render(request, "ideas/idea_form.html", context, status=status)

    response = handle_service_form(request, form, proposed, render=page, scope="projects.propose")
    return _private(request, response)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def idea_edit(request, pk):
    idea = selectors.idea_get_public(pk=pk)
    if not permissions.may_edit_idea(request.user, idea):
        raise PermissionDenied
    programmes = selectors.programme_for_proposal([idea.programme])
    form = IdeaForm(
        request.POST if request.method == "POST" else None, programmes=programmes, idea=idea
    )

    def saved(data):
        services.idea_update(
            actor=request.user,
            idea=idea,
            title=data["title"],
            description=data["description"],
            themes=data.get("theme_objs", []),
            municipalities=data.get("municipality_objs", []),
        )
        messages.success(request, _("Your changes are saved."))
        return redirect(idea.get_absolute_url())

    def page(problem, status):
        context = {"form": form, "problem": problem, "programmes": programmes, "idea": idea}
        return render(request, "ideas/idea_form.html", context, status=status)

    return _private(request, handle_service_form(request, form, saved, render=page, scope=None))


# --- An idea's page -------------------------------------------------------------------------------


def _detail_context(request, pk, *, comment_form=None, problem: str = "") -> dict:
    shown = selectors.idea_page(pk=pk)
    idea, comments = shown["idea"], shown["comments"]
    state = selectors.viewer_state(request.user, idea)
    origin = idea.origin_event
    return {
        "idea": idea,
        "history": shown["history"],
        "comments": comments,
        "visible_comment_count": sum(1 for c in comments if c.status == CommentStatus.VISIBLE),
        "reported": selectors.reported_ids(request.user, comments),
        "supporters": shown["supporters"],
        "supported": state["supported"],
        "following": state["following"],
        "can_support": idea.status != IdeaStatus.DECLINED,
        "can_edit": permissions.may_edit_idea(request.user, idea),
        "comment_form": comment_form or CommentForm(),
        "comment_problem": problem,
        "origin_event": origin if origin is not None and origin.is_published else None,
        "author_name": _public_name(idea.author),
    }


def _public_name(user) -> str:
    """A person's name where they chose to be listed; otherwise nothing (the page says
    "a member")."""
    if user is not None and user.is_listed and user.name:
        return user.name
    return ""


# Not shared: the support, follow and comment forms are the member's own. The author's and
# supporters' names (people), the event it came from (events).
@cached_page(depends=("ideas", "projects", "core", "events", "people", "wagtail"), timeout=300)
@require_GET
def idea_detail(request, pk):
    response = render(request, "ideas/idea_detail.html", _detail_context(request, pk))
    return _private(request, response)


def _login_first(request, idea):
    """Signed out: to the login page, and back to the idea afterwards (not to a POST address)."""
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("account_login") + "?next=" + idea.get_absolute_url()
        return response
    return redirect_to_login(idea.get_absolute_url())


def _support_block(request, idea, *, supported: bool, problem: str = "", status: int = 200):
    context = {
        "idea": idea,
        "supported": supported,
        "can_support": idea.status != IdeaStatus.DECLINED,
        "support_problem": problem,
    }
    response = render(request, "ideas/_support.html", context, status=status)
    return _private(request, response)


@require_POST
def idea_support(request, pk):
    """Support (`action=support`, the default) or withdraw (`action=withdraw`); back to the idea's
    page, or only the support block for htmx."""
    idea = selectors.idea_for_write(pk=pk)
    if not request.user.is_authenticated:
        return _login_first(request, idea)
    withdraw = request.POST.get("action") == "withdraw"
    problem, status = "", 200
    try:
        if withdraw:
            if services.idea_unsupport(user=request.user, idea=idea):
                message = _("Your support is withdrawn.")
            else:
                message = _("You did not support this idea.")
        elif services.idea_support(user=request.user, idea=idea):
            message = _("Thank you for your support. You now follow the idea.")
        else:
            message = _("You already support this idea.")
    except SamspillError as error:
        problem, status, message = str(error.message), error.status, ""
    if request.htmx:
        idea.refresh_from_db(fields=["support_count"])
        supported = selectors.viewer_state(request.user, idea)["supported"]
        return _support_block(request, idea, supported=supported, problem=problem, status=status)
    if problem:
        messages.error(request, problem)
    else:
        messages.success(request, message)
    return redirect(idea.get_absolute_url() + "#support")


@require_POST
def idea_follow(request, pk):
    """Follow (`action=follow`, the default) or stop following (`action=unfollow`)."""
    idea = selectors.idea_for_write(pk=pk)
    if not request.user.is_authenticated:
        return _login_first(request, idea)
    follow = request.POST.get("action") != "unfollow"
    try:
        services.idea_follow(user=request.user, idea=idea, follow=follow)
    except SamspillError as error:
        messages.error(request, error.message)
    if request.htmx:
        following = selectors.viewer_state(request.user, idea)["following"]
        response = render(request, "ideas/_follow.html", {"idea": idea, "following": following})
        return _private(request, response)
    if follow:
        messages.success(request, _("You follow the idea: we email you when its status changes."))
    else:
        messages.success(request, _("You no longer follow the idea."))
    return redirect(idea.get_absolute_url() + "#follow")


@require_POST
def idea_comment(request, pk):
    idea = selectors.idea_for_write(pk=pk)
    if not request.user.is_authenticated:
        return _login_first(request, idea)
    form = CommentForm(request.POST)

    def commented(data):
        comment = services.comment_add(user=request.user, idea=idea, body=data["body"])
        messages.success(request, _("Your comment is published."))
        return redirect(f"{idea.get_absolute_url()}#comment-{comment.pk}")

    def page(problem, status):
        context = _detail_context(request, pk, comment_form=form, problem=problem)
        return render(request, "ideas/idea_detail.html", context, status=status)

    response = handle_service_form(request, form, commented, render=page, scope="projects.comment")
    return _private(request, response)


# --- Comments -------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comment_report(request, pk):
    comment = selectors.comment_for_write(pk=pk)
    idea = comment.idea
    back = f"{idea.get_absolute_url()}#comment-{comment.pk}"
    form = ReportForm(request.POST if request.method == "POST" else None)

    def reported(data):
        first = services.comment_report(user=request.user, comment=comment, reason=data["reason"])
        if first:
            messages.success(request, _("Thank you: the editors will look at the comment."))
        else:
            messages.info(request, _("You have already reported this comment."))
        return redirect(back)

    def page(problem, status):
        context = {"comment": comment, "idea": idea, "form": form, "problem": problem, "back": back}
        return render(request, "ideas/comment_report.html", context, status=status)

    response = handle_service_form(request, form, reported, render=page, scope="projects.report")
    return _private(request, response)


@require_POST
def comment_delete(request, pk):
    comment = selectors.comment_for_write(pk=pk)
    idea = comment.idea
    if not request.user.is_authenticated:
        return _login_first(request, idea)
    try:
        services.comment_delete_own(user=request.user, comment=comment)
    except SamspillError as error:
        messages.error(request, error.message)
        return redirect(f"{idea.get_absolute_url()}#comment-{comment.pk}")
    messages.success(request, _("Your comment is deleted."))
    return redirect(f"{idea.get_absolute_url()}#comments")
