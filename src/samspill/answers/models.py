"""The answer finder's own index, in the database so that every app server shares it.

A **Passage** is one answerable piece of content (an FAQ answer, an article section, a Q&A block).
**Term** holds each stem once with its document frequency; **Posting** links a term to a passage
with its BM25 term weight, computed when the passage is indexed. Queries sum postings in SQL.

Editors maintain **Synonym** groups (abbreviations such as ENK ↔ enkeltpersonforetak); readers'
"Did this help?" answers are **Feedback**; questions without a good answer are counted in
**UnansweredQuestion**, with a few example wordings and nothing that identifies the asker. An
editor may **pin** an answer to such a question (**PinnedAnswer**: the question's key → the answer).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Passage(models.Model):
    source = models.CharField(_("source"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("object id"))
    anchor = models.CharField(_("anchor"), max_length=100, blank=True)
    answer_id = models.CharField(_("article id"), max_length=150, db_index=True)
    language = models.CharField(_("language"), max_length=2)
    title = models.CharField(_("title"), max_length=255)
    heading = models.CharField(_("heading"), max_length=255, blank=True)
    text = models.TextField(_("text"))
    url = models.CharField(_("address"), max_length=500)
    length = models.PositiveIntegerField(_("length in words"))
    # The key of its Embedding (semantic.passage_digest): the model and the exact text encoded.
    digest = models.CharField(max_length=64, blank=True, db_default="", default="", db_index=True)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)

    class Meta:
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "object_id", "anchor"], name="answers_passage_unique_anchor"
            )
        ]
        indexes = [models.Index(fields=["source", "object_id"], name="answers_passage_source")]

    def __str__(self):
        return f"{self.title} – {self.heading}" if self.heading else self.title


class PassageFilter(models.Model):
    """A filter key of a passage, such as "topic:skatt-og-status" or "audience:employee"."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="filters")
    key = models.CharField(max_length=120)

    class Meta:
        indexes = [models.Index(fields=["key", "passage"], name="answers_filter_key")]

    def __str__(self):
        return self.key


class PassageName(models.Model):
    """A proper name of a passage's object (an organisation's, a project's, an event's, its venue's),
    normalised (`search.normalise_name`: lower case, single spaces, diacritics kept) and never
    stemmed: the question box matches a question that is, or holds, a name exactly and first."""

    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="names")
    key = models.CharField(max_length=200)

    class Meta:
        indexes = [models.Index(fields=["key", "passage"], name="answers_name_key")]

    def __str__(self):
        return self.key


class Term(models.Model):
    text = models.CharField(max_length=100, unique=True)
    df = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.text


class Posting(models.Model):
    term = models.ForeignKey(Term, on_delete=models.CASCADE, db_index=False)
    passage = models.ForeignKey(Passage, on_delete=models.CASCADE, related_name="postings")
    weight = models.FloatField()

    class Meta:
        # A covering index: a query reads only this index, never the table.
        indexes = [models.Index(fields=["term", "passage", "weight"], name="answers_posting_cover")]

    def __str__(self):
        return f"{self.term_id} → {self.passage_id}"


class IndexState(models.Model):
    """One row: the number of passages, and versions (random numbers) that tell each process to
    reload its caches."""

    passages = models.PositiveIntegerField(default=0)
    vocabulary_version = models.PositiveBigIntegerField(default=0)
    synonyms_version = models.PositiveBigIntegerField(default=0)
    embeddings_version = models.PositiveBigIntegerField(default=0, db_default=0)
    # The text analysis the index was built with (core.text.analysis.ANALYSIS_VERSION): another
    # one makes the worker rebuild the index (services.rebuild_if_stale).
    analysis_version = models.CharField(max_length=40, default="", db_default="", blank=True)
    pins_version = models.PositiveBigIntegerField(default=0, db_default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="answers_state_single")
        ]

    def __str__(self):
        return f"{self.passages} passages, version {self.vocabulary_version}"


class Embedding(models.Model):
    """A passage's vector from the embedding model (`semantic`), shared by every passage with the
    same text: `digest` is the sha256 of the model's id and the exact text encoded, so a passage
    indexed again unchanged keeps its vector. An embedding no passage has used for a day is pruned
    (`services.prune_embeddings`; `orphaned_at` is when it was first seen unused)."""

    digest = models.CharField(max_length=64, unique=True)
    vector = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    orphaned_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.digest[:12]


class Synonym(models.Model):
    terms = models.CharField(
        _("words that mean the same"),
        max_length=500,
        help_text=_(
            "Separate with commas, for example “ENK, enkeltpersonforetak”. A line may hold a "
            "phrase: “gi ut, utgivelse, slippe musikk”."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonyms and abbreviations")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    @property
    def members(self) -> list[str]:
        return [t.strip() for t in self.terms.split(",") if t.strip()]


class UnansweredQuestion(models.Model):
    """Questions that found no good answer, grouped by their meaningful words."""

    key = models.CharField(_("key words"), max_length=255, unique=True)
    language = models.CharField(_("language"), max_length=2)
    count = models.PositiveIntegerField(_("times asked"), default=0)
    examples = models.JSONField(_("examples"), default=list)
    first_asked = models.DateTimeField(_("first asked"), auto_now_add=True)
    last_asked = models.DateTimeField(_("last asked"), auto_now=True, db_index=True)
    handled = models.BooleanField(
        _("handled"), default=False, help_text=_("Content that answers it has been written.")
    )

    class Meta:
        verbose_name = _("unanswered question")
        verbose_name_plural = _("unanswered questions")
        ordering = ["handled", "-count", "-last_asked"]

    def __str__(self):
        return self.examples[0] if self.examples else self.key


class Feedback(models.Model):
    answer_id = models.CharField(_("article id"), max_length=150, db_index=True)
    passage = models.ForeignKey(
        Passage, verbose_name=_("passage"), null=True, blank=True, on_delete=models.SET_NULL
    )
    title = models.CharField(_("title"), max_length=255)
    question = models.CharField(_("question"), max_length=255)
    helpful = models.BooleanField(_("helpful"))
    created_at = models.DateTimeField(_("given"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.title}: {'+' if self.helpful else '−'}"


class PinnedAnswer(models.Model):
    """An editor's answer to a question: a question whose key (its meaningful stems, as
    `search.AnswerResult.key` gives them) matches is answered with this answer first."""

    key = models.CharField(_("key words"), max_length=255, unique=True)
    answer_id = models.CharField(_("article id"), max_length=150)
    title = models.CharField(_("title"), max_length=255)
    question = models.CharField(_("question"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("pinned"), auto_now_add=True)

    class Meta:
        verbose_name = _("pinned answer")
        verbose_name_plural = _("pinned answers")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.question or self.key} → {self.title}"
