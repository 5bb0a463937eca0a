"""Registration points that feature apps fill in their `AppConfig.ready()`.

`core` never imports a feature app; the home page, statistics, exports and `samspill demo` loop over
what is registered here. Each entry has a name so that registering twice (tests, reloads) replaces.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class HomeSection:
    """A block on the home page: `context(request)` returns the data for `template`, or None to hide."""

    name: str
    template: str
    context: Callable[[HttpRequest], dict | None]
    order: int = 100


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation."""

    name: str
    label: Callable[[], str]
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class Statistic:
    """A figure the hub shows about itself, such as the number of listed organisations."""

    name: str
    label: Callable[[int], str]
    value: Callable[[], int]
    order: int = 100


@dataclass(frozen=True)
class DemoBuilder:
    """Builds one app's part of the demo hub; must be idempotent. Runs in `order`."""

    name: str
    build: Callable[[], list[str] | None]
    order: int = 100


@dataclass(frozen=True)
class PersonalDataSource:
    """One app's share of a person's data export, and what it does when the person is deleted."""

    name: str
    export: Callable[..., dict | list]
    erase: Callable[..., None] | None = None


@dataclass
class _Registry:
    home_sections: dict[str, HomeSection] = field(default_factory=dict)
    nav_items: dict[str, NavItem] = field(default_factory=dict)
    statistics: dict[str, Statistic] = field(default_factory=dict)
    demo_builders: dict[str, DemoBuilder] = field(default_factory=dict)
    personal_data: dict[str, PersonalDataSource] = field(default_factory=dict)


_registry = _Registry()


def register_home_section(section: HomeSection) -> None:
    _registry.home_sections[section.name] = section


def register_nav_item(item: NavItem) -> None:
    _registry.nav_items[item.name] = item


def register_statistic(statistic: Statistic) -> None:
    _registry.statistics[statistic.name] = statistic


def register_demo_builder(builder: DemoBuilder) -> None:
    _registry.demo_builders[builder.name] = builder


def register_personal_data(source: PersonalDataSource) -> None:
    _registry.personal_data[source.name] = source


def home_sections(request: HttpRequest) -> list[dict]:
    """The sections to render, in order, each with its template and context."""
    rendered = []
    for section in sorted(_registry.home_sections.values(), key=lambda s: (s.order, s.name)):
        context = section.context(request)
        if context is not None:
            rendered.append({"name": section.name, "template": section.template, **context})
    return rendered


def nav_items() -> list[NavItem]:
    return sorted(_registry.nav_items.values(), key=lambda i: (i.order, i.name))


def statistics() -> list[dict]:
    figures = []
    for stat in sorted(_registry.statistics.values(), key=lambda s: (s.order, s.name)):
        value = stat.value()
        figures.append({"name": stat.name, "value": value, "label": stat.label(value)})
    return figures


def demo_builders() -> list[DemoBuilder]:
    return sorted(_registry.demo_builders.values(), key=lambda b: (b.order, b.name))


def personal_data_sources() -> list[PersonalDataSource]:
    return sorted(_registry.personal_data.values(), key=lambda s: s.name)
