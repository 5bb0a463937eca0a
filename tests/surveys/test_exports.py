"""Survey exports: one row per submitted response, one column per question (or per option and
matrix row), the codebook, formula escaping, the public export and who may download what."""

import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from samspill.core import spreadsheets
from samspill.surveys import exports, services
from samspill.surveys.models import Answer
from tests.core.factories import UserFactory
from tests.surveys.factories import make_survey, q, standard_answers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


@pytest.fixture
def survey(organisation):
    return make_survey(owner=organisation, results_public=True)


def submit(survey, n=1, extra=None, **overrides):
    for _ in range(n):
        data = standard_answers(survey, **overrides)
        data.update(extra or {})
        services.response_submit(survey=survey, answers=data)


def url(survey, name):
    return f"/sporreundersokelser/{survey.slug}/{name}"


def read_csv(response) -> list[dict]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def keys(survey, *texts):
    return [q(survey, t).key for t in texts]


def test_columns_one_per_question_option_and_matrix_row(survey):
    header, rows = exports.table(survey, public=False)
    kind, phase, municipality, staff, needs, scale, yes_no, which, matrix, other = (
        q(survey, t).key
        for t in (
            "Hva slags virksomhet er dere?",
            "Fase",
            "Kommune",
            "Antall ansatte",
            "Hva trenger dere?",
            "Hvor nyttig er et nettverk?",
            "Vil dere komme på samlinger?",
            "Hvilke?",
            "Hvor viktig er",
            "Noe annet?",
        )
    )
    assert header == [
        "response",
        "submitted",
        kind,
        phase,
        municipality,
        staff,
        f"{needs}_1",
        f"{needs}_2",
        f"{needs}_3",
        f"{needs}_4",
        f"{needs}_other",
        scale,
        yes_no,
        which,
        f"{matrix}_1",
        f"{matrix}_2",
        other,
    ]
    assert list(rows) == []
    assert exports.table(survey, public=True)[0][:2] == ["response", kind]


def test_values_per_kind(survey):
    needs = q(survey, "Hva trenger dere?").key
    submit(survey, extra={f"{needs}_other": "Lydteknikere"})
    submit(
        survey,
        **{
            "Fase": "Idé",
            "Hva trenger dere?": ["Mentor"],
            "Vil dere komme på samlinger?": "no",
            "Hvor viktig er": {"Kompetanse": 2},
            "Noe annet?": "Takk",
        },
    )
    header, rows = exports.table(survey, public=False)
    first, second = (dict(zip(header, row, strict=True)) for row in rows)
    phase, staff, scale, yes_no, which, matrix, kind, other = keys(
        survey,
        "Fase",
        "Antall ansatte",
        "Hvor nyttig er et nettverk?",
        "Vil dere komme på samlinger?",
        "Hvilke?",
        "Hvor viktig er",
        "Hva slags virksomhet er dere?",
        "Noe annet?",
    )
    assert first[phase] == "Oppstart" and first[kind] == "startup" and first[staff] == 3
    assert [first[f"{needs}_{n}"] for n in range(1, 5)] == [1, 1, 0, 0]
    assert first[f"{needs}_other"] == "Lydteknikere"
    assert first[scale] == 4 and first[yes_no] == "yes" and first[which] == "Digitale møter"
    assert (first[f"{matrix}_1"], first[f"{matrix}_2"]) == (5, 3)
    assert first[other] == ""
    assert second[phase] == "Idé" and second[yes_no] == "no" and second[which] == ""
    assert [second[f"{needs}_{n}"] for n in range(1, 5)] == [0, 1, 0, 0]
    assert (second[f"{matrix}_1"], second[f"{matrix}_2"]) == ("", 2)
    assert second[other] == "Takk"
    assert first["response"] < second["response"] and first["submitted"]


def test_single_choice_with_other_is_written_out():
    from samspill.surveys.models import Kind

    survey = make_survey(
        spec=[(Kind.SINGLE, "Rolle", {"options": "Artist\nProdusent", "allow_other": True})]
    )
    key = q(survey, "Rolle").key
    services.response_submit(survey=survey, answers={f"{key}_other": "Lydtekniker"})
    header, rows = exports.table(survey, public=False)
    assert next(iter(rows))[header.index(key)].endswith(": Lydtekniker")


def test_codebook_lists_every_column_with_its_meaning(survey, org_editor, client):
    client.force_login(org_editor)
    response = client.get(url(survey, "kodebok.csv"))
    assert response.status_code == 200
    assert "kodebok.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, entries = rows[0], {row[0]: row for row in rows[1:]}
    assert len(header) == 4
    assert list(entries) == exports.table(survey, public=False)[0]
    needs = q(survey, "Hva trenger dere?").key
    assert entries[f"{needs}_2"][1] == "Hva trenger dere?"
    assert "Mentor" in entries[f"{needs}_2"][3]
    kind = q(survey, "Hva slags virksomhet er dere?").key
    assert "startup = " in entries[kind][3]
    matrix = q(survey, "Hvor viktig er").key
    assert "Kompetanse" in entries[f"{matrix}_2"][3]


def test_formulas_are_escaped_in_csv_and_xlsx(survey, org_editor, client):
    submit(survey, **{"Hvilke?": '=HYPERLINK("http://x.test")', "Noe annet?": "@SUM(A1)"})
    client.force_login(org_editor)
    which, other = keys(survey, "Hvilke?", "Noe annet?")
    row = read_csv(client.get(url(survey, "resultater.csv")))[0]
    assert row[which] == '\'=HYPERLINK("http://x.test")' and row[other] == "'@SUM(A1)"
    response = client.get(url(survey, "resultater.xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    responses, codebook = workbook.worksheets
    header = [cell.value for cell in responses[1]]
    values = [cell for cell in responses[2]]
    cell = values[header.index(which)]
    assert cell.value == '\'=HYPERLINK("http://x.test")' and cell.data_type == "s"
    assert [c.value for c in codebook["A"]][1:] == header


def test_the_editor_export_has_everything_and_is_audited(survey, org_editor, client):
    submit(survey, 2, **{"Hvilke?": "Privat"})
    answer = Answer.objects.filter(text="Privat").first()
    services.answer_set_hidden(actor=None, answer=answer, hidden=True)
    client.force_login(org_editor)
    response = client.get(url(survey, "resultater.csv"))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    which = q(survey, "Hvilke?").key
    assert [r[which] for r in rows] == ["Privat", "Privat"]
    assert ModelLogEntry.objects.filter(action="surveys.results.exported").count() == 1
    client.get(url(survey, "resultater.xlsx"))
    assert ModelLogEntry.objects.filter(action="surveys.results.exported").count() == 2


@pytest.mark.parametrize("name", ["resultater.csv", "resultater.xlsx", "kodebok.csv"])
def test_response_rows_are_for_those_who_run_the_survey_only(
    survey, client, name, org_member, org_admin, hub_admin
):
    submit(survey, 12)
    # The public, a signed-in stranger and a plain member of the owner: no rows.
    assert client.get(url(survey, name)).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url(survey, name)).status_code == 404
    client.force_login(org_member)
    assert client.get(url(survey, name)).status_code == 404
    for runner in (org_admin, hub_admin):
        client.force_login(runner)
        assert client.get(url(survey, name)).status_code == 200


def test_the_public_results_page_links_only_the_counted_results(survey, client, org_editor):
    submit(survey, 6)
    page = client.get(url(survey, "resultater/")).content.decode()
    assert "sammendrag.csv" in page and "sammendrag.xlsx" in page
    assert "resultater.csv" not in page and "resultater.xlsx" not in page
    assert "kodebok.csv" not in page
    client.force_login(org_editor)
    page = client.get(url(survey, "resultater/")).content.decode()
    assert "resultater.csv" in page and "kodebok.csv" in page


def test_the_public_summary_download_counts_and_suppresses(survey, client):
    submit(survey, 7, **{"Fase": "Idé", "Hvilke?": "Konserter"})
    submit(survey, 6, **{"Fase": "Oppstart"})
    submit(survey, 2, **{"Fase": "Vekst", "Hvilke?": "Privat"})
    response = client.get(url(survey, "sammendrag.csv"))
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert "Privat" not in body and "Konserter" not in body  # no response's own text
    rows = list(csv.reader(io.StringIO(body)))
    phase = q(survey, "Fase").key
    counts = {row[2]: row[3] for row in rows[1:] if row[0] == phase}
    assert counts["Idé"] == "7"
    # Two at Vekst: hidden, and Oppstart with them (15 less 7 less 6 would be 2).
    assert counts["Vekst"] == "" and counts["Oppstart"] == ""
    assert rows[1][3] == "15"
    workbook = load_workbook(io.BytesIO(client.get(url(survey, "sammendrag.xlsx")).content))
    values = [[c.value for c in row] for row in workbook.worksheets[0].iter_rows()]
    assert [phase, "Fase", "Idé", 7, 46.7] in values


def test_no_public_summary_below_five_or_without_public_results(client, organisation):
    small = make_survey(owner=organisation, results_public=True)
    submit(small, 4)
    assert client.get(url(small, "sammendrag.csv")).status_code == 404
    private = make_survey(owner=organisation, results_public=False)
    submit(private, 6)
    assert client.get(url(private, "sammendrag.csv")).status_code == 404


C0_CONTROLS = [chr(code) for code in range(0x20)]


def test_the_xlsx_export_opens_whatever_control_character_an_answer_holds(
    survey, org_editor, client, settings
):
    submit(survey, len(C0_CONTROLS))
    which = q(survey, "Hvilke?")
    answers = Answer.objects.filter(question=which).order_by("response_id")
    postgres = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    for answer, char in zip(answers, C0_CONTROLS, strict=True):
        if char == "\x00" and postgres:
            char = ""  # PostgreSQL stores no NUL (the service strips it, see test_services)
        Answer.objects.filter(pk=answer.pk).update(text=f"a{char}b")
    client.force_login(org_editor)
    response = client.get(url(survey, "resultater.xlsx"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    column = [cell.value for cell in sheet[1]].index(which.key)
    texts = [row[column].value for row in sheet.iter_rows(min_row=2)]
    # Tab and line feed stay; XML reads a carriage return back as a line feed.
    kept = {"\t": "\t", "\n": "\n", "\r": "\n"}
    assert texts == [f"a{kept[c]}b" if c in kept else "ab" for c in C0_CONTROLS]


def test_xlsx_text_strips_every_character_xml_cannot_hold():
    for char in C0_CONTROLS:
        cleaned = spreadsheets.xlsx_text(f"x{char}y")
        assert cleaned == (f"x{char}y" if char in "\t\n\r" else "xy")


def test_the_csv_is_read_in_chunks(survey, monkeypatch, queries):
    monkeypatch.setattr(exports, "CHUNK", 2)
    submit(survey, 5)
    _header, rows = exports.table(survey, public=False)
    # 3 chunks of responses (2, 2, 1) and an empty one, each chunk with its answers.
    assert queries.count(lambda: list(rows)) == 3 * 2 + 1
    lines = list(exports.csv_lines(survey, public=False))
    assert lines[0].startswith("\ufeffresponse,submitted,") and len(lines) == 6
