"""`samspill backup` and `samspill restore` (samspill.core.backup), on the suite's database engine:
SQLite normally, PostgreSQL when the suite runs with DATABASE_URL=postgres://... (as CI does).

The backups are taken of the test database while it is in use; every restore that succeeds goes
into a NEW database (a new SQLite file, or a new PostgreSQL database on the same server) through
the real command in a process of its own, as an operator on a fresh machine would run it."""

import hashlib
import io
import json
import os
import re
import subprocess
import tarfile
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from bench.harness import samspill_command
from samspill.core import backup
from samspill.core.backup import BackupError, backup_create
from samspill.core.models import User
from samspill.events import services as events
from tests.core.factories import UserFactory
from tests.events.factories import make_event
from tests.served import Database, Instance

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

RESTORE_TIMEOUT = 300
# A migration that may run twice (it alters two foreign keys to what they already are) and that no
# other migration depends on: the "older release" backup lacks its row in django_migrations, and
# the restore applies it.
REPLAYABLE = ("ideas", "0004_retire_ideafollower")


# --- Helpers ----------------------------------------------------------------------------------------


@pytest.fixture
def media(tmp_path, settings):
    root = tmp_path / "media"
    (root / "original_images").mkdir(parents=True)
    (root / "original_images" / "konsert.jpg").write_bytes(os.urandom(50_000))
    (root / "documents" / "årsmelding 2025").mkdir(parents=True)
    (root / "documents" / "årsmelding 2025" / "rapport.pdf").write_bytes(b"%PDF-1.7 " * 1000)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def target(tmp_path):
    """A new, empty database (and var dir) for restores, dropped afterwards."""
    directory = tmp_path / "target"
    directory.mkdir()
    database = Database(directory)
    database.create()
    database.directory = directory
    yield database
    database.drop()


def restore_into(database, path: Path, *args: str) -> subprocess.CompletedProcess:
    """`samspill restore` in a process of its own, with DATABASE_URL the new database and
    SAMSPILL_VAR_DIR (so MEDIA_ROOT) the new machine's directory."""
    env = Instance(database.directory, database).env
    return subprocess.run(
        [*samspill_command(), "restore", str(path), *args],
        env=env,
        cwd=database.directory,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=RESTORE_TIMEOUT,
    )


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar if m.isfile()}


def repack(path: Path, out: Path, change) -> Path:
    """A copy of the backup with `change(members)` applied (the manifest as a dict)."""
    content = members(path)
    content["manifest.json"] = json.loads(content["manifest.json"])
    change(content)
    content["manifest.json"] = json.dumps(content["manifest.json"]).encode()
    with tarfile.open(out, "w:gz") as tar:
        for name, data in content.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


def snapshot_of_test_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM core_user")
        users = cursor.fetchone()[0]
        cursor.execute("SELECT app, name FROM django_migrations")
        migrations = set(cursor.fetchall())
    return {"users": users, "migrations": migrations}


# --- Backup during writes ---------------------------------------------------------------------------


class Writer(threading.Thread):
    """Registers guests for one event through events.services, one after the other, on its own
    database connection, and records each registration acknowledged (returned, so committed)."""

    def __init__(self, event):
        super().__init__(daemon=True)
        self.event = event
        self.acknowledged: list[tuple[int, float]] = []  # (pk, monotonic time of the ack)
        self.stop = threading.Event()
        self.error: BaseException | None = None

    def run(self):
        from django.db import connection as own

        try:
            n = 0
            while not self.stop.is_set():
                registration = events.registration_create(
                    event=self.event, name=f"Gjest {n}", email=f"gjest{n}@example.org"
                )
                self.acknowledged.append((registration.pk, time.monotonic()))
                n += 1
        except BaseException as error:  # reported by the test
            self.error = error
        finally:
            own.close()

    def wait_for(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.acknowledged) < count:
            assert self.error is None, self.error
            assert time.monotonic() < deadline, "the writer made no progress"
            time.sleep(0.01)


def test_a_backup_taken_during_writes_restores_every_acknowledged_write(
    tmp_path, target, monkeypatch
):
    # Reading the counts and migrations for the manifest takes a moment longer than it would on
    # this small database, so writes certainly go on while the backup runs; the counts must still
    # be those of the snapshot, not of the live database.
    read_state = backup._read_state

    def slowly(*args):
        time.sleep(0.5)
        return read_state(*args)

    monkeypatch.setattr(backup, "_read_state", slowly)
    event = make_event(capacity=100_000, waiting_list=True)
    writer = Writer(event)
    writer.start()
    try:
        writer.wait_for(20)
        started = time.monotonic()
        acknowledged_before = len(writer.acknowledged)
        result = backup_create(tmp_path / "during.tar.gz", media=False)
        returned = time.monotonic()
        writer.wait_for(len(writer.acknowledged) + 10)  # the writes went on after the backup
    finally:
        writer.stop.set()
        writer.join(timeout=60)
    assert writer.error is None, writer.error
    before = [pk for pk, at in writer.acknowledged if at < started]
    during = [pk for pk, at in writer.acknowledged if started <= at < returned]
    assert len(before) >= acknowledged_before >= 20
    assert during, "no write was acknowledged while the backup ran: the test proved nothing"

    completed = restore_into(target, result.path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    restored = {
        pk
        for (pk,) in target.rows(
            "SELECT id FROM events_registration WHERE event_id = %s", (event.pk,)
        )
    }
    # Every write acknowledged before the backup started is there ...
    assert set(before) <= restored
    # ... and what is there is a moment of the writer's history: a prefix of its writes (plus at
    # most the one it was committing when the snapshot was taken), none from after the backup.
    order = [pk for pk, _at in writer.acknowledged]
    assert restored == set(order[: len(restored)]) or restored - set(order) <= {max(restored)}
    assert len(restored) <= len([pk for pk, at in writer.acknowledged if at < returned]) + 1
    # Consistent: each registration's audit entry was written in its transaction, and is there
    # exactly when the registration is.
    (audited,) = target.rows(
        "SELECT COUNT(*) FROM wagtailcore_modellogentry WHERE action = %s",
        ("events.registration.created",),
    )[0]
    assert audited == len(restored)
    assert result.manifest["row_counts"]["events.Registration"] == len(restored)
    # The migrations of the source, no more and no fewer.
    migrations = set(target.rows("SELECT app, name FROM django_migrations"))
    assert migrations == snapshot_of_test_database()["migrations"]
    if not target.postgres:  # PostgreSQL checked every foreign key when pg_restore added it
        assert target.rows("PRAGMA foreign_key_check") == []


# --- The file, the manifest and a media round trip --------------------------------------------------


def test_the_backup_file_holds_the_database_the_media_and_a_manifest(tmp_path, media, target):
    UserFactory(email="kari@example.org")
    output = tmp_path / "out" / "hub.tar.gz"
    call_command("backup", output=str(output), stdout=io.StringIO())

    assert output.stat().st_mode & 0o777 == 0o600  # personal data
    assert os.listdir(output.parent) == ["hub.tar.gz"]  # no partial or staging files left
    content = members(output)
    manifest = json.loads(content.pop("manifest.json"))
    assert manifest["format"] == "samspill-backup"
    assert manifest["samspill_version"]
    assert datetime.fromisoformat(manifest["created_at"]).utcoffset().total_seconds() == 0
    assert manifest["database"]["engine"] == connection.vendor
    database_member = manifest["database"]["file"]
    assert database_member == (
        "database.pgdump" if connection.vendor == "postgresql" else "database.sqlite3"
    )
    assert "0001_initial" in manifest["migrations"]["core"]
    assert manifest["row_counts"]["core.User"] == User.objects.count() == 1
    assert "events.Registration" in manifest["row_counts"]
    assert "wagtailcore.Page" in manifest["row_counts"]
    # Every member is listed with its checksum, and nothing else is in the file.
    assert set(manifest["files"]) == set(content)
    for name, data in content.items():
        assert manifest["files"][name] == {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
    assert set(content) - {database_member} == {
        "media/original_images/konsert.jpg",
        "media/documents/årsmelding 2025/rapport.pdf",
    }
    assert manifest["media"]["included"] and manifest["media"]["files"] == 2

    completed = restore_into(target, output)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "Restored the backup of" in completed.stdout
    assert "media: 2 files" in completed.stdout
    restored_media = target.directory / "media"
    for path in media.rglob("*"):
        if path.is_file():
            assert (restored_media / path.relative_to(media)).read_bytes() == path.read_bytes()
    assert target.rows("SELECT email FROM core_user") == [("kari@example.org",)]

    # The restored machine is not empty any more: a second restore is refused, with nothing
    # changed, until --force; then the media files that were there are moved aside, not deleted.
    (restored_media / "new-upload.jpg").write_bytes(b"new")
    again = restore_into(target, output)
    assert again.returncode != 0
    assert "not empty" in again.stderr and "--force" in again.stderr
    assert "1 users" in again.stderr
    assert (restored_media / "new-upload.jpg").exists()
    forced = restore_into(target, output, "--force")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert not (restored_media / "new-upload.jpg").exists()
    aside = [p for p in target.directory.iterdir() if p.name.startswith("media.before-restore-")]
    assert len(aside) == 1 and (aside[0] / "new-upload.jpg").read_bytes() == b"new"


def test_no_media_and_media_on_s3_are_said_in_the_manifest(tmp_path, media, settings):
    without = backup_create(tmp_path / "a.tar.gz", media=False)
    assert without.manifest["media"] == {"included": False, "reason": "left out with --no-media"}
    assert not [n for n in members(without.path) if n.startswith("media/")]

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.core.test_backup.FakeS3Storage"},
    }
    output = io.StringIO()
    call_command("backup", output=str(tmp_path / "b.tar.gz"), stdout=output)
    manifest = json.loads(members(tmp_path / "b.tar.gz")["manifest.json"])
    assert manifest["media"]["included"] is False
    assert manifest["media"]["storage"] == "tests.core.test_backup.FakeS3Storage"
    assert "S3" in output.getvalue() and "not in this backup" in output.getvalue()


class FakeS3Storage:
    """Stands for storages.backends.s3.S3Storage: any storage that is not the file system."""


def test_the_default_file_is_named_by_its_utc_time_in_var_backups(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    result = backup_create(media=False)
    assert result.path.parent == tmp_path / "backups"
    assert re.fullmatch(r"samspill-backup-\d{8}T\d{6}Z\.tar\.gz", result.path.name)
    assert (tmp_path / "backups").stat().st_mode & 0o077 == 0
    second = backup_create(media=False)  # within the same second, or not: never the same file
    assert second.path != result.path and result.path.exists()


def test_a_failed_backup_leaves_no_file_under_the_name(tmp_path, monkeypatch):
    def broken(target):
        target.write_bytes(b"half")
        raise BackupError("the disk is full")

    monkeypatch.setattr(backup, "_snapshot_sqlite", broken)
    monkeypatch.setattr(backup, "_snapshot_postgres", broken)
    with pytest.raises(CommandError, match="the disk is full"):
        call_command("backup", output=str(tmp_path / "x.tar.gz"), stdout=io.StringIO())
    assert os.listdir(tmp_path) == []


# --- An older release's backup migrates forward -----------------------------------------------------


def test_a_backup_from_an_older_release_is_migrated_forward(tmp_path, target):
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = %s AND name = %s", list(REPLAYABLE)
        )
        assert cursor.rowcount == 1
    try:
        result = backup_create(tmp_path / "old.tar.gz", media=False)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)",
                [*REPLAYABLE, datetime.now()],
            )
    assert REPLAYABLE[1] not in result.manifest["migrations"][REPLAYABLE[0]]
    completed = restore_into(target, result.path)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert f"migrated forward: 1 migrations ({'.'.join(REPLAYABLE)})" in completed.stdout
    assert target.rows(
        "SELECT COUNT(*) FROM django_migrations WHERE app = %s AND name = %s", REPLAYABLE
    ) == [(1,)]


# --- Refusals: nothing changes ----------------------------------------------------------------------


@pytest.fixture
def good_backup(tmp_path):
    return backup_create(tmp_path / "good.tar.gz", media=False).path


def refused(path: Path, match: str, *args: str) -> None:
    before = snapshot_of_test_database()
    with pytest.raises(CommandError, match=match):
        call_command("restore", str(path), *args, stdout=io.StringIO())
    assert snapshot_of_test_database() == before


def test_a_non_empty_database_is_refused_without_force(good_backup):
    UserFactory()  # after the backup: a restore would lose this person
    refused(good_backup, r"not empty: the database holds 1 users.*--force")


def test_a_backup_of_another_engine_is_refused(good_backup, tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"

    def swap(content):
        content["manifest.json"]["database"]["engine"] = other

    path = repack(good_backup, tmp_path / "other.tar.gz", swap)
    refused(path, f"holds a {other} database and the target is {connection.vendor}", "--force")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: os.urandom(len(data)), id="random-bytes"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-40], id="cut-short-at-the-end"),
        pytest.param(
            lambda data: data[:2000] + bytes(b ^ 0x55 for b in data[2000:2100]) + data[2100:],
            id="garbled",
        ),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_file_is_refused_with_nothing_changed(good_backup, tmp_path, damage):
    path = tmp_path / "damaged.tar.gz"
    path.write_bytes(damage(good_backup.read_bytes()))
    refused(
        path, "not a readable samspill backup|does not match its manifest|no manifest", "--force"
    )


def test_a_changed_member_fails_its_checksum(good_backup, tmp_path):
    def tamper(content):
        name = content["manifest.json"]["database"]["file"]
        content[name] = content[name][:-1] + bytes([content[name][-1] ^ 1])

    path = repack(good_backup, tmp_path / "tampered.tar.gz", tamper)
    refused(path, r"(?s)does not match its manifest.*checksum or size differs", "--force")


def test_a_member_outside_the_manifest_or_outside_the_directory_is_refused(good_backup, tmp_path):
    def extra(content):
        content["media/extra.txt"] = b"not listed"

    refused(repack(good_backup, tmp_path / "extra.tar.gz", extra), "not in the manifest", "--force")

    def escape(content):
        content["../escaped.txt"] = b"outside"

    refused(repack(good_backup, tmp_path / "escape.tar.gz", escape), "unsafe name", "--force")
    assert not (Path(settings.VAR_DIR).parent / "escaped.txt").exists()


def test_a_file_that_is_no_samspill_backup_is_refused(tmp_path):
    path = tmp_path / "other.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        data = b'{"hello": "world"}'
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    refused(path, "not a samspill backup", "--force")
    refused(tmp_path / "missing.tar.gz", "does not exist")


# --- The PostgreSQL tools ---------------------------------------------------------------------------


@pytest.mark.django_db(transaction=False)
def test_a_missing_or_old_pg_dump_is_named_with_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match=r"pg_dump was not found on PATH.*postgresql-client-16"):
        backup.pg_tool("pg_dump", at_least=16)
    fake = tmp_path / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.9'\n")
    fake.chmod(0o755)
    with pytest.raises(BackupError, match=r"version 13, older than the 16"):
        backup.pg_tool("pg_dump", at_least=16)
    assert backup.pg_tool("pg_dump", at_least=13) == (str(fake), 13)


@pytest.mark.django_db(transaction=False)
def test_the_postgresql_password_goes_to_the_environment_not_the_command_line(monkeypatch):
    database = {
        "NAME": "hub",
        "HOST": "db.internal",
        "PORT": 5433,
        "USER": "hub",
        "PASSWORD": "s3cret",
        "OPTIONS": {"sslmode": "require"},
    }
    monkeypatch.setattr(backup, "_pg_settings", lambda: database)
    args = backup._pg_connection_args()
    assert args == ["--host", "db.internal", "--port", "5433", "--username", "hub"]
    assert "s3cret" not in " ".join(args)
    env = backup._pg_env()
    assert env["PGPASSWORD"] == "s3cret" and env["PGSSLMODE"] == "require"
