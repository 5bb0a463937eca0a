"""Backups: one file holding a consistent database snapshot, the media files and a manifest.

`backup_create()` (`samspill backup`) writes a gzip-compressed tar file:

    database.sqlite3 | database.pgdump   the snapshot (SQLite online backup API, or
                                         `pg_dump --format=custom` in a REPEATABLE READ snapshot)
    media/...                            every file under MEDIA_ROOT (unless --no-media, or the
                                         media live on S3: the manifest then says why not)
    manifest.json                        samspill version, created_at (UTC), database engine,
                                         applied migrations per app, row counts of the main
                                         tables, and the sha256 and size of every other member

It is written to a temporary file in the target directory (mode 0600: it holds personal data)
and renamed into place only when complete, so the named file is never half written.

`backup_restore()` (`samspill restore FILE`) unpacks into a staging directory and checks
everything before it changes anything: a readable archive, a manifest of this format, every
member's checksum, no member outside the manifest, the database engine of the target, and an empty
target (unless `force`). Then it restores the database (SQLite: the backup API copies the snapshot
over the target; PostgreSQL: `pg_restore --clean --if-exists --no-owner --no-privileges`), checks
the restored row counts against the manifest, puts the media files in place and runs `migrate`,
so a backup from an older release migrates forward.

Commands print English (an operator's tool); nothing here is shown on the web.
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.backends.sqlite3._functions import register as register_functions

FORMAT = "samspill-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.pgdump"
MEDIA_DIR = "media"
# gzip level 6: most of level 9's size at a fraction of its time (a large database compresses for
# minutes at 9). The PostgreSQL dump is written uncompressed, so it is compressed once, here.
COMPRESS_LEVEL = 6
CHUNK = 1024 * 1024
# Besides every table of samspill's own apps: the content Wagtail keeps for the hub.
EXTRA_COUNTED = ["wagtailcore.Page", "wagtailimages.Image", "wagtaildocs.Document"]

Log = Callable[[str], None]


class BackupError(Exception):
    """What went wrong, in words an operator can act on (the commands print it, no traceback)."""


@dataclass
class BackupResult:
    path: Path
    size: int
    manifest: dict
    notes: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    manifest: dict
    media_files: int
    migrated: list[str]
    moved_aside: Path | None = None
    notes: list[str] = field(default_factory=list)


# --- Shared -----------------------------------------------------------------------------------------


def samspill_version() -> str:
    try:
        return metadata.version("samspill")
    except metadata.PackageNotFoundError:
        return "unknown"


def engine() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def counted_tables() -> dict[str, str]:
    """The main tables whose row counts go into the manifest: model label -> table name."""
    tables = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        if (
            model._meta.app_config.name.startswith("samspill.")
            or model._meta.label in EXTRA_COUNTED
        ):
            tables[model._meta.label] = model._meta.db_table
    return dict(sorted(tables.items()))


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read_state(execute, existing: set[str]) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Applied migrations per app and row counts, through `execute(sql) -> rows` (a cursor on the
    snapshot: the copied SQLite file, or the transaction pg_dump dumps)."""
    migrations: dict[str, list[str]] = {}
    if "django_migrations" in existing:
        for app, name in execute("SELECT app, name FROM django_migrations ORDER BY app, id"):
            migrations.setdefault(app, []).append(name)
    counts = {}
    for label, table in counted_tables().items():
        if table in existing:
            counts[label] = execute(f"SELECT COUNT(*) FROM {_quote(table)}")[0][0]
    return migrations, counts


def _media_storage_is_local() -> bool:
    return isinstance(default_storage, FileSystemStorage)


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files(root: Path) -> list[tuple[Path, str]]:
    """Every regular file under the media root (symbolic links are not followed), sorted."""
    found = []
    if not root.is_dir():
        return found
    for directory, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(directory, name)
            if path.is_symlink() or not path.is_file():
                continue
            found.append((path, path.relative_to(root).as_posix()))
    return found


class _Hashing:
    """A file object that hashes what is read through it."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


# --- PostgreSQL tools ---------------------------------------------------------------------------


def _pg_settings() -> dict:
    return settings.DATABASES["default"]


def _pg_connection_args() -> list[str]:
    db = _pg_settings()
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [flag, str(db[key])]
    return args


def _pg_env() -> dict[str, str]:
    """The environment of pg_dump and pg_restore: the password goes here, never on the command
    line (where every user of the machine could read it in the process list)."""
    db = _pg_settings()
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    options = db.get("OPTIONS") or {}
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        if options.get(option):
            env[variable] = str(options[option])
    return env


def _server_major() -> int:
    connection.ensure_connection()
    version = connection.pg_version  # e.g. 150020
    return version // 10000 if version >= 100000 else version // 100


def pg_tool(name: str, *, at_least: int | None = None) -> tuple[str, int]:
    """The path and major version of pg_dump or pg_restore; a clear error when it is missing or
    older than `at_least` (pg_dump refuses a newer server, pg_restore a newer dump)."""
    path = shutil.which(name)
    hint = (
        f"install the PostgreSQL client tools of major version {at_least} or newer "
        f"(Debian/Ubuntu: apt-get install postgresql-client-{at_least}; the PGDG repository has "
        "every version)"
        if at_least
        else "install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client)"
    )
    if path is None:
        raise BackupError(f"{name} was not found on PATH: {hint}.")
    try:
        output = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError) as error:
        raise BackupError(f"{path} --version failed ({error}): {hint}.") from error
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    if not match:
        raise BackupError(f"Could not read the version of {path} from {output.strip()!r}.")
    major = int(match.group(1))
    if at_least is not None and major < at_least:
        raise BackupError(
            f"{path} is version {major}, older than the {at_least} it has to handle: {hint}."
        )
    return path, major


def _run_tool(command: list[str], what: str) -> None:
    result = subprocess.run(
        command, env=_pg_env(), stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip()[-2000:]
        raise BackupError(f"{what} failed (exit status {result.returncode}):\n{message}")


# --- Backup -----------------------------------------------------------------------------------------


def default_output() -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    directory = Path(settings.VAR_DIR) / "backups"
    path = directory / f"samspill-backup-{stamp}.tar.gz"
    n = 1
    while path.exists():  # two backups in one second: the second does not replace the first
        n += 1
        path = directory / f"samspill-backup-{stamp}-{n}.tar.gz"
    return path


def _snapshot_sqlite(target: Path) -> tuple[dict, dict, dict]:
    source_path = Path(settings.DATABASES["default"]["NAME"])
    if not source_path.is_file():
        raise BackupError(f"The SQLite database {source_path} does not exist.")
    source = sqlite3.connect(source_path, timeout=20)
    copy = sqlite3.connect(target)
    try:
        source.execute("PRAGMA busy_timeout = 20000")
        # One step (pages=-1): the whole database is copied under one read transaction, so the
        # copy is the database as of one moment, while writers go on in WAL mode.
        source.backup(copy)
        existing = {
            row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        migrations, counts = _read_state(lambda sql: copy.execute(sql).fetchall(), existing)
        version = sqlite3.sqlite_version
    finally:
        copy.close()
        source.close()
    return {"engine": "sqlite", "sqlite_version": version}, migrations, counts


def _snapshot_postgres(target: Path) -> tuple[dict, dict, dict]:
    server_major = _server_major()
    pg_dump, dump_major = pg_tool("pg_dump", at_least=server_major)
    if connection.in_atomic_block:
        raise BackupError("A backup cannot run inside a database transaction.")
    with transaction.atomic(), connection.cursor() as cursor:
        # pg_dump reads the snapshot this transaction exports, and the counts and migrations
        # below are read in the same snapshot: the manifest describes exactly the dump.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run_tool(
            [
                pg_dump,
                "--format=custom",
                "--compress=0",
                f"--snapshot={snapshot}",
                f"--file={target}",
                *_pg_connection_args(),
                "--dbname",
                str(_pg_settings()["NAME"]),
            ],
            "pg_dump",
        )

        def execute(sql):
            cursor.execute(sql)
            return cursor.fetchall()

        existing = set(connection.introspection.table_names(cursor))
        migrations, counts = _read_state(execute, existing)
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0].split()[0]
    return (
        {"engine": "postgresql", "server_version": server_version, "pg_dump_major": dump_major},
        migrations,
        counts,
    )


def backup_create(
    output: Path | str | None = None, *, media: bool = True, log: Log = lambda _line: None
) -> BackupResult:
    kind = engine()
    final = Path(output) if output else default_output()
    if final.exists() and final.is_dir():
        raise BackupError(f"{final} is a directory; give a file name.")
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    notes = []
    if not media:
        media_info = {"included": False, "reason": "left out with --no-media"}
        notes.append("Media files left out (--no-media).")
    elif not _media_storage_is_local():
        backend = settings.STORAGES["default"]["BACKEND"]
        media_info = {
            "included": False,
            "reason": f"media are stored in {backend}, not in MEDIA_ROOT",
            "storage": backend,
        }
        notes.append(
            f"Media files are not in this backup: they are stored in {backend} (S3-compatible "
            "storage). Back up the bucket with its own tools (versioning, replication, "
            "or a copy with rclone / aws s3 sync)."
        )
    else:
        media_info = {"included": True, "root": str(_media_root())}

    staging = Path(tempfile.mkdtemp(prefix=".samspill-backup-", dir=final.parent))
    fd, partial = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".partial", dir=final.parent)
    try:
        os.fchmod(fd, 0o600)
        member = SQLITE_MEMBER if kind == "sqlite" else POSTGRES_MEMBER
        log(f"Database snapshot ({kind}) ...")
        snapshot = _snapshot_sqlite if kind == "sqlite" else _snapshot_postgres
        taken = datetime.now(UTC)  # the snapshot's moment, within the second
        database, migrations, counts = snapshot(staging / member)
        files: dict[str, dict] = {}
        media_count = media_bytes = 0
        with os.fdopen(fd, "wb") as raw:
            fd = None
            with tarfile.open(
                fileobj=raw, mode="w:gz", compresslevel=COMPRESS_LEVEL, format=tarfile.PAX_FORMAT
            ) as tar:
                files[member] = _add(tar, staging / member, member)
                (staging / member).unlink()
                if media_info["included"]:
                    log(f"Media files from {_media_root()} ...")
                    for path, relative in _media_files(_media_root()):
                        name = f"{MEDIA_DIR}/{relative}"
                        try:
                            files[name] = _add(tar, path, name)
                        except FileNotFoundError:
                            continue  # deleted while we walked: not part of the snapshot
                        except OSError as error:
                            raise BackupError(
                                f"The media file {path} changed while it was being backed up "
                                f"({error}); run the backup again."
                            ) from error
                        media_count += 1
                        media_bytes += files[name]["size"]
                    media_info.update(files=media_count, bytes=media_bytes)
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "samspill_version": samspill_version(),
                    "created_at": taken.isoformat(timespec="seconds").replace("+00:00", "Z"),
                    "database": {**database, "file": member},
                    "migrations": migrations,
                    "row_counts": counts,
                    "media": media_info,
                    "files": files,
                }
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = _tarinfo(MANIFEST, len(data))
                tar.addfile(info, io.BytesIO(data))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, final)
        partial = None
    finally:
        if fd is not None:
            os.close(fd)
        if partial is not None:
            Path(partial).unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    return BackupResult(path=final, size=final.stat().st_size, manifest=manifest, notes=notes)


def _tarinfo(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    info.mtime = int(datetime.now(UTC).timestamp())
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _add(tar: tarfile.TarFile, path: Path, name: str) -> dict:
    with open(path, "rb") as raw:
        size = os.fstat(raw.fileno()).st_size
        reader = _Hashing(raw)
        tar.addfile(_tarinfo(name, size), reader)
    return {"sha256": reader.sha256.hexdigest(), "size": size}


# --- Restore ----------------------------------------------------------------------------------------


def _member_name(member: tarfile.TarInfo) -> str:
    """The member's name, if it is a plain relative path without `..`; else the file is refused."""
    name = member.name
    path = PurePosixPath(name)
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or path.is_absolute()
        or any(part in {"..", ""} for part in name.split("/"))
    ):
        raise BackupError(f"The backup holds a member with an unsafe name ({name!r}); refused.")
    if not (member.isfile() or member.isdir()):
        raise BackupError(f"The backup holds {name!r}, which is not a plain file; refused.")
    return name


def _unpack(path: Path, staging: Path) -> dict:
    """Extract the backup into `staging`, hashing as it goes, and check it against its manifest.
    Every problem is a BackupError; nothing outside `staging` is touched."""
    found: dict[str, dict] = {}
    try:
        with tarfile.open(path, "r:*") as tar:
            for member in tar:
                name = _member_name(member)
                if member.isdir():
                    continue
                if name in found:
                    raise BackupError(f"The backup holds {name!r} twice; refused.")
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                digest = hashlib.sha256()
                size = 0
                with open(target, "wb") as out:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        out.write(chunk)
                found[name] = {"sha256": digest.hexdigest(), "size": size}
            # Read the compressed stream to its very end: a file cut short after the last member
            # (or with a damaged trailer) fails gzip's length and CRC check here.
            while tar.fileobj.read(CHUNK):
                pass
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(
            f"{path} is not a readable samspill backup: it is damaged, truncated or of another "
            f"kind ({type(error).__name__}: {error}). Nothing was changed."
        ) from error
    if MANIFEST not in found:
        raise BackupError(
            f"{path} has no {MANIFEST}: it is not a samspill backup, or it was cut short. "
            "Nothing was changed."
        )
    try:
        manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"The manifest of {path} is not valid JSON ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a samspill backup (its manifest names no {FORMAT}).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is a samspill backup of format version {manifest.get('format_version')}; "
            f"this samspill reads version {FORMAT_VERSION}. Restore it with the release that "
            f"wrote it ({manifest.get('samspill_version', 'unknown')})."
        )
    listed = manifest.get("files")
    database = manifest.get("database")
    if not isinstance(listed, dict) or not isinstance(database, dict):
        raise BackupError(f"The manifest of {path} is incomplete (no files or database).")
    del found[MANIFEST]
    problems = []
    for name, expected in sorted(listed.items()):
        got = found.get(name)
        if got is None:
            problems.append(f"{name}: missing")
        elif got != {"sha256": expected.get("sha256"), "size": expected.get("size")}:
            problems.append(f"{name}: checksum or size differs from the manifest")
    problems += [f"{name}: not in the manifest" for name in sorted(set(found) - set(listed))]
    if database.get("file") not in listed:
        problems.append("the database snapshot is not listed")
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise BackupError(
            f"{path} does not match its manifest; it is damaged or was changed:\n  {shown}{more}\n"
            "Nothing was changed."
        )
    return manifest


def _target_content() -> str | None:
    """What the target database holds, in words, or None when it is empty: no tables, or only
    what `samspill migrate` makes (no users, no organisations)."""
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    if not tables:
        return None
    if "django_migrations" not in tables:
        return f"{len(tables)} tables that samspill did not make"
    held = []
    for label, words in (
        (settings.AUTH_USER_MODEL, "users"),
        ("core.Organisation", "organisations"),
    ):
        model = apps.get_model(label)
        if model._meta.db_table in tables:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {_quote(model._meta.db_table)}")
                count = cursor.fetchone()[0]
            if count:
                held.append(f"{count} {words}")
    return ", ".join(held) or None


def _media_content(root: Path) -> int:
    return sum(1 for _ in _media_files(root))


def _restore_sqlite(snapshot: Path) -> None:
    target = Path(settings.DATABASES["default"]["NAME"])
    source = sqlite3.connect(snapshot)
    try:
        # The CHECK constraints Django writes call its SQL functions (REGEXP ...), which
        # quick_check evaluates: give this plain connection the ones Django's connections have.
        register_functions(source)
        result = source.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise BackupError(f"The database in the backup is damaged (quick_check: {result}).")
        connections.close_all()
        target.parent.mkdir(parents=True, exist_ok=True)
        new = not target.exists()
        destination = sqlite3.connect(target, timeout=20)
        try:
            destination.execute("PRAGMA busy_timeout = 20000")
            # The backup API writes the whole snapshot over the target in one go, under the
            # target's write lock: readers see the old database or the new one, never a mix.
            source.backup(destination)
        finally:
            destination.close()
        if new:
            target.chmod(0o600)
    finally:
        source.close()


def _drop_all_tables() -> None:
    """Empty the target schema (PostgreSQL, --force): tables the backup does not know (from a
    newer release) would otherwise stay and break the migrations that follow."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if tables:
            cursor.execute(
                "DROP TABLE IF EXISTS " + ", ".join(_quote(t) for t in tables) + " CASCADE"
            )


def _restore_postgres(dump: Path, manifest: dict) -> None:
    needed = int(manifest["database"].get("pg_dump_major") or 0) or None
    pg_restore, _major = pg_tool("pg_restore", at_least=needed)
    # The dump is readable (its table of contents) before anything is dropped.
    _run_tool([pg_restore, "--list", str(dump)], "pg_restore --list (reading the dump)")
    _drop_all_tables()
    connections.close_all()
    _run_tool(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *_pg_connection_args(),
            "--dbname",
            str(_pg_settings()["NAME"]),
            str(dump),
        ],
        "pg_restore",
    )


def _check_counts(manifest: dict) -> None:
    with connection.cursor() as cursor:
        existing = set(connection.introspection.table_names(cursor))

        def execute(sql):
            cursor.execute(sql)
            return cursor.fetchall()

        migrations, counts = _read_state(execute, existing)
    expected = manifest.get("row_counts") or {}
    differ = [
        f"{label}: {counts.get(label)} rows, the manifest says {n}"
        for label, n in expected.items()
        if counts.get(label) != n
    ]
    if migrations != manifest.get("migrations"):
        differ.append("the applied migrations differ from the manifest")
    if differ:
        raise BackupError(
            "The restored database does not match the manifest:\n  " + "\n  ".join(differ[:20])
        )


def _applied() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        return {tuple(row) for row in cursor.fetchall()}


def backup_restore(
    path: Path | str, *, force: bool = False, log: Log = lambda _line: None
) -> RestoreResult:
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    kind = engine()
    work = Path(settings.VAR_DIR)
    work.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".samspill-restore-", dir=work))
    try:
        log(f"Checking {path} ...")
        manifest = _unpack(path, staging)
        source = manifest["database"].get("engine")
        if source != kind:
            raise BackupError(
                f"This backup holds a {source} database and the target is {kind} (DATABASE_URL). "
                "A backup restores into the same database engine only; to move between "
                "engines, restore into the engine it was made from and copy the data with "
                "`samspill dumpdata` / `loaddata`. Nothing was changed."
            )
        notes = []
        media_root = _media_root()
        media = manifest.get("media") or {}
        restore_media = bool(media.get("included")) and _media_storage_is_local()
        if media.get("included") and not restore_media:
            notes.append(
                f"The backup's {media.get('files', 0)} media files were not restored: media here "
                f"are stored in {settings.STORAGES['default']['BACKEND']}; upload them from the "
                "backup's media/ folder to the bucket."
            )
        elif not media.get("included"):
            notes.append(f"The backup holds no media files ({media.get('reason', 'none')}).")
        content = _target_content()
        media_held = _media_content(media_root) if restore_media else 0
        if (content or media_held) and not force:
            held = [f"the database holds {content}"] if content else []
            if media_held:
                held.append(f"{media_root} holds {media_held} files")
            raise BackupError(
                "The target is not empty: "
                + " and ".join(held)
                + ". Restoring replaces it with the backup; run `samspill restore FILE --force` "
                "to do so (the media files there are moved aside, not deleted). Nothing was changed."
            )

        log(f"Restoring the {kind} database ...")
        database_file = staging / manifest["database"]["file"]
        if kind == "sqlite":
            _restore_sqlite(database_file)
        else:
            _restore_postgres(database_file, manifest)
        _check_counts(manifest)

        moved_aside = None
        media_files = 0
        if restore_media:
            log(f"Restoring media files into {media_root} ...")
            if media_root.exists() and any(media_root.iterdir()):
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
                moved_aside = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
                media_root.rename(moved_aside)
            elif media_root.exists():
                media_root.rmdir()
            source_media = staging / MEDIA_DIR
            media_root.parent.mkdir(parents=True, exist_ok=True)
            if source_media.is_dir():
                shutil.move(str(source_media), str(media_root))
            else:
                media_root.mkdir()
            media_files = _media_content(media_root)

        before = _applied()
        log("Migrating ...")
        call_command("migrate", interactive=False, verbosity=0)
        migrated = sorted(f"{app}.{name}" for app, name in _applied() - before)
        return RestoreResult(
            manifest=manifest,
            media_files=media_files,
            migrated=migrated,
            moved_aside=moved_aside,
            notes=notes,
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
