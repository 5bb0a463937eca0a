"""The index follows publish, edit and unpublish (tasks run at once in tests)."""

import json

import pytest

from samspill.answers import search, services
from samspill.answers.models import IndexState, Passage, Term
from tests.core import factories as core_factories
from tests.core.factories import OrganisationFactory
from tests.knowledge import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(home_page):
    return factories.topic_page(factories.index_page(home_page))


def _ids(question, **kwargs):
    return [a.answer_id for a in search.find_answers(question, **kwargs).results]


def test_publishing_indexes_each_section_and_qa_block(topic, organisation):
    article = factories.article_page(topic, organisation, external_id="imp-1")
    anchors = set(Passage.objects.filter(answer_id="imp-1").values_list("anchor", flat=True))
    assert anchors == {
        "",
        "sykepenger-nar-du-er-begge-deler",
        "ma-jeg-registrere-enk",
        "merverdiavgift-for-konserter",
    }
    best = search.find_answers("Må jeg registrere ENK?").results[0]
    assert best.answer_id == "imp-1"
    assert best.url == f"{article.url}#ma-jeg-registrere-enk"


def test_an_edit_replaces_the_passages_and_keeps_frequencies_exact(topic, organisation):
    article = factories.article_page(topic, organisation, external_id="imp-2")
    article.body = json.dumps(
        [
            {"type": "heading", "value": "Gramo og TONO"},
            {"type": "text", "value": "<p>Vederlag for spilt musikk.</p>"},
        ]
    )
    factories.publish(article)
    assert set(Passage.objects.filter(answer_id="imp-2").values_list("heading", flat=True)) == {
        "",
        "Gramo og TONO",
    }
    assert "imp-2" not in _ids("sykepenger")
    assert "imp-2" in _ids("vederlag gramo")
    # Document frequencies equal a fresh count.
    before = dict(Term.objects.values_list("text", "df"))
    services.recount()
    after = dict(Term.objects.values_list("text", "df"))
    assert {k: v for k, v in before.items() if v} == after
    assert IndexState.objects.get().passages == Passage.objects.count()


def test_unpublish_and_delete_remove_the_passages(topic, organisation):
    article = factories.article_page(topic, organisation, external_id="imp-3")
    other = factories.article_page(
        topic, OrganisationFactory(), title="Andre artikkel", external_id="imp-4"
    )
    with factories.committed():
        article.unpublish()
    assert not Passage.objects.filter(answer_id="imp-3").exists()
    with factories.committed():
        other.delete()
    assert not Passage.objects.filter(answer_id="imp-4").exists()
    assert IndexState.objects.get().passages == Passage.objects.count() == 0


def test_a_draft_is_not_indexed(topic, organisation):
    factories.article_page(topic, organisation, external_id="draft-1", live=False)
    assert not Passage.objects.filter(answer_id="draft-1").exists()


def test_filters_by_audience_and_topic(home_page, organisation):
    core_factories.audiences()
    index = factories.index_page(home_page)
    tax = factories.topic_page(index)
    live = factories.topic_page(index, slug="konserter", title="Konserter")
    factories.article_page(
        tax, organisation, title="Skatt for ansatte", external_id="tax", audiences=["employee"]
    )
    factories.article_page(
        live,
        organisation,
        title="Skatt på konserter",
        external_id="live",
        audiences=["organiser-venue"],
    )
    assert set(_ids("skatt sykepenger")) == {"tax", "live"}
    assert _ids("skatt sykepenger", audience="employee") == ["tax"]
    assert _ids("skatt sykepenger", topic="konserter") == ["live"]


def test_rebuild_gives_the_same_index(topic, organisation):
    factories.article_page(topic, organisation, external_id="imp-5")
    factories.faq_page(topic, organisation)
    pages = Passage.objects.filter(source__startswith="knowledge.")
    before = sorted(pages.values_list("answer_id", "anchor", "text"))
    services.rebuild()  # it also indexes the organisation, which the fixture made uncommitted
    assert sorted(pages.values_list("answer_id", "anchor", "text")) == before
