"""Factories of knowledge pages: the index, topics, articles, FAQ entries and guides, as a small tree
under the `home_page` fixture.

On-commit callbacks: a test runs inside one transaction that is never committed, so nothing that
waits for the commit runs by itself. `publish()` publishes inside `committed()`, which runs those
callbacks at once (the answer index task, the link register's sync), as production runs them
after the request: when a factory returns a published page, the answer finder and the link
register already know it. A test about what happens at the commit builds the page with
`live=False` and publishes it itself, inside `django_capture_on_commit_callbacks`.

A page is published through a revision, as an editor would (its log entry and revision exist).
Slugs come from the title and stay free among the siblings.
"""

import datetime
import json

from django.test import TestCase
from django.utils.text import slugify

from samspill.core.models import Audience
from samspill.knowledge import services
from samspill.knowledge.models import ArticlePage, FaqPage, GuidePage, KnowledgeIndexPage, TopicPage


def committed():
    """Run what waits for the commit (the index and link tasks) when the block ends."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def publish(page, user=None):
    with committed():
        page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return page


def _free_slug(parent, title: str, slug: str | None = None) -> str:
    base = slug or slugify(title.replace("ø", "o").replace("æ", "ae").replace("å", "a"))[:50]
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def index_page(home) -> KnowledgeIndexPage:
    """The knowledge index under the home page (one per parent), with the editors' group set up."""
    page = KnowledgeIndexPage.objects.child_of(home).first()
    if page is None:
        page = KnowledgeIndexPage(title="Kunnskapsbanken", slug="kunnskap", lead="Konkrete svar.")
        home.add_child(instance=page)
        page = publish(page)
    services.ensure_editor_group()
    return page


def topic_page(index, title="Skatt og status", *, slug=None) -> TopicPage:
    page = TopicPage(
        title=title, slug=_free_slug(index, title, slug), intro=f"Alt om {title.lower()}."
    )
    index.add_child(instance=page)
    return publish(page)


def body_json(*blocks) -> str:
    return json.dumps(list(blocks))


def heading(text):
    return {"type": "heading", "value": text}


def text(html):
    return {"type": "text", "value": html}


# An article without links (the link checker's tests count the links they add).
PLAIN_BODY = [heading("Skatt"), text("<p>Tekst uten lenker.</p>")]

# An article with a block of every kind: the default.
ARTICLE_BODY = [
    {"type": "text", "value": "<p>Mange musikere har både lønn og egen næring.</p>"},
    {"type": "heading", "value": "Sykepenger når du er begge deler"},
    {"type": "text", "value": "<p>Sykepengene beregnes etter reglene for arbeidstakere.</p>"},
    {
        "type": "qa",
        "value": {
            "question": "Må jeg registrere ENK?",
            "answer": "<p>Ja, i Enhetsregisteret hos Brønnøysundregistrene.</p>",
        },
    },
    {
        "type": "callout",
        "value": {
            "kind": "tip",
            "title": "Tips",
            "text": "<p>Tegn frivillig forsikring hos NAV.</p>",
        },
    },
    {"type": "heading", "value": "Merverdiavgift for konserter"},
    {
        "type": "checklist",
        "value": {"title": "Husk", "items": ["Sjekk omsetningen", "Registrer deg i tide"]},
    },
    {
        "type": "links",
        "value": {
            "title": "Les mer",
            "links": [
                {
                    "title": "Skatteetaten",
                    "url": "https://www.skatteetaten.no/",
                    "description": "Om MVA",
                }
            ],
        },
    },
    {
        "type": "video",
        "value": {
            "url": "https://www.youtube.com/watch?v=abcdefghijk",
            "title": "Webinar om skatt",
            "caption": "",
        },
    },
]


def article_page(
    topic,
    organisation,
    *,
    title="Både selvstendig og ansatt",
    slug=None,
    body=None,
    audiences=(),
    external_id=None,
    source_url="",
    reviewed=None,
    interval=12,
    live=True,
    user=None,
) -> ArticlePage:
    """An article in the topic's language; `body` is a list of blocks or their JSON. With
    `live=False` it is a draft: saved as a revision, never published."""
    body = ARTICLE_BODY if body is None else body
    page = ArticlePage(
        title=title,
        slug=_free_slug(topic, title, slug),
        summary=f"Sammendrag: {title}.",
        body=body if isinstance(body, str) else json.dumps(body),
        source_url=source_url,
        organisation=organisation,
        external_id=external_id,
        last_reviewed=reviewed or datetime.date.today(),
        review_interval=interval,
        content_language=topic.locale.language_code,
        live=live,
    )
    topic.add_child(instance=page)
    if audiences:
        page.audiences.set(Audience.objects.filter(slug__in=audiences))
    if live:
        return publish(page, user=user)
    page.save_revision(user=user)
    return page


def faq_page(
    topic,
    organisation,
    *,
    question="Når må jeg registrere meg for MVA?",
    answer="<p>Når omsetningen passerer 50 000 kroner på tolv måneder.</p>",
    reviewed=None,
) -> FaqPage:
    page = FaqPage(
        title=question,
        slug=_free_slug(topic, question.replace("?", ""))[:40],
        answer=answer,
        organisation=organisation,
        last_reviewed=reviewed or datetime.date.today(),
    )
    topic.add_child(instance=page)
    return publish(page)


def guide_steps(*, result_text="<p>Arbeidsgiveren har ansvaret.</p>", result_links=()) -> list:
    """A guide of two questions and two results; the first result's text and links are given."""
    return [
        {
            "type": "question",
            "value": {
                "key": "start",
                "question": "Hvordan jobber du?",
                "help": "",
                "options": [
                    {"label": "Bare ansatt", "next": "ansatt"},
                    {"label": "Både og", "next": "hvor-mye"},
                ],
            },
        },
        {
            "type": "question",
            "value": {
                "key": "hvor-mye",
                "question": "Tjener du mest som selvstendig?",
                "help": "",
                "options": [{"label": "Ja", "next": "begge"}, {"label": "Nei", "next": "ansatt"}],
            },
        },
        {
            "type": "result",
            "value": {
                "key": "ansatt",
                "title": "Du er arbeidstaker",
                "text": result_text,
                "checklist": ["Sjekk lønnsslippen"],
                "pages": [],
                "links": [
                    {"title": f"Lenke {n}", "url": url, "description": ""}
                    for n, url in enumerate(result_links)
                ],
            },
        },
        {
            "type": "result",
            "value": {
                "key": "begge",
                "title": "Du er begge deler",
                "text": "",
                "checklist": ["Registrer ENK", "Sett av til skatt"],
                "pages": [],
                "links": [{"title": "Altinn", "url": "https://www.altinn.no/", "description": ""}],
            },
        },
    ]


GUIDE_STEPS = guide_steps()


def guide_page(index, organisation, *, steps=None) -> GuidePage:
    title = "Selvstendig, ansatt eller begge?"
    page = GuidePage(
        title=title,
        slug=_free_slug(index, title, "selvstendig-ansatt-eller-begge"),
        intro="Finn ut hva som gjelder.",
        steps=json.dumps(steps or GUIDE_STEPS),
        organisation=organisation,
    )
    index.add_child(instance=page)
    return publish(page)
