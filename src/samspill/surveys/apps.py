from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext


class SurveysConfig(AppConfig):
    """Surveys that map the field: a builder in the admin, accessible answering, live results
    with cross-tabulation and small-group suppression, and exports."""

    name = "samspill.surveys"
    label = "surveys"
    verbose_name = _("Surveys")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from samspill.core import registry

        registry.register_rate_limit(registry.RateLimit(scope="surveys.respond", rate="60/h"))

        registry.register_nav_item(
            registry.NavItem(
                name="surveys", label=lambda: _("Surveys"), url_name="surveys:list", order=40
            )
        )
        registry.register_home_section(
            registry.HomeSection(
                name="surveys",
                template="surveys/_home_section.html",
                context=_home_section,
                order=40,
            )
        )
        registry.register_statistic(
            registry.Statistic(
                name="survey_responses",
                label=lambda n: npgettext("count of", "survey response", "survey responses", n),
                value=_responses_count,
                order=40,
            )
        )
        registry.register_personal_data(
            registry.PersonalDataSource(name="surveys", export=_export, erase=_erase)
        )
        registry.register_public_rows(
            registry.PublicRows(name="surveys", queryset=_listed_surveys, url_name="surveys:list")
        )


def _home_section(request):
    from django.db.models import Q
    from django.utils import timezone

    from samspill.surveys.models import Survey

    now = timezone.now()
    surveys = list(
        Survey.objects.listed()
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .select_related("owner")
        .order_by("closes_at")[:3]
    )
    return {"surveys": surveys} if surveys else None


def _responses_count() -> int:
    from samspill.surveys.models import Response, ResponseStatus

    return Response.objects.filter(status=ResponseStatus.SUBMITTED).count()


def _export(*, user) -> list[dict]:
    """The responses a person gave signed in (anonymous and invitation responses are not linked
    to anyone, so they cannot be found, nor exported)."""
    from samspill.surveys.models import Response

    responses = (
        Response.objects.filter(user=user)
        .select_related("survey")
        .prefetch_related("answers__question")
        .order_by("pk")
    )
    return [
        {
            "survey": response.survey.title,
            "status": response.status,
            "submitted": response.submitted_at.isoformat() if response.submitted_at else None,
            "answers": [
                {
                    "question": answer.question.text,
                    **{
                        name: value
                        for name, value in (
                            ("option", answer.option),
                            ("row", answer.row),
                            ("number", answer.number),
                            ("text", answer.text),
                        )
                        if value not in ("", None)
                    },
                }
                for answer in response.answers.all()
            ],
        }
        for response in responses
    ]


def _erase(*, user) -> None:
    """A person's signed-in responses go with the account (the foreign key cascades)."""


def _listed_surveys():
    from samspill.surveys.models import Survey

    return Survey.objects.listed()
