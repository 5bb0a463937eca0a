"""Builders of a small knowledge tree for tests (pages are published, so the index follows)."""

import datetime
import json

from django.test import TestCase

from samspill.core.models import Audience
from samspill.knowledge.models import ArticlePage, FaqPage, GuidePage, KnowledgeIndexPage, TopicPage


def committed():
    """Run what waits for the commit (the index tasks), as in production after the request."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def publish(page):
    with committed():
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def index_page(home) -> KnowledgeIndexPage:
    existing = KnowledgeIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    page = KnowledgeIndexPage(title="Kunnskapsbanken", slug="kunnskap", lead="Konkrete svar.")
    home.add_child(instance=page)
    return publish(page)


def topic_page(index, slug="skatt-og-status", title="Skatt og status") -> TopicPage:
    page = TopicPage(title=title, slug=slug, intro=f"Alt om {title.lower()}.")
    index.add_child(instance=page)
    return publish(page)


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
    reviewed=None,
    publish_it=True,
) -> ArticlePage:
    page = ArticlePage(
        title=title,
        slug=slug
        or title.lower()
        .replace(" ", "-")
        .replace("å", "a")
        .replace("ø", "o")
        .replace("æ", "e")[:50],
        summary=f"Sammendrag: {title}.",
        body=json.dumps(body if body is not None else ARTICLE_BODY),
        organisation=organisation,
        external_id=external_id,
        last_reviewed=reviewed or datetime.date.today(),
        review_interval=12,
        content_language=topic.locale.language_code,
    )
    topic.add_child(instance=page)
    if audiences:
        page.audiences.set(Audience.objects.filter(slug__in=audiences))
    return publish(page) if publish_it else page


def faq_page(
    topic,
    organisation,
    *,
    question="Når må jeg registrere meg for MVA?",
    answer="<p>Når omsetningen passerer 50 000 kroner på tolv måneder.</p>",
) -> FaqPage:
    page = FaqPage(
        title=question,
        slug=question.lower().replace(" ", "-").replace("?", "")[:40],
        answer=answer,
        organisation=organisation,
    )
    topic.add_child(instance=page)
    return publish(page)


GUIDE_STEPS = [
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
            "text": "<p>Arbeidsgiveren har ansvaret.</p>",
            "checklist": ["Sjekk lønnsslippen"],
            "pages": [],
            "links": [],
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


def guide_page(index, organisation, *, steps=None) -> GuidePage:
    page = GuidePage(
        title="Selvstendig, ansatt eller begge?",
        slug="selvstendig-ansatt-eller-begge",
        intro="Finn ut hva som gjelder.",
        steps=json.dumps(steps or GUIDE_STEPS),
        organisation=organisation,
    )
    index.add_child(instance=page)
    return publish(page)
