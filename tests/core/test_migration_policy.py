"""Upgrades need no downtime: every migration can run while the previous release's code serves.

The rule is expand, then contract. A release may add tables, nullable columns, columns with a
database default, indexes and constraints that the old code satisfies; it may not in the same
release drop, rename or retype what the old code still reads or writes. A contraction (drop a
column the code stopped using, rename a table) ships one release after the code stopped needing
it, and is listed below with the reason it is safe. The README's "Upgrades" tells operators the
order: install, migrate while the old code runs, then restart the app servers and workers.
"""

from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from django.db.models import NOT_PROVIDED

# (app, migration) → why the previous release's code does not mind. Reviewed by hand; a new
# entry needs the same review.
CONTRACTIONS = {
    # Moved with issue 14 ("One room per capability"), before the first release: no earlier
    # release's code ran against these tables under other names.
    ("projects", "0002_ideas_move_to_their_app"): "state only: the tables stay (ideas 0001)",
    ("ideas", "0002_ideas_tables"): "renames the idea tables; before the first release",
    ("surveys", "0002_question_municipality_country"): "NOT NULL without db_default; before "
    "the first release",
}

DESTRUCTIVE = (
    migrations.RemoveField,
    migrations.DeleteModel,
    migrations.RenameField,
    migrations.RenameModel,
    migrations.AlterModelTable,
)


def _database_operations(operations):
    for operation in operations:
        if isinstance(operation, migrations.SeparateDatabaseAndState):
            yield from _database_operations(operation.database_operations)
        else:
            yield operation


def _problems(operation) -> str | None:
    if isinstance(operation, DESTRUCTIVE):
        return f"{type(operation).__name__} breaks the previous release's code"
    if isinstance(operation, migrations.AddField):
        field = operation.field
        if field.many_to_many or field.null:
            return None
        if field.db_default is not NOT_PROVIDED:
            return None
        return (
            f"AddField {operation.model_name}.{operation.name} is NOT NULL without db_default: "
            "the previous release's code cannot insert rows"
        )
    return None


def _our_migrations():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app, name), migration in sorted(loader.disk_migrations.items()):
        if type(migration).__module__.startswith("samspill."):
            yield app, name, migration


def test_every_migration_is_an_expansion_or_a_reviewed_contraction():
    found = []
    for app, name, migration in _our_migrations():
        if name == "0001_initial" or (app, name) in CONTRACTIONS:
            continue
        for operation in _database_operations(migration.operations):
            problem = _problems(operation)
            if problem:
                found.append(f"{app}.{name}: {problem}")
    assert not found, (
        "Migrations that the running previous release cannot live with (README, Upgrades): "
        + "; ".join(found)
    )


def test_the_check_recognises_a_contraction():
    # The rule above must be able to fail: a dropped column and a NOT NULL column are caught.
    assert _problems(migrations.RemoveField("event", "title"))
    from django.db import models

    assert _problems(migrations.AddField("event", "x", models.IntegerField()))
    assert not _problems(migrations.AddField("event", "x", models.IntegerField(null=True)))
    assert not _problems(migrations.AddField("event", "x", models.IntegerField(db_default=0)))


def test_listed_contractions_exist():
    names = {(app, name) for app, name, _ in _our_migrations()}
    assert set(CONTRACTIONS) <= names
