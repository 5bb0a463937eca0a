"""The answer finder's part of the demo hub: the index over everything the demo wrote, and a few
readers' votes and unanswered questions (fictional) so that the editors' screens show something,
one of them answered by a pinned answer.

Runs last. The field's synonyms and abbreviations come with the hub's skeleton
(`samspill.answers.skeleton`), which core's demo builder builds first. Votes and questions are
added once: a hub that has any keeps them.
"""

from contextlib import suppress

from samspill.answers import search, services
from samspill.answers.models import Feedback, PinnedAnswer, UnansweredQuestion
from samspill.core.errors import NotFound

# (answer, helpful, the question asked; "" for a vote at the end of the article)
VOTES = [
    ("demo-strommekonserter", False, "hva koster lisens for strømming av konsert"),
    ("demo-strommekonserter", False, "billettsystem for digital konsert"),
    ("demo-strommekonserter", False, ""),
    ("demo-strommekonserter", True, ""),
    ("demo-tono-og-gramo", False, "hvorfor får jeg ikke penger fra spotify"),
    ("demo-tono-og-gramo", True, "forskjell tono gramo"),
    ("demo-tono-og-gramo", True, ""),
    ("demo-mva-for-musikere", True, "må jeg ha mva på konsertbilletter"),
    ("demo-mva-for-musikere", True, ""),
    ("demo-mva-for-musikere", False, ""),
    ("demo-enk-og-ansatt", True, "både ansatt og selvstendig"),
    ("demo-da-moms-for-musikere", False, "skal jeg betale moms af merchandise"),
]

# (question, language, times asked): questions the demo's content does not answer word for word
# (or did not, before the finder learned meaning)
UNANSWERED = [
    ("Hvordan søker jeg om pizzastøtte til øvingslokalet?", "nb", 4),
    ("Kva kostar det å leige ein lydteknikar?", "nn", 3),
    ("Hvem passer på gagelappen når bandet spiller bryllup?", "nb", 2),
    ("Hvordan finder jeg et øvelokale i Aarhus?", "da", 1),
]
# The question the demo's editors answered with an existing article (a pinned answer).
PINNED = ("Hvem passer på gagelappen når bandet spiller bryllup?", "demo-a-melding-honorar")


def build() -> None:
    services.rebuild()
    if not Feedback.objects.exists():
        for answer_id, helpful, question in VOTES:
            try:
                services.feedback_create(
                    answer_id=answer_id, passage_id=None, question=question, helpful=helpful
                )
            except NotFound:
                continue  # an article a smaller demo leaves out
    if not UnansweredQuestion.objects.exists() and not PinnedAnswer.objects.exists():
        for question, language, times in UNANSWERED:
            # Noted as the question page notes them, whether or not the finder answers them now.
            key = search.find_answers(question, language=language).key
            for _ in range(times):
                services.unanswered_record(question=question, key=key, language=language)
        question, answer_id = PINNED
        pinned = next((q for q in UnansweredQuestion.objects.all() if question in q.examples), None)
        if pinned is not None:
            with suppress(NotFound):
                services.unanswered_pin_answer(question=pinned, answer_id=answer_id)
