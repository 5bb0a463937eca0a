"""The answer finder's pages: the hub's search page (the header's box), the knowledge bank's
question page (both with htmx results) and "Did this help?"."""

from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from samspill.answers import hub, search, selectors, services
from samspill.answers.forms import AskForm, FeedbackForm, HubSearchForm
from samspill.core.errors import SamspillError
from samspill.core.pagecache import cached_page
from samspill.core.ratelimit import allow_request
from samspill.core.redirects import local_url


def _language() -> str:
    return (get_language() or "nb")[:2]


# The same page for everyone but the header's account part. It shows passages and the index
# (answers), the topics and the header's pages (wagtail, knowledge) and audiences and hub settings
# (core); nothing on it moves with the clock. The log of unanswered questions and the feedback
# are not on any page (versions._NOISE_TABLES): a question asked does not empty the cache.
@cached_page(depends=("answers", "knowledge", "wagtail", "core"), members_share=True, timeout=600)
def ask(request):
    language = _language()
    form = AskForm(request.GET or None, topics=selectors.topic_choices(language))
    result = None
    if form.is_bound and form.is_valid():
        audience = form.cleaned_data["audience"]
        result = search.find_answers(
            form.cleaned_data["q"],
            language=language,
            audience=audience.slug if audience else None,
            topic=form.cleaned_data["topic"] or None,
            limit=8,
            log=True,
            kinds=hub.ANSWER_KINDS,  # the knowledge bank's; the search page has everything
        )
    context = {"form": form, "result": result}
    if request.htmx and request.htmx.target == "answers":
        response = render(request, "answers/ask.html#results", context)
    else:
        response = render(request, "answers/ask.html", context)
    if result is not None and not result.answered:
        # Each time it is asked, a question without a good answer is noted for the editors (the
        # page says so): that page is rendered every time, by us and by any proxy.
        add_never_cache_headers(response)
    return response


# Like the question page: the results come from the index alone (every source writes its passages
# there), the rest is the header; a question that finds nothing is noted and never kept.
@cached_page(depends=("answers", "knowledge", "wagtail", "core"), members_share=True, timeout=600)
def search_page(request):
    language = _language()
    all_kinds = hub.kinds()
    form = HubSearchForm(
        request.GET or None, kinds=[(kind, hub.kind_label(kind)) for kind in all_kinds]
    )
    result, status, wanted = None, 200, []
    if form.is_bound and form.is_valid():
        wanted = form.cleaned_data["kind"]
        result = hub.search_hub(
            form.cleaned_data["q"],
            language=language,
            kinds=wanted or None,
            per_kind=hub.HUB_LIMIT if wanted else 5,
            log=True,
        )
    elif form.is_bound and (form.has_error("kind") or form.has_error("q", "max_length")):
        status = 400  # not a question we can search: say why, never keep it
    elif form.is_bound and form.has_error("q") and "q" in request.GET:
        status = 400 if request.GET["q"].strip() else 200
    groups = []
    if result is not None:
        for group in result.groups:
            link = "?" + urlencode({"q": result.query, "kind": group.kind})
            groups.append({"group": group, "all_url": link})
    context = {
        "form": form,
        "result": result,
        "groups": groups,
        "kind_choices": hub.kind_choices(
            result.counts if result else None, searched=wanted or None
        ),
        "selected": set(wanted),
        "page_language": language,
    }
    template = "answers/search.html"
    if request.htmx and request.htmx.target == "hub-results":
        template = "answers/search.html#results"
    response = render(request, template, context, status=status)
    if result is not None and not result.answered:
        add_never_cache_headers(response)  # noted for the editors each time it is asked
    return response


def _from_this_site(request) -> bool:
    """Whether the browser says the vote's form was on this site: its Sec-Fetch-Site header, or
    else its Origin. A client that sends neither (no browser, or a very old one) is let through;
    the rate limit bounds it."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme == request.scheme and parts.netloc == request.get_host()


# The vote needs no CSRF token: the article and FAQ pages that end with it then set no cookie, so
# any proxy keeps one copy of them for every visitor (tests/walk/test_anonymous_no_cookie.py). A
# forged vote is what a CSRF token would prevent; a vote posted from another site is refused by
# the browser's own headers instead (`_from_this_site`), and the rate limit bounds the rest.
@csrf_exempt
@require_POST
def feedback(request):
    """A "Did this help?" vote, from the question page or the end of an article or FAQ entry:
    htmx replaces the form with the thanks; without JavaScript, back to the page with a message."""
    if not _from_this_site(request):
        return HttpResponseForbidden(_("Votes are taken from this site's own pages only."))
    form = FeedbackForm(request.POST)
    # A vote that is not recorded is a warning, not an error: the reader did nothing wrong.
    thanks = _("Thank you! Your answer helps the editors improve the knowledge bank.")
    level = messages.SUCCESS
    if not form.is_valid() or not allow_request(request, "answers.feedback"):
        thanks, level = _("We could not record that. Please try again later."), messages.WARNING
    else:
        try:
            services.feedback_create(
                answer_id=form.cleaned_data["answer_id"],
                passage_id=form.cleaned_data["passage"],
                question=form.cleaned_data["q"],
                helpful=form.cleaned_data["helpful"],
            )
        except SamspillError as error:
            thanks, level = str(error.message), messages.WARNING
    if request.htmx:
        return render(request, "answers/_feedback_done.html", {"message": thanks})
    messages.add_message(request, level, thanks)
    return redirect(local_url(request, request.POST.get("next"), "/"))
