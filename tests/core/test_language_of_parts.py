"""Language of parts (WCAG 3.1.2, issue 18): content whose language differs from the page's is
inside an element with its own `lang` (core.content_language), and content in the page's language
is not marked as another. A Danish event, project, idea, survey and organisation on bokmål pages,
Norwegian content on English ones."""

from html.parser import HTMLParser

import pytest
from django.utils import translation

from samspill.core.content_language import lang_attribute, language_of
from tests.core.factories import OrganisationFactory, UserFactory
from tests.events.factories import make_event
from tests.ideas.factories import make_idea
from tests.projects.factories import make_programme, make_project
from tests.surveys.factories import make_survey

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _LangOfText(HTMLParser):
    """The `lang` in force (the nearest ancestor's) at each piece of text in the page's body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        # The body's text: the head's <title> cannot carry a language of its own.
        if data.strip() and any(tag == "body" for tag, _lang in self.stack):
            lang = next((lang for _tag, lang in reversed(self.stack) if lang), "")
            self.texts.append((data.strip(), lang))


def langs_of(response, text: str) -> set[str]:
    """The languages in force wherever `text` is shown on the page (each text node holding it)."""
    assert response.status_code == 200, response.status_code
    parser = _LangOfText()
    parser.feed(response.content.decode())
    found = {lang for data, lang in parser.texts if text in data}
    assert found, f"{text!r} is not on the page"
    return found


@pytest.fixture(autouse=True)
def _site(home_page):
    translation.activate("nb")
    yield home_page
    translation.activate("nb")


@pytest.fixture
def programme(db):
    """A Danish programme: its secretariat is in Denmark."""
    return make_programme()


# --- The tag ---------------------------------------------------------------------------------------


def test_the_attribute_is_written_only_where_the_languages_differ():
    event = make_event(title="Workshop om publikum", language="da")
    with translation.override("nb"):
        assert lang_attribute(event) == ' lang="da"'
    with translation.override("da"):
        assert lang_attribute(event) == ""
    several = make_event(title="Nordisk treff", language="mul")
    assert language_of(several) == ""
    assert lang_attribute(several) == ""


def test_each_kind_of_content_knows_its_language(programme):
    project = make_project(programme, title="Sangskrivercamp")
    idea = make_idea(programme)
    assert language_of(OrganisationFactory(country="DK")) == "da"
    assert language_of(OrganisationFactory(country="NO")) == "nb"
    assert language_of(programme) == "da"
    assert language_of(project) == "da"
    assert language_of(idea) == "da"
    norwegian = make_programme(
        slug="vestland", name="Vestland", secretariat=OrganisationFactory(country="NO")
    )
    assert language_of(make_project(norwegian, title="Lydverksted")) == "nb"


# --- Bokmål pages with Danish content --------------------------------------------------------------


def test_a_danish_event_on_bokmal_pages_is_marked_danish(client):
    event = make_event(
        title="Workshop: Nye publikumsformater",
        summary="Spillesteder udvikler sammen nye måder at møde publikum på.",
        description="<p>Hvordan får vi nyt publikum ind ad døren?</p>",
        language="da",
    )
    norwegian = make_event(title="Nettverkstreff i Bergen", language="nb")
    page = client.get(event.get_absolute_url())
    assert langs_of(page, "Workshop: Nye publikumsformater") == {"da"}
    assert langs_of(page, "nye måder at møde publikum") == {"da"}
    assert langs_of(page, "Hvordan får vi nyt publikum") == {"da"}
    assert langs_of(page, "Når") == {"nb"}  # the interface's own words stay in the page's language
    listing = client.get("/arrangementer/")
    assert langs_of(listing, "Workshop: Nye publikumsformater") == {"da"}
    assert langs_of(listing, "Nettverkstreff i Bergen") == {"nb"}
    assert (
        "<h1>Nettverkstreff i Bergen</h1>"
        in client.get(norwegian.get_absolute_url()).content.decode()
    )


def test_a_danish_project_on_bokmal_pages_is_marked_danish(client, programme):
    project = make_project(
        programme, title="Sangskrivercamp", body="<p>Unge sangskrivere mødes.</p>"
    )
    page = client.get(project.get_absolute_url())
    assert langs_of(page, "Sangskrivercamp") == {"da"}
    assert langs_of(page, "et projekt i Musikmetropolen") == {"da"}
    assert langs_of(page, "Unge sangskrivere mødes") == {"da"}
    assert langs_of(client.get("/prosjekter/"), "et projekt i Musikmetropolen") == {"da"}
    programme_page = client.get(programme.get_absolute_url())
    assert langs_of(programme_page, "Et sammenhængende musikmetropol.") == {"da"}


def test_a_danish_idea_on_bokmal_pages_is_marked_danish(client, programme):
    idea = make_idea(programme, title="Fremtidens musikskoler")
    page = client.get(idea.get_absolute_url())
    assert langs_of(page, "Fremtidens musikskoler") == {"da"}
    assert langs_of(page, "en løs idé fra netværksmødet") == {"da"}
    assert langs_of(client.get("/ideer/"), "Fremtidens musikskoler") == {"da"}


def test_a_danish_organisation_and_survey_on_bokmal_pages_are_marked_danish(client):
    organisation = OrganisationFactory(
        country="DK", name="Koncertforeningen Tonen", summary="Frivillig koncertforening i Halsnæs."
    )
    page = client.get(organisation.get_absolute_url())
    assert langs_of(page, "Frivillig koncertforening i Halsnæs.") == {"da"}
    assert '<h1 lang="da">Koncertforeningen Tonen</h1>' in page.content.decode()
    survey = make_survey(title="Input til Musikmetropolen", language="da", owner=organisation)
    assert langs_of(client.get(survey.get_absolute_url()), "Input til Musikmetropolen") == {"da"}
    assert langs_of(client.get("/sporreundersokelser/"), "Input til Musikmetropolen") == {"da"}


# --- English pages with Norwegian content ----------------------------------------------------------


def test_norwegian_content_on_english_pages_is_marked_bokmal(client):
    event = make_event(
        title="Kompetanseutviklingsforløp for arrangører",
        summary="Et kurs for arrangører i hele landet.",
        language="nb",
    )
    page = client.get("/en" + event.get_absolute_url())
    assert langs_of(page, "Kompetanseutviklingsforløp for arrangører") == {"nb"}
    assert langs_of(page, "Et kurs for arrangører") == {"nb"}
    assert langs_of(page, "When") == {"en"}
    assert langs_of(client.get("/en/arrangementer/"), "Kompetanseutviklingsforløp") == {"nb"}
    organisation = OrganisationFactory(country="NO", name="Vestnorsk jazzsenter")
    with translation.override("en"):
        address = organisation.get_absolute_url()
    assert '<h1 lang="nb">Vestnorsk jazzsenter</h1>' in client.get(address).content.decode()


def test_danish_content_on_danish_pages_is_not_marked(client, programme):
    project = make_project(programme, title="Sangskrivercamp")
    page = client.get("/da" + project.get_absolute_url())
    assert langs_of(page, "Sangskrivercamp") == {"da"}
    assert "<h1>Sangskrivercamp</h1>" in page.content.decode()  # no lang of its own


# --- Titles inside translated sentences and asides (lang2) -----------------------------------------


def test_a_norwegian_title_in_the_english_registration_heading_is_marked_bokmal(client):
    event = make_event(title="Kompetanseutviklingsforløp for arrangører", language="nb")
    page = client.get("/en" + event.get_absolute_url() + "pamelding/")
    html = page.content.decode()
    assert '<h1>Register for “<span lang="nb">Kompetanseutviklingsforløp' in html
    assert langs_of(page, "Kompetanseutviklingsforløp for arrangører") == {"nb"}
    assert langs_of(page, "Register for") == {"en"}
    # Where the languages agree, the title is not wrapped.
    with translation.override("nb"):
        address = event.get_absolute_url() + "pamelding/"
    bokmal = client.get(address).content.decode()
    heading = bokmal[bokmal.index("<h1>") : bokmal.index("</h1>")]
    assert "Kompetanseutviklingsforløp for arrangører" in heading
    assert "lang=" not in heading


def test_every_danish_title_on_an_idea_page_is_marked_danish(client, programme):
    from samspill.ideas.models import Idea

    author = UserFactory()
    idea = make_idea(programme, author, title="Fremtidens musikskoler")
    project = make_project(programme, title="Sangskrivercamp i Halsnæs")
    Idea.objects.filter(pk=idea.pk).update(status="project", project=project)
    client.force_login(author)
    # The project's page links to the idea it started as.
    assert langs_of(client.get(project.get_absolute_url()), "Fremtidens musikskoler") == {"da"}
    for prefix in ("", "/en"):
        page = client.get(prefix + idea.get_absolute_url())
        # The heading and the editor's hidden "Edit “…”" both.
        assert langs_of(page, "Fremtidens musikskoler") == {"da"}, prefix
        assert langs_of(page, "Sangskrivercamp i Halsnæs") == {"da"}, prefix
        assert langs_of(page, "Musikmetropolen") == {"da"}, prefix


def test_an_event_on_english_pages_names_and_links_its_topics_in_english(client, home_page):
    from wagtail.models import Locale

    from tests.knowledge import factories as knowledge

    index = knowledge.index_page(home_page)
    tax = knowledge.topic_page(index, "Skatt og status")
    english = tax.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.title = "Tax and status"
    english = knowledge.publish(english)
    untranslated = knowledge.topic_page(index, "Arbeidsmiljø på turné")
    event = make_event(title="Kompetanseutviklingsforløp for arrangører", language="nb")
    event.topics.set([tax, untranslated])
    with translation.override("en"):
        english_url = english.get_url()
    page = client.get("/en" + event.get_absolute_url())
    html = page.content.decode()
    assert f'<a href="{english_url}">Tax and status</a>' in html
    assert english_url.startswith("/en/")
    assert "Skatt og status" not in html
    assert langs_of(page, "Tax and status") == {"en"}
    # No English translation: the bokmål topic, marked as such.
    assert langs_of(page, "Arbeidsmiljø på turné") == {"nb"}
    # On bokmål pages, the bokmål topics, unmarked.
    with translation.override("nb"):
        address, bokmal_url = event.get_absolute_url(), tax.get_url()
    bokmal = client.get(address)
    assert f'<li><a href="{bokmal_url}">Skatt og status</a></li>' in bokmal.content.decode()


def test_the_footer_tagline_is_marked_in_the_hubs_language_on_other_pages(client):
    from samspill.core.models import HubSettings

    HubSettings.objects.update(tagline="Musikkbransjens felles plattform")
    assert langs_of(client.get("/en/organisasjoner/"), "Musikkbransjens felles plattform") == {"nb"}
    # On the hub's own language, nothing extra: the page's lang holds.
    assert langs_of(client.get("/organisasjoner/"), "Musikkbransjens felles plattform") == {"nb"}
    assert ' lang="nb">Musikkbransjens' not in client.get("/organisasjoner/").content.decode()
