"""The projects app's sections on other apps' pages: the home page shows the programme and a few
running projects; an organisation's page lists the projects it leads or is a partner in; an
event's page (a workshop, a network meeting) shows the input it gave and the ideas from it."""

from samspill.core import registry
from samspill.projects import selectors
from samspill.projects.views import project_list_url

HOME_PROJECTS = 3
ORGANISATION_PROJECTS = 10


def register() -> None:
    registry.register_home_section(
        registry.HomeSection(
            name="projects",
            template="projects/_home_section.html",
            context=home_section,
            order=50,
            depends=("projects", "core"),
        )
    )
    registry.register_event_section(
        registry.OrganisationSection(
            name="projects",
            template="projects/_event_section.html",
            context=event_section,
            order=50,
            # The programmes' input (projects), its surveys' titles, the ideas from the event.
            depends=("projects", "surveys", "ideas"),
        )
    )
    registry.register_organisation_section(
        registry.OrganisationSection(
            name="projects",
            template="projects/_organisation_section.html",
            context=organisation_section,
            order=50,
        )
    )


def home_section(request) -> dict | None:
    programme = selectors.default_programme()
    if programme is None:
        return None
    return {
        "programme": programme,
        "projects": selectors.running_projects(programme, limit=HOME_PROJECTS),
    }


def event_section(request, event) -> dict | None:
    """On an event's page: the programmes it gathered input for, the ideas that came up there and
    the projects it belongs to."""
    found = selectors.event_contributions(event)
    if not (found["inputs"] or found["ideas"] or found["projects"]):
        return None
    return found


def organisation_section(request, organisation) -> dict | None:
    projects = selectors.organisation_projects(organisation, limit=ORGANISATION_PROJECTS + 1)
    if not projects:
        return None
    more = len(projects) > ORGANISATION_PROJECTS
    return {
        "projects": projects[:ORGANISATION_PROJECTS],
        "more_url": project_list_url(organisation=organisation.slug) if more else "",
    }
