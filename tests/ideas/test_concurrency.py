"""Supporting ideas under real concurrency, against `samspill serve` (the harness of
`tests/served.py`, like the events and surveys concurrency tests).

100 people (200 against the scale-out profile's servers) support one idea at the same moment while
one more person clicks 20 times at once: the database's unique constraint on (idea, user) makes
the 20 clicks one support, and `Idea.support_count`, raised in the same transaction as each row,
ends at exactly 101 (201).

The people are signed in through real sessions made by the setup script (session cookie plus the
CSRF cookie and header the API asks of signed-in writes).
"""

import textwrap

import pytest

from tests.served import TARGETS, served

pytestmark = [pytest.mark.xdist_group("server")]

# One support each; 200 in the scale-out profile (bench/scaleout.py, two app servers).
PEOPLE = 200 if TARGETS else 100
REPEATS = 20  # simultaneous supports by one further person
CSRF = "k" * 32

SETUP_SCRIPT = textwrap.dedent(
    """
    import datetime, json
    import django
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from importlib import import_module
    from django.conf import settings
    SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    from samspill.core.models import Organisation, User
    from samspill.ideas.models import Idea
    from samspill.projects.models import Programme, Theme

    secretariat = Organisation.objects.create(
        name="Sekretariatet", slug="sekretariatet", kind="association", country="DK"
    )
    programme = Programme.objects.create(
        name="Musikmetropolen", slug="idestotte", lead="Et program.",
        secretariat=secretariat,
    )
    Theme.objects.create(programme=programme, slug="talent", name_nb="Talent")
    people = User.objects.bulk_create(
        [User(email=f"person{n}@example.org", name=f"Person {n}") for n in range(PEOPLE_AND_ONE)]
    )
    author = people[0]
    idea = Idea.objects.create(
        programme=programme, title="Fremtidens musikskoler", description="En idé.", author=author
    )
    sessions = []
    for user in people:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    print(json.dumps({"idea": idea.pk, "sessions": sessions}))
    """
).replace("PEOPLE_AND_ONE", str(PEOPLE + 1))


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    yield from served(tmp_path_factory, "idea-support-concurrency", SETUP_SCRIPT)


def _headers(session: str) -> dict:
    return {"Cookie": f"sessionid={session}; csrftoken={CSRF}", "X-CSRFToken": CSRF}


def test_simultaneous_supports_count_each_person_once(instance):
    idea = instance.prepared["idea"]
    sessions = instance.prepared["sessions"]
    url = f"/api/v1/ideas/{idea}/support"
    repeater = sessions[PEOPLE]
    calls = [("POST", url, None, _headers(session)) for session in sessions[:PEOPLE]]
    calls += [("POST", url, None, _headers(repeater)) for _ in range(REPEATS)]
    replies = instance.at_once(calls)

    statuses = [reply.status for reply in replies]
    assert statuses[:PEOPLE] == [201] * PEOPLE, {s: statuses.count(s) for s in set(statuses)}
    repeated = sorted(statuses[PEOPLE:])
    assert repeated == [200] * (REPEATS - 1) + [201], repeated

    rows = instance.database.rows(
        "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM ideas_ideasupport WHERE idea_id = %s",
        (idea,),
    )
    assert rows == [(PEOPLE + 1, PEOPLE + 1)]
    count = instance.database.rows("SELECT support_count FROM ideas_idea WHERE id = %s", (idea,))
    assert count == [(PEOPLE + 1,)]
    # Every reply told the count as it stood after that request, never above the truth.
    assert max(reply.body["support_count"] for reply in replies) == PEOPLE + 1
    spent = max(r.finished for r in replies) - min(r.started for r in replies)
    print(f"\n{len(replies)} simultaneous supports in {spent:.2f} s")
