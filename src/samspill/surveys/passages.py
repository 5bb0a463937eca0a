"""What the surveys give the hub's search: each listed survey as one passage, never a response.

A survey is found when anyone may find it in the list (`Survey.objects.listed`: published, and
not answered by personal invitation only), whether open, opening later or closed (the list shows
all three). Its passage, in the survey's language: the introduction, who runs it and when it opens
and closes. Its name, matched exactly and first, is its title.
"""

from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import npgettext

from samspill.core import registry
from samspill.core.models import Organisation
from samspill.surveys.models import Survey

SOURCE = "surveys.survey"


def _surveys():
    return Survey.objects.listed().select_related("owner")


def load(pk: int) -> Survey | None:
    return _surveys().filter(pk=pk).first()


def load_many(ids: list[int]) -> list[Survey]:
    return list(_surveys().filter(pk__in=ids))


def all_ids() -> list[int]:
    return list(Survey.objects.listed().order_by("pk").values_list("pk", flat=True))


def _label(field: str) -> str:
    return capfirst(Survey._meta.get_field(field).verbose_name)


def passages(survey: Survey) -> list[dict]:
    language = registry.search_language(survey.language)
    with translation.override(language):
        lines = [
            survey.introduction,
            f"{_label('owner')}: {survey.owner.name}.",
            f"{_label('opens_at')}: {date_format(localtime(survey.opens_at), 'DATE_FORMAT')}."
            if survey.opens_at
            else "",
            f"{_label('closes_at')}: {date_format(localtime(survey.closes_at), 'DATE_FORMAT')}."
            if survey.closes_at
            else "",
        ]
    return [
        {
            "anchor": "",
            "heading": "",
            "title": survey.title,
            "text": " ".join(line for line in lines if line),
            "url": survey.get_absolute_url(),
            "language": language,
            "answer_id": f"survey-{survey.pk}",
            "filters": [f"lang:{language}"],
            "names": [survey.title],
        }
    ]


def register() -> None:
    registry.register_search_source(
        registry.SearchSource(
            name=SOURCE,
            model=Survey,
            load=load,
            load_many=load_many,
            passages=passages,
            all_ids=all_ids,
            kind="survey",
            kind_label=lambda n: npgettext("search kind", "Survey", "Surveys", n),
            watch=(
                (Survey, lambda survey: [survey.pk]),
                # The organisation that runs it renamed: its surveys say the new name.
                (
                    Organisation,
                    lambda organisation: list(
                        Survey.objects.filter(owner=organisation)
                        .order_by()
                        .values_list("pk", flat=True)
                    ),
                ),
            ),
        )
    )
