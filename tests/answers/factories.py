"""Factories of the answer finder's own rows: synonym groups, unanswered questions and feedback.
Passages and the index are built by publishing pages (`tests.knowledge.factories`), never by
hand."""

import factory

from samspill.answers.models import Feedback, Synonym, UnansweredQuestion


class SynonymFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Synonym

    terms = factory.Sequence(lambda n: f"ord{n}, ordet{n}")


class UnansweredQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnansweredQuestion

    key = factory.Sequence(lambda n: f"sporsmal {n}")
    language = "nb"
    count = 1
    examples = factory.LazyAttribute(lambda question: [f"Hvordan {question.key}?"])
    handled = False


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    answer_id = factory.Sequence(lambda n: f"faq-{n}")
    title = "MVA for konserter"
    question = "mva?"
    helpful = True
