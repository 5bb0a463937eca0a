"""Builders of knowledge pages for the admin, link-checker and workflow tests."""

import datetime
import itertools
import json

from samspill.knowledge.models import ArticlePage, FaqPage, GuidePage, KnowledgeIndexPage, TopicPage

_numbers = itertools.count(1)


def publish(page, user=None):
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    page.refresh_from_db()
    return page


def index_page(home) -> KnowledgeIndexPage:
    """The knowledge index under the home page (one per parent), with the editors' group set up."""
    from samspill.knowledge import services

    page = KnowledgeIndexPage.objects.child_of(home).first()
    if page is None:
        page = KnowledgeIndexPage(title="Kunnskapsbanken", slug="kunnskap", lead="Konkrete svar.")
        home.add_child(instance=page)
        page = publish(page)
    services.ensure_editor_group()
    return page


def topic_page(index, title="Skatt og status") -> TopicPage:
    page = TopicPage(title=title, slug=f"tema-{next(_numbers)}", intro=f"Alt om {title.lower()}.")
    index.add_child(instance=page)
    return publish(page)


def body_json(*blocks) -> str:
    return json.dumps(list(blocks))


def heading(text):
    return {"type": "heading", "value": text}


def text(html):
    return {"type": "text", "value": html}


def article_page(
    topic,
    organisation,
    *,
    title="Skatt for musikere",
    body=None,
    source_url="",
    reviewed=None,
    interval=12,
    live=True,
) -> ArticlePage:
    page = ArticlePage(
        title=title,
        slug=f"artikkel-{next(_numbers)}",
        summary=f"Sammendrag: {title}.",
        body=body or body_json(heading("Skatt"), text("<p>Tekst uten lenker.</p>")),
        source_url=source_url,
        organisation=organisation,
        last_reviewed=reviewed or datetime.date.today(),
        review_interval=interval,
        live=live,
    )
    topic.add_child(instance=page)
    if live:
        return publish(page)
    page.save_revision()
    return page


def faq_page(topic, organisation, *, answer="<p>Svar.</p>", reviewed=None) -> FaqPage:
    page = FaqPage(
        title=f"Spørsmål {next(_numbers)}?",
        slug=f"faq-{next(_numbers)}",
        answer=answer,
        organisation=organisation,
        last_reviewed=reviewed or datetime.date.today(),
    )
    topic.add_child(instance=page)
    return publish(page)


def guide_page(index, organisation, *, result_text="", result_links=()) -> GuidePage:
    steps = [
        {
            "type": "question",
            "value": {
                "key": "start",
                "question": "Hvordan jobber du?",
                "help": "",
                "options": [
                    {"label": "Ansatt", "next": "ansatt"},
                    {"label": "Selvstendig", "next": "ansatt"},
                ],
            },
        },
        {
            "type": "result",
            "value": {
                "key": "ansatt",
                "title": "Du er arbeidstaker",
                "text": result_text,
                "checklist": [],
                "pages": [],
                "links": [
                    {"title": f"Lenke {n}", "url": url, "description": ""}
                    for n, url in enumerate(result_links)
                ],
            },
        },
    ]
    page = GuidePage(
        title="Ansatt eller selvstendig?",
        slug=f"veileder-{next(_numbers)}",
        intro="Finn ut hva som gjelder.",
        steps=json.dumps(steps),
        organisation=organisation,
    )
    index.add_child(instance=page)
    return publish(page)
