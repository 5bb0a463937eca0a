"""samspill import-knowledge FILE.jsonl"""

import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from samspill.answers import search
from samspill.answers.models import Passage
from samspill.knowledge.models import ArticlePage, TopicPage
from tests.core import factories as core_factories
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page, organisation):
    core_factories.audiences()
    return factories.index_page(home_page)


def _line(**overrides):
    record = {
        "id": "ext-1",
        "title": "Frilans eller fast ansatt?",
        "body": "Kort innledning om **frilans**.\n\n## Skatt for frilansere\n\nFrilansere får honoraret som lønn, og oppdragsgiveren sender A-melding.\n\n## Lenker\n\nSe [Skatteetaten](https://www.skatteetaten.no/).",
        "language": "nb",
        "topics": ["Skatt og status", "Frilans"],
        "audiences": ["employee"],
        "source_url": "https://example.org/frilans",
    }
    record.update(overrides)
    return json.dumps(record, ensure_ascii=False)


def _write(tmp_path, *lines):
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _run(path, *args):
    with factories.committed():
        call_command("import_knowledge", path, "--no-progress", *args)


def test_import_creates_published_articles_topics_and_index(tmp_path, index, organisation):
    _run(
        _write(
            tmp_path,
            _line(),
            _line(
                id="ext-2",
                title="Dansk moms",
                body="Moms for musikere i Danmark.",
                language="da",
                topics=["Moms"],
                audiences=[],
            ),
        )
    )
    article = ArticlePage.objects.get(external_id="ext-1")
    assert article.live and article.organisation == organisation
    assert article.content_language == "nb" and article.source_url == "https://example.org/frilans"
    assert [b.block_type for b in article.body] == ["heading", "text", "heading", "text"]
    assert article.get_parent().title == "Skatt og status"
    assert [t.title for t in article.related_topics.all()] == ["Frilans"]
    assert set(TopicPage.objects.values_list("title", flat=True)) >= {
        "Skatt og status",
        "Frilans",
        "Moms",
    }
    assert list(article.audiences.values_list("slug", flat=True)) == ["employee"]
    assert 'href="https://www.skatteetaten.no/"' in str(article.body[3].value.source)
    # The answer finder knows it by its import id, at section level.
    best = search.find_answers("frilanser honorar a-melding").results[0]
    assert best.answer_id == "ext-1" and best.heading == "Skatt for frilansere"


def test_a_second_import_updates_by_id(tmp_path, index):
    _run(_write(tmp_path, _line()))
    _run(
        _write(
            tmp_path, _line(title="Frilans eller ansatt – oppdatert", body="Ny tekst om royalties.")
        )
    )
    article = ArticlePage.objects.get(external_id="ext-1")
    assert ArticlePage.objects.count() == 1
    assert article.title == "Frilans eller ansatt – oppdatert"
    assert set(Passage.objects.filter(answer_id="ext-1").values_list("text", flat=True)) == {
        "Ny tekst om royalties. Ny tekst om royalties."
    } or ("royalties" in Passage.objects.get(answer_id="ext-1").text)


def test_a_file_with_errors_imports_nothing_and_names_every_line(tmp_path, index, capsys):
    path = _write(
        tmp_path,
        _line(),
        "{not json",
        _line(id="ext-3", language="de"),
        _line(id="ext-4", audiences=["aliens"], topics=[]),
        _line(id="ext-1"),
    )
    # The command speaks the active language; the operator here reads English.
    with translation.override("en"), pytest.raises(CommandError, match="4 invalid lines"):
        _run(path)
    err = capsys.readouterr().err
    assert "line 2: not valid JSON" in err
    assert "line 3:" in err and "language" in err
    assert "line 4:" in err and "aliens" in err and "topics" in err
    assert "line 5:" in err and "already used on line 1" in err
    assert not ArticlePage.objects.exists()


def test_the_report_is_in_the_active_language(tmp_path, index, capsys):
    path = _write(tmp_path, _line(), "{not json", _line(id="ext-1"))
    with translation.override("nb"), pytest.raises(CommandError, match="2 ugyldige linjer"):
        _run(path)
    err = capsys.readouterr().err
    assert "linje 2: ikke gyldig JSON" in err
    assert "linje 3:" in err and "allerede brukt på linje 1" in err


def test_skip_invalid_imports_the_rest(tmp_path, index):
    _run(_write(tmp_path, _line(), '{"id": "x"}'), "--skip-invalid")
    assert list(ArticlePage.objects.values_list("external_id", flat=True)) == ["ext-1"]


def test_markdown_html_is_not_let_through(client, tmp_path, index):
    _run(
        _write(
            tmp_path, _line(body="Tekst <script>alert(1)</script> og [lenke](javascript:alert(1)).")
        )
    )
    html = client.get(ArticlePage.objects.get().url).content.decode()
    assert "<script>alert" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html  # shown as text


def test_an_imported_article_shows_its_first_paragraph_once(client, tmp_path, index):
    """The first paragraph becomes the lead; the body starts after it."""
    _run(_write(tmp_path, _line()))
    article = ArticlePage.objects.get(external_id="ext-1")
    assert article.summary == "Kort innledning om frilans."
    assert article.body[0].block_type == "heading"
    main = client.get(article.url).content.decode().split("<main", 1)[1]
    assert main.count("Kort innledning om") == 1
