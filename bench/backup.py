"""Backup benchmark: how long `samspill backup` and `samspill restore` take, and how big the file is,
for the demo hub and for the surveys benchmark's database of 100,000 responses.

    .venv/bin/python bench/backup.py [--responses 100000] [--demo-only]
                                     [--postgres postgres://postgres@127.0.0.1:5432/]
                                     [--json results.json] [--keep]

It prepares the same throwaway production instance as bench/load.py (migrate, collectstatic, demo;
SQLite in a temporary directory, or with --postgres a new database on that server), then for each
row:

1. `samspill backup --output <dir>/<row>.tar.gz` (the whole command, as an operator runs it);
2. `samspill restore <file>` into a NEW database (a new SQLite file / a new PostgreSQL database)
   and a new media directory; restore checks the checksums and the restored row counts against
   the manifest, and migrates.

Rows: `demo` (the demo hub), then `surveys` after bulk-loading bench/surveys.py's survey with
`--responses` submitted responses (its LOAD_SCRIPT, the same data as `make bench-surveys`).

The times are wall-clock times of the whole commands, including the 2–4 s a samspill command
needs to start (printed as `startup`, the time of `samspill check`); on a shared machine they
move by tens of percent. Exit status: 0 fine, 2 the instance could not be prepared or a backup or
restore failed (its output is printed), 130 interrupted.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import time
from pathlib import Path

import harness  # bench/harness.py: the instance, the arguments, the JSON file
import surveys  # bench/surveys.py: the survey of 100,000 responses (LOAD_SCRIPT)

TIMEOUT = 3600


def parse_args(argv):
    parser = harness.arguments(
        "Time samspill backup and restore on the demo and on 100,000 survey responses "
        "(bench/README.md).",
        load=False,
    )
    parser.add_argument(
        "--responses",
        type=int,
        default=surveys.DEFAULT_RESPONSES,
        help=f"survey responses to bulk-load for the second row ({surveys.DEFAULT_RESPONSES})",
    )
    parser.add_argument("--demo-only", action="store_true", help="only the demo row")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="run on this PostgreSQL server (postgres://user@host:port/): the bench creates "
        "and drops its own databases there",
    )
    parser.add_argument(
        "--db-prefix",
        default="samspill_bench_backup",
        help="with --postgres: the prefix of the databases the bench creates (samspill_bench_backup)",
    )
    return harness.parse(parser, argv, responses=(1, 1_000_000))


def timed(command: list[str], env: dict, cwd: Path) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [*harness.samspill_command(), *command],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise harness.BenchError(
            f"`samspill {' '.join(command)}` failed ({result.returncode}):\n"
            f"{harness.tail(result.stdout + result.stderr)}"
        )
    return seconds, result.stdout


def cycle(instance: harness.Instance, name: str, postgres: harness.Postgres | None) -> dict:
    """Back the instance up, restore it into a new database and media directory; the figures."""
    tmpdir = instance.tmpdir
    file = tmpdir / f"{name}.tar.gz"
    print(f"  {name}: samspill backup", file=sys.stderr, flush=True)
    backup_seconds, backup_output = timed(["backup", "--output", str(file)], instance.env, tmpdir)
    manifest = json.loads(
        subprocess.run(
            ["tar", "-xzOf", str(file), "manifest.json"], capture_output=True, check=True
        ).stdout
    )
    target = tmpdir / f"restored-{name}"
    target.mkdir()
    env = dict(instance.env)
    env.update(
        {
            "SAMSPILL_VAR_DIR": str(target),
            "MEDIA_ROOT": str(target / "media"),
            "STATIC_ROOT": str(target / "static"),
        }
    )
    if postgres:
        restored_db = f"{instance.database}_restored_{name}"
        env["DATABASE_URL"] = postgres.create(restored_db)
        database_bytes = postgres.size(instance.database)
    else:
        env["DATABASE_URL"] = f"sqlite:///{target / 'restored.sqlite3'}"
        database_bytes = (tmpdir / "bench.sqlite3").stat().st_size
    print(f"  {name}: samspill restore into a new database", file=sys.stderr, flush=True)
    restore_seconds, output = timed(["restore", str(file)], env, target)
    counts = manifest["row_counts"]
    return {
        "name": name,
        "database_bytes": database_bytes,
        "file_bytes": file.stat().st_size,
        "rows": sum(counts.values()),
        "survey_answers": counts.get("surveys.Answer", 0),
        "media_files": manifest["media"].get("files", 0),
        "backup_seconds": backup_seconds,
        "restore_seconds": restore_seconds,
        # The commands' own figure: from the start of the work to its end, without startup.
        "backup_work_seconds": own_time(backup_output),
        "restore_work_seconds": own_time(output),
        "restore_output": output.strip().splitlines()[-4:],
    }


def own_time(output: str) -> float:
    match = re.search(r" in ([0-9.]+) s", output)
    return float(match.group(1)) if match else float("nan")


def load_surveys(instance: harness.Instance, responses: int) -> dict:
    """bench/surveys.py's LOAD_SCRIPT in the instance (harness.run_python's 10 minutes are too
    short for 100,000 responses on a busy machine: this one waits up to an hour)."""
    try:
        result = subprocess.run(
            [sys.executable, "-c", surveys.LOAD_SCRIPT, str(responses), surveys.SLUG],
            env=instance.env,
            cwd=instance.tmpdir,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired as error:
        raise harness.BenchError(f"loading the responses took longer than {TIMEOUT} s") from error
    if result.returncode != 0:
        raise harness.BenchError(
            f"loading the responses failed ({result.returncode}):\n"
            f"{harness.tail(result.stdout + result.stderr)}"
        )
    return json.loads(result.stdout.strip().splitlines()[-1])


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}"


def report(args, startup: float, rows: list[dict], engine: str) -> None:
    print()
    print(f"samspill backup benchmark: {engine}, {harness.machine()}")
    print(
        f"startup (`samspill check`): {startup:.1f} s; the command columns include it, the "
        "work columns are the commands' own figure without it"
    )
    header = (
        f"{'row':<10} {'rows':>10} {'answers':>10} {'db MB':>8} {'file MB':>8} "
        f"{'backup cmd s':>12} {'work s':>7} {'restore cmd s':>13} {'work s':>7}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['name']:<10} {row['rows']:>10,} {row['survey_answers']:>10,} "
            f"{mb(row['database_bytes']):>8} {mb(row['file_bytes']):>8} "
            f"{row['backup_seconds']:>12.1f} {row['backup_work_seconds']:>7.1f} "
            f"{row['restore_seconds']:>13.1f} {row['restore_work_seconds']:>7.1f}"
        )
    print(harness.COMPARE)


def main(argv=None) -> int:
    args = parse_args(argv)
    postgres = harness.Postgres(args.postgres) if args.postgres else None
    env = {}
    database = None
    if postgres:
        database = f"{args.db_prefix}_{os.getpid()}_{secrets.token_hex(3)}"
        env["DATABASE_URL"] = postgres.create(database)

    def measure(instance: harness.Instance) -> int:
        instance.database = database
        instance.prepare()
        startup, _ = timed(["check"], instance.env, instance.tmpdir)
        rows = [cycle(instance, "demo", postgres)]
        loaded = None
        if not args.demo_only:
            print(f"  bulk-loading {args.responses} responses", file=sys.stderr, flush=True)
            loaded = load_surveys(instance, args.responses)
            print(
                f"  loaded {loaded['responses']} responses with {loaded['answers']} answers in "
                f"{loaded['load_seconds']:.1f} s",
                file=sys.stderr,
                flush=True,
            )
            rows.append(cycle(instance, "surveys", postgres))
        report(args, startup, rows, "PostgreSQL" if postgres else "SQLite")
        harness.write_json(args.json, args, startup_seconds=startup, rows=rows, loaded=loaded)
        return 0

    try:
        code = harness.run(measure, name="backup", args=args, env=env)
    finally:
        if postgres and not args.keep:
            postgres.drop_all()
    return code


if __name__ == "__main__":
    sys.exit(main())
