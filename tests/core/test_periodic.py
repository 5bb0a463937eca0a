"""Periodic jobs without cron (`core.periodic`): the schedule in the database, claims that hold
across workers, failures that are recorded, `samspill jobs`, and the admin's screen."""

import threading
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone, translation

from samspill.core import periodic, registry
from samspill.core.models import JobStatus, PeriodicJob

pytestmark = pytest.mark.django_db

EXPECTED = {
    "events.send_reminders": 15,
    "knowledge.check_links": 24 * 60,
    "network.send_match_digests": 60,
    "core.prune_task_results": 24 * 60,
    "core.prune_expired": 60,
    "core.newsletters.send": 5,
    "answers.prune_embeddings": 24 * 60,
    "answers.rebuild_if_stale": 10,
    "core.prune_email_log": 24 * 60,
    "core.notifications.daily": 24 * 60,
    "core.notifications.weekly": 7 * 24 * 60,
}


@pytest.fixture
def jobs(monkeypatch):
    """Only the test's own jobs are registered (the real ones would send emails and fetch links)."""
    monkeypatch.setattr(registry._registry, "periodic_jobs", {})

    def add(name, run, interval=60, at=""):
        registry.register_periodic_job(
            registry.PeriodicJob(
                name=name, label=lambda: f"Label of {name}", run=run, interval=interval, at=at
            )
        )

    return add


def _due(name, **fields):
    periodic.sync_jobs()
    fields.setdefault("next_run_at", timezone.now() - timedelta(minutes=1))
    PeriodicJob.objects.filter(name=name).update(**fields)
    return PeriodicJob.objects.get(name=name)


# --- Registration ---------------------------------------------------------------------------------


def test_every_app_registers_its_job_and_migrate_made_their_rows():
    registered = registry.periodic_jobs()
    assert {name: job.interval for name, job in registered.items()} == EXPECTED
    assert registered["knowledge.check_links"].at == "03:00"
    periodic.sync_jobs()
    rows = {row.name: row for row in PeriodicJob.objects.all()}
    assert set(rows) == set(EXPECTED)
    for name, interval in EXPECTED.items():
        assert rows[name].interval == rows[name].default_interval == interval
        assert rows[name].enabled and rows[name].next_run_at is not None


def test_the_registered_jobs_do_their_work_and_say_what_they_did():
    """Each real job runs against an empty hub and returns its counts."""
    for name in EXPECTED:
        row = periodic.run_now(name)
        assert row.last_status == JobStatus.OK, (name, row.last_error)
        assert row.run_count == 1 and row.last_result, name


def test_prune_expired_deletes_expired_sessions_and_rate_limit_counters():
    from django.contrib.sessions.models import Session

    from samspill.core.models import RateLimitCounter

    past, future = timezone.now() - timedelta(hours=1), timezone.now() + timedelta(hours=1)
    Session.objects.create(session_key="old", session_data="x", expire_date=past)
    Session.objects.create(session_key="new", session_data="x", expire_date=future)
    RateLimitCounter.objects.create(key="old", count=1, expires_at=past)
    row = periodic.run_now("core.prune_expired")
    assert row.last_result["sessions"] == 1 and row.last_result["rate_limit_counters"] == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]


def test_sync_keeps_an_interval_an_admin_changed_and_follows_new_defaults_otherwise(jobs):
    jobs("test.kept", run=dict, interval=60)
    jobs("test.follows", run=dict, interval=60)
    assert periodic.sync_jobs() == 2
    assert periodic.sync_jobs() == 0
    PeriodicJob.objects.filter(name="test.kept").update(interval=5)
    jobs("test.kept", run=dict, interval=30)
    jobs("test.follows", run=dict, interval=30)
    periodic.sync_jobs()
    assert PeriodicJob.objects.get(name="test.kept").interval == 5
    assert PeriodicJob.objects.get(name="test.follows").interval == 30


def test_a_job_pinned_to_a_time_of_day_runs_then_in_the_site_time_zone(jobs, settings):
    settings.TIME_ZONE = "Europe/Oslo"
    jobs("test.nightly", run=dict, interval=24 * 60, at="03:00")
    job = registry.periodic_job("test.nightly")
    start = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)  # 15:00 in Oslo
    with timezone.override("Europe/Oslo"):
        assert periodic.first_run(job, start) == datetime(2026, 12, 8, 2, 0, tzinfo=UTC)
        # A late run (worker down overnight) does not shift the time of day.
        assert periodic.next_run(job, 24 * 60, start) == datetime(2026, 12, 8, 2, 0, tzinfo=UTC)
        assert periodic.next_run(job, 60, start) == start + timedelta(hours=1)


# --- Due, claimed, run, recorded ------------------------------------------------------------------


def test_only_due_enabled_jobs_run_and_their_next_run_moves_on(jobs):
    ran = []
    for name in ("test.due", "test.later", "test.off"):
        jobs(name, run=lambda name=name: ran.append(name) or {"done": 1})
    now = timezone.now()
    _due("test.due")
    _due("test.later", next_run_at=now + timedelta(minutes=5))
    _due("test.off", enabled=False)
    periodic.run_due(by="w1")
    assert ran == ["test.due"]
    row = PeriodicJob.objects.get(name="test.due")
    assert row.last_status == JobStatus.OK and row.last_result == {"done": 1}
    assert row.run_count == 1 and row.failure_count == 0
    assert row.running_since is None and row.claimed_by == ""
    assert row.last_duration is not None and row.last_finished_at >= row.last_started_at
    assert row.next_run_at >= now + timedelta(minutes=59)
    periodic.run_due(by="w1")
    assert ran == ["test.due"]


def test_a_failure_is_recorded_and_the_other_jobs_still_run(jobs):
    def broken():
        raise RuntimeError("the mail server said no")

    jobs("test.a_broken", run=broken)
    jobs("test.b_fine", run=lambda: {"sent": 2})
    _due("test.a_broken")
    _due("test.b_fine")
    periodic.run_due(by="w1")
    failed = PeriodicJob.objects.get(name="test.a_broken")
    assert failed.last_status == JobStatus.FAILED and failed.failure_count == 1
    assert "RuntimeError: the mail server said no" in failed.last_error
    assert "Traceback" in failed.last_error
    assert failed.running_since is None
    assert PeriodicJob.objects.get(name="test.b_fine").last_status == JobStatus.OK
    assert list(periodic.failed_jobs().values_list("name", flat=True)) == ["test.a_broken"]


def test_a_running_job_is_not_claimed_again_but_a_stale_claim_expires(jobs, settings):
    settings.PERIODIC_JOBS_TIMEOUT = 600
    ran = []
    jobs("test.busy", run=lambda: ran.append("busy"))
    jobs("test.lost", run=lambda: ran.append("lost"))
    now = timezone.now()
    _due("test.busy", running_since=now - timedelta(seconds=60), claimed_by="alive:1")
    _due("test.lost", running_since=now - timedelta(seconds=601), claimed_by="dead:2")
    periodic.run_due(by="w1")
    assert ran == ["lost"]
    busy = PeriodicJob.objects.get(name="test.busy")
    assert busy.claimed_by == "alive:1" and busy.running_since is not None
    lost = PeriodicJob.objects.get(name="test.lost")
    # The lost run counts as a failure; the new run succeeded and is the last status.
    assert lost.failure_count == 1 and lost.run_count == 1
    assert lost.last_status == JobStatus.OK and lost.running_since is None


def test_a_claim_is_compare_and_set_on_what_the_worker_read(jobs):
    jobs("test.once", run=dict)
    seen = _due("test.once")
    assert periodic.claim(seen, by="first") is not None
    assert periodic.claim(seen, by="second") is None  # next_run_at and running_since moved on
    assert PeriodicJob.objects.get(name="test.once").claimed_by == "first"


def test_a_stopping_worker_frees_the_claims_of_the_jobs_it_did_not_finish(jobs):
    jobs("test.mine", run=dict)
    jobs("test.theirs", run=dict)
    now = timezone.now()
    _due("test.mine", running_since=now, claimed_by="stopping:1")
    _due("test.theirs", running_since=now, claimed_by="other:2")
    assert periodic.release_claims(by="stopping:1") == 1
    mine = PeriodicJob.objects.get(name="test.mine")
    assert mine.running_since is None and mine.claimed_by == ""
    assert mine.last_status == JobStatus.FAILED and "stopping:1" in mine.last_error
    assert PeriodicJob.objects.get(name="test.theirs").claimed_by == "other:2"
    # Free again, it runs at its next time.
    assert [claimed.job.name for claimed in periodic.claim_due(by="w2")] == ["test.mine"]


@pytest.mark.django_db(transaction=True)
def test_eight_workers_at_once_run_a_due_job_exactly_once(jobs):
    """Threads with their own database connections (SQLite file or PostgreSQL) race to claim."""
    runs, lock = [], threading.Lock()

    def job():
        with lock:
            runs.append(1)
        return {"ran": 1}

    jobs("test.race", run=job)
    _due("test.race")
    barrier, claimed = threading.Barrier(8), []

    def worker(i):
        try:
            barrier.wait()
            claimed.extend(periodic.run_due(by=f"worker-{i}"))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(runs) == 1
    assert len(claimed) == 1
    row = PeriodicJob.objects.get(name="test.race")
    assert row.run_count == 1 and row.last_status == JobStatus.OK


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_loop_survives_errors_and_runs_due_jobs(jobs, monkeypatch):
    ran = threading.Event()
    jobs("test.looped", run=lambda: ran.set())
    _due("test.looped")
    real_claim_due, calls = periodic.claim_due, []

    def flaky_claim_due(**kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        return real_claim_due(**kwargs)

    monkeypatch.setattr(periodic, "claim_due", flaky_claim_due)
    stop = threading.Event()
    thread = threading.Thread(
        target=periodic.scheduler_loop, args=(stop,), kwargs={"poll": 0.05, "by": "loop"}
    )
    thread.start()
    try:
        assert ran.wait(10), "the loop stopped after the error"
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    for _ in range(100):  # the job's own thread records it
        row = PeriodicJob.objects.get(name="test.looped")
        if row.run_count:
            break
        threading.Event().wait(0.05)
    assert row.run_count == 1 and row.last_status == JobStatus.OK


def test_the_worker_starts_the_scheduler_unless_turned_off(monkeypatch, settings):
    from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    started = []
    monkeypatch.setattr(DatabaseWorkerCommand, "handle", lambda self, *a, **k: None)
    monkeypatch.setattr(periodic, "scheduler_loop", lambda stop, **kw: started.append(kw))
    call_command("worker", startup_delay=False, reload=False, verbosity=0)
    assert started == [{"poll": settings.PERIODIC_JOBS_POLL}]
    settings.PERIODIC_JOBS = False
    call_command("worker", startup_delay=False, reload=False, verbosity=0)
    assert len(started) == 1


# --- samspill jobs and the cron commands ----------------------------------------------------------


def _jobs(*args):
    out = StringIO()
    with translation.override("en"):
        call_command("jobs", *args, stdout=out)
    return out.getvalue()


def test_samspill_jobs_lists_interval_last_and_next_run_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Europe/Oslo"
    periodic.sync_jobs()
    at = datetime(2026, 12, 7, 8, 30, tzinfo=UTC)
    PeriodicJob.objects.filter(name="events.send_reminders").update(
        last_started_at=at,
        last_status=JobStatus.OK,
        last_duration=timedelta(seconds=2.5),
        next_run_at=at + timedelta(minutes=15),
    )
    with timezone.override("Europe/Oslo"):
        output = _jobs()
    assert "Europe/Oslo" in output
    line = next(line for line in output.splitlines() if line.startswith("events.send_reminders"))
    assert "every 15 minutes" in line
    assert "2026-12-07 09:30" in line and "2026-12-07 09:45" in line  # UTC+1
    assert "Succeeded" in line and "2.5 s" in line
    nightly = next(line for line in output.splitlines() if line.startswith("knowledge.check_links"))
    assert "every day" in nightly and "never run" in nightly and "03:00" in nightly


def test_samspill_jobs_failed_exits_1_with_the_error_when_a_job_failed():
    assert "No periodic job failed" in _jobs("--failed")
    PeriodicJob.objects.filter(name="network.send_match_digests").update(
        last_status=JobStatus.FAILED, last_error="Traceback ...\nSMTPException: refused"
    )
    out = StringIO()
    with pytest.raises(CommandError) as raised, translation.override("en"):
        call_command("jobs", "--failed", stdout=out)
    assert raised.value.returncode == 1
    assert "network.send_match_digests" in out.getvalue()
    assert "SMTPException: refused" in out.getvalue()
    assert "events.send_reminders" not in out.getvalue()


def test_samspill_jobs_run_runs_one_now_and_records_it(jobs):
    jobs("test.manual", run=lambda: {"sent": 3})
    jobs("test.broken", run=lambda: 1 / 0)
    assert "test.manual" in _jobs("run", "test.manual")
    row = PeriodicJob.objects.get(name="test.manual")
    assert row.run_count == 1 and row.last_result == {"sent": 3}
    with pytest.raises(CommandError, match="ZeroDivisionError"):
        _jobs("run", "test.broken")
    assert PeriodicJob.objects.get(name="test.broken").failure_count == 1
    with pytest.raises(CommandError, match="no periodic job"):
        _jobs("run", "test.nothing")
    with pytest.raises(CommandError):
        _jobs("run")


def test_a_job_a_worker_is_running_is_not_run_by_hand_too(jobs):
    jobs("test.busy", run=dict)
    _due("test.busy", running_since=timezone.now(), claimed_by="worker:7")
    with pytest.raises(CommandError, match="worker:7"):
        _jobs("run", "test.busy")


def test_the_cron_commands_still_work_and_record_their_run():
    for command, name in [
        ("send_reminders", "events.send_reminders"),
        ("send_match_digests", "network.send_match_digests"),
        ("check_links", "knowledge.check_links"),
    ]:
        call_command(command, stdout=StringIO())
        row = PeriodicJob.objects.get(name=name)
        assert row.run_count == 1 and row.last_status == JobStatus.OK, command


# --- The admin ------------------------------------------------------------------------------------


def assert_refused(response):
    assert response.status_code in (302, 403), response.status_code


def test_hub_admins_see_the_jobs_with_their_errors(client, hub_admin):
    periodic.sync_jobs()
    PeriodicJob.objects.filter(name="knowledge.check_links").update(
        last_status=JobStatus.FAILED,
        last_started_at=timezone.now(),
        last_error="Traceback\nConnectionError: <refused>",
        failure_count=1,
        run_count=1,
    )
    client.force_login(hub_admin)
    response = client.get("/admin/periodic-jobs/")
    assert response.status_code == 200
    page = response.content.decode()
    for name in EXPECTED:
        assert f'data-job="{name}"' in page
    assert "ConnectionError: &lt;refused&gt;" in page
    assert "/admin/periodic-jobs/" in client.get("/admin/").content.decode()  # the menu item


def test_org_editors_and_members_may_not_see_or_run_the_jobs(client, org_editor, org_member):
    periodic.sync_jobs()
    job = PeriodicJob.objects.get(name="events.send_reminders")
    before = job.next_run_at
    for person in (org_editor, org_member):
        client.force_login(person)
        assert_refused(client.get("/admin/periodic-jobs/"))
        assert_refused(client.get(f"/admin/periodic-jobs/{job.pk}/"))
        assert_refused(client.post(f"/admin/periodic-jobs/{job.pk}/", {"interval": 1}))
        assert_refused(client.post(f"/admin/periodic-jobs/{job.pk}/run/"))
    job.refresh_from_db()
    assert job.interval == 15 and job.next_run_at == before


def test_the_edit_form_saves_unchanged_and_changed(client, hub_admin):
    periodic.sync_jobs()
    job = PeriodicJob.objects.get(name="network.send_match_digests")
    client.force_login(hub_admin)
    url = f"/admin/periodic-jobs/{job.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"interval": "60", "enabled": "on"})
    assert response.status_code == 302 and response["Location"] == "/admin/periodic-jobs/"
    job.refresh_from_db()
    assert (job.interval, job.enabled) == (60, True)
    PeriodicJob.objects.filter(pk=job.pk).update(last_started_at=timezone.now())
    assert client.post(url, {"interval": "240"}).status_code == 302
    job.refresh_from_db()
    assert (job.interval, job.enabled) == (240, False)
    assert job.next_run_at > job.last_started_at + timedelta(minutes=239)
    # Bad input gets the form back with an error, not a 500.
    response = client.post(url, {"interval": "0", "enabled": "on"})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    assert client.get("/admin/periodic-jobs/999999/").status_code == 404


def test_run_now_makes_the_job_due_for_the_worker(client, hub_admin):
    periodic.sync_jobs()
    job = PeriodicJob.objects.get(name="knowledge.check_links")
    assert job.next_run_at > timezone.now()
    client.force_login(hub_admin)
    url = f"/admin/periodic-jobs/{job.pk}/run/"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    job.refresh_from_db()
    assert job.next_run_at <= timezone.now()
    assert "knowledge.check_links" in [row.name for row in periodic.due_jobs()]


def test_run_now_needs_the_csrf_token(hub_admin):
    from django.test import Client

    periodic.sync_jobs()
    job = PeriodicJob.objects.get(name="knowledge.check_links")
    client = Client(enforce_csrf_checks=True)
    client.force_login(hub_admin)
    assert client.post(f"/admin/periodic-jobs/{job.pk}/run/").status_code == 403


def test_the_dashboard_warns_hub_admins_only_when_a_job_failed(client, hub_admin, org_editor):
    periodic.sync_jobs()
    client.force_login(hub_admin)
    assert 'data-panel="periodic-jobs-failed"' not in client.get("/admin/").content.decode()
    PeriodicJob.objects.filter(name="events.send_reminders").update(last_status=JobStatus.FAILED)
    page = client.get("/admin/").content.decode()
    assert 'data-panel="periodic-jobs-failed"' in page and "events.send_reminders" in page
    client.force_login(org_editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert 'data-panel="periodic-jobs-failed"' not in response.content.decode()
    assert "/admin/periodic-jobs/" not in response.content.decode()  # nor the menu item
