"""The knowledge bank's part of the demo hub: the index, topics, articles, FAQ entries and guides of
data/knowledge.json, owned by the music offices, with the review workflow switched on.

The texts are written for the demo hub from the facts in the project's domain notes (organisations,
rules and schemes in Norway and Denmark), in the spirit of Musikkhjemmekontoret, the resource bank
the regional music offices made during the pandemic. Amounts, thresholds and scheme status change
over time, so the entries that mention them have a six-month review interval. The data's shapes:
- topics: slug, title and intro in nb/da/en.
- articles: id, topic, language, owner (organisation slug), audiences (audience codes), title,
  summary, reviewed (ISO date), review_months, body as a list of [block_type, value] pairs that
  match `knowledge.blocks.ArticleBodyBlock`.
- faqs: id, topic, language, owner, audiences, question, answer (rich text), reviewed,
  review_months.
- guides: slug, title, intro, language, owner, steps (questions with options leading to other
  steps by key; results with a checklist, article/FAQ ids and links).
- draft: the one article waiting in the review workflow.

Idempotent: pages are found by slug or import id; what exists is left as it is.
"""

import datetime
import json

from django.db import transaction
from wagtail.models import Locale

from samspill.core import registry
from samspill.core.models import Audience, Membership, Organisation, User
from samspill.demo.data import load
from samspill.knowledge import services, skeleton
from samspill.knowledge.models import ArticlePage, FaqPage, GuidePage, KnowledgeIndexPage, TopicPage

DATA = load("knowledge")


def _locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


def _publish(page):
    page.save_revision().publish()
    return page


def _index() -> KnowledgeIndexPage:
    """The knowledge bank's front page, as the hub's skeleton builds it (in every language)."""
    skeleton.build()
    return KnowledgeIndexPage.objects.get(locale=Locale.get_default())


def _topics(index: KnowledgeIndexPage) -> dict[tuple[str, str], TopicPage]:
    topics = {}
    for spec in DATA["topics"]:
        topic = TopicPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if topic is None:
            topic = TopicPage(
                title=spec["title"]["nb"], slug=spec["slug"], intro=spec["intro"]["nb"]
            )
            index.add_child(instance=topic)
            _publish(topic)
        topics[(spec["slug"], "nb")] = topic
        for code in ("da", "en"):
            locale = _locale(code)
            translation = topic.get_translation_or_none(locale)
            if translation is None and index.has_translation(locale):
                translation = topic.copy_for_translation(locale).specific
                translation.title = spec["title"][code]
                translation.intro = spec["intro"][code]
                _publish(translation)
            if translation is not None:
                topics[(spec["slug"], code)] = translation.specific
    return topics


def _content_fields(spec, owners, audiences) -> dict:
    reviewed = datetime.date.fromisoformat(spec["reviewed"])
    return {
        "organisation": owners[spec["owner"]],
        "content_language": spec["language"],
        "last_reviewed": reviewed,
        "review_interval": spec["review_months"],
    }


def _stream(blocks) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def _articles(topics, owners, audiences) -> dict[str, object]:
    pages = {}
    for spec in DATA["articles"]:
        page = ArticlePage.objects.filter(external_id=spec["id"]).first()
        if page is None:
            parent = topics[(spec["topic"], "da" if spec["language"] == "da" else "nb")]
            page = ArticlePage(
                title=spec["title"],
                slug=services._free_slug(parent, spec["title"]),
                summary=spec["summary"],
                body=_stream(spec["body"]),
                external_id=spec["id"],
                **_content_fields(spec, owners, audiences),
            )
            parent.add_child(instance=page)
            page.audiences.set([audiences[a] for a in spec["audiences"]])
            _publish(page)
        pages[spec["id"]] = page
    for spec in DATA["faqs"]:
        parent = topics[(spec["topic"], "da" if spec["language"] == "da" else "nb")]
        page = (
            FaqPage.objects.child_of(parent)
            .filter(slug=spec["id"].removeprefix("demo-faq-"))
            .first()
        )
        if page is None:
            page = FaqPage(
                title=spec["question"],
                slug=spec["id"].removeprefix("demo-faq-"),
                answer=spec["answer"],
                **_content_fields(spec, owners, audiences),
            )
            parent.add_child(instance=page)
            page.audiences.set([audiences[a] for a in spec["audiences"]])
            _publish(page)
        pages[spec["id"]] = page
    return pages


def _guides(index, owners, audiences, pages) -> None:
    for spec in DATA["guides"]:
        if GuidePage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        steps = []
        for step in spec["steps"]:
            if step["kind"] == "question":
                value = {key: step.get(key, "") for key in ("key", "question", "help")}
                value["options"] = step["options"]
                steps.append(("question", value))
            else:
                steps.append(
                    (
                        "result",
                        {
                            "key": step["key"],
                            "title": step["title"],
                            "text": step.get("text", ""),
                            "checklist": step.get("checklist", []),
                            "pages": [pages[a].pk for a in step.get("articles", []) if a in pages],
                            "links": step.get("links", []),
                        },
                    )
                )
        page = GuidePage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            steps=_stream(steps),
            organisation=owners[spec["owner"]],
            content_language=spec["language"],
            last_reviewed=datetime.date.fromisoformat(DATA["guide_reviewed"]),
            review_interval=DATA["guide_review_months"],
        )
        index.add_child(instance=page)
        _publish(page)


DRAFT = DATA["draft"]
DRAFT_ID = DRAFT["id"]


def _draft_in_review(topics, owners) -> None:
    """One article waiting in the workflow, so an organisation admin has something to review."""
    if ArticlePage.objects.filter(external_id=DRAFT_ID).exists():
        return
    author = User.objects.filter(email=DRAFT["author"]).first()
    parent = topics[(DRAFT["topic"], DRAFT["language"])]
    page = ArticlePage(
        title=DRAFT["title"],
        slug=DRAFT["slug"],
        summary=DRAFT["summary"],
        body=_stream(DRAFT["body"]),
        external_id=DRAFT_ID,
        organisation=owners[DRAFT["owner"]],
        content_language=DRAFT["language"],
        last_reviewed=datetime.date.fromisoformat(DRAFT["reviewed"]),
        review_interval=DRAFT["review_months"],
        live=False,
    )
    parent.add_child(instance=page)
    page.save_revision(user=author)
    workflow = page.get_workflow()
    if workflow is not None and author is not None:
        workflow.start(page, author)


def build() -> None:
    owners = {o.slug: o for o in Organisation.objects.all()}
    audiences = {a.slug: a for a in Audience.objects.all()}
    with registry.deferred_indexing(), transaction.atomic():
        index = _index()
        topics = _topics(index)
        pages = _articles(topics, owners, audiences)
        _guides(index, owners, audiences, pages)
        services.ensure_editor_group()
        services.ensure_review_workflow()
        _draft_in_review(topics, owners)
        for user_id in set(Membership.objects.values_list("user_id", flat=True)):
            services.sync_editor_group(user_id)
