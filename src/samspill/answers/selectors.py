"""Reads for the answer finder's pages and the editors' lists."""

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from wagtail.models import Locale, Page

from samspill.answers import lexicon
from samspill.answers.models import Embedding, Feedback, Passage
from samspill.core import registry

RECENT_QUESTIONS = 3
ANSWER_CHOICES = 300


def topic_choices(language: str) -> list[tuple[str, str]]:
    """(slug, title) of the knowledge bank's topics in the reader's language."""
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    rows = (
        Page.objects.live()
        .filter(locale=locale, content_type__app_label="knowledge", content_type__model="topicpage")
        .order_by("path")
        .values_list("slug", "title")
    )
    return list(rows)


def feedback_ranking():
    """Per answer: readers' "no" and "yes" votes and the last vote; most "no" first, and among as
    many "no", the fewer "yes" (the larger share that did not help) first. One grouped query."""
    return (
        Feedback.objects.values("answer_id")
        .annotate(
            no_votes=Count("pk", filter=Q(helpful=False)),
            yes_votes=Count("pk", filter=Q(helpful=True)),
            last_vote=Max("created_at"),
            last_title=Max("title"),
        )
        .order_by("-no_votes", "yes_votes", "-last_vote", "answer_id")
    )


def _page_edit_url(source_name: str, object_id: int) -> str:
    source = registry.search_source(source_name)
    if source is None or not issubclass(source.model, Page):
        return ""
    return reverse("wagtailadmin_pages:edit", args=[object_id])


def feedback_rows(rows) -> list[dict]:
    """A page of `feedback_ranking()` made ready to show: the share that did not help, the recent
    questions of readers who answered "no", and where the content is (its address, its edit view).
    Two queries whatever the number of rows."""
    rows = list(rows)
    ids = [row["answer_id"] for row in rows]
    recent: dict[str, list[str]] = {answer_id: [] for answer_id in ids}
    asked = (
        Feedback.objects.filter(answer_id__in=ids, helpful=False)
        .exclude(question="")
        .order_by("-created_at")
        .values_list("answer_id", "question")[: len(ids) * 20]
    )
    for answer_id, question in asked:
        shown = recent[answer_id]
        if len(shown) < RECENT_QUESTIONS and question not in shown:
            shown.append(question)
    places: dict[str, tuple[str, str, str]] = {}
    passages = (
        Passage.objects.filter(answer_id__in=ids, anchor="")
        .order_by("pk")
        .values_list("answer_id", "source", "object_id", "url", "title")
    )
    for answer_id, source, object_id, url, title in passages:
        places.setdefault(answer_id, (_page_edit_url(source, object_id), url, title))
    shaped = []
    for row in rows:
        total = row["no_votes"] + row["yes_votes"]
        edit_url, url, title = places.get(row["answer_id"], ("", "", row["last_title"]))
        shaped.append(
            {
                **row,
                "title": title,
                "url": url,
                "edit_url": edit_url,
                "total": total,
                "share_unhelpful": round(100 * row["no_votes"] / total) if total else 0,
                "recent_questions": recent[row["answer_id"]],
            }
        )
    return shaped


def answer_choices(find: str = "", limit: int = ANSWER_CHOICES) -> list[tuple[str, str]]:
    """(answer_id, title) of the indexed answers, by title, those whose title holds `find` when
    given; each answer once (its translations share its id)."""
    passages = Passage.objects.filter(anchor="")
    if find:
        passages = passages.filter(title__icontains=find)
    choices: dict[str, str] = {}
    for answer_id, title in passages.order_by("title", "pk").values_list("answer_id", "title")[
        : limit * 3
    ]:
        choices.setdefault(answer_id, title)
        if len(choices) == limit:
            break
    return list(choices.items())


def unmatched_words(result) -> list[str]:
    """The words of an analysed question (`search.AnswerResult`) the index does not know: what a
    synonym group could tie to the answer's words."""
    known = lexicon.cached_known()
    return [
        concept.label
        for concept in result.concepts
        if concept.terms and not any(term in known for term in concept.terms)
    ]


def without_embedding():
    """The passages that have no vector yet (semantic search)."""
    return Passage.objects.filter(~Exists(Embedding.objects.filter(digest=OuterRef("digest"))))


def embedding_counts() -> dict[str, int]:
    """{"waiting": passages without a vector yet, "embedded": passages with one}."""
    waiting = without_embedding().count()
    return {"waiting": waiting, "embedded": Passage.objects.count() - waiting}
