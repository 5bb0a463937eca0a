"""Public pages of a programme: its page, the project list and each project's page, the reach
matrix (with its CSV file), a page per municipality and the yearly report (with its CSV file).

Reads only (every write is in the admin or in the ideas' views, through `services`). Every page
works without JavaScript; htmx only refreshes the project list's results in place.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from samspill.core import fragments, registry
from samspill.core.pagecache import cached_page
from samspill.core.spreadsheets import csv_response
from samspill.projects import reach as reach_module
from samspill.projects import selectors
from samspill.projects.filters import ProjectFilterForm
from samspill.projects.permissions import may_edit_project

PROJECTS_PER_PAGE = 24
RESULTS_TARGET = "project-results"


def project_list_url(**filters) -> str:
    params = {key: value for key, value in filters.items() if value}
    return reverse("projects:list") + (f"?{urlencode(params)}" if params else "")


# --- The programme ----------------------------------------------------------------------------------


# Projects, themes and figures (projects), places and partners (core), the events that gave
# input (events), with the surveys answered there and the ideas that came up (surveys, ideas).
# Nothing personal.
@cached_page(
    depends=("projects", "core", "events", "surveys", "ideas", "wagtail"),
    members_share=True,
    timeout=300,
)
@require_GET
def programme(request, slug):
    programme = selectors.programme_get_public(slug=slug)
    context = {
        "programme": programme,
        "municipalities": [
            {"municipality": m, "key": selectors.municipality_key(m)}
            for m in programme.municipalities.all()
        ],
        "themes": selectors.themes_with_counts(programme),
        "figures": selectors.programme_figures(programme),
        "inputs": selectors.programme_inputs(programme),
        "projects_url": project_list_url(programme=programme.slug),
        "running": selectors.running_projects(programme, limit=6),
        "ideas_url": registry.public_list_url("ideas"),
        "sections": registry.object_sections("programme", request, programme),
    }
    return render(request, "projects/programme.html", context)


# --- Projects ---------------------------------------------------------------------------------------


@cached_page(depends=("projects", "core", "wagtail"), members_share=True, timeout=300)
@require_GET
def project_list(request):
    """Published projects, latest start first, filtered and paginated."""
    form = ProjectFilterForm(request.GET or None, choices=selectors.filter_choices())
    filters = form.filters()
    projects = selectors.project_list_public(**filters)
    page = Paginator(projects, PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        # The projects' cards, kept rendered until the projects, organisations or images change.
        "cards": fragments.PageCards(
            page, "projects/_project_card.html", "project", "projects core wagtail"
        ),
        "query": query.urlencode(),
        "filtered": any(filters.values()),
        "ideas_url": registry.public_list_url("ideas"),
    }
    template = "projects/project_list.html"
    if request.htmx and request.htmx.target == RESULTS_TARGET:
        template = "projects/_project_results.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


# Its related events, surveys and ideas come from their apps; documents and images are
# Wagtail's. Not shared: its editors see a link to the admin (and unpublished projects).
@cached_page(depends=("projects", "core", "events", "surveys", "ideas", "wagtail"), timeout=300)
@require_GET
def project_detail(request, slug):
    project = selectors.project_get_public(slug=slug, user=request.user)
    preview = not (project.is_published and project.programme.is_published)
    context = {
        "project": project,
        "preview": preview,
        "progress": project.progress,
        "funding_totals": selectors.funding_totals(project),
        "municipalities": [
            {"municipality": m, "key": selectors.municipality_key(m)}
            for m in project.municipalities.all()
        ],
        "edit_url": _edit_url(request, project),
        "sections": registry.object_sections("project", request, project),
    }
    response = render(request, "projects/project_detail.html", context)
    if preview:
        patch_cache_control(response, private=True, no_store=True)
    return response


def _edit_url(request, project) -> str:
    """The project's form in the admin, for those who may edit it."""
    if not (request.user.is_authenticated and may_edit_project(request.user, project)):
        return ""
    try:
        return reverse("project_admin:edit", args=[project.pk])
    except NoReverseMatch:
        return ""


# --- Reach ------------------------------------------------------------------------------------------


def _year(request) -> int | None:
    return selectors.valid_year(request.GET.get("year"))


@cached_page(depends=("projects", "core", "wagtail"), members_share=True, timeout=300)
@require_GET
def reach(request, slug):
    programme = selectors.programme_get_public(slug=slug)
    year = _year(request)
    matrix = reach_module.reach_matrix(programme, year=year)
    csv_url = reverse("projects:reach-csv", kwargs={"slug": programme.slug})
    context = {
        "programme": programme,
        "reach": matrix,
        "rows": matrix.rows(),
        "column_totals": matrix.column_total_list(),
        "without_projects": matrix.without_projects,
        "year": year,
        "years": selectors.report_years(programme),
        "csv_url": csv_url + (f"?{urlencode({'year': year})}" if year else ""),
    }
    return render(request, "projects/reach.html", context)


@require_GET
def reach_csv(request, slug):
    programme = selectors.programme_get_public(slug=slug)
    year = _year(request)
    matrix = reach_module.reach_matrix(programme, year=year)
    name = f"{programme.slug}-rekkevidde" + (f"-{year}" if year else "") + ".csv"
    return csv_response(name, *reach_module.reach_table(matrix), private=False)


@require_GET
def municipality(request, slug, municipality):
    programme = selectors.programme_get_public(slug=slug)
    found = selectors.municipality_in_programme(programme, municipality)
    content = selectors.municipality_page(programme, found)
    page = Paginator(content.pop("projects"), PROJECTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "programme": programme,
        "municipality": found,
        "key": selectors.municipality_key(found),
        "projects_url": project_list_url(
            municipality=selectors.municipality_key(found), programme=programme.slug
        ),
        "page": page,
        "projects": page.object_list,
        "query": "",
        **content,
    }
    return render(request, "projects/municipality.html", context)


# --- The yearly report ------------------------------------------------------------------------------


@require_GET
def report(request, slug):
    """The latest year with projects (this year when there are none yet)."""
    programme = selectors.programme_get_public(slug=slug)
    years = selectors.report_years(programme)
    year = years[0] if years else selectors.today().year
    return redirect("projects:report-year", slug=programme.slug, year=year)


def _report_year(slug, year):
    programme = selectors.programme_get_public(slug=slug)
    if selectors.valid_year(year) is None:
        raise Http404
    return programme


@require_GET
def report_year(request, slug, year):
    programme = _report_year(slug, year)
    years = selectors.report_years(programme)
    context = {
        "programme": programme,
        "report": selectors.yearly_report(programme, year),
        "year": year,
        "years": years,
        "previous_year": year - 1 if years and year - 1 >= years[-1] else None,
        "next_year": year + 1 if years and year + 1 <= years[0] else None,
        "csv_url": reverse("projects:report-csv", kwargs={"slug": programme.slug, "year": year}),
    }
    return render(request, "projects/report.html", context)


@require_GET
def report_csv(request, slug, year):
    programme = _report_year(slug, year)
    table = reach_module.report_table(selectors.yearly_report(programme, year))
    return csv_response(f"{programme.slug}-rapport-{year}.csv", *table, private=False)
