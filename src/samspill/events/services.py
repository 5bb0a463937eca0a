"""Every write in events: one transaction, one audit entry, emails after the commit.

Capacity is kept here. Allocating or freeing a seat happens inside a transaction that first locks the
event's row (`SELECT … FOR UPDATE` on PostgreSQL; on SQLite every write transaction is IMMEDIATE and
holds the database's write lock from its start), so two registrations never both take the last
seat, and the waiting list is served in the order people joined it.
"""

import hashlib
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import default_task_backend

from samspill.core.errors import Conflict, InvalidInput, NotFound, NotPermitted, SamspillError
from samspill.core.html import sanitise_rich_text
from samspill.core.questions import AnswerError
from samspill.core.services import audit_entries_anonymise, audit_log
from samspill.core.validators import validate_instance
from samspill.events import emails, notices, tasks
from samspill.events.models import (
    ACTIVE_STATUSES,
    AgendaInput,
    AgendaInputStatus,
    Event,
    EventMessage,
    EventSeries,
    Invitation,
    QuestionKind,
    Registration,
    RegistrationStatus,
)
from samspill.events.tokens import (  # noqa: F401 (the views and the API reach them here)
    registration_confirmation_token,
    registration_from_confirmation_token,
    registration_from_token,
    registration_token,
)

logger = logging.getLogger(__name__)

# A guest who has not confirmed their address yet is not a participant: nothing that the
# public token alone can reach sends email to others or speaks for them.
PARTICIPATING = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)

YES = {"yes", "ja", "true", "1", "on"}
NO = {"no", "nei", "nej", "false", "0", "off"}


class RegistrationClosed(SamspillError):
    code = "registration_closed"
    status = 403

    def __init__(self, state: str):
        messages = {
            "not_yet": _("Registration has not opened yet."),
            "closed": _("Registration is closed."),
            "cancelled": _("The event is cancelled."),
            "not_required": _("This event needs no registration."),
        }
        super().__init__(messages.get(state, _("Registration is closed.")))
        self.state = state


class EventFull(Conflict):
    code = "event_full"
    default_message = gettext_lazy("The event is full.")


class AlreadyRegistered(Conflict):
    code = "already_registered"
    default_message = gettext_lazy("This email address is already registered for the event.")


# --- Events ---------------------------------------------------------------------------------------


def event_save(
    *,
    actor,
    event: Event,
    organisers: Iterable | None = None,
    audiences: Iterable | None = None,
    topics: Iterable | None = None,
) -> Event:
    """Create or change an event. Schedule changes raise the calendar SEQUENCE and tell everyone
    registered; more seats promote people from the waiting list at once."""
    created = event._state.adding or event.pk is None
    event.description = sanitise_rich_text(event.description)
    if not event.slug:
        event.slug = slugify(event.title)[:80] or "arrangement"
    validate_instance(event)
    if organisers is not None and not list(organisers):
        raise InvalidInput(_("An event needs at least one organiser."), field="organisers")
    with transaction.atomic():
        before = None
        if not created:
            before = Event.objects.select_for_update().filter(pk=event.pk).first()
        changed = []
        if before is not None:
            changed = [f for f in Event.SCHEDULE_FIELDS if getattr(before, f) != getattr(event, f)]
            if changed:
                event.sequence = before.sequence + 1
        event.save()
        if organisers is not None:
            event.organisers.set(organisers)
        if audiences is not None:
            event.audiences.set(audiences)
        if topics is not None:
            event.topics.set(topics)
        audit_log(
            actor=actor,
            action="events.event.created" if created else "events.event.updated",
            target=event,
            data={"changed": changed} if changed else None,
        )
        promoted = _fill_free_seats(event)
        if before is not None and changed and before.is_published and event.is_published:
            notify = "cancelled" if "status" in changed and event.is_cancelled else "changed"
            registrations = list(
                event.registrations.filter(
                    status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
                )
            )
            for registration in registrations:
                emails.send_event_changed(registration, kind=notify)
            postponed = "status" in changed and event.status == "postponed"
            notices.event_changed(
                event, registrations, how="postponed" if postponed else notify, actor=actor
            )
        for registration in promoted:
            emails.send_promoted(registration)
        notices.seats_given(event, promoted)
        if event.is_published and (before is None or not before.is_published):
            notices.event_published(event, actor=actor)
    schedule_reminders(event)
    return event


def event_delete(*, actor, event: Event) -> None:
    with transaction.atomic():
        audit_log(actor=actor, action="events.event.deleted", target=event)
        event.delete()


def event_series_save(*, actor, series: EventSeries) -> EventSeries:
    created = series._state.adding or series.pk is None
    if not series.slug:
        series.slug = slugify(series.title)[:80] or "serie"
    validate_instance(series)
    try:
        with transaction.atomic():
            series.save()
            audit_log(
                actor=actor,
                action="events.series.created" if created else "events.series.updated",
                target=series,
            )
    except IntegrityError as error:
        raise Conflict(_("A series with this slug already exists."), field="slug") from error
    return series


def event_series_delete(*, actor, series: EventSeries) -> None:
    """Delete a series; its events stay, outside any series."""
    with transaction.atomic():
        audit_log(actor=actor, action="events.series.deleted", target=series)
        series.delete()


def participants_exported(*, actor, event: Event, file_format: str) -> None:
    """A participant list left the hub as a file: that is written in the audit log."""
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="events.participants.exported",
            target=event,
            data={"format": file_format},
        )


def schedule_reminders(event: Event) -> None:
    """Queue the day-before reminder when the task backend can run work later (the database
    backend can); the periodic job events.send_reminders (the worker runs it every 15 minutes)
    sends any that are due either way."""
    run_after = event.starts_at - timezone.timedelta(days=1)
    if not default_task_backend.supports_defer or run_after <= timezone.now():
        return
    transaction.on_commit(
        lambda: tasks.send_event_reminders.using(run_after=run_after).enqueue(event.pk)
    )


# --- Registration ---------------------------------------------------------------------------------


def clean_answers(event: Event, answers: dict | None) -> dict:
    """Check the answers to the event's questions: {question id: answer}, keys "12" or "q12".

    Raises InvalidInput naming every bad answer (field `answers.<id>`).
    """
    answers = dict(answers or {})
    questions = list(event.questions.all())
    by_key = {}
    for key, value in answers.items():
        key = str(key).removeprefix("q")
        by_key[key] = value
    known = {str(q.pk) for q in questions}
    errors = []
    unknown = sorted(set(by_key) - known)
    for key in unknown:
        errors.append((f"answers.{key}", _("There is no such question.")))
    cleaned = {}
    for question in questions:
        raw = by_key.get(str(question.pk))
        value = raw.strip() if isinstance(raw, str) else raw
        if value in (None, ""):
            if question.required:
                errors.append(
                    (
                        f"answers.{question.pk}",
                        _("“%(q)s” must be answered.") % {"q": question.label},
                    )
                )
            continue
        if question.kind == QuestionKind.YES_NO and not isinstance(value, bool):
            # The API takes the usual spellings of yes and no.
            word = str(value).lower()
            value = "yes" if word in YES else "no" if word in NO else value
        elif question.kind != QuestionKind.YES_NO:
            value = str(value)
        # The questionnaire engine checks the answer as its kind (short text, single choice,
        # yes or no); a choice's error names the choices, as registration always has.
        try:
            rows = question.engine.clean(question, value)
        except AnswerError as error:
            message = str(error)
            if question.kind == QuestionKind.CHOICE:
                message = _("Choose one of: %(choices)s.") % {
                    "choices": ", ".join(question.choice_list)
                }
            errors.append((f"answers.{question.pk}", message))
            continue
        if "\x00" in str(value):  # the database cannot store it (PostgreSQL)
            errors.append((f"answers.{question.pk}", _("Null characters are not allowed.")))
            continue
        value = question.engine.as_input(question, rows)[question.key]
        cleaned[str(question.pk)] = value
    if errors:
        error = InvalidInput("; ".join(str(m) for _f, m in errors), field=errors[0][0])
        error.details = [{"field": f, "message": str(m)} for f, m in errors]
        raise error
    return cleaned


def _confirmed_count(event: Event) -> int:
    return Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()


def _seat_or_queue(event: Event, registration: Registration, now) -> None:
    """Give the registration a seat, or a place on the waiting list; the event row is locked."""
    if event.capacity is None or _confirmed_count(event) < event.capacity:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.queued_at = None
    elif event.waiting_list:
        registration.status = RegistrationStatus.WAITLISTED
        registration.queued_at = now
    else:
        raise EventFull()


def _lock_event(event_id: int) -> Event:
    try:
        return Event.objects.select_for_update().get(pk=event_id)
    except Event.DoesNotExist as error:
        raise NotFound(_("The event does not exist.")) from error


def registration_create(
    *,
    event: Event,
    user=None,
    name: str = "",
    email: str = "",
    answers: dict | None = None,
    consent: bool = False,
    source: str = "web",
    language: str = "",
) -> Registration:
    """Register a signed-in person (`user`) or a guest (`name`, `email`) for the event.

    Status: confirmed while seats are left, then waitlisted (or EventFull without a waiting list);
    pending for a guest when the event wants guests to confirm their email first.
    """
    if user is not None and user.is_authenticated:
        name = user.name or user.email.split("@")[0]
        email = user.email
    else:
        user = None
        name = (name or "").strip()
        email = (email or "").strip()
        errors = []
        if not name:
            errors.append(("name", _("Give your name.")))
        elif len(name) > 150:
            errors.append(("name", _("The name is too long (at most 150 characters).")))
        elif "\x00" in name:
            errors.append(("name", _("Null characters are not allowed.")))
        try:
            validate_email(email)
        except ValidationError:
            errors.append(("email", _("Give a valid email address.")))
        if errors:
            error = InvalidInput("; ".join(str(m) for _f, m in errors), field=errors[0][0])
            error.details = [{"field": f, "message": str(m)} for f, m in errors]
            raise error
    email = email.lower()
    cleaned = clean_answers(event, answers)
    if event.consent_text and not consent:
        raise InvalidInput(_("Tick the consent line to register."), field="consent")
    state = event.registration_state()
    if state != "open":
        raise RegistrationClosed(state)
    try:
        with transaction.atomic():
            locked = _lock_event(event.pk)
            # The time is read under the lock, so the waiting list (by `queued_at`) is in the
            # order registrations commit: read before it, a request that waited for the lock
            # would queue ahead of those that committed while it waited.
            now = timezone.now()
            state = locked.registration_state(now)
            if state != "open":
                raise RegistrationClosed(state)
            taken = Registration.objects.filter(event=locked, status__in=ACTIVE_STATUSES).filter(
                Q(email__iexact=email) | (Q(user=user) if user else Q(pk__in=[]))
            )
            if taken.exists():
                raise AlreadyRegistered()
            registration = Registration(
                event=locked,
                user=user,
                name=name,
                email=email,
                answers=cleaned,
                consented_at=now if consent and locked.consent_text else None,
                source=source,
                language=language or translation.get_language() or settings.LANGUAGE_CODE,
                created_at=now,
            )
            if user is None and locked.guests_must_confirm:
                registration.status = RegistrationStatus.PENDING
            else:
                _seat_or_queue(locked, registration, now)
            registration.save()
            audit_log(
                actor=user,
                action="events.registration.created",
                target=registration,
                data={"status": registration.status, "source": source},
            )
    except IntegrityError as error:  # a concurrent twin got in first
        raise AlreadyRegistered() from error
    # Rendered after the commit, so the lock on the event is held no longer than it must be.
    emails.send_registered(registration)
    # Registering for an event in a series follows the series (the view says so).
    registration.now_following = notices.auto_follow_series(registration)
    return registration


def registration_confirm_email(*, token: str) -> Registration:
    """A guest opened the link in the email (`registration_confirmation_token`, never the public
    token): now they get a seat or a place in the queue, counted under the event's lock."""
    registration = registration_from_confirmation_token(token)
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != RegistrationStatus.PENDING:
            return registration
        state = event.registration_state()
        if state != "open":
            raise RegistrationClosed(state)
        now = timezone.now()
        _seat_or_queue(event, registration, now)
        registration.save(update_fields=["status", "confirmed_at", "queued_at"])
        audit_log(
            actor=registration.user,
            action="events.registration.email_confirmed",
            target=registration,
            data={"status": registration.status},
        )
    emails.send_registered(registration)
    return registration


def _fill_free_seats(event: Event) -> list[Registration]:
    """Promote waiting people into free seats, first come first served. The event is locked."""
    if event.capacity is None:
        waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
        free = None
    else:
        free = event.capacity - _confirmed_count(event)
        if free <= 0:
            return []
        waiting = Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED)
    queue = waiting.order_by("queued_at", "pk")
    promoted = list(queue if free is None else queue[:free])
    now = timezone.now()
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        audit_log(actor=None, action="events.registration.promoted", target=registration)
    return promoted


def registration_cancel(*, registration: Registration, actor=None) -> list[Registration]:
    """Cancel a registration; a freed seat goes at once to the first person waiting (returned)."""
    with transaction.atomic():
        event = _lock_event(registration.event_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == RegistrationStatus.CANCELLED:
            return []
        current.status = RegistrationStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        audit_log(actor=actor, action="events.registration.cancelled", target=current)
        promoted = _fill_free_seats(event) if not event.is_past else []
        notices.seats_given(event, promoted)
    emails.send_cancelled(current)
    for person in promoted:
        emails.send_promoted(person)
    registration.status = current.status
    registration.cancelled_at = current.cancelled_at
    return promoted


def registration_check_in(*, actor, registration: Registration, attended: bool = True) -> None:
    if registration.status != RegistrationStatus.CONFIRMED:
        raise Conflict(_("Only confirmed participants can be checked in."))
    with transaction.atomic():
        registration.checked_in_at = timezone.now() if attended else None
        registration.save(update_fields=["checked_in_at"])
        audit_log(
            actor=actor,
            action="events.registration.checked_in"
            if attended
            else "events.registration.unchecked",
            target=registration,
        )


# --- Agenda input, invitations, messages ------------------------------------------------------------


def agenda_input_create(*, registration: Registration, text: str) -> AgendaInput:
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("Write your input first."), field="text")
    if len(text) > 2000:
        raise InvalidInput(_("At most 2000 characters."), field="text")
    event = registration.event
    if not event.agenda_input:
        raise NotPermitted(_("This event does not collect input to the agenda."))
    if registration.status not in PARTICIPATING:
        raise NotPermitted(_("Only registered participants can send input."))
    with transaction.atomic():
        item = AgendaInput.objects.create(event=event, registration=registration, text=text)
        audit_log(actor=registration.user, action="events.agenda_input.created", target=item)
    return item


def agenda_input_set_status(
    *, actor, item: AgendaInput, status: str, note: str = ""
) -> AgendaInput:
    if status not in AgendaInputStatus.values:
        raise InvalidInput(_("Unknown status."), field="status")
    with transaction.atomic():
        item.status = status
        item.organiser_note = (note or "")[:300]
        item.save(update_fields=["status", "organiser_note"])
        audit_log(
            actor=actor, action="events.agenda_input.curated", target=item, data={"status": status}
        )
    return item


def _email_hash(email: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{email.strip().lower()}".encode()).hexdigest()


def invitation_send(*, registration: Registration, email: str, message: str = "") -> Invitation:
    """Invite someone to the event. Each address is invited once per event; the address is not
    kept (only a keyed hash that stops repeats)."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise InvalidInput(_("Give a valid email address."), field="email") from error
    if len(message) > 500:
        raise InvalidInput(_("At most 500 characters."), field="message")
    if registration.status not in PARTICIPATING:
        raise NotPermitted(_("Only registered participants can invite others."))
    if email.lower() == registration.email.lower():
        raise InvalidInput(_("Invite someone else than yourself."), field="email")
    event = registration.event
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                event=event, registration=registration, email_hash=_email_hash(email)
            )
            audit_log(actor=registration.user, action="events.invitation.sent", target=invitation)
            emails.send_invitation(invitation, email=email, message=message.strip())
    except IntegrityError as error:
        raise Conflict(_("This address has already been invited to the event.")) from error
    return invitation


def event_message_send(
    *, actor, event: Event, subject: str, body: str, to_waitlist: bool = False
) -> EventMessage:
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or not body:
        raise InvalidInput(
            _("Write a subject and a message."), field="subject" if not subject else "body"
        )
    statuses = [RegistrationStatus.CONFIRMED]
    if to_waitlist:
        statuses.append(RegistrationStatus.WAITLISTED)
    with transaction.atomic():
        recipients = list(event.registrations.filter(status__in=statuses))
        message = EventMessage.objects.create(
            event=event,
            sender=actor,
            subject=subject[:200],
            body=body,
            to_waitlist=to_waitlist,
            recipient_count=len(recipients),
        )
        audit_log(
            actor=actor,
            action="events.message.sent",
            target=event,
            data={"recipients": len(recipients), "subject": message.subject},
        )
        for registration in recipients:
            emails.send_organiser_message(registration, message)
    return message


# --- Personal data --------------------------------------------------------------------------------


def personal_data_export(*, user) -> list[dict]:
    rows = []
    registrations = (
        Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        .select_related("event")
        .prefetch_related("agenda_inputs")
    )
    for r in registrations:
        rows.append(
            {
                "event": r.event.title,
                "starts": r.event.starts_at.isoformat(),
                "status": r.status,
                "name": r.name,
                "email": r.email,
                "answers": r.answers,
                "consent_given": r.consented_at.isoformat() if r.consented_at else None,
                "registered": r.created_at.isoformat(),
                "checked_in": r.checked_in_at.isoformat() if r.checked_in_at else None,
                "agenda_input": [a.text for a in r.agenda_inputs.all()],
            }
        )
    return rows


def personal_data_erase(*, user) -> None:
    """Before an account is deleted: give up its seats (promoting the waiting list), then delete
    its registrations and what hangs on them; audit entries keep only the registration's number."""
    with transaction.atomic():
        registrations = list(
            Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email))
        )
        for registration in registrations:
            if registration.status in ACTIVE_STATUSES:
                registration_cancel(registration=registration, actor=None)
        audit_entries_anonymise(Registration, [r.pk for r in registrations])
        Registration.objects.filter(pk__in=[r.pk for r in registrations]).delete()
