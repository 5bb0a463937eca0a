"""The API against its own schema: schemathesis generates requests for every operation of
/api/v1/openapi.json (reads and writes), anonymous and signed in, valid and invalid, and each
answer must be no server error, have a documented status and content type, and fit the schema.

It reads the operations from the document, so a new endpoint joins without anyone listing it.
Path parameters are drawn from what the collections hold in the demo hub (`{slug}` and `{…_id}`
under a list path), besides generated ones, so operations reach real objects and not only 404s.
Time-boxed: SAMSPILL_API_EXAMPLES valid and a third as many invalid cases per operation and role
(default 12), no shrinking, no example database. The demo is built per test in its transaction.
"""

import os
import re
import time
from dataclasses import dataclass, field

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import got_request_exception
from django.test import Client
from django.test.client import ClientHandler
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from zeal import zeal_ignore

from samspill.core.models import User
from samspill.demo import builders

pytestmark = pytest.mark.django_db

OPENAPI = "/api/v1/openapi.json"
MEMBER_EMAIL = (
    "medlem@samspill.test"  # a member of an organisation in the demo (samspill.demo.core)
)
EXAMPLES = int(os.environ.get("SAMSPILL_API_EXAMPLES", "12"))
CSRF_SECRET = "schemathesis0csrf0secret00000000"  # 32 characters: a valid unmasked token

POSITIVE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
NEGATIVE_CHECKS = [*POSITIVE_CHECKS, negative_data_rejection]


class DjangoApp:
    """The project as a WSGI application for schemathesis, through Django's test handler: in the
    test's transaction (no connection closed after a request), with CSRF checks enforced, and
    with the exception behind a 500 kept for the report."""

    def __init__(self):
        self.handler = ClientHandler(enforce_csrf_checks=True)
        self.last_exception: BaseException | None = None

    def __call__(self, environ, start_response):
        self.last_exception = None
        response = self.handler(environ)
        headers = list(response.items())
        headers += [("Set-Cookie", c.output(header="").strip()) for c in response.cookies.values()]
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        content = b"".join(response) if response.streaming else response.content
        return [content]

    def on_exception(self, sender, request=None, **kwargs):
        import sys

        self.last_exception = sys.exc_info()[1]


@dataclass
class Report:
    cases: int = 0
    failures: list[str] = field(default_factory=list)


@pytest.fixture
def app():
    app = DjangoApp()
    got_request_exception.connect(app.on_exception)
    yield app
    got_request_exception.disconnect(app.on_exception)


@pytest.fixture
def demo_hub(db):
    with zeal_ignore():  # building the demo is set-up, not the code under test
        builders.build()


def _collection_values(client: Client, document: dict) -> dict[str, tuple[str, list[str]]]:
    """{path template: (its last path parameter, values)}, read from the collection above it."""
    values = {}
    for template in document["paths"]:
        match = re.fullmatch(r"(?P<collection>.+)/\{(?P<name>[a-z_]+)\}(?P<rest>.*)", template)
        if not match or "{" in match["collection"]:
            continue
        collection = match["collection"]
        if "get" not in document["paths"].get(collection, {}):
            continue
        key = "slug" if match["name"] == "slug" else "id"
        body = client.get(collection, {"limit": 20}).json()
        items = body.get("items", []) if isinstance(body, dict) else body  # 401: nothing
        found = [str(item[key]) for item in items if isinstance(item, dict) and key in item]
        if found:
            values[template] = (match["name"], found)
    return values


def _strategy(operation, mode, known: dict[str, tuple[str, list[str]]]):
    generated = operation.as_strategy(generation_mode=mode)
    path = operation.path
    found = [known[t] for t in known if path == t or path.startswith(t + "/")]
    if not found or mode is not GenerationMode.POSITIVE:
        return generated
    name, candidates = found[0]
    real = st.sampled_from(candidates).flatmap(
        lambda value: operation.as_strategy(generation_mode=mode, path_parameters={name: value})
    )
    return st.one_of(real, generated)


def _run(operation, mode, examples, app, report, known, cookies, headers):
    checks = POSITIVE_CHECKS if mode is GenerationMode.POSITIVE else NEGATIVE_CHECKS

    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_strategy(operation, mode, known))
    def run(case):
        report.cases += 1
        response = case.call(cookies=dict(cookies), headers=dict(headers))
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except Exception as failure:
            if app.last_exception is not None:
                failure.add_note(f"Raised: {app.last_exception!r}")
            raise

    try:
        run()
    except Unsatisfiable:
        # no input of this operation can be made invalid (no parameters, or only free strings)
        assert mode is GenerationMode.NEGATIVE, operation.label
    except (Exception, BaseExceptionGroup) as failure:
        notes = "\n".join(getattr(failure, "__notes__", []))
        report.failures.append(f"{operation.label} [{mode.value}]\n{failure}\n{notes}"[:3000])


def _walk(app, cookies: dict, headers: dict) -> Report:
    schema = schemathesis.openapi.from_wsgi(OPENAPI, app)
    known = _collection_values(Client(), schema.raw_schema)
    assert len(known) >= 10, known  # the demo's objects reach the detail operations
    report = Report()
    started = time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode, examples in (
            (GenerationMode.POSITIVE, EXAMPLES),
            (GenerationMode.NEGATIVE, max(1, EXAMPLES // 3)),
        ):
            _run(operation, mode, examples, app, report, known, cookies, headers)
    seconds = time.monotonic() - started
    print(
        f"\nschemathesis: {report.cases} cases in {seconds:.0f} s, {len(report.failures)} failing"
    )
    return report


def test_the_api_keeps_to_its_schema_for_anonymous_callers(app, demo_hub):
    report = _walk(app, cookies={}, headers={})
    assert report.cases > 0
    assert report.failures == [], "\n\n".join(report.failures)


def test_the_api_keeps_to_its_schema_for_a_signed_in_member(app, demo_hub):
    client = Client()
    client.force_login(User.objects.get(email=MEMBER_EMAIL))
    cookies = {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        settings.CSRF_COOKIE_NAME: CSRF_SECRET,
    }
    report = _walk(app, cookies=cookies, headers={"X-CSRFToken": CSRF_SECRET})
    assert report.cases > 0
    assert report.failures == [], "\n\n".join(report.failures)
