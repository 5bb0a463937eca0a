"""Reads of the surveys app, shaped for a page, an endpoint or an admin screen. Who may see what
is decided by `permissions`; the answers' own figures by `results`."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from samspill.surveys.models import Answer, Invitation, Question, Response, ResponseStatus, Survey


def _with_answered(surveys: QuerySet[Survey]) -> QuerySet[Survey]:
    return surveys.annotate(
        answered=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED))
    )


def surveys_listed(now) -> dict[str, QuerySet[Survey]]:
    """The public list's three parts, each with `answered` (submitted responses): open now
    (closing first), opening later, and closed (latest first)."""
    surveys = _with_answered(Survey.objects.listed().select_related("owner"))
    return {
        "open_now": surveys.filter(
            Q(opens_at__isnull=True) | Q(opens_at__lte=now),
            Q(closes_at__isnull=True) | Q(closes_at__gt=now),
        ).order_by("closes_at", "title"),
        "upcoming": surveys.filter(opens_at__gt=now).order_by("opens_at"),
        "closed": surveys.filter(closes_at__lte=now).order_by("-closes_at"),
    }


def surveys_for_api(state: str | None, now) -> QuerySet[Survey]:
    """Published surveys anyone may answer, latest first; `state` open, closed or upcoming."""
    surveys = Survey.objects.listed().select_related("owner").order_by("-opens_at", "-pk")
    if state == "open":
        surveys = surveys.filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now)).filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=now)
        )
    elif state == "closed":
        surveys = surveys.filter(closes_at__lte=now)
    elif state == "upcoming":
        surveys = surveys.filter(opens_at__gt=now)
    return surveys


def survey_by_slug(slug: str, *, published: bool = False) -> Survey | None:
    """The survey with its owner (only a published one if asked), or None."""
    surveys = Survey.objects.published() if published else Survey.objects.all()
    return surveys.select_related("owner").filter(slug=slug).first()


def survey_by_pk(pk) -> Survey | None:
    return Survey.objects.select_related("owner").filter(pk=pk).first()


def survey_questions(survey: Survey) -> list[Question]:
    """The survey's questions in order, each with the question its condition names."""
    return list(survey.questions.select_related("show_if_question"))


def invitation_by_token(survey: Survey, token: str) -> Invitation | None:
    return survey.invitations.filter(token=token).first()


def answer_of_survey(survey: Survey, pk) -> Answer | None:
    """One answer to one of the survey's questions, with its question and response's survey."""
    return (
        Answer.objects.select_related("question", "response__survey")
        .filter(pk=pk, question__survey=survey)
        .first()
    )


# --- Admin ----------------------------------------------------------------------------------------


def surveys_with_counts(queryset: QuerySet[Survey]) -> QuerySet[Survey]:
    """The surveys with their owner and `submitted_count`, in one query."""
    return queryset.select_related("owner").annotate(
        submitted_count=Count("responses", filter=Q(responses__status=ResponseStatus.SUBMITTED))
    )


def submitted_count(survey: Survey) -> int:
    return survey.responses.filter(status=ResponseStatus.SUBMITTED).count()


def invitations_with_state(survey: Survey) -> QuerySet[Invitation]:
    """The survey's invitations, oldest first, each with `answered` (a submitted response)."""
    submitted = Response.objects.filter(invitation=OuterRef("pk"), status=ResponseStatus.SUBMITTED)
    return (
        Invitation.objects.filter(survey=survey)
        .annotate(answered=Exists(submitted))
        .order_by("created_at", "pk")
    )


def _answered():
    return Exists(
        Response.objects.filter(invitation=OuterRef("pk"), status=ResponseStatus.SUBMITTED)
    )


def invitations_unsent(survey: Survey) -> QuerySet[Invitation]:
    """Invitations never sent that can be: with an email address, or for an organisation."""
    return (
        Invitation.objects.filter(survey=survey, sent_at__isnull=True)
        .exclude(email="", organisation__isnull=True)
        .order_by("pk")
    )


def invitations_due_reminder(survey: Survey, *, interval, now=None) -> QuerySet[Invitation]:
    """Invitations emailed at least `interval` ago, not reminded within `interval`, whose link
    has no submitted response."""
    now = now or timezone.now()
    before = now - interval
    return (
        Invitation.objects.filter(survey=survey, sent_at__lte=before)
        .exclude(email="")
        .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lte=before))
        .filter(~_answered())
        .order_by("pk")
    )


def invitation_mailing_counts(survey: Survey, *, interval, now=None) -> dict[str, int]:
    """How many invitations wait to be sent, and how many are due a reminder (two queries)."""
    return {
        "unsent": invitations_unsent(survey).count(),
        "due_reminder": invitations_due_reminder(survey, interval=interval, now=now).count(),
    }


def invitations_for_mailing(ids: list[int]) -> list[Invitation]:
    """The invitations a mailing batch sends, with their survey, its owner and organisation."""
    return list(
        Invitation.objects.filter(pk__in=ids)
        .select_related("survey__owner", "organisation")
        .order_by("pk")
    )


def invitations_answered_count(survey: Survey) -> int:
    return Response.objects.filter(
        survey=survey, invitation__isnull=False, status=ResponseStatus.SUBMITTED
    ).count()


# --- What the hub's shared pages read (registered in apps.py) ---------------------------------------


def open_surveys(limit: int = 3) -> list[Survey]:
    """Listed surveys open for answers now, the one closing first first (the home page's section)."""
    now = timezone.now()
    return list(
        Survey.objects.listed()
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .select_related("owner")
        .order_by("closes_at")[:limit]
    )


def submitted_responses_count() -> int:
    return Response.objects.filter(status=ResponseStatus.SUBMITTED).count()


def listed_surveys() -> QuerySet[Survey]:
    return Survey.objects.listed()


def personal_data(*, user) -> list[dict]:
    """The responses a person gave signed in (anonymous and invitation responses are not linked
    to anyone, so they cannot be found, nor exported)."""
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
