"""Answering under real concurrency: hundreds of simultaneous responses against `samspill serve`.

With the server harness of `tests/served.py`, like `tests/events/test_concurrency.py`: the test
builds a fresh database of its own (SQLite: a file in a temporary directory; PostgreSQL, when the suite
runs on it: a temporary database on the same server), migrates it with `samspill migrate`, creates
the surveys, and serves it with gunicorn (2 worker processes, 4 threads each). Then it fires POSTs
at once from a thread pool released by a barrier and checks what the database holds afterwards,
through a connection of its own.

- 200 distinct anonymous responses all land, each exactly once and complete;
- 20 responses with one personal link: the database's unique constraint lets exactly one in, the
  others get 409 `already_answered`.
"""

import textwrap

import pytest

from tests.served import Reply, served

pytestmark = [pytest.mark.xdist_group("server")]

RUSH = 200  # simultaneous anonymous responses
TWINS = 20  # simultaneous responses with one invitation token


SETUP_SCRIPT = textwrap.dedent(
    """
    import datetime, json
    import django
    django.setup()
    from django.utils import timezone
    from samspill.core.models import Organisation
    from samspill.surveys.models import Invitation, Question, Survey

    owner = Organisation.objects.create(
        name="Konsertfabrikken", slug="konsertfabrikken", kind="venue", country="NO"
    )
    now = timezone.now()

    def make(slug, mode):
        survey = Survey.objects.create(
            title=slug, slug=slug, owner=owner, mode=mode, is_published=True,
            opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=7),
        )
        questions = [
            Question.objects.create(
                survey=survey, sort_order=0, kind="single", text="Fase",
                options="Idé\\nOppstart\\nVekst", required=True,
            ),
            Question.objects.create(
                survey=survey, sort_order=1, kind="number", text="Ansatte", min_value=0,
                max_value=100000, required=True,
            ),
            Question.objects.create(
                survey=survey, sort_order=2, kind="short_text", text="Navn", required=True
            ),
        ]
        return survey, [q.key for q in questions]

    rush, rush_keys = make("rush", "anonymous")
    twins, twin_keys = make("tvillinger", "invitation")
    token = Invitation.objects.create(survey=twins, label="Bergen kommune").token
    print(json.dumps({
        "rush": {"id": rush.pk, "slug": rush.slug, "keys": rush_keys},
        "twins": {"id": twins.pk, "slug": twins.slug, "keys": twin_keys, "token": token},
    }))
    """
)


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    yield from served(tmp_path_factory, "survey-concurrency", SETUP_SCRIPT)


def _report(label: str, replies: list[Reply]) -> str:
    spent = max(r.finished for r in replies) - min(r.started for r in replies)
    slowest = max(r.finished - r.started for r in replies)
    return f"{label}: {len(replies)} requests in {spent:.2f} s (slowest {slowest:.2f} s)"


PHASES = ["Idé", "Oppstart", "Vekst"]


def _answers(keys: list[str], n: int) -> dict:
    fase, ansatte, navn = keys
    return {fase: PHASES[n % 3], ansatte: n, navn: f"Respondent {n}"}


def test_simultaneous_anonymous_responses_all_land_once_and_complete(instance):
    survey = instance.prepared["rush"]
    url = f"/api/v1/surveys/{survey['slug']}/responses"
    calls = [("POST", url, {"answers": _answers(survey["keys"], n)}) for n in range(RUSH)]
    replies = instance.at_once(calls)
    timing = _report(f"{instance.database.url.split(':')[0]} anonymous responses", replies)

    statuses = [reply.status for reply in replies]
    assert statuses == [201] * RUSH, {s: statuses.count(s) for s in set(statuses)}
    ids = {reply.body["id"] for reply in replies}
    assert len(ids) == RUSH

    rows = instance.database.rows(
        "SELECT id, status, submitted_at FROM surveys_response WHERE survey_id = %s",
        (survey["id"],),
    )
    assert {row[0] for row in rows} == ids
    assert {row[1] for row in rows} == {"submitted"}
    assert all(row[2] is not None for row in rows)

    # Every response holds its three answers, and each respondent's answers are its own.
    answers = instance.database.rows(
        "SELECT a.response_id, q.text, a.option, a.number, a.text FROM surveys_answer a "
        "JOIN surveys_question q ON q.id = a.question_id "
        "JOIN surveys_response r ON r.id = a.response_id WHERE r.survey_id = %s",
        (survey["id"],),
    )
    assert len(answers) == 3 * RUSH
    by_response: dict[int, dict] = {}
    for response_id, question, option, number, text in answers:
        by_response.setdefault(response_id, {})[question] = (option, number, text)
    assert set(by_response) == ids
    seen = set()
    for values in by_response.values():
        n = values["Ansatte"][1]
        assert values["Navn"][2] == f"Respondent {n}"
        assert values["Fase"][0] == PHASES[n % 3]
        seen.add(n)
    assert seen == set(range(RUSH))
    print("\n" + timing)


def test_simultaneous_responses_with_one_invitation_let_one_in(instance):
    survey = instance.prepared["twins"]
    url = f"/api/v1/surveys/{survey['slug']}/responses"
    calls = [
        ("POST", url, {"answers": _answers(survey["keys"], n), "token": survey["token"]})
        for n in range(TWINS)
    ]
    replies = instance.at_once(calls)
    statuses = sorted(reply.status for reply in replies)
    assert statuses == [201] + [409] * (TWINS - 1), {s: statuses.count(s) for s in set(statuses)}
    assert {r.body["error"]["code"] for r in replies if r.status == 409} == {"already_answered"}
    winner = next(r for r in replies if r.status == 201)
    rows = instance.database.rows(
        "SELECT id, status FROM surveys_response WHERE survey_id = %s", (survey["id"],)
    )
    assert rows == [(winner.body["id"], "submitted")]
    count = instance.database.rows(
        "SELECT COUNT(*) FROM surveys_answer WHERE response_id = %s", (winner.body["id"],)
    )
    assert count == [(3,)]
    print("\n" + _report("same invitation", replies))
