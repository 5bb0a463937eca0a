"""Every write of the surveys app: answering (checked here, whatever the form or the API let
through), responses in one transaction each, hiding free text, invitations, and the check that
keeps a survey's edits from orphaning answers.

Answers come in as a dict keyed by question key (`q<id>`):

- single choice, yes/no ("yes" | "no"), organisation kind (its code), municipality (its code):
  a string; with "other, please specify", `q<id>_other` holds the text (and means "other");
- multiple choice: a list of option texts, and `q<id>_other` as above;
- scale and number: an integer (or a string of one);
- short and long text: a string;
- matrix: {row text: integer}.

Questions hidden by their condition are not asked: their answers are dropped, and they are never
required.
"""

import contextlib
import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from samspill.core import ratelimit
from samspill.core.errors import Conflict, InvalidInput, NotFound, NotPermitted, RateLimited
from samspill.core.questions import AnswerError
from samspill.core.services import audit_log
from samspill.surveys import permissions, selectors, tallies, tasks
from samspill.surveys.models import (
    OTHER,
    Answer,
    Invitation,
    Mode,
    Question,
    Response,
    ResponseStatus,
    Survey,
)


class SurveyClosed(NotPermitted):
    code = "survey_closed"


class AlreadyAnswered(Conflict):
    code = "already_answered"


class SurveyHasResponses(Conflict):
    code = "survey_has_responses"


# --- Structure ------------------------------------------------------------------------------------


@dataclass
class Section:
    index: int
    title: str
    introduction: str
    questions: list[Question] = field(default_factory=list)


def sections_of(survey: Survey, questions: list[Question] | None = None) -> list[Section]:
    """The survey's sections in order, each with its questions. Questions before the first
    section break form a first section under the survey's own title."""
    if questions is None:
        questions = list(survey.questions.all())
    sections: list[Section] = []
    for question in questions:
        if question.is_section:
            sections.append(Section(len(sections), question.text, question.help_text))
        else:
            if not sections:
                sections.append(Section(0, "", ""))
            sections[-1].questions.append(question)
    return [s for s in sections if s.questions] or [Section(0, "", "")]


# --- Reading and checking answers -------------------------------------------------------------


def shown(question: Question, values: dict[int, list[dict]]) -> bool:
    """Whether the question is asked, given the answers so far ({question id: rows})."""
    if not question.show_if_question_id:
        return True
    rows = values.get(question.show_if_question_id, [])
    wanted = question.show_if_value.strip().casefold()
    return any(
        (row.get("option") or "").casefold() == wanted
        or (row.get("number") is not None and str(row["number"]) == wanted)
        for row in rows
    )


def check_answers(
    survey: Survey,
    data: dict,
    *,
    questions: list[Question],
    earlier: dict[int, list[dict]] | None = None,
) -> dict[int, list[dict]]:
    """Check the answers to `questions` (a section, or the whole survey), in order.

    Returns {question id: answer rows} for the questions that are shown; raises InvalidInput
    with one detail per wrong or missing answer, keyed by question key."""
    values: dict[int, list[dict]] = dict(earlier or {})
    result: dict[int, list[dict]] = {}
    details = []
    context: dict = {}  # what the kinds look up once for all the questions
    for question in questions:
        if question.is_section:
            continue
        if not shown(question, values):
            values.pop(question.pk, None)
            continue
        kind = question.engine
        key = question.key
        try:
            rows = kind.clean(question, data.get(key), data.get(f"{key}_other"), context)
        except AnswerError as error:
            details.append({"field": key, "message": str(error)})
            continue
        if question.required and not rows:
            details.append({"field": key, "message": _("Answer this question.")})
            continue
        if question.required and not kind.complete(question, rows):
            details.append({"field": key, "message": _("Answer every row.")})
            continue
        values[question.pk] = result[question.pk] = rows
    if details:
        raise InvalidInput(_("Some answers need a look."), details=details)
    return result


def stored_values(response: Response) -> dict[int, list[dict]]:
    values: dict[int, list[dict]] = {}
    for answer in response.answers.all():
        values.setdefault(answer.question_id, []).append(
            {
                "option": answer.option,
                "row": answer.row,
                "number": answer.number,
                "text": answer.text,
            }
        )
    return values


def _write(response: Response, questions: list[Question], values: dict[int, list[dict]]) -> None:
    """Replace the answers to `questions` with `values` (questions not in values: no answer)."""
    Answer.objects.filter(response=response, question__in=[q.pk for q in questions]).delete()
    Answer.objects.bulk_create(
        [
            Answer(
                response=response,
                question_id=question_id,
                option=row.get("option") or "",
                row=row.get("row") or "",
                number=row.get("number"),
                text=row.get("text") or "",
            )
            for question_id, rows in values.items()
            for row in rows
        ]
    )


# --- Who may answer -------------------------------------------------------------------------------


def check_open(survey: Survey) -> None:
    state = survey.state()
    if state == "draft":
        raise NotFound()
    if state == "not_open":
        raise SurveyClosed(_("This survey is not open yet."))
    if state == "closed":
        raise SurveyClosed(_("This survey is closed."))


def invitation_from_token(survey: Survey, token: str) -> Invitation:
    invitation = Invitation.objects.filter(survey=survey, token=token or "").first()
    if invitation is None:
        raise NotPermitted(
            _("This survey is answered through personal links. Use the link you got.")
        )
    return invitation


def _respondent(survey: Survey, *, user, invitation, browser_key: str) -> dict:
    """The fields that identify the respondent under the survey's mode."""
    if survey.mode == Mode.SIGNED_IN:
        if user is None or not user.is_authenticated:
            raise NotPermitted(_("Log in to answer this survey."))
        return {"user": user}
    if survey.mode == Mode.INVITATION:
        if invitation is None:
            raise NotPermitted(
                _("This survey is answered through personal links. Use the link you got.")
            )
        return {"invitation": invitation}
    # Anonymous: nothing that points to a person; the browser key only keeps one draft per browser.
    return {"browser_key": browser_key} if browser_key else {}


def existing_response(
    survey: Survey, *, user=None, invitation=None, browser_key=""
) -> Response | None:
    """The respondent's latest response (draft or submitted), if the mode can tell."""
    try:
        who = _respondent(survey, user=user, invitation=invitation, browser_key=browser_key)
    except NotPermitted:
        return None
    if not who:
        return None
    return Response.objects.filter(survey=survey, **who).order_by("-pk").first()


# --- Answering ------------------------------------------------------------------------------------


def response_submit(
    *, survey: Survey, answers: dict, user=None, invitation=None, browser_key: str = ""
) -> Response:
    """Answer the whole survey at once (the API): one submitted response, or an error.

    SurveyClosed (403) outside the open period; NotPermitted (403) without what the mode asks;
    InvalidInput (422) naming each wrong answer; AlreadyAnswered (409) for a second response
    where one is allowed (the database's unique constraints decide under concurrency).

    Locks as the web form's services do (`response_save_section`, `response_finish`): the
    respondent's response rows first, then their answers. Finishing a draft on the web while the
    API submits for the same person therefore waits instead of deadlocking, and whichever comes
    second finds the other's submission."""
    check_open(survey)
    who = _respondent(survey, user=user, invitation=invitation, browser_key=browser_key)
    questions = list(survey.questions.all())
    values = check_answers(survey, answers, questions=questions)
    try:
        with transaction.atomic():
            mine = []
            if who:
                mine = list(
                    Response.objects.select_for_update()
                    .filter(survey=survey, **who)
                    .order_by("pk")
                    .values_list("pk", "status")
                )
            if survey.one_response and any(s == ResponseStatus.SUBMITTED for _pk, s in mine):
                raise AlreadyAnswered(_("You have already answered this survey."))
            # A draft left by the web form is replaced by the complete answer.
            drafts = [pk for pk, status in mine if status == ResponseStatus.DRAFT]
            if drafts:
                Response.objects.filter(pk__in=drafts).delete()
            with tallies.keeping(survey.pk) as kept:
                response = Response.objects.create(
                    survey=survey,
                    one_per_person=survey.one_response,
                    status=ResponseStatus.SUBMITTED,
                    submitted_at=timezone.now(),
                    section=len(sections_of(survey, questions)) - 1,
                    **who,
                )
                _write(response, questions, values)
                kept.response_id = response.pk
    except IntegrityError as error:
        raise AlreadyAnswered(_("You have already answered this survey.")) from error
    return response


def response_start(
    *, survey: Survey, user=None, invitation=None, browser_key: str = ""
) -> Response:
    """The respondent's draft to continue, or a new one; a submitted response is returned as it
    is (the views offer to edit it while the survey is open and the person signed in)."""
    check_open(survey)
    who = _respondent(survey, user=user, invitation=invitation, browser_key=browser_key)
    current = existing_response(survey, user=user, invitation=invitation, browser_key=browser_key)
    if current is not None and (survey.one_response or current.status == ResponseStatus.DRAFT):
        return current
    try:
        with transaction.atomic():
            return Response.objects.create(survey=survey, one_per_person=survey.one_response, **who)
    except IntegrityError:
        # A second tab created it first.
        found = existing_response(survey, user=user, invitation=invitation, browser_key=browser_key)
        if found is None:
            raise
        return found


def may_edit(response: Response, user) -> bool:
    """Drafts may be filled in; a submitted response only by its signed-in owner, while open."""
    if response.status == ResponseStatus.DRAFT:
        return True
    return bool(
        response.user_id
        and user is not None
        and user.is_authenticated
        and response.user_id == user.pk
        and response.survey.is_open
    )


def response_save_section(
    *, response: Response, section_index: int, data: dict, user=None
) -> Response:
    """Check and store one section's answers; the draft moves on to the next section."""
    survey = response.survey
    check_open(survey)
    if not may_edit(response, user):
        raise AlreadyAnswered(_("This response is already submitted."))
    questions = list(survey.questions.all())
    sections = sections_of(survey, questions)
    if not 0 <= section_index < len(sections):
        raise NotFound()
    section = sections[section_index]
    with transaction.atomic():
        locked = _locked(response)
        earlier = {
            k: v
            for k, v in stored_values(locked).items()
            if k not in {q.pk for q in section.questions}
        }
        values = check_answers(survey, data, questions=section.questions, earlier=earlier)
        # A draft counts nowhere; a submitted response edited by its owner changes the results.
        keep = (
            tallies.keeping(survey.pk, locked.pk)
            if locked.status == ResponseStatus.SUBMITTED
            else contextlib.nullcontext()
        )
        with keep:
            _write(locked, section.questions, values)
            if locked.status == ResponseStatus.DRAFT:
                locked.section = max(locked.section, min(section_index + 1, len(sections) - 1))
            locked.save(update_fields=["section", "updated_at"])
    return locked


def _locked(response: Response) -> Response:
    """The response's row, locked for the transaction (always the first lock a write of answers
    takes). Gone: the API replaced the draft with a submitted response meanwhile."""
    locked = Response.objects.select_for_update().filter(pk=response.pk).first()
    if locked is None:
        raise AlreadyAnswered(_("This response is already submitted."))
    return locked


def response_finish(*, response: Response, user=None) -> Response:
    """Submit a draft: every section is checked again against the stored answers (a condition
    may have changed what is asked). Submitting twice changes nothing."""
    survey = response.survey
    check_open(survey)
    questions = list(survey.questions.all())
    with transaction.atomic():
        locked = _locked(response)
        values = stored_values(locked)
        data = _as_data(questions, values)
        checked = check_answers(survey, data, questions=questions)
        with tallies.keeping(survey.pk, locked.pk):
            # Answers to questions that a changed answer now hides go.
            _write(locked, questions, checked)
            if locked.status == ResponseStatus.SUBMITTED:
                return locked
            locked.status = ResponseStatus.SUBMITTED
            locked.submitted_at = timezone.now()
            try:
                with transaction.atomic():
                    locked.save(update_fields=["status", "submitted_at", "updated_at"])
            except IntegrityError as error:
                raise AlreadyAnswered(_("You have already answered this survey.")) from error
    return locked


def _as_data(questions: list[Question], values: dict[int, list[dict]]) -> dict:
    """Stored answer rows back into the input format (to check a whole response again)."""
    data = {}
    for question in questions:
        rows = values.get(question.pk, [])
        if rows:
            data.update(question.engine.as_input(question, rows))
    return data


# --- Editors --------------------------------------------------------------------------------------


def survey_save(*, actor, survey: Survey, audiences=None) -> Survey:
    """Create or change a survey with its questions (the admin form's cluster, in memory) in one
    transaction, with its audit entry. A question removed by the edit that got answers since the
    form was checked stops the save (InvalidInput)."""
    created = survey._state.adding or survey.pk is None
    try:
        with transaction.atomic():
            survey.save()  # the questions with it (modelcluster)
            tallies.drop([survey.pk])  # a question's kind or options may have changed
            if audiences is not None:
                survey.audiences.set(audiences)
            audit_log(
                actor=actor,
                action="surveys.survey.created" if created else "surveys.survey.updated",
                target=survey,
                data={"title": survey.title, "questions": survey.questions.count()},
            )
    except ProtectedError as error:
        raise InvalidInput(
            _("A question you removed has answers now. Reload the survey and try again.")
        ) from error
    return survey


def survey_delete(*, actor, survey: Survey) -> None:
    """Delete a survey and its drafts (their answers first: an answer protects its question).
    A survey with submitted responses is not deleted: its answers would go with it
    (SurveyHasResponses, also when one was submitted meanwhile)."""
    with transaction.atomic():
        if survey.responses.filter(status=ResponseStatus.SUBMITTED).exists():
            raise SurveyHasResponses(_("This survey has answers now and cannot be deleted."))
        Answer.objects.filter(response__survey=survey).delete()
        survey.responses.all().delete()
        audit_log(
            actor=actor,
            action="surveys.survey.deleted",
            target=survey,
            data={"title": survey.title},
        )
        survey.delete()


def results_exported(*, actor, survey: Survey, file_format: str) -> None:
    """Record that someone downloaded the survey's responses, row by row."""
    audit_log(
        actor=actor,
        action="surveys.results.exported",
        target=survey,
        data={"format": file_format},
    )


def answer_set_hidden(*, actor, answer: Answer, hidden: bool) -> Answer:
    """Hide a free-text answer from public results and the public export (or show it again)."""
    if not answer.question.engine.free_text and answer.option != OTHER:
        raise InvalidInput(_("Only free-text answers can be hidden."))
    with transaction.atomic(), tallies.keeping(answer.response.survey_id, answer.response_id):
        Answer.objects.filter(pk=answer.pk).update(hidden=hidden)
    answer.hidden = hidden
    audit_log(
        actor=actor,
        action="surveys.answer.hidden" if hidden else "surveys.answer.shown",
        target=answer.response.survey,
        data={"answer": answer.pk},
    )
    return answer


_ADDRESS = re.compile(r"[^\s<>,;]+@[^\s<>,;]+")


def invitation_line(line: str) -> tuple[str, str]:
    """(label, email) of one line of the invitations form: "Kari Nordmann <kari@example.org>",
    "Albertslund, kultur@albertslund.dk", an address alone, or a name alone."""
    line = line.strip()
    found = _ADDRESS.search(line)
    if found is None:
        return line[:200], ""
    address = found.group(0)
    try:
        validate_email(address)
    except ValidationError:
        return line[:200], ""
    rest = (line[: found.start()] + line[found.end() :]).replace("<>", " ")
    label = " ".join(rest.strip(" \t<>,;:").split())
    return (label or address)[:200], address.lower()


def invitations_create(
    *, actor, survey: Survey, labels: list[str], organisations=()
) -> list[Invitation]:
    """One personal link per label (a name, a municipality, an email address, or a name with an
    address) and one per organisation (its members are told when it is sent)."""
    if survey.mode != Mode.INVITATION:
        raise InvalidInput(_("Only surveys answered through personal links have invitations."))
    lines = [invitation_line(label) for label in labels if label.strip()]
    organisations = list(organisations)
    if not lines and not organisations:
        raise InvalidInput(_("Give at least one name or email address."))
    created = Invitation.objects.bulk_create(
        [Invitation(survey=survey, label=label, email=email) for label, email in lines]
        + [
            Invitation(survey=survey, label=organisation.name[:200], organisation=organisation)
            for organisation in organisations
        ]
    )
    audit_log(
        actor=actor,
        action="surveys.invitations.created",
        target=survey,
        data={"count": len(created)},
    )
    return created


# --- Emailing invitations and reminders -----------------------------------------------------------

# Invitations per background task: each task renders and queues this many emails.
MAILING_BATCH = 50


def mailing_limit() -> int:
    """The most invitations (or reminders) one action sends (SURVEYS_MAILING_LIMIT, 500)."""
    return int(getattr(settings, "SURVEYS_MAILING_LIMIT", 500))


def reminder_interval() -> datetime.timedelta:
    """How long after the invitation, and after the last reminder, a reminder may follow
    (SURVEYS_REMINDER_DAYS, 3 days)."""
    return datetime.timedelta(days=float(getattr(settings, "SURVEYS_REMINDER_DAYS", 3)))


def mailing_refusal(survey: Survey, *, reminder: bool) -> str | None:
    """Why the survey's invitations (or reminders) cannot be sent now, in words; None if they can."""
    if survey.mode != Mode.INVITATION:
        return _("Only surveys answered through personal links have invitations.")
    state = survey.state()
    if state == "draft":
        return _("Publish the survey before you send its invitations: the links lead nowhere yet.")
    if state == "closed":
        return _("The survey is closed: no more invitations or reminders are sent.")
    if reminder and state == "not_open":
        return _("The survey is not open yet: remind people once it is.")
    return None


def _check_mailing(*, actor, survey: Survey, limit, reminder: bool) -> int:
    if actor is None or not permissions.can_manage_survey(actor, survey):
        raise NotPermitted(_("Only those who run the survey may send its invitations."))
    refusal = mailing_refusal(survey, reminder=reminder)
    if refusal:
        raise SurveyClosed(refusal)
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        limit = 0
    if not 1 <= limit <= mailing_limit():
        raise InvalidInput(
            _("Send between 1 and %(most)d at a time.") % {"most": mailing_limit()},
            details=[
                {
                    "field": "limit",
                    "message": _("Give a number from 1 to %(most)d.") % {"most": mailing_limit()},
                }
            ],
        )
    if not ratelimit.allow("surveys.mailing", f"user-{actor.pk}"):
        raise RateLimited(_("You have sent many mailings in a short time. Try again later."))
    return limit


def _claim(queryset, *, limit: int, marker: str, now, **changes) -> list[int]:
    """Claim up to `limit` rows of `queryset` for this action: locked, then changed by one
    conditional UPDATE that repeats the query's conditions (a concurrent action that claimed a
    row first leaves it out), and read back by the moment written into `marker`."""
    # Rows another action holds are skipped (PostgreSQL): two editors pressing at once split the
    # work instead of the second one waiting for rows it would then find taken.
    ids = list(queryset.select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
    if not ids:
        return []
    queryset.filter(pk__in=ids).update(**{marker: now}, **changes)
    return list(
        Invitation.objects.filter(pk__in=ids, **{marker: now})
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _queue(ids: list[int], *, reminder: bool) -> None:
    for start in range(0, len(ids), MAILING_BATCH):
        batch = ids[start : start + MAILING_BATCH]
        transaction.on_commit(
            lambda batch=batch: tasks.send_invitation_batch.enqueue(
                invitation_ids=batch, reminder=reminder
            )
        )


def invitations_send(*, survey: Survey, actor, limit) -> int:
    """Email at most `limit` of the survey's invitations never sent (each with its personal link;
    an invitation for an organisation tells its members too), in background batches after the
    commit. Each invitation is sent once, even when two editors press the button together.

    NotPermitted for anyone but those who run the survey, SurveyClosed (403) for a draft or a
    closed survey, InvalidInput for a limit outside 1..SURVEYS_MAILING_LIMIT, RateLimited (429).
    Returns how many were claimed for sending."""
    limit = _check_mailing(actor=actor, survey=survey, limit=limit, reminder=False)
    now = timezone.now()
    with transaction.atomic():
        ids = _claim(selectors.invitations_unsent(survey), limit=limit, marker="sent_at", now=now)
        if ids:
            audit_log(
                actor=actor,
                action="surveys.invitations.sent",
                target=survey,
                data={"count": len(ids), "limit": limit},
            )
            _queue(ids, reminder=False)
    return len(ids)


def invitations_remind(*, survey: Survey, actor, limit) -> int:
    """Remind at most `limit` invitations whose link has no submitted response, emailed at least
    `reminder_interval()` ago and not reminded within it; in background batches, each once.

    Errors as `invitations_send` (an open survey only). Returns how many were claimed."""
    limit = _check_mailing(actor=actor, survey=survey, limit=limit, reminder=True)
    now = timezone.now()
    with transaction.atomic():
        due = selectors.invitations_due_reminder(survey, interval=reminder_interval(), now=now)
        ids = _claim(
            due,
            limit=limit,
            marker="reminded_at",
            now=now,
            reminder_count=F("reminder_count") + 1,
        )
        if ids:
            audit_log(
                actor=actor,
                action="surveys.invitations.reminded",
                target=survey,
                data={"count": len(ids), "limit": limit},
            )
            _queue(ids, reminder=True)
    return len(ids)


def survey_check_change(survey: Survey, new_questions: list[dict]) -> list[str]:
    """What in a proposed edit would orphan answers, in words (empty: the edit is safe).

    `new_questions` are the questions as the edit leaves them: dicts with `pk` (None for new
    ones), `kind`, `options` (a list), `allow_other`, `scale_max`, `min_value`, `max_value`,
    `municipality_country`, `deleted`."""
    problems = []
    answered = {
        q.pk: q for q in Question.objects.filter(survey=survey, answers__isnull=False).distinct()
    }
    if not answered:
        return problems
    by_pk = {q["pk"]: q for q in new_questions if q.get("pk")}
    for pk, old in answered.items():
        new = by_pk.get(pk)
        if new is None or new.get("deleted"):
            problems.append(
                _("“%(question)s” has answers and cannot be deleted.") % {"question": old.text}
            )
            continue
        if new["kind"] != old.kind:
            problems.append(
                _("“%(question)s” has answers: its kind cannot change.") % {"question": old.text}
            )
            continue
        # The kind says what its answers rule out (its options, scale, country, bounds).
        problems.extend(old.engine.change_problems(old, new, Answer.objects.filter(question_id=pk)))
    return problems


def personal_data_erase(*, user) -> None:
    """A person's signed-in responses go with the account (the foreign key cascades); the result
    tallies of the surveys they answered are dropped (the tallies' check would see the missing
    responses anyway)."""
    tallies.drop(
        Response.objects.filter(user=user, status=ResponseStatus.SUBMITTED).values_list(
            "survey_id", flat=True
        )
    )
