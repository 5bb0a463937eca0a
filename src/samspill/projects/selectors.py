"""Reads for the public pages and the API of programmes, projects and reach.

Every list is a bounded number of queries whatever its length: related rows come through
`select_related` / `prefetch_related`, counts through one aggregate. Only published projects of
published programmes are shown to the public.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from samspill.core import images, registry, versions
from samspill.core.models import Municipality, Organisation
from samspill.projects.models import (
    EventInput,
    Funding,
    Milestone,
    Programme,
    Project,
    ProjectDocument,
    ProjectStatus,
    Theme,
)
from samspill.projects.permissions import may_edit_project

ProjectMunicipality = Project.municipalities.through
ProjectTheme = Project.themes.through
# The partners table: its column is partnerorganisation_id (see models.PartnerOrganisation).
ProjectPartner = Project.partners.through
ProgrammeMunicipality = Programme.municipalities.through

YEAR_MIN, YEAR_MAX = 1900, 2999


# --- Municipality keys ("dk-165") -------------------------------------------------------------------


def municipality_key(municipality) -> str:
    return f"{municipality.country.lower()}-{municipality.code}"


def parse_municipality_key(value: str | None) -> tuple[str, str] | None:
    """("DK", "165") from "dk-165"; None when it cannot be one."""
    if not value or "-" not in value:
        return None
    country, _, code = value.partition("-")
    if len(country) != 2 or not country.isalpha() or not code or len(code) > 4:
        return None
    return country.upper(), code


def municipality_get(key: str) -> Municipality:
    parsed = parse_municipality_key(key)
    if parsed is None:
        raise Http404
    found = Municipality.objects.filter(country=parsed[0], code=parsed[1]).first()
    if found is None:
        raise Http404
    return found


# --- Programmes and themes --------------------------------------------------------------------------


def programme_get_public(*, slug: str) -> Programme:
    programme = (
        Programme.objects.published()
        .select_related("secretariat")
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.order_by("country", "sort_name", "name"),
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if programme is None:
        raise Http404
    return programme


def default_programme() -> Programme | None:
    """The only (or the first) published programme."""
    return Programme.objects.published().order_by("pk").first()


def published_count() -> int:
    """How many projects the public sees (the hub's statistics)."""
    return Project.objects.published().count()


def published_projects(programme: Programme | None = None):
    projects = Project.objects.published()
    if programme is not None:
        projects = projects.filter(programme=programme)
    return projects


def themes_with_counts(programme: Programme) -> list[Theme]:
    """The programme's themes in their order, each with `project_count` (published projects)."""
    return list(
        programme.themes.annotate(
            project_count=Count("projects", filter=Q(projects__is_published=True), distinct=True)
        ).order_by("sort_order", "pk")
    )


def themes_public(*, programme: str | None = None) -> list[Theme]:
    """Themes of published programmes (one programme's, by slug), with `project_count`."""
    themes = Theme.objects.filter(programme__is_published=True).select_related("programme")
    if programme:
        themes = themes.filter(programme__slug=programme)
    return list(
        themes.annotate(
            project_count=Count("projects", filter=Q(projects__is_published=True), distinct=True)
        ).order_by("programme__name", "sort_order", "pk")
    )


def programme_figures(programme: Programme) -> dict:
    """Key figures: published projects, participating municipalities, partner organisations
    (leads and partners of the projects, distinct) and participants (the projects' sum)."""
    projects = published_projects(programme)
    totals = projects.aggregate(count=Count("pk"), participants=Sum("participants"))
    organisations = Organisation.objects.filter(
        Q(pk__in=projects.values("lead_organisation_id"))
        | Q(
            pk__in=ProjectPartner.objects.filter(project__in=projects).values(
                "partnerorganisation_id"
            )
        )
    ).count()
    return {
        "projects": totals["count"],
        "municipalities": ProgrammeMunicipality.objects.filter(programme=programme).count(),
        "partners": organisations,
        "participants": totals["participants"] or 0,
    }


def programme_inputs(programme: Programme) -> list[EventInput]:
    """The workshops and network meetings that gathered input, with `idea_count` (the visible
    ideas of this programme that came up there; the ideas app registers them)."""
    inputs = EventInput.objects.filter(programme=programme).select_related("event", "survey")
    ideas = registry.public_rows("ideas")
    if ideas is None:
        inputs = inputs.annotate(idea_count=Value(0))
    else:
        counts = (
            ideas.filter(programme=programme, origin_event=OuterRef("event"))
            .order_by()
            .values("origin_event")
            .annotate(n=Count("pk"))
            .values("n")
        )
        inputs = inputs.annotate(idea_count=Coalesce(Subquery(counts), 0))
    return list(inputs.order_by("-event__starts_at", "pk"))


def event_contributions(event, *, limit: int = 10) -> dict:
    """What a workshop or network meeting gave the programmes: the programmes it gathered input
    for (with the survey answered there), the visible ideas that came up at it (most supported
    first) and the published projects it belongs to. Four queries whatever the numbers."""
    ideas = registry.public_rows("ideas")
    ideas = ideas.filter(origin_event=event) if ideas is not None else None
    return {
        "inputs": list(
            EventInput.objects.filter(event=event, programme__is_published=True)
            .select_related("programme", "survey")
            .order_by("programme__name")
        ),
        "ideas": []
        if ideas is None
        else list(ideas.order_by("-support_count", "-created_at", "-pk")[:limit]),
        "idea_count": 0 if ideas is None else ideas.count(),
        "projects": list(
            Project.objects.published().filter(related_events=event).order_by("title")[:limit]
        ),
    }


# --- Project lists ----------------------------------------------------------------------------------


def project_list_public(
    *,
    theme: str | None = None,
    status: str | None = None,
    municipality: str | None = None,
    organisation: str | None = None,
    year: int | None = None,
    programme: str | None = None,
):
    """Published projects, latest start first, filtered; each filter None to leave it out.

    Many-to-many filters go through subqueries, so that no project is listed twice."""
    projects = (
        images.with_renditions(Project.objects.published(), "image", "card")
        .select_related("programme", "lead_organisation")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "pk")),
            Prefetch("municipalities", queryset=Municipality.objects.order_by("sort_name", "name")),
            Prefetch("milestones", queryset=Milestone.objects.only("pk", "project_id", "progress")),
        )
        .order_by("-starts_on", "title", "pk")
    )
    if programme:
        projects = projects.filter(programme__slug=programme)
    if theme:
        projects = projects.filter(
            pk__in=ProjectTheme.objects.filter(theme__slug=theme).values("project_id")
        )
    if status:
        # By the status a visitor sees: the dates decide unless an editor completed or stopped it.
        projects = projects.in_status(status)
    if municipality:
        parsed = parse_municipality_key(municipality)
        if parsed is None:
            return projects.none()
        projects = projects.filter(
            pk__in=ProjectMunicipality.objects.filter(
                municipality__country=parsed[0], municipality__code=parsed[1]
            ).values("project_id")
        )
    if organisation:
        projects = projects.filter(
            Q(lead_organisation__slug=organisation)
            | Q(
                pk__in=ProjectPartner.objects.filter(partnerorganisation__slug=organisation).values(
                    "project_id"
                )
            )
        )
    if year:
        projects = projects.active_in(year)
    return projects


def filter_choices() -> dict:
    """What the project list's filters offer: themes (by slug, across published programmes),
    municipalities and organisations with published projects, the years they run, programmes."""
    published = Project.objects.published()
    themes = {}
    for theme in Theme.objects.filter(programme__is_published=True).order_by(
        "programme__name", "sort_order", "pk"
    ):
        themes.setdefault(theme.slug, theme)
    municipalities = list(
        Municipality.objects.filter(
            pk__in=ProjectMunicipality.objects.filter(project__in=published).values(
                "municipality_id"
            )
        ).order_by("country", "name")
    )
    organisations = list(
        Organisation.objects.filter(
            Q(pk__in=published.values("lead_organisation_id"))
            | Q(
                pk__in=ProjectPartner.objects.filter(project__in=published).values(
                    "partnerorganisation_id"
                )
            )
        )
        .only("pk", "name", "slug")
        .order_by("name")
    )
    return {
        "themes": list(themes.values()),
        "municipalities": municipalities,
        "organisations": organisations,
        "years": project_years(published),
        "programmes": list(Programme.objects.published().only("pk", "name", "slug")),
    }


def project_years(projects) -> list[int]:
    """Every year some of the projects run, latest first (open-ended ones run until this year)."""
    bounds = projects.aggregate(
        first=Min("starts_on"),
        last_start=Max("starts_on"),
        last_end=Max("ends_on"),
        open_ended=Count("pk", filter=Q(ends_on__isnull=True)),
    )
    if bounds["first"] is None:
        return []
    first = bounds["first"].year
    last = max(d.year for d in (bounds["last_start"], bounds["last_end"]) if d is not None)
    if bounds["open_ended"]:
        last = max(last, timezone.localdate().year)
    return list(range(last, first - 1, -1))


def running_projects(programme: Programme | None = None, *, limit: int = 3) -> list[Project]:
    projects = project_list_public(programme=programme.slug if programme else None)
    return list(projects.in_status(ProjectStatus.RUNNING)[:limit])


def organisation_projects(organisation: Organisation, *, limit: int = 10) -> list[Project]:
    """Published projects the organisation leads or is a partner in, with its role."""
    projects = list(project_list_public(organisation=organisation.slug)[:limit])
    for project in projects:
        project.org_role = "lead" if project.lead_organisation_id == organisation.pk else "partner"
    return projects


# --- A project's page -------------------------------------------------------------------------------


# Other apps' rows a project's page shows, through the registry: (registered name, relation,
# order, attribute the page reads). An app that is not installed leaves its attribute unset.
PUBLIC_RELATIONS = [
    ("events", "related_events", ("-starts_at", "pk"), "public_events"),
    ("surveys", "related_surveys", ("title", "pk"), "public_surveys"),
    ("ideas", "ideas", ("-support_count", "-created_at", "pk"), "public_ideas"),
]


def _public_prefetches() -> list[Prefetch]:
    prefetches = []
    for name, relation, order, to_attr in PUBLIC_RELATIONS:
        rows = registry.public_rows(name)
        if rows is not None:
            prefetches.append(Prefetch(relation, queryset=rows.order_by(*order), to_attr=to_attr))
    return prefetches


# What a project's page shows: the project and its rows (projects), its organisations and
# municipalities (core), its related events, surveys and ideas, its documents (wagtail).
PROJECT_PAGE_DEPENDS = ("projects", "core", "events", "surveys", "ideas", "wagtail")


def project_get_public(*, slug: str, user=None) -> Project:
    """One project with everything its page shows, kept (`versions.memo`) until one of those
    changes. Unpublished ones only for their editors (checked on every call)."""
    project = versions.memo(
        f"projects:page:{slug}", lambda: _project_page(slug), depends=PROJECT_PAGE_DEPENDS
    )
    published = project.is_published and project.programme.is_published
    if not published and not (user and user.is_authenticated and may_edit_project(user, project)):
        raise Http404
    return project


def _project_page(slug: str) -> Project:
    project = (
        images.with_renditions(Project.objects.all(), "image", "hero")
        .select_related("programme", "lead_organisation")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "pk")),
            Prefetch("partners", queryset=Organisation.objects.order_by("name")),
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.order_by("country", "sort_name", "name"),
            ),
            Prefetch("milestones", queryset=Milestone.objects.order_by("sort_order", "pk")),
            "results",
            "videos",
            Prefetch("funding", queryset=Funding.objects.select_related("organisation")),
            Prefetch(
                "documents",
                queryset=ProjectDocument.objects.select_related("document").order_by(
                    "sort_order", "pk"
                ),
            ),
            *_public_prefetches(),
        )
        .filter(slug=slug)
        .first()
    )
    if project is None:
        raise Http404
    return project


def funding_totals(project: Project) -> list[tuple[str, Decimal]]:
    """(currency, sum) for the funding rows that give an amount, by currency."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in project.funding.all():
        if row.amount is not None:
            totals[row.currency] += row.amount
    return sorted(totals.items())


# --- A municipality in a programme ------------------------------------------------------------------


MUNICIPALITY_EVENTS = 5


def municipality_in_programme(programme: Programme, key: str) -> Municipality:
    """The municipality if it takes part in the programme or in one of its projects, else 404."""
    municipality = municipality_get(key)
    takes_part = (
        ProgrammeMunicipality.objects.filter(
            programme=programme, municipality=municipality
        ).exists()
        or ProjectMunicipality.objects.filter(
            project__in=published_projects(programme), municipality=municipality
        ).exists()
    )
    if not takes_part:
        raise Http404
    return municipality


def municipality_page(programme: Programme, municipality: Municipality) -> dict:
    """The municipality's projects (a queryset: the page paginates it), the public organisations
    that lead or partner in them, and events there."""
    projects = project_list_public(programme=programme.slug).filter(
        pk__in=ProjectMunicipality.objects.filter(municipality=municipality).values("project_id")
    )
    ids = projects.order_by().values("pk")
    partners = list(
        Organisation.objects.public()
        .filter(
            Q(pk__in=Project.objects.filter(pk__in=ids).values("lead_organisation_id"))
            | Q(
                pk__in=ProjectPartner.objects.filter(project_id__in=ids).values(
                    "partnerorganisation_id"
                )
            )
        )
        .only("pk", "name", "slug", "kind")
        .order_by("name")
    )
    events = registry.public_rows("events").filter(municipality=municipality)
    return {
        "projects": projects,
        "partners": partners,
        "upcoming_events": list(
            events.upcoming().order_by("starts_at", "pk")[:MUNICIPALITY_EVENTS]
        ),
        "recent_events": list(events.past().order_by("-starts_at", "-pk")[:MUNICIPALITY_EVENTS]),
        "participating": ProgrammeMunicipality.objects.filter(
            programme=programme, municipality=municipality
        ).exists(),
    }


# --- The yearly report ------------------------------------------------------------------------------


def report_years(programme: Programme) -> list[int]:
    return project_years(published_projects(programme))


def _active(year: int, prefix: str = "") -> Q:
    return Q(**{f"{prefix}starts_on__year__lte": year}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__year__gte": year})
    )


def _measures(year: int, prefix: str = "") -> dict[str, Q]:
    """started: began in the year; running: active in it; completed: ended in it, completed;
    stopped: ended in it (or, without an end, active in it) and stopped."""
    return {
        "started": Q(**{f"{prefix}starts_on__year": year}),
        "running": _active(year, prefix),
        "completed": Q(**{f"{prefix}ends_on__year": year, f"{prefix}status": "completed"}),
        "stopped": Q(**{f"{prefix}status": "stopped"})
        & (
            Q(**{f"{prefix}ends_on__year": year})
            | (Q(**{f"{prefix}ends_on__isnull": True}) & _active(year, prefix))
        ),
    }


def yearly_report(programme: Programme, year: int) -> dict:
    """The year in figures, with a breakdown by theme. A fixed number of queries."""
    projects = published_projects(programme)
    measures = _measures(year)
    totals = projects.aggregate(
        **{name: Count("pk", filter=q) for name, q in measures.items()},
        participants=Sum("participants", filter=measures["running"]),
    )
    running = projects.filter(measures["running"])
    municipalities = list(
        Municipality.objects.filter(
            pk__in=ProjectMunicipality.objects.filter(project__in=running).values("municipality_id")
        ).order_by("country", "name")
    )
    partners = list(
        Organisation.objects.filter(
            Q(pk__in=running.values("lead_organisation_id"))
            | Q(
                pk__in=ProjectPartner.objects.filter(project__in=running).values(
                    "partnerorganisation_id"
                )
            )
        )
        .only("pk", "name", "slug", "is_public")
        .order_by("name")
    )
    theme_measures = _measures(year, "project__")
    by_theme = {
        row["theme_id"]: row
        for row in ProjectTheme.objects.filter(project__in=projects)
        .values("theme_id")
        .annotate(
            **{name: Count("project_id", filter=q) for name, q in theme_measures.items()},
            participants=Sum("project__participants", filter=theme_measures["running"]),
        )
    }
    themes = []
    for theme in programme.themes.order_by("sort_order", "pk"):
        row = by_theme.get(theme.pk, {})
        themes.append(
            {
                "theme": theme,
                **{name: row.get(name, 0) for name in measures},
                "participants": row.get("participants") or 0,
            }
        )
    return {
        "year": year,
        **{name: totals[name] for name in measures},
        "participants": totals["participants"] or 0,
        "municipalities": municipalities,
        "partners": partners,
        "themes": themes,
    }


def valid_year(value) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if YEAR_MIN <= year <= YEAR_MAX else None


def today() -> datetime.date:
    return timezone.localdate()
