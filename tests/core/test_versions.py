"""Content versions (core.versions): every write, by any path, gives its namespace a new token."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, transaction

from samspill.core import versions
from samspill.core.models import Organisation
from tests.core.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _token(namespace):
    return versions.current(namespace)[0]


def test_tables_map_to_their_apps_and_wagtail_and_people_are_their_own():
    tables = versions.table_namespaces()
    assert tables["core_organisation"] == "core"
    assert tables["core_user"] == "people"
    assert tables["wagtailcore_page"] == "wagtail"
    assert tables["taggit_tag"] == "wagtail"
    assert "django_session" not in tables
    assert "samspill_cache" not in tables
    assert {"core", "people", "wagtail"} <= set(versions.namespaces())


def test_a_create_bumps_its_namespace_only():
    core, people = _token("core"), _token("people")
    OrganisationFactory()
    assert _token("core") != core
    assert _token("people") == people


def test_updates_deletes_and_raw_sql_bump():
    organisation = OrganisationFactory()
    before = _token("core")
    Organisation.objects.filter(pk=organisation.pk).update(name="Nytt navn")
    after_update = _token("core")
    assert after_update != before
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_organisation SET summary = %s", ["x"])
    after_raw = _token("core")
    assert after_raw != after_update
    Organisation.objects.filter(pk=organisation.pk).delete()
    assert _token("core") != after_raw


def test_a_sign_in_bumps_nothing_but_a_profile_change_bumps_people(client):
    person = UserFactory()
    before = versions.current()
    client.force_login(person)  # sets last_login
    person.refresh_from_db()
    assert person.last_login is not None
    assert versions.current() == before
    people = _token("people")
    person.name = "Kari Nordmann"
    person.save(update_fields=["name"])
    assert _token("people") != people


def test_noise_tables_bump_nothing():
    before = versions.current()
    store = SessionStore()
    store["x"] = 1
    store.save()
    assert versions.current() == before


@pytest.mark.django_db(transaction=True)
def test_a_transaction_bumps_at_once_and_again_on_commit():
    before = _token("core")
    with transaction.atomic():
        OrganisationFactory()
        during = _token("core")
        assert during != before
        OrganisationFactory()  # read since: bumped again, for a reader in this transaction
        again = _token("core")
        assert again != during
    assert _token("core") not in (before, during, again)


@pytest.mark.django_db(transaction=True)
def test_a_bulk_write_without_reads_bumps_once_and_once_on_commit(monkeypatch):
    bumps = []
    real_bump = versions.bump
    monkeypatch.setattr(versions, "bump", lambda *names: (bumps.append(names), real_bump(*names)))
    with transaction.atomic():
        for n in range(20):
            Organisation.objects.create(name=f"Org {n}", slug=f"org-{n}")
    assert sum("core" in names for names in bumps) == 2


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_does_not_stop_the_next_from_bumping():
    with pytest.raises(RuntimeError), transaction.atomic():
        OrganisationFactory()
        raise RuntimeError
    with transaction.atomic():
        OrganisationFactory()
        during = _token("core")
    assert _token("core") != during


def test_a_memo_is_computed_once_until_its_namespace_changes():
    calls = []

    def compute():
        calls.append(1)
        return Organisation.objects.count()

    assert versions.memo("count", compute, depends=("core",)) == 0
    assert versions.memo("count", compute, depends=("core",)) == 0
    assert len(calls) == 1
    UserFactory()  # people: not a dependency
    assert versions.memo("count", compute, depends=("core",)) == 0
    assert len(calls) == 1
    OrganisationFactory()
    assert versions.memo("count", compute, depends=("core",)) == 1
    assert len(calls) == 2


def test_a_process_memo_follows_the_versions_too():
    calls = []

    def compute():
        calls.append(1)
        return Organisation.objects.count()

    assert versions.process_memo("count", compute, depends=("core",)) == 0
    assert versions.process_memo("count", compute, depends=("core",)) == 0
    OrganisationFactory()
    assert versions.process_memo("count", compute, depends=("core",)) == 1
    assert len(calls) == 2


def test_within_a_request_tokens_are_read_once_and_follow_its_own_writes(django_assert_num_queries):
    with versions.request_snapshot():
        first = versions.current()
        assert versions.current() == first
        OrganisationFactory()
        assert versions.current("core") != first[versions.namespaces().index("core")]


def test_a_write_succeeds_when_the_cache_does_not_answer(monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set_many", broken)
    organisation = OrganisationFactory()
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_migrate_pauses_the_notes_and_bumps_everything_at_the_end():
    before = versions.current()
    versions.pause_for_migrate()
    OrganisationFactory()
    assert versions.current() == before
    versions.bump_all_after_migrate()
    after = versions.current()
    assert all(a != b for a, b in zip(before, after, strict=True))


def test_the_file_store_is_shared_by_every_process_of_the_machine(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "versions"
    one, other = versions.FileStore(path), versions.FileStore(path)
    names = ("core", "events", "people")
    start = one.fetch(names)
    assert other.fetch(names) == start
    assert len(set(start.values())) == 3  # random bytes, not zeros
    one.store({"events": "00112233aabbccdd"})
    assert other.fetch(names)["events"] == "00112233aabbccdd"
    assert other.fetch(names)["core"] == start["core"]
    # Another process, mapping the same file, bumps; this one sees it at once.
    script = (
        f"import sys; sys.path[:0] = {sys.path!r}\n"
        "from samspill.core.versions import FileStore\n"
        f"FileStore({str(path)!r}).store({{'core': 'ffeeddccbbaa9988'}})\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
    assert one.fetch(names)["core"] == "ffeeddccbbaa9988"


def test_the_file_store_follows_a_replaced_file(tmp_path):
    path = tmp_path / "versions"
    store = versions.FileStore(path)
    before = store.fetch(("core",))
    path.unlink()
    store._checked = 0.0  # as if a second had passed
    assert store.fetch(("core",)) != before


def test_a_memo_name_with_any_text_makes_a_key_every_cache_takes(recwarn):
    name = "projects:page:" + "\U00096ef2 ú" * 200
    assert versions.memo(name, lambda: 42, depends=("projects",)) == 42
    assert versions.memo(name, lambda: 0, depends=("projects",)) == 42
    assert not [w for w in recwarn if "CacheKeyWarning" in str(w.category)]
