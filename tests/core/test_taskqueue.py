"""The database task queue keeps no personal data past an account's deletion, prunes old results,
and gives tasks a dead worker left behind another go."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from samspill.core import services
from samspill.core.models import OutgoingEmail
from samspill.core.taskqueue import tasks_prune, tasks_requeue_stuck
from samspill.core.tasks import send_outgoing_email
from samspill.events import services as event_services
from samspill.network import contact
from tests.core.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def queued(settings):
    """Tasks wait in the database (as in production) instead of running at once."""
    settings.TASKS = DATABASE_TASKS


def run_queued_tasks() -> int:
    """What `samspill worker` does with each ready task."""
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    for result in list(DBTaskResult.objects.ready()):
        result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1
    return ran


def rows_containing(needle: str) -> list[str]:
    """Every table and column holding `needle` (as typed, or as JSON escapes it)."""
    import json

    spellings = {needle.lower(), json.dumps(needle)[1:-1].lower()}
    found = []
    for model in apps.get_models(include_auto_created=True):
        for row in model._base_manager.values():
            for column, value in row.items():
                text = str(value).lower()
                if any(spelling in text for spelling in spellings):
                    found.append(f"{model._meta.db_table}.{column}")
    return found


def test_email_tasks_carry_an_id_not_the_message(queued, django_capture_on_commit_callbacks):
    from samspill.core.mail import enqueue_message

    with django_capture_on_commit_callbacks(execute=True):
        enqueue_message(
            mail.EmailMessage(subject="Hei", body="Hemmelig 4711", to=["kari@example.org"])
        )
    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {
        "args": [],
        "kwargs": {"message_id": OutgoingEmail.objects.get().pk},
    }
    assert run_queued_tasks() == 1
    assert [m.body for m in mail.outbox] == ["Hemmelig 4711"]
    assert not OutgoingEmail.objects.exists()  # sent, so gone
    assert "Hemmelig" not in str(DBTaskResult.objects.values().get())


def test_account_deletion_leaves_no_email_name_message_or_reset_link_anywhere(
    queued, client, home_page, django_capture_on_commit_callbacks
):
    person = UserFactory(name="Åse Slettesen", email="ase.slettesen@example.org")
    organisation = OrganisationFactory()
    admin = MembershipFactory(organisation=organisation, role="admin").user
    event = make_event(organisers=[organisation])
    secret_message = "Hemmelig melding nummer 4711"

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/konto/password/reset/", {"email": person.email}).status_code == 302
        contact.relay(
            sender=person,
            recipients=[admin],
            subject="Et spørsmål",
            message=secret_message,
            page_url="http://127.0.0.1/",
            about=organisation.name,
        )
    reset_body = OutgoingEmail.objects.get(to=person.email).body
    token = re.search(r"/key/([^/\s]+)/", reset_body).group(1)
    assert run_queued_tasks() >= 2  # these two were sent (and search indexing); the next waits
    with django_capture_on_commit_callbacks(execute=True):
        event_services.registration_create(event=event, user=person, consent=True)
    assert OutgoingEmail.objects.filter(to=person.email).exists()

    services.user_delete(user=person)

    for needle in (person.email, "Åse Slettesen", secret_message, token):
        assert rows_containing(needle) == [], needle
    run_queued_tasks()
    assert person.email not in str([m.to for m in mail.outbox[2:]])  # nothing sent to them after


def test_finished_results_are_pruned_after_the_retention(queued, settings):
    settings.TASKS_RESULT_RETENTION_DAYS = 30
    now = timezone.now()
    old, recent, waiting = (send_outgoing_email.enqueue(message_id=n).id for n in (1, 2, 3))
    DBTaskResult.objects.filter(id__in=[old, recent]).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=now - timedelta(days=31)
    )
    DBTaskResult.objects.filter(id=recent).update(finished_at=now - timedelta(days=29))
    DBTaskResult.objects.filter(id=waiting).update(enqueued_at=now - timedelta(days=90))

    assert tasks_prune(now=now)["task_results"] == 1
    assert {str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)} == {
        str(recent),
        str(waiting),
    }


def test_the_prune_tasks_command(queued, capsys):
    result = send_outgoing_email.enqueue(message_id=1)
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now() - timedelta(days=400)
    )
    call_command("prune_tasks")
    assert "task results: 1" in capsys.readouterr().out
    assert not DBTaskResult.objects.exists()


def test_tasks_a_dead_worker_left_running_are_queued_again_then_failed(queued, settings):
    settings.TASKS_RUNNING_TIMEOUT = 600
    settings.TASKS_MAX_ATTEMPTS = 3
    now = timezone.now()
    stuck, tried_out, fresh = (send_outgoing_email.enqueue(message_id=n).id for n in (1, 2, 3))
    running = {"status": TaskResultStatus.RUNNING, "started_at": now - timedelta(minutes=11)}
    DBTaskResult.objects.filter(id=stuck).update(**running, worker_ids=["a"])
    DBTaskResult.objects.filter(id=tried_out).update(**running, worker_ids=["a", "b", "c"])
    DBTaskResult.objects.filter(id=fresh).update(
        status=TaskResultStatus.RUNNING, started_at=now - timedelta(minutes=9), worker_ids=["d"]
    )

    assert tasks_requeue_stuck(now=now) == 2
    status = {str(pk): value for pk, value in DBTaskResult.objects.values_list("id", "status")}
    assert status[stuck] == TaskResultStatus.READY
    assert status[tried_out] == TaskResultStatus.FAILED
    assert status[fresh] == TaskResultStatus.RUNNING
    failed = DBTaskResult.objects.get(id=tried_out)
    assert failed.finished_at == now and "stopped" in failed.traceback
    assert [str(pk) for pk in DBTaskResult.objects.ready().values_list("id", flat=True)] == [stuck]


def test_the_worker_requeues_stuck_tasks_when_it_starts(queued, settings, monkeypatch):
    from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

    settings.TASKS_RUNNING_TIMEOUT = 60
    result = send_outgoing_email.enqueue(message_id=1)
    DBTaskResult.objects.filter(id=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - timedelta(hours=2),
        worker_ids=["dead"],
    )
    monkeypatch.setattr(DatabaseWorkerCommand, "handle", lambda self, *a, **kw: None)
    call_command("worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.READY
