"""The list of surveys and answering one, section by section, without JavaScript.

Who answers depends on the survey's mode: anyone (a random key in the browser's session keeps
their draft, and nothing links it to a person), a signed-in account, or a personal invitation
link (its token, kept in the session after the first visit). Each section is checked and stored
when the respondent moves on; the last one submits. Signed-in respondents continue a draft
later, and change a submitted response while the survey is open.
"""

import secrets

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from samspill.core.errors import InvalidInput, NotFound, NotPermitted
from samspill.core.pagecache import cached_page
from samspill.core.ratelimit import allow_request
from samspill.surveys import permissions, results, selectors, services
from samspill.surveys.forms import SectionForm, initial_from_values
from samspill.surveys.models import Mode, Response, ResponseStatus, Survey

PER_PAGE = 20
BROWSER_KEY = "surveys:browser"


def _token_key(survey) -> str:
    return f"surveys:token:{survey.pk}"


# The same for everyone (surveys and their owners: surveys, core; base.html: core, wagtail). A
# survey opens and closes with the clock: a short timeout.
@cached_page(depends=("surveys", "core", "wagtail"), members_share=True, timeout=60)
@require_GET
def survey_list(request):
    """Open surveys first, then those that will open, then closed ones with public results."""
    listed = selectors.surveys_listed(timezone.now())
    page = Paginator(listed["closed"], PER_PAGE).get_page(request.GET.get("side"))
    page.object_list = _counted(page.object_list)
    return render(
        request,
        "surveys/survey_list.html",
        {
            "open_now": _counted(listed["open_now"]),
            "upcoming": _counted(listed["upcoming"]),
            "closed_page": page,
            "min_group": results.MIN_GROUP,
        },
    )


def _counted(surveys) -> list[Survey]:
    """The surveys with `answered_shown`: their responses as the public may see the number (not
    1 to 4, as in the public results)."""
    surveys = list(surveys)
    for survey in surveys:
        survey.answered_shown = results.suppress(survey.answered, public=True)
    return surveys


def _survey(request, slug) -> Survey:
    survey = selectors.survey_by_slug(slug)
    if survey is None or not permissions.can_view_survey(request.user, survey):
        raise Http404
    return survey


def _respondent(request, survey, *, create_key: bool = False) -> dict:
    """The respondent as the survey's mode sees them: user, invitation, browser key."""
    who = {"user": None, "invitation": None, "browser_key": ""}
    if survey.mode == Mode.SIGNED_IN:
        who["user"] = request.user if request.user.is_authenticated else None
    elif survey.mode == Mode.INVITATION:
        token = request.GET.get("token") or request.session.get(_token_key(survey), "")
        if token:
            invitation = selectors.invitation_by_token(survey, token)
            if invitation is not None:
                request.session[_token_key(survey)] = token
                who["invitation"] = invitation
    else:
        key = request.session.get(BROWSER_KEY, "")
        if not key and create_key:
            key = request.session[BROWSER_KEY] = secrets.token_urlsafe(24)
        who["browser_key"] = key
    return who


def _private(response):
    # An invitation token may be in the address: keep it out of other sites' logs.
    response["Referrer-Policy"] = "same-origin"
    return response


@require_http_methods(["GET", "POST"])
def survey_detail(request, slug):
    survey = _survey(request, slug)
    state = survey.state()
    who = _respondent(request, survey, create_key=request.method == "POST")
    questions = selectors.survey_questions(survey)
    sections = services.sections_of(survey, questions)
    context = {"survey": survey, "state": state, "sections": sections}
    if state != "open":
        context["can_see_results"] = permissions.can_view_results(request.user, survey)
        return _private(render(request, "surveys/survey_detail.html", context))
    if survey.mode == Mode.SIGNED_IN and who["user"] is None:
        context["needs_login"] = True
        return render(request, "surveys/survey_detail.html", context)
    if survey.mode == Mode.INVITATION and who["invitation"] is None:
        context["needs_token"] = True
        return _private(render(request, "surveys/survey_detail.html", context))

    existing = services.existing_response(survey, **who)
    submitted = existing is not None and existing.status == ResponseStatus.SUBMITTED
    if submitted and survey.one_response and not services.may_edit(existing, request.user):
        return redirect("surveys:thanks", slug=survey.slug)
    editing = submitted and survey.one_response
    draft = existing if existing is not None and (editing or not submitted) else None

    index = _section_index(request, draft, len(sections))
    section = sections[index]
    values = services.stored_values(draft) if draft is not None else {}
    earlier = {k: v for k, v in values.items() if k not in {q.pk for q in section.questions}}
    asked = [q for q in section.questions if _asked(q, section, earlier)]
    ids = {q.pk for q in section.questions}
    form_kwargs = {"questions": asked, "section_question_ids": ids}

    if request.method == "POST":
        form = SectionForm(request.POST, **form_kwargs)
        sent_for = request.POST.get("response")
        if sent_for and (draft is None or str(draft.pk) != sent_for):
            # The form was for a response that is no longer current (sent twice, say).
            return redirect("surveys:thanks", slug=survey.slug)
        last = index == len(sections) - 1
        if last and not allow_request(request, "surveys.respond"):
            context["problem"] = _(
                "You have sent many answers in a short time. Wait a while and try again."
            )
        else:
            try:
                response = draft or services.response_start(survey=survey, **who)
                if response.status == ResponseStatus.SUBMITTED and not services.may_edit(
                    response, request.user
                ):
                    return redirect("surveys:thanks", slug=survey.slug)
                services.response_save_section(
                    response=response,
                    section_index=index,
                    data=form.data_for_services(),
                    user=request.user,
                )
                if request.POST.get("action") == "save":
                    messages.success(
                        request,
                        _("Your answers are saved. Come back to finish before the survey closes."),
                    )
                    return redirect(_section_url(survey, index))
                if not last:
                    return redirect(_section_url(survey, index + 1))
                services.response_finish(response=response, user=request.user)
                return redirect("surveys:thanks", slug=survey.slug)
            except InvalidInput as error:
                if error.details:
                    form.add_errors(error.details)
                else:
                    context["problem"] = error.message
            except services.AlreadyAnswered as error:
                # Submitted meanwhile (another tab, or the API): say so on the thanks page.
                messages.info(request, error.message)
                return redirect("surveys:thanks", slug=survey.slug)
            except (NotPermitted, NotFound) as error:
                context["problem"] = error.message
    else:
        form = SectionForm(initial=initial_from_values(asked, values), **form_kwargs)

    context.update(
        {
            "form": form,
            "section": section,
            "index": index,
            "number": index + 1,
            "total": len(sections),
            "is_last": index == len(sections) - 1,
            "draft": draft,
            "editing": editing,
            "signed_in_draft": survey.mode == Mode.SIGNED_IN,
            "previous_url": _section_url(survey, index - 1) if index > 0 else "",
        }
    )
    status = 422 if form.is_bound and (form.has_errors or context.get("problem")) else 200
    return _private(render(request, "surveys/survey_detail.html", context, status=status))


def _asked(question, section, earlier) -> bool:
    """A question whose condition rests on an earlier section is asked only if that answer fits;
    one that rests on this section is shown, with a note (the service has the last word)."""
    source = question.show_if_question_id
    if source is None or source in {q.pk for q in section.questions}:
        return True
    return services.shown(question, earlier)


def _section_index(request, draft, total: int) -> int:
    try:
        wanted = int(request.GET.get("del", "")) - 1
    except ValueError:
        wanted = None
    reached = draft.section if draft is not None else 0
    if draft is not None and draft.status == ResponseStatus.SUBMITTED:
        reached = total - 1
    if wanted is None:
        return min(reached, total - 1)
    # No skipping ahead of what has been answered.
    return max(0, min(wanted, reached, total - 1))


def _section_url(survey, index: int) -> str:
    return f"{reverse('surveys:detail', kwargs={'slug': survey.slug})}?del={index + 1}"


@require_GET
def survey_thanks(request, slug):
    survey = _survey(request, slug)
    who = _respondent(request, survey)
    response: Response | None = services.existing_response(survey, **who)
    context = {
        "survey": survey,
        "response": response if response and response.status == ResponseStatus.SUBMITTED else None,
        "can_edit": bool(response and services.may_edit(response, request.user))
        and response.status == ResponseStatus.SUBMITTED,
        "can_see_results": permissions.can_view_results(request.user, survey),
        "again": not survey.one_response and survey.is_open,
    }
    return _private(render(request, "surveys/thanks.html", context))


def home_section(request) -> dict | None:
    """The home page's section: the surveys open now (none: no section)."""
    surveys = selectors.open_surveys()
    return {"surveys": surveys} if surveys else None
