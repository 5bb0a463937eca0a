"""A survey's results page, hiding free text, and the exports.

Those who run the survey (`permissions.can_manage_survey`) see every figure and every free text,
with a button to hide each text from the public results; everyone else sees the public results
(`results.summary(public=True)`: no group under five) when the survey publishes them, and a 404
otherwise. Results are counted afresh on every request (they follow the answers as they come in).

GET parameters: `filter=q<id>:<value>` keeps the respondents with that answer; `rad=q<id>` and
`kolonne=q<id>` add a cross-tabulation of two questions. Everything works without JavaScript.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samspill.core.errors import SamspillError
from samspill.core.pagecache import cached_page
from samspill.core.redirects import local_url
from samspill.core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, attachment
from samspill.surveys import exports, permissions, results, selectors, services
from samspill.surveys.models import Survey


def _survey_for_results(request, slug: str) -> tuple[Survey, bool]:
    """(survey, editor): the survey when the user may see its results, else 404."""
    survey = selectors.survey_by_slug(slug)
    if survey is None:
        raise Http404
    editor = permissions.can_manage_survey(request.user, survey)
    if not editor and not permissions.can_view_results(request.user, survey):
        raise Http404
    return survey, editor


def _question_from(questions, key: str | None, *, public: bool):
    if not key:
        return None
    choices = results.crosstab_questions(questions, public=public)
    return next((q for q in choices if q.key == key), None)


def _sees_what_visitors_see(request, slug: str) -> bool:
    """Members who do not run the survey see its public figures, as visitors do (a survey whose
    results only members may see is a 404 for visitors, never kept: they get theirs rendered)."""
    survey = selectors.survey_by_slug(slug)
    return survey is not None and not permissions.can_manage_survey(request.user, survey)


# Visitors get the public results (`public=True`, the same for every visitor) or a 404, which is
# not kept. Those who run the survey see every figure: rendered for themselves, never shared.
# Every response, hidden answer or setting is a write to surveys.
@cached_page(
    depends=("surveys", "core", "wagtail"), members_share=_sees_what_visitors_see, timeout=300
)
@require_GET
def results_page(request, slug: str):
    survey, editor = _survey_for_results(request, slug)
    questions = list(survey.questions.all())
    public = not editor
    answer_filter = results.parse_filter(questions, request.GET.get("filter"))
    summary = results.summary(survey, public=public, filter=answer_filter, questions=questions)
    row_question = _question_from(questions, request.GET.get("rad"), public=public)
    column_question = _question_from(questions, request.GET.get("kolonne"), public=public)
    crosstab = None
    # The public sees a cross-tabulation or a filter, not both (see results.tables._public_crosstab).
    crosstab_with_filter = public and answer_filter is not None and bool(row_question)
    if row_question and column_question and not summary.withheld and not crosstab_with_filter:
        crosstab = results.crosstab(
            survey,
            row_question,
            column_question,
            public=public,
            filter=answer_filter,
            tally=summary.tally,
        )
    by_key = summary.by_key()
    sections = []
    for section in services.sections_of(survey, questions):
        items = [by_key[q.key] for q in section.questions if q.key in by_key]
        if items:
            sections.append({"title": section.title, "results": items})
    exportable = editor or (not summary.withheld and answer_filter is None)
    return render(
        request,
        "surveys/results/results.html",
        {
            "survey": survey,
            "editor": editor,
            "summary": summary,
            "sections": sections,
            "min_group": results.MIN_GROUP,
            "filter_choices": results.filter_choices(questions, public=public),
            "answer_filter": answer_filter,
            "filter_invalid": bool(request.GET.get("filter")) and answer_filter is None,
            "crosstab_questions": results.crosstab_questions(questions, public=public),
            "crosstab_with_filter": crosstab_with_filter,
            "row_key": row_question.key if row_question else "",
            "column_key": column_question.key if column_question else "",
            "crosstab": crosstab,
            "exportable": exportable,
            "here": request.get_full_path(),
            # Each free text's "hide" form posts to its own address: reversed once, not per text.
            "hide_action": _hide_action(survey) if editor else ("", ""),
            # The same hidden CSRF field in each of those forms, rendered once.
            "csrf_input": csrf_input(request) if editor else "",
        },
    )


def _hide_action(survey: Survey) -> tuple[str, str]:
    """The answer-hide address before and after the answer's id."""
    address = reverse("surveys:answer-hide", kwargs={"slug": survey.slug, "pk": 0})
    before, after = address.rsplit("/0/", 1)
    return f"{before}/", f"/{after}"


@require_POST
def answer_hide(request, slug: str, pk: int):
    """Hide a free-text answer from the public results (hidden=1) or show it again (hidden=0)."""
    survey = selectors.survey_by_slug(slug)
    if survey is None or not permissions.can_manage_survey(request.user, survey):
        raise Http404
    answer = selectors.answer_of_survey(survey, pk)
    if answer is None:
        raise Http404
    hidden = request.POST.get("hidden") == "1"
    try:
        services.answer_set_hidden(actor=request.user, answer=answer, hidden=hidden)
    except SamspillError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The answer is hidden from the public results.")
            if hidden
            else _("The answer is shown in the public results again."),
        )
    fallback = reverse("surveys:results", kwargs={"slug": survey.slug})
    target = local_url(request, request.POST.get("next"), fallback)
    return redirect(f"{target.split('#')[0]}#answer-{answer.pk}")


# --- Exports ---------------------------------------------------------------------------------------


def _raw_export_survey(request, slug: str, file_format: str) -> Survey:
    """The survey whose responses the user may download, row by row: only those who run it (the
    download is audited). For everyone else the rows do not exist (404): the public downloads the
    counted results (`summary_csv`, `summary_xlsx`)."""
    survey = selectors.survey_by_slug(slug)
    if survey is None or not permissions.can_manage_survey(request.user, survey):
        raise Http404
    if file_format != "codebook":
        services.results_exported(actor=request.user, survey=survey, file_format=file_format)
    return survey


@require_GET
def export_csv(request, slug: str):
    survey = _raw_export_survey(request, slug, "csv")
    response = StreamingHttpResponse(
        exports.csv_lines(survey, public=False), content_type=CSV_CONTENT_TYPE
    )
    return attachment(response, exports.export_filename(survey, "csv"))


@require_GET
def export_xlsx(request, slug: str):
    survey = _raw_export_survey(request, slug, "xlsx")
    response = HttpResponse(
        exports.xlsx_bytes(survey, public=False), content_type=XLSX_CONTENT_TYPE
    )
    return attachment(response, exports.export_filename(survey, "xlsx"))


@require_GET
def codebook_csv(request, slug: str):
    survey = _raw_export_survey(request, slug, "codebook")
    response = HttpResponse(
        exports.codebook_csv(survey, public=False), content_type=CSV_CONTENT_TYPE
    )
    return attachment(response, exports.export_filename(survey, "csv", "kodebok"))


def _summary_for_download(request, slug: str) -> tuple[Survey, results.Summary]:
    """The results as the results page shows them to this user (no filter): editors everything,
    others the public results of a survey that publishes them."""
    survey, editor = _survey_for_results(request, slug)
    summary = results.summary(survey, public=not editor)
    if summary.withheld:
        raise Http404
    return survey, summary


@require_GET
def summary_csv(request, slug: str):
    survey, summary = _summary_for_download(request, slug)
    response = HttpResponse(exports.summary_csv(summary), content_type=CSV_CONTENT_TYPE)
    return attachment(response, exports.export_filename(survey, "csv", "sammendrag"))


@require_GET
def summary_xlsx(request, slug: str):
    survey, summary = _summary_for_download(request, slug)
    response = HttpResponse(exports.summary_xlsx(summary), content_type=XLSX_CONTENT_TYPE)
    return attachment(response, exports.export_filename(survey, "xlsx", "sammendrag"))
