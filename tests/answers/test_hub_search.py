"""The header's question box over everything the hub indexes (answers.hub, /sok/ and
GET /api/v1/search): names first and exactly, kinds grouped and filtered, visibility, bad input.

Besides the knowledge bank (published pages, indexed on publish), a search source registered here
indexes organisations as the kind "organisation", with the organisation's name as its name, and
only the public ones (as a real source's `load` does)."""

import pytest
from django.test import Client

from samspill.answers import hub, services
from samspill.answers.models import PassageName, UnansweredQuestion
from samspill.core import pagecache, registry
from samspill.core.models import Organisation
from tests.core.factories import OrganisationFactory, UserFactory
from tests.core.pagecache_checks import member_copy_matches_their_own
from tests.knowledge import factories

pytestmark = pytest.mark.django_db

SOURCE = "test.organisation"


def _load(pk):
    return Organisation.objects.filter(pk=pk, is_public=True).first()


def _passages(organisation):
    return [
        {
            "anchor": "",
            "heading": "",
            "title": organisation.name,
            "text": organisation.summary,
            "url": f"/organisasjoner/{organisation.slug}/",
            "language": "nb",
            "answer_id": f"organisation-{organisation.pk}",
            "filters": [],
            "names": [organisation.name],
        }
    ]


@pytest.fixture
def organisations(monkeypatch):
    """A registered source of public organisations; `add(name, summary)` creates and indexes one."""
    monkeypatch.setitem(
        registry._registry.search_sources,
        SOURCE,
        registry.SearchSource(
            name=SOURCE,
            model=Organisation,
            load=_load,
            passages=_passages,
            all_ids=lambda: list(Organisation.objects.values_list("pk", flat=True)),
            kind="organisation",
            kind_label=lambda n: "Organisation" if n == 1 else "Organisations",
        ),
    )

    def add(name, summary="En scene for konserter og klubbkvelder.", **fields):
        organisation = OrganisationFactory(name=name, summary=summary, **fields)
        services.index_object(SOURCE, organisation.pk)
        return organisation

    return add


@pytest.fixture
def topic(home_page):
    return factories.topic_page(factories.index_page(home_page))


@pytest.fixture
def hub_content(topic, organisation, organisations):
    """An article about stages and concerts (words "Havnescenen" must not find by its parts), an
    FAQ entry, and the organisations Havnescenen and Popkorn Nordic."""
    article = factories.article_page(
        topic,
        organisation,
        title="Scenen og konsertene",
        external_id="scenen",
        body=[
            factories.heading("Leie en scene"),
            factories.text(
                "<p>Når du leier en scene for konserter, avtal lyd og lys skriftlig.</p>"
            ),
        ],
    )
    factories.faq_page(topic, organisation)
    return {
        "article": article,
        "havnescenen": organisations("Havnescenen", "Konsertlokale ved kaia i Bodø."),
        "popkorn": organisations("Popkorn Nordic", "Et nettverk for popartister i Norden."),
    }


def _ids(result) -> list[str]:
    return [answer.answer_id for group in result.groups for answer in group.results]


# --- Names ----------------------------------------------------------------------------------------


def test_a_name_finds_what_it_names_first_and_whole(hub_content):
    havnescenen = hub_content["havnescenen"]
    result = hub.search_hub("Havnescenen", language="nb")
    assert result.answered
    assert result.best.answer_id == f"organisation-{havnescenen.pk}"
    assert result.best.kind == "organisation" and result.best.name_match == hub.IS_NAME
    assert result.groups[0].kind == "organisation"
    assert result.groups[0].results[0].answer_id == f"organisation-{havnescenen.pk}"
    # Case, spaces and punctuation do not matter; the words must all be there.
    popkorn = f"organisation-{hub_content['popkorn'].pk}"
    assert hub.search_hub("  POPKORN   nordic! ", language="nb").best.answer_id == popkorn
    assert hub.search_hub("Popkorn", language="nb").best is None


def test_a_question_that_holds_a_name_puts_it_first_whatever_its_kind(hub_content):
    result = hub.search_hub("Hvordan leier jeg en scene på Havnescenen?", language="nb")
    first = result.groups[0].results[0]
    assert first.answer_id == f"organisation-{hub_content['havnescenen'].pk}"
    assert first.name_match == hub.HOLDS_NAME
    # The article about renting a stage is found too, after the name; and it is the best answer.
    assert "scenen" in _ids(result)
    assert result.best is None or result.best.answer_id == "scenen"


def test_names_are_not_stemmed_and_keep_their_letters(hub_content, organisations):
    organisations("Bølgen", "Et kulturhus.")
    # "Havnescene" is not the name Havnescenen (a stem would make it so).
    assert hub.search_hub("Havnescene", language="nb").best is None
    assert hub.search_hub("bølgen", language="nb").best.title == "Bølgen"
    assert hub.search_hub("bolgen", language="nb").best is None
    assert set(PassageName.objects.values_list("key", flat=True)) == {
        "havnescenen",
        "popkorn nordic",
        "bølgen",
    }


def test_a_renamed_or_hidden_object_leaves_the_names(hub_content):
    havnescenen = hub_content["havnescenen"]
    havnescenen.name = "Kaiscenen"
    havnescenen.save()
    services.index_object(SOURCE, havnescenen.pk)
    assert hub.search_hub("Havnescenen", language="nb").best is None
    assert hub.search_hub("Kaiscenen", language="nb").best.answer_id.endswith(str(havnescenen.pk))
    Organisation.objects.filter(pk=havnescenen.pk).update(is_public=False)
    services.index_object(SOURCE, havnescenen.pk)
    result = hub.search_hub("Kaiscenen", language="nb")
    assert result.best is None
    assert f"organisation-{havnescenen.pk}" not in _ids(result)
    assert not PassageName.objects.filter(key="kaiscenen").exists()


# --- Kinds, visibility, queries -------------------------------------------------------------------


def test_results_are_grouped_by_kind_and_filtered_by_kind(hub_content):
    result = hub.search_hub("konsertlokale eller scene", language="nb")
    kinds = [group.kind for group in result.groups]
    assert set(kinds) >= {"article", "organisation"} and len(kinds) == len(set(kinds))
    assert result.counts["organisation"] == 1 and result.counts["article"] >= 1
    for group in result.groups:
        assert {answer.kind for answer in group.results} == {group.kind}
        assert group.label in {"Organisasjon", "Organisasjoner", "Artikkel", "Artikler"}
    only = hub.search_hub("konsertlokale eller scene", language="nb", kinds=["organisation"])
    assert [group.kind for group in only.groups] == ["organisation"]
    # A name of a kind left out is not found by it either.
    assert hub.search_hub("Havnescenen", language="nb", kinds=["article", "faq"]).best is None


def test_per_kind_keeps_the_best_and_counts_them_all(topic, organisation, organisations):
    for n in range(4):
        organisations(f"Scene {n}", "Konsertscene med klubbkvelder og konserter.")
    result = hub.search_hub("konsertscene klubbkvelder", language="nb", per_kind=2)
    group = next(g for g in result.groups if g.kind == "organisation")
    assert len(group.results) == 2 and group.total == 4 and group.more


def test_drafts_and_private_objects_are_not_found(topic, organisation, organisations):
    factories.article_page(
        topic,
        organisation,
        title="Hemmelig utkast om pianostemming",
        external_id="utkast",
        live=False,
    )
    organisations("Skjulte Scenen", "Pianostemming og konserter.", is_public=False)
    for question in ["pianostemming", "Skjulte Scenen", "Hemmelig utkast om pianostemming"]:
        result = hub.search_hub(question, language="nb")
        assert result.best is None and not result.groups, question


def test_the_search_runs_a_bounded_number_of_queries(topic, organisation, organisations, queries):
    organisations("Havnescenen")
    factories.article_page(topic, organisation, title="Scenen", external_id="s0")
    question = "Havnescenen konserter scene klubbkvelder"
    hub.search_hub(question, language="nb")
    few = queries.count(lambda: hub.search_hub(question, language="nb"))
    for n in range(8):
        organisations(f"Havnescenen {n}")
        factories.article_page(topic, organisation, title=f"Scenen {n}", external_id=f"s{n + 1}")
    hub.search_hub(question, language="nb")
    many = queries.count(lambda: hub.search_hub(question, language="nb"))
    assert many == few <= 10


# --- The page -------------------------------------------------------------------------------------


def test_the_header_box_searches_everything(client, home_page):
    html = client.get("/").content.decode()
    assert 'action="/sok/"' in html and 'id="header-q"' in html
    assert 'action="/sporsmal/"' not in html.split('class="question-bar"')[1].split("</form>")[0]


def test_the_search_page_shows_names_first_groups_and_filters(client, hub_content):
    havnescenen = hub_content["havnescenen"]
    response = client.get("/sok/", {"q": "Havnescenen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html and 'id="hub-results"' in html
    link = f'href="/organisasjoner/{havnescenen.slug}/"'
    assert link in html
    assert 'id="best-heading"' in html and html.index('id="best-heading"') < html.index(link)
    assert '<h2 id="group-organisation">' in html
    assert 'name="kind" value="organisation"' in html and 'name="kind" value="article"' in html
    filtered = client.get("/sok/", {"q": "konserter scene", "kind": "article"}).content.decode()
    assert 'value="article" id="kind-article" checked' in filtered
    assert 'id="group-organisation"' not in filtered and 'id="group-article"' in filtered


def test_the_search_page_links_to_all_of_a_kind(client, topic, organisation, organisations):
    for n in range(7):
        organisations(f"Scene {n}", "Konsertscene med klubbkvelder og konserter.")
    html = client.get("/sok/", {"q": "konsertscene klubbkvelder"}).content.decode()
    assert html.count('href="/organisasjoner/organisasjon-') == 5
    assert 'href="?q=konsertscene+klubbkvelder&amp;kind=organisation"' in html
    every = client.get("/sok/", {"q": "konsertscene klubbkvelder", "kind": "organisation"})
    assert every.content.decode().count('href="/organisasjoner/organisasjon-') == 7


def test_the_search_page_marks_a_passage_in_another_language(client, home_page, organisation):
    from wagtail.models import Locale

    danish_home = home_page.get_translation(Locale.objects.get(language_code="da"))
    topic = factories.topic_page(factories.index_page(danish_home), title="Skat og moms")
    factories.article_page(
        topic,
        organisation,
        title="Moms for musikere",
        external_id="da-moms",
        body=[
            factories.heading("Hvornår skal jeg momsregistreres?"),
            factories.text("<p>Når omsætningen overstiger 50.000 kroner.</p>"),
        ],
    )
    html = client.get("/sok/", {"q": "momsregistreres omsætningen"}).content.decode()
    assert 'lang="da"' in html
    assert '<span class="tag">dansk</span>' in html.lower()


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"q": "x" * 301}, 400, "300"),
        ({"q": "ENK", "kind": "hemmelig"}, 400, "hemmelig"),
        ({"q": "ENK", "kind": ["article", "<script>"]}, 400, "&lt;script&gt;"),
        ({"q": "kontroll\x00tegn"}, 400, 'aria-invalid="true"'),
        ({"q": "   "}, 200, 'aria-invalid="true"'),
        ({"kind": "article"}, 200, 'aria-invalid="true"'),
        ({}, 200, "Havnescenen"),  # the empty page: an example
    ],
)
def test_bad_input_gets_a_clear_answer_never_an_error(client, home_page, params, status, message):
    response = client.get("/sok/", params)
    assert response.status_code == status
    assert message in response.content.decode()
    assert 'value="<script>"' not in response.content.decode()


def test_htmx_gets_only_the_results(client, hub_content):
    response = client.get(
        "/sok/", {"q": "Havnescenen"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="hub-results"
    )
    html = response.content.decode()
    assert "<html" not in html and 'id="best-heading"' in html


def test_unanswered_questions_are_noted_names_are_not(client, hub_content):
    client.get("/sok/", {"q": "Hvordan søker jeg om pizzastøtte?"})
    client.get("/sok/", {"q": "Havnescenen"})
    assert list(UnansweredQuestion.objects.values_list("count", flat=True)) == [1]


def test_a_searched_name_that_finds_nothing_is_never_stored(client, hub_content):
    # Someone looks for a person who is not listed: the box keeps no trace of whom.
    for q in ("Eline Tangvald", "Eline Marie Tangvald", "pizzastøtte"):
        client.get("/sok/", {"q": q})
    assert not UnansweredQuestion.objects.exists()
    client.get("/sok/", {"q": "finnes det pizzastøtte for band?"})
    assert UnansweredQuestion.objects.count() == 1


def test_the_knowledge_banks_question_page_keeps_to_the_knowledge_bank(client, hub_content):
    html = client.get("/sporsmal/", {"q": "Havnescenen konsertlokale kaia"}).content.decode()
    assert "/organisasjoner/" not in html.split("<main")[1].split("</main>")[0]


def test_the_search_page_queries_are_bounded(client, topic, organisation, organisations, queries):
    organisations("Havnescenen", "Konserter på Havnescenen.")
    url = "/sok/?q=Havnescenen"  # a name: never noted as unanswered, which costs queries
    client.get(url)
    few = queries.count(lambda: client.get(url))
    for n in range(7):
        organisations(f"Havnescenen {n}", "Konserter på Havnescenen.")
        factories.article_page(
            topic, organisation, title=f"Konserter på Havnescenen {n}", external_id=f"s{n}"
        )
    client.get(url)
    assert queries.count(lambda: client.get(url)) == few


def test_the_search_page_is_kept_and_shared_with_members(page_cache, hub_content):
    url = "/sok/?q=Havnescenen"
    assert Client().get(url).headers[pagecache.HEADER] == "miss"
    response = Client().get(url)
    assert response.headers[pagecache.HEADER] == "hit" and b"Havnescenen" in response.content
    havnescenen = hub_content["havnescenen"]
    havnescenen.name = "Kaiscenen"
    havnescenen.save()
    services.index_object(SOURCE, havnescenen.pk)
    response = Client().get(url)
    assert response.headers[pagecache.HEADER] in {"miss", "bypass"}
    member = Client()
    member.force_login(UserFactory())
    member_copy_matches_their_own(page_cache, member, "/sok/?q=Popkorn+Nordic")


# --- The API --------------------------------------------------------------------------------------


def test_api_search_groups_by_kind_with_the_named_thing_first(client, hub_content):
    body = client.get("/api/v1/search", {"q": "Havnescenen", "lang": "nb"}).json()
    assert body["query"] == "Havnescenen" and body["answered"] is True
    best = body["best"]
    assert best["kind"] == "organisation" and best["name_match"] is True
    assert best["url"] == f"http://testserver/organisasjoner/{hub_content['havnescenen'].slug}/"
    assert body["groups"][0]["kind"] == "organisation"
    assert body["groups"][0]["results"][0]["title"] == "Havnescenen"
    assert "<mark>" not in best["passage"]
    only = client.get("/api/v1/search", {"q": "konserter scene", "kind": ["article"]}).json()
    assert [group["kind"] for group in only["groups"]] == ["article"]
    assert only["groups"][0]["label"] in {"Articles", "Artikler", "Article", "Artikkel"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("", "q"),
        ("?q=%20", "q"),
        ("?q=ENK&kind=hemmelig", "kind"),
        ("?q=ENK&lang=xx", None),
        ("?q=ENK&limit=0", None),
        ("?q=" + "x" * 301, None),
    ],
)
def test_api_search_refuses_bad_input_with_422(client, home_page, query, field):
    response = client.get(f"/api/v1/search{query}")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    if field:
        assert error["details"][0]["field"] == field


def test_api_search_is_in_the_openapi_document(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/search"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert names == {"q", "kind", "lang", "limit"}
