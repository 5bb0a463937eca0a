"""What the idea board gives the hub's search: each visible idea as one passage.

An idea is found when anyone may see it (`Idea.objects.visible`: not hidden by an editor, in a
published programme); declined ones too, as their pages show them with the public reason. Its
passage, in the hub's language: the description, the status and its public reason, themes,
municipalities and the organisation it was proposed on behalf of. Never its author, nor comments.
"""

from django.db.models import Prefetch
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import npgettext

from samspill.core import registry
from samspill.core.models import Municipality, Organisation
from samspill.ideas.models import Idea
from samspill.projects.models import Programme, Theme

SOURCE = "ideas.idea"


def _ideas():
    return (
        Idea.objects.visible()
        .select_related("organisation", "programme__secretariat")
        .prefetch_related(
            Prefetch("themes", queryset=Theme.objects.order_by("sort_order", "pk")),
            Prefetch("municipalities", queryset=Municipality.objects.order_by("sort_name", "name")),
        )
    )


def load(pk: int) -> Idea | None:
    return _ideas().filter(pk=pk).first()


def load_many(ids: list[int]) -> list[Idea]:
    return list(_ideas().filter(pk__in=ids))


def all_ids() -> list[int]:
    return list(Idea.objects.visible().order_by("pk").values_list("pk", flat=True))


def passages(idea: Idea) -> list[dict]:
    language = registry.organisation_language(idea.programme.secretariat)
    with translation.override(language):
        themes = ", ".join(theme.label for theme in idea.themes.all())
        municipalities = ", ".join(m.name for m in idea.municipalities.all())
        lines = [
            idea.description,
            f"{idea.get_status_display()}.",
            idea.status_reason,
            f"{themes}." if themes else "",
            f"{capfirst(Idea._meta.get_field('municipalities').verbose_name)}: {municipalities}."
            if municipalities
            else "",
            f"{capfirst(Idea._meta.get_field('organisation').verbose_name)}: "
            f"{idea.organisation.name}."
            if idea.organisation_id
            else "",
            f"{idea.programme.name}.",
        ]
    return [
        {
            "anchor": "",
            "heading": "",
            "title": idea.title,
            "text": " ".join(line for line in lines if line),
            "url": idea.get_absolute_url(),
            "language": language,
            "answer_id": f"idea-{idea.pk}",
            "filters": [f"lang:{language}", f"idea-status:{idea.status}"],
        }
    ]


def _ids(queryset) -> list[int]:
    return list(queryset.order_by().values_list("pk", flat=True))


def register() -> None:
    registry.register_search_source(
        registry.SearchSource(
            name=SOURCE,
            model=Idea,
            load=load,
            load_many=load_many,
            passages=passages,
            all_ids=all_ids,
            kind="idea",
            kind_label=lambda n: npgettext("search kind", "Idea", "Ideas", n),
            watch=(
                # Hiding and showing save the idea too (`services.idea_hide`).
                (Idea, lambda idea: [idea.pk]),
                # A programme published or unpublished: its ideas appear or go.
                (Programme, lambda programme: _ids(Idea.objects.filter(programme=programme))),
                (Theme, lambda theme: _ids(Idea.objects.filter(themes=theme))),
                (
                    Organisation,
                    lambda organisation: _ids(Idea.objects.filter(organisation=organisation)),
                ),
            ),
        )
    )
