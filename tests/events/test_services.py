"""The rules of registration, kept by `events.services` whoever calls them (pages, API, admin)."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from icalendar import Calendar
from wagtail.models import ModelLogEntry

from samspill.core.errors import Conflict, InvalidInput, NotFound, NotPermitted
from samspill.core.services import user_delete, user_export_data
from samspill.events import reminders, services
from samspill.events.models import AgendaInputStatus, Event, Invitation, Registration
from tests.core.factories import UserFactory
from tests.events.factories import DIET, NEWSLETTER, ROLE, in_days, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """These tests read messages and emails in English: say so, rather than depend on what an
    earlier test in the same thread left active (a page test leaves bokmål)."""
    with translation.override("en"):
        yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the after-commit work (emails, tasks) of what happens inside the block."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def register(event, n: int, **fields) -> list[Registration]:
    return [
        services.registration_create(
            event=event, name=f"Gjest {i}", email=f"gjest{i}@example.org", **fields
        )
        for i in range(n)
    ]


def statuses(event) -> list[str]:
    return list(event.registrations.order_by("pk").values_list("status", flat=True))


# --- Capacity and the waiting list ----------------------------------------------------------------


def test_seats_go_to_the_first_registrations_and_the_rest_wait_in_order(committed):
    event = make_event(capacity=2)
    with committed():
        people = register(event, 5)
    assert [p.status for p in people] == ["confirmed"] * 2 + ["waitlisted"] * 3
    assert [p.waitlist_position for p in people[2:]] == [1, 2, 3]
    assert event.seats_left == 0
    subjects = [m.subject for m in mail.outbox]
    assert sum("registered" in s for s in subjects) == 2
    assert sum("waiting list" in s for s in subjects) == 3


def test_a_confirmation_email_carries_the_calendar_file_and_the_registration_link(committed):
    event = make_event(
        capacity=5, attendance_mode="mixed", online_url="https://meet.example.org/abc"
    )
    with committed():
        registration = services.registration_create(
            event=event, name="Kari Nordmann", email="Kari@Example.org"
        )
    assert registration.email == "kari@example.org"
    (message,) = mail.outbox
    assert message.to == ["kari@example.org"]
    assert services.registration_token(registration) in message.body
    assert "https://meet.example.org/abc" in message.body
    name, content, mimetype = message.attachments[0]
    assert name == "invite.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]).startswith(str(event.uid))
    assert "https://meet.example.org/abc" in str(vevent["DESCRIPTION"])


def test_the_waiting_list_gets_no_meeting_link(committed):
    event = make_event(
        capacity=1, attendance_mode="online", venue_name="", online_url="https://meet.example.org/x"
    )
    with committed():
        register(event, 2)
    assert "meet.example.org" in mail.outbox[0].body
    assert "meet.example.org" not in mail.outbox[1].body
    assert not mail.outbox[1].attachments


def test_a_cancellation_promotes_the_first_waiting_person_at_once_and_tells_them(committed):
    event = make_event(capacity=2)
    _first, second, waiting_1, waiting_2 = register(event, 4)
    mail.outbox.clear()
    with committed():
        promoted = services.registration_cancel(registration=second)
    assert [p.pk for p in promoted] == [waiting_1.pk]
    waiting_1.refresh_from_db()
    waiting_2.refresh_from_db()
    assert waiting_1.status == "confirmed" and waiting_1.confirmed_at is not None
    assert waiting_2.status == "waitlisted" and waiting_2.waitlist_position == 1
    assert {m.to[0] for m in mail.outbox} == {second.email, waiting_1.email}
    promoted_mail = next(m for m in mail.outbox if m.to == [waiting_1.email])
    assert "seat" in promoted_mail.subject and promoted_mail.attachments


def test_cancelling_twice_or_a_waiting_registration_frees_no_extra_seat():
    event = make_event(capacity=1)
    seated, waiting_1, waiting_2 = register(event, 3)
    assert services.registration_cancel(registration=waiting_1) == []
    assert services.registration_cancel(registration=waiting_1) == []
    promoted = services.registration_cancel(registration=seated)
    assert [p.pk for p in promoted] == [waiting_2.pk]
    assert services.registration_cancel(registration=seated) == []
    assert statuses(event) == ["cancelled", "cancelled", "confirmed"]


def test_without_a_waiting_list_a_full_event_refuses():
    event = make_event(capacity=1, waiting_list=False)
    register(event, 1)
    with pytest.raises(services.EventFull):
        services.registration_create(event=event, name="Ola", email="ola@example.org")


def test_an_event_without_capacity_never_fills():
    event = make_event(capacity=None)
    assert {r.status for r in register(event, 30)} == {"confirmed"}
    assert event.seats_left is None


def test_more_seats_promote_the_waiting_list(committed):
    event = make_event(capacity=1)
    register(event, 4)
    event.capacity = 3
    with committed():
        services.event_save(actor=None, event=event)
    assert statuses(event) == ["confirmed", "confirmed", "confirmed", "waitlisted"]


# --- One registration per person ------------------------------------------------------------------


def test_one_active_registration_per_email_whatever_the_case():
    event = make_event()
    services.registration_create(event=event, name="Kari", email="kari@example.org")
    with pytest.raises(services.AlreadyRegistered) as error:
        services.registration_create(event=event, name="Kari N.", email="KARI@example.org")
    assert error.value.status == 409


def test_a_signed_in_person_registers_once_and_may_register_again_after_cancelling():
    event = make_event()
    person = UserFactory(name="Per Hansen")
    registration = services.registration_create(event=event, user=person)
    assert (registration.name, registration.email, registration.user) == (
        "Per Hansen",
        person.email,
        person,
    )
    with pytest.raises(services.AlreadyRegistered):
        services.registration_create(event=event, user=person)
    with pytest.raises(services.AlreadyRegistered):
        services.registration_create(event=event, name="Per", email=person.email)
    services.registration_cancel(registration=registration)
    again = services.registration_create(event=event, user=person)
    assert again.pk != registration.pk and again.status == "confirmed"


def test_the_database_refuses_a_second_active_registration():
    event = make_event()
    services.registration_create(event=event, name="Kari", email="kari@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            event=event, name="Kari", email="KARI@EXAMPLE.ORG", status="waitlisted"
        )
    # a cancelled one does not count
    Registration.objects.create(
        event=event, name="Kari", email="kari@example.org", status="cancelled"
    )


# --- Guests who confirm their address -------------------------------------------------------------


def test_a_guest_who_must_confirm_takes_no_seat_until_confirming(committed):
    event = make_event(capacity=1, guests_must_confirm=True)
    with committed():
        pending = services.registration_create(event=event, name="Gjest", email="g@example.org")
    assert pending.status == "pending"
    assert "Confirm" in mail.outbox[0].subject and not mail.outbox[0].attachments
    member = services.registration_create(event=event, user=UserFactory())
    assert member.status == "confirmed"  # signed-in people need no confirmation
    secret = services.registration_confirmation_token(pending)
    assert secret in mail.outbox[0].body
    with committed():
        confirmed = services.registration_confirm_email(token=secret)
    assert confirmed.status == "waitlisted" and confirmed.queued_at is not None
    assert services.registration_confirm_email(token=secret).status == "waitlisted"


def test_only_the_emailed_secret_confirms_a_guest(committed):
    event = make_event(guests_must_confirm=True)
    with committed():
        pending = services.registration_create(event=event, name="Gjest", email="g@example.org")
    public = services.registration_token(pending)
    secret = services.registration_confirmation_token(pending)
    assert secret != public and public.split(":")[0] not in secret
    for wrong in (public, "garbage", secret[:-2] + "xx", "e30:" + secret.split(":")[-1]):
        with pytest.raises(NotFound):
            services.registration_confirm_email(token=wrong)
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert services.registration_confirm_email(token=secret).status == "confirmed"


def test_a_confirmation_after_cancelling_gives_no_seat(committed):
    event = make_event(guests_must_confirm=True, capacity=1)
    with committed():
        pending = services.registration_create(event=event, name="Gjest", email="g@example.org")
    services.registration_cancel(registration=pending)
    confirmed = services.registration_confirm_email(
        token=services.registration_confirmation_token(pending)
    )
    assert confirmed.status == "cancelled" and event.seats_left == 1


# --- When registration is open --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "state"),
    [
        ({"registration_opens_at": in_days(2)}, "not_yet"),
        ({"registration_closes_at": in_days(-1), "registration_opens_at": in_days(-3)}, "closed"),
        ({"status": "cancelled"}, "cancelled"),
        ({"status": "postponed"}, "closed"),
        ({"registration_required": False}, "not_required"),
        ({"starts_at": in_days(-1, 10), "ends_at": in_days(1, 10)}, "closed"),
    ],
)
def test_registration_outside_its_window_is_refused(fields, state):
    event = make_event(**fields)
    assert event.registration_state() == state
    with pytest.raises(services.RegistrationClosed) as error:
        services.registration_create(event=event, name="Ola", email="ola@example.org")
    assert error.value.status == 403 and error.value.state == state


# --- Answers and consent --------------------------------------------------------------------------


def test_answers_are_checked_and_every_bad_one_is_named():
    event = make_event(questions=[DIET, ROLE, NEWSLETTER])
    diet, role, newsletter = event.questions.order_by("sort_order")
    with pytest.raises(InvalidInput) as error:
        services.registration_create(
            event=event,
            name="Ola",
            email="ola@example.org",
            answers={str(newsletter.pk): "kanskje", "9999": "x"},
        )
    fields = {d["field"] for d in error.value.details}
    assert fields == {f"answers.{diet.pk}", f"answers.{newsletter.pk}", "answers.9999"}
    registration = services.registration_create(
        event=event,
        name="Ola",
        email="ola@example.org",
        answers={f"q{diet.pk}": "Vegan", role.pk: " Booker ", str(newsletter.pk): True},
    )
    assert registration.answers == {
        str(diet.pk): "Vegan",
        str(role.pk): "Booker",
        str(newsletter.pk): "yes",
    }


def test_a_choice_outside_the_options_is_refused():
    event = make_event(questions=[DIET])
    diet = event.questions.get()
    with pytest.raises(InvalidInput, match="Vegetar"):
        services.registration_create(
            event=event, name="Ola", email="ola@example.org", answers={diet.pk: "Pizza"}
        )


def test_guests_need_a_name_and_a_valid_address():
    event = make_event()
    with pytest.raises(InvalidInput) as error:
        services.registration_create(event=event, name=" ", email="not-an-address")
    assert {d["field"] for d in error.value.details} == {"name", "email"}


def test_the_consent_line_must_be_ticked_and_is_recorded():
    event = make_event(consent_text="Jeg godtar at navnet mitt deles med de andre deltakerne.")
    with pytest.raises(InvalidInput) as error:
        services.registration_create(event=event, name="Ola", email="ola@example.org")
    assert error.value.field == "consent"
    registration = services.registration_create(
        event=event, name="Ola", email="ola@example.org", consent=True
    )
    assert registration.consented_at is not None


# --- Tokens ---------------------------------------------------------------------------------------


def test_a_registration_is_found_by_its_signed_token_only():
    event = make_event()
    registration = register(event, 1)[0]
    token = services.registration_token(registration)
    assert services.registration_from_token(token).pk == registration.pk
    key, signature = token.split(":")
    with pytest.raises(NotFound):
        services.registration_from_token(f"{key}:{signature[:-2]}xx")
    with pytest.raises(NotFound):
        services.registration_from_token("garbage")


# --- Changes to the event -------------------------------------------------------------------------


def test_a_new_time_raises_the_calendar_revision_and_tells_everyone_registered(committed):
    event = make_event(capacity=1)
    register(event, 2)
    mail.outbox.clear()
    event.title = "Nytt navn"  # not a schedule change
    services.event_save(actor=None, event=event)
    assert Event.objects.get(pk=event.pk).sequence == 0
    event.starts_at += datetime.timedelta(hours=1)
    event.ends_at += datetime.timedelta(hours=1)
    with committed():
        services.event_save(actor=None, event=event)
    event.refresh_from_db()
    assert event.sequence == 1
    assert len(mail.outbox) == 2 and all("Changed" in m.subject for m in mail.outbox)
    vevent = Calendar.from_ical(mail.outbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert vevent["SEQUENCE"] == 1


def test_cancelling_the_event_sends_a_cancelled_calendar_entry(committed):
    event = make_event()
    register(event, 1)
    mail.outbox.clear()
    event.status = "cancelled"
    with committed():
        services.event_save(actor=None, event=event)
    (message,) = mail.outbox
    assert "Cancelled" in message.subject
    vevent = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")[0]
    assert vevent["STATUS"] == "CANCELLED"


def test_an_event_must_end_after_it_starts_and_have_an_organiser():
    event = make_event()
    event.ends_at = event.starts_at
    with pytest.raises(InvalidInput):
        services.event_save(actor=None, event=event)
    event.refresh_from_db()
    with pytest.raises(InvalidInput):
        services.event_save(actor=None, event=event, organisers=[])


def test_an_event_on_site_needs_a_place():
    event = make_event()
    event.venue_name = event.street_address = ""
    with pytest.raises(InvalidInput, match="venue"):
        services.event_save(actor=None, event=event)


# --- Reminders ------------------------------------------------------------------------------------


def test_reminders_go_once_to_confirmed_participants_of_events_starting_within_a_day(committed):
    soon = make_event(
        capacity=1,
        starts_at=timezone.now() + datetime.timedelta(hours=20),
        ends_at=timezone.now() + datetime.timedelta(hours=22),
    )
    later = make_event(capacity=5)
    register(soon, 2)
    register(later, 1)
    mail.outbox.clear()
    with committed():
        assert reminders.reminders_send() == 1
    assert reminders.reminders_send() == 0
    (message,) = mail.outbox
    assert "Reminder" in message.subject and message.to == ["gjest0@example.org"]
    reminded = Registration.objects.get(event=soon, email="gjest0@example.org")
    assert (
        ModelLogEntry.objects.filter(
            action="events.registration.reminded", object_id=str(reminded.pk)
        ).count()
        == 1
    )


def test_reminders_are_queued_for_the_day_before_when_the_backend_can_wait(monkeypatch, committed):
    from django_tasks import default_task_backend

    from samspill.events import tasks

    queued = []

    class Deferred:
        def __init__(self, run_after):
            self.run_after = run_after

        def enqueue(self, event_id):
            queued.append((event_id, self.run_after))

    class FakeTask:
        def using(self, run_after):
            return Deferred(run_after)

    real_task = tasks.send_event_reminders
    monkeypatch.setattr(default_task_backend, "supports_defer", True)
    monkeypatch.setattr(tasks, "send_event_reminders", FakeTask())
    with committed():
        event = make_event()
    assert queued == [(event.pk, event.starts_at - datetime.timedelta(days=1))]
    assert real_task.call(event.pk) == 0  # not within a day yet


# --- Agenda input, invitations, messages ----------------------------------------------------------


def test_participants_send_agenda_input_and_organisers_curate_it():
    event = make_event()
    registration = register(event, 1)[0]
    item = services.agenda_input_create(registration=registration, text="  Finansiering  ")
    assert item.text == "Finansiering" and item.status == "new"
    services.agenda_input_set_status(
        actor=None, item=item, status=AgendaInputStatus.ACCEPTED, note="Tas opp kl. 13"
    )
    item.refresh_from_db()
    assert (item.status, item.organiser_note) == ("accepted", "Tas opp kl. 13")
    with pytest.raises(InvalidInput):
        services.agenda_input_create(registration=registration, text=" ")
    services.registration_cancel(registration=registration)
    registration.refresh_from_db()
    with pytest.raises(NotPermitted):
        services.agenda_input_create(registration=registration, text="Mer")


def test_an_invitation_sends_the_event_link_once_per_address_without_keeping_it(committed):
    event = make_event()
    registration = register(event, 1)[0]
    mail.outbox.clear()
    with committed():
        services.invitation_send(
            registration=registration, email="kollega@example.org", message="Bli med!"
        )
    (message,) = mail.outbox
    assert message.to == ["kollega@example.org"]
    assert event.get_absolute_url() in message.body and "Bli med!" in message.body
    assert "Gjest 0" in message.body
    invitation = Invitation.objects.get()
    assert "kollega" not in invitation.email_hash
    with pytest.raises(Conflict):
        services.invitation_send(registration=registration, email="KOLLEGA@example.org")
    with pytest.raises(InvalidInput):
        services.invitation_send(registration=registration, email="nope")


def test_a_message_reaches_every_confirmed_participant_and_optionally_the_waiting_list(committed):
    event = make_event(capacity=2)
    register(event, 3)
    mail.outbox.clear()
    with committed():
        message = services.event_message_send(
            actor=None, event=event, subject="Praktisk info", body="Dørene åpner 17.30."
        )
    assert message.recipient_count == 2 and len(mail.outbox) == 2
    assert "Dørene åpner 17.30." in mail.outbox[0].body
    mail.outbox.clear()
    with committed():
        services.event_message_send(
            actor=None, event=event, subject="Til alle", body="Hei", to_waitlist=True
        )
    assert len(mail.outbox) == 3


def test_check_in_is_for_confirmed_participants():
    event = make_event(capacity=1)
    seated, waiting = register(event, 2)
    services.registration_check_in(actor=None, registration=seated)
    assert seated.checked_in_at is not None
    services.registration_check_in(actor=None, registration=seated, attended=False)
    assert seated.checked_in_at is None
    with pytest.raises(Conflict):
        services.registration_check_in(actor=None, registration=waiting)


# --- Personal data --------------------------------------------------------------------------------


def test_a_persons_registrations_are_exported_and_deleted_with_the_account(committed):
    event = make_event(capacity=1, questions=[ROLE])
    person = UserFactory()
    mine = services.registration_create(
        event=event, user=person, answers={event.questions.get().pk: "Produsent"}
    )
    services.agenda_input_create(registration=mine, text="Mitt innspill")
    waiting = services.registration_create(event=event, name="Neste", email="neste@example.org")
    exported = user_export_data(user=person)["event_registrations"]
    assert exported[0]["answers"] == {str(event.questions.get().pk): "Produsent"}
    assert exported[0]["agenda_input"] == ["Mitt innspill"]
    with committed():
        user_delete(user=person)
    assert not Registration.objects.filter(email=person.email).exists()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


# --- Series and the audit log ---------------------------------------------------------------------


def test_a_series_is_saved_and_deleted_with_audit_entries_and_its_events_stay():
    from wagtail.models import ModelLogEntry

    from samspill.events.models import EventSeries

    event = make_event()
    series = services.event_series_save(
        actor=None,
        series=EventSeries(title="Webinarer om skatt", organisation=event.organisers.get()),
    )
    assert series.slug == "webinarer-om-skatt"
    event.series = series
    services.event_save(actor=None, event=event)
    with pytest.raises(InvalidInput):
        services.event_series_save(
            actor=None,
            series=EventSeries(
                title="Annen", slug="webinarer-om-skatt", organisation=series.organisation
            ),
        )
    services.event_series_delete(actor=None, series=series)
    event.refresh_from_db()
    assert event.series is None
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {"events.series.created", "events.series.deleted"} <= actions


def test_exporting_the_participants_is_written_in_the_audit_log():
    from wagtail.models import ModelLogEntry

    event = make_event()
    services.participants_exported(actor=None, event=event, file_format="xlsx")
    entry = ModelLogEntry.objects.get(action="events.participants.exported")
    assert entry.data == {"format": "xlsx"} and entry.object_id == str(event.pk)
