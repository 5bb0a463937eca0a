"""Reads for the answer finder's pages and the editors' lists."""

from django.db.models import Count, Exists, OuterRef, Q
from wagtail.models import Locale, Page

from samspill.answers.models import Embedding, Feedback, Passage


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


def feedback_summary(limit: int = 50):
    """Per article: how many found it helpful and how many did not, least helpful first."""
    return (
        Feedback.objects.values("answer_id", "title")
        .annotate(
            # "unhelpful" first: once "helpful" names a count, it hides the field of that name.
            unhelpful=Count("pk", filter=Q(helpful=False)),
            helpful=Count("pk", filter=Q(helpful=True)),
        )
        .order_by("-unhelpful", "title")[:limit]
    )


def without_embedding():
    """The passages that have no vector yet (semantic search)."""
    return Passage.objects.filter(~Exists(Embedding.objects.filter(digest=OuterRef("digest"))))


def embedding_counts() -> dict[str, int]:
    """{"waiting": passages without a vector yet, "embedded": passages with one}."""
    waiting = without_embedding().count()
    return {"waiting": waiting, "embedded": Passage.objects.count() - waiting}
