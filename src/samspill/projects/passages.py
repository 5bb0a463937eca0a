"""What the projects give the hub's search: each published project as one passage.

A project is found when it and its programme are published (`Project.objects.published`), past
and stopped ones too (their pages stay). Its passage, in the hub's language: its programme and
themes, status and period, summary and story, participating municipalities, lead and partner
organisations. Its name, matched exactly and first, is its title.
"""

from django.db.models import Prefetch
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import npgettext

from samspill.core import registry
from samspill.core.html import plain_text
from samspill.core.models import Municipality, Organisation
from samspill.projects.models import Programme, Project, Theme

SOURCE = "projects.project"


def _projects():
    return (
        Project.objects.published()
        .select_related("programme__secretariat", "lead_organisation")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "pk")),
            Prefetch("partners", queryset=Organisation.objects.only("pk", "name").order_by("name")),
            Prefetch("municipalities", queryset=Municipality.objects.order_by("sort_name", "name")),
        )
    )


def load(pk: int) -> Project | None:
    return _projects().filter(pk=pk).first()


def load_many(ids: list[int]) -> list[Project]:
    return list(_projects().filter(pk__in=ids))


def all_ids() -> list[int]:
    return list(Project.objects.published().order_by("pk").values_list("pk", flat=True))


def _label(field: str) -> str:
    return capfirst(Project._meta.get_field(field).verbose_name)


def passages(project: Project) -> list[dict]:
    language = registry.organisation_language(project.programme.secretariat)
    with translation.override(language):
        themes = ", ".join(theme.label for theme in project.themes.all())
        period = str(project.starts_on.year)
        if project.ends_on and project.ends_on.year != project.starts_on.year:
            period += f"–{project.ends_on.year}"
        municipalities = ", ".join(m.name for m in project.municipalities.all())
        partners = ", ".join(o.name for o in project.partners.all())
        lines = [
            f"{project.programme.name}.",
            f"{themes}." if themes else "",
            f"{project.get_status_display()}, {period}.",
            project.summary,
            plain_text(project.body),
            f"{_label('municipalities')}: {municipalities}." if municipalities else "",
            f"{_label('lead_organisation')}: {project.lead_organisation.name}.",
            f"{_label('partners')}: {partners}." if partners else "",
        ]
    return [
        {
            "anchor": "",
            "heading": "",
            "title": project.title,
            "text": " ".join(line for line in lines if line),
            "url": project.get_absolute_url(),
            "language": language,
            "answer_id": f"project-{project.pk}",
            "filters": [f"lang:{language}", f"programme:{project.programme.slug}"],
            "names": [project.title],
        }
    ]


def _of_organisation(organisation: Organisation) -> list[int]:
    """Projects that name the organisation as lead or partner."""
    if organisation.pk is None:
        return []
    led = Project.objects.filter(lead_organisation=organisation).values_list("pk", flat=True)
    partnered = Project.objects.filter(partners=organisation).values_list("pk", flat=True)
    return sorted(set(led.order_by()) | set(partnered.order_by()))


def register() -> None:
    registry.register_search_source(
        registry.SearchSource(
            name=SOURCE,
            model=Project,
            load=load,
            load_many=load_many,
            passages=passages,
            all_ids=all_ids,
            kind="project",
            kind_label=lambda n: npgettext("search kind", "Project", "Projects", n),
            watch=(
                (Project, lambda project: [project.pk]),
                # A programme published, unpublished or renamed: all its projects.
                (
                    Programme,
                    lambda programme: (
                        Project.objects.filter(programme=programme)
                        .order_by()
                        .values_list("pk", flat=True)
                    ),
                ),
                (
                    Theme,
                    lambda theme: (
                        Project.objects.filter(themes=theme).order_by().values_list("pk", flat=True)
                    ),
                ),
                (Organisation, _of_organisation),
            ),
        )
    )
