"""Answering under real concurrency: hundreds of simultaneous responses against `samspill serve`.

With the server harness of `tests/served.py`, like `tests/events/test_concurrency.py`: the test
builds a fresh database of its own (SQLite: a file in a temporary directory; PostgreSQL, when the suite
runs on it: a temporary database on the same server), migrates it with `samspill migrate`, creates
the surveys, and serves it with gunicorn (2 worker processes, 4 threads each). Then it fires POSTs
at once from a thread pool released by a barrier and checks what the database holds afterwards,
through a connection of its own.

- 200 distinct anonymous responses all land, each exactly once and complete;
- 20 responses with one personal link: the database's unique constraint lets exactly one in, the
  others get 409 `already_answered`;
- a draft finished on the web form while the API submits for the same personal link, RACES times
  (it deadlocked on PostgreSQL): exactly one submission wins, the API answers 201 or 409
  `already_answered`, the web form takes the respondent to the thanks page, nothing answers 500.
"""

import http.client
import json
import re
import textwrap
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.served import Reply, served

pytestmark = [pytest.mark.xdist_group("server")]

RUSH = 200  # simultaneous anonymous responses
TWINS = 20  # simultaneous responses with one invitation token
RACES = 30  # a web form's draft finished while the API submits for the same link


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
    race, race_keys = make("kapplop", "invitation")
    # A second section, so that the web form holds a draft before it finishes.
    Question.objects.create(survey=race, sort_order=1, kind="section", text="Mer")
    Question.objects.filter(survey=race, text__in=["Ansatte", "Navn"]).update(sort_order=2)
    tokens = [
        Invitation.objects.create(survey=race, label=f"Kommune {n}").token for n in range(RACES_HERE)
    ]
    print(json.dumps({
        "rush": {"id": rush.pk, "slug": rush.slug, "keys": rush_keys},
        "twins": {"id": twins.pk, "slug": twins.slug, "keys": twin_keys, "token": token},
        "race": {"id": race.pk, "slug": race.slug, "keys": race_keys, "tokens": tokens},
    }))
    """
).replace("RACES_HERE", str(RACES))


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


# --- A draft finished on the web while the API submits it -------------------------------------


class Browser:
    """One person's browser against the served instance: cookies kept, forms posted with the
    CSRF token of the page they came from."""

    def __init__(self, instance):
        self.instance = instance
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.instance.port, timeout=60)
        try:
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            body = None
            if form is not None:
                body = urlencode(form, doseq=True)
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers.get("Location", ""), text
        finally:
            connection.close()


def _csrf(page: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


# The API's request leaves this much after the web form's (seconds), so that either may come first.
STAGGER = [0, 0, 0.02, 0.05, 0.1, 0.2]


def _race(instance, survey: dict, token: str, n: int) -> tuple[int, str, int, dict | None]:
    """Start a draft on the web (its first section), then finish it on the web and submit the
    same link's answers through the API at once: (web status, web target, API status, body)."""
    fase, ansatte, navn = survey["keys"]
    page_url = f"/sporreundersokelser/{survey['slug']}/"
    browser = Browser(instance)
    status, _target, page = browser.request("GET", f"{page_url}?token={token}")
    assert status == 200, page[-2000:]
    status, target, page = browser.request(
        "POST", page_url, {"csrfmiddlewaretoken": _csrf(page), fase: PHASES[n % 3]}
    )
    assert status == 302 and "del=2" in target, (status, target, page[-2000:])
    status, _target, page = browser.request("GET", target)
    assert status == 200
    web_form = {"csrfmiddlewaretoken": _csrf(page), ansatte: str(n), navn: f"Nett {n}"}
    api_body = json.dumps({"answers": _answers(survey["keys"], n), "token": token}).encode()
    replies: dict = {}
    barrier = threading.Barrier(2)

    def web():
        barrier.wait(timeout=30)
        replies["web"] = browser.request("POST", target, web_form)

    def api():
        connection = http.client.HTTPConnection("127.0.0.1", instance.port, timeout=60)
        try:
            connection.connect()
            barrier.wait(timeout=30)
            time.sleep(STAGGER[n % len(STAGGER)])
            connection.request(
                "POST",
                f"/api/v1/surveys/{survey['slug']}/responses",
                body=api_body,
                headers={"Content-Type": "application/json", "Accept": "application/json"},
            )
            response = connection.getresponse()
            raw = response.read()
            replies["api"] = (response.status, json.loads(raw) if raw else None)
        finally:
            connection.close()

    threads = [threading.Thread(target=web), threading.Thread(target=api)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert "web" in replies and "api" in replies, f"no answer; the server log:\n{instance.log()}"
    web_status, web_target, _page = replies["web"]
    api_status, api_reply = replies["api"]
    return web_status, web_target, api_status, api_reply


def test_a_draft_finished_on_the_web_while_the_api_submits_it_lets_one_win(instance):
    survey = instance.prepared["race"]
    started = time.perf_counter()
    outcomes = {"web": 0, "api": 0}
    for n, token in enumerate(survey["tokens"]):
        web_status, web_target, api_status, api_reply = _race(instance, survey, token, n)
        assert web_status == 302 and "/takk/" in web_target, (web_status, instance.log())
        assert api_status in (201, 409), (api_status, api_reply, instance.log())
        rows = instance.database.rows(
            "SELECT r.id, r.status FROM surveys_response r "
            "JOIN surveys_invitation i ON i.id = r.invitation_id WHERE i.token = %s",
            (token,),
        )
        assert len(rows) == 1 and rows[0][1] == "submitted", rows
        if api_status == 201:
            assert api_reply["id"] == rows[0][0]
            outcomes["api"] += 1
        else:
            assert api_reply["error"]["code"] == "already_answered"
            outcomes["web"] += 1
        answers = instance.database.rows(
            "SELECT COUNT(*) FROM surveys_answer WHERE response_id = %s", (rows[0][0],)
        )
        assert answers == [(3,)]
    spent = time.perf_counter() - started
    print(f"\n{RACES} races in {spent:.1f} s: the web form won {outcomes['web']}, the API "
          f"{outcomes['api']}")  # fmt: skip
