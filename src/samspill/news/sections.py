"""News on other pages: the home page, topics, organisations, projects and programmes."""

from samspill.core import registry
from samspill.news import selectors

HOME_NEWS = 3
SECTION_NEWS = 5


def register() -> None:
    registry.register_home_section(
        registry.HomeSection(
            name="news",
            template="news/_home_section.html",
            context=home_section,
            order=15,
            depends=("wagtail", "core"),
        )
    )
    registry.register_organisation_section(
        registry.OrganisationSection(
            name="news",
            template="news/_section.html",
            context=organisation_section,
            order=40,
        )
    )
    for kind, context in (
        ("topic", topic_section),
        ("project", project_section),
        ("programme", programme_section),
    ):
        registry.register_object_section(
            kind,
            registry.OrganisationSection(
                name="news",
                template="news/_section.html",
                context=context,
                order=40,
                depends=("wagtail", "core", "projects"),
            ),
        )


def _section(news: list) -> dict | None:
    if not news:
        return None
    return {"news": news, "index_url": selectors.news_index_url() or ""}


def home_section(request) -> dict | None:
    news = selectors.latest(selectors.published_news(), HOME_NEWS)
    if not news:
        return None
    return {"news": news, "index_url": selectors.news_index_url() or ""}


def organisation_section(request, organisation) -> dict | None:
    return _section(selectors.news_of_organisation(organisation, SECTION_NEWS))


def topic_section(request, topic) -> dict | None:
    return _section(selectors.news_about_topic(topic, SECTION_NEWS))


def project_section(request, project) -> dict | None:
    return _section(selectors.news_about_project(project, SECTION_NEWS))


def programme_section(request, programme) -> dict | None:
    return _section(selectors.news_about_programme(programme, SECTION_NEWS))
