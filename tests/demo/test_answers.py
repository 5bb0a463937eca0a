"""The answer finder's demo: the index, a few readers' votes and unanswered questions, one of them
answered by a pinned answer; a second run adds nothing."""

import pytest
from django.test import TestCase

from samspill.answers import search
from samspill.answers.models import Feedback, PinnedAnswer, UnansweredQuestion
from samspill.demo import answers, builders

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_editors_view_votes_questions_and_a_pin():
    with TestCase.captureOnCommitCallbacks(execute=True):
        builders.build(["core", "knowledge", "answers"])
    votes = Feedback.objects.count()
    assert votes == len(answers.VOTES)
    assert Feedback.objects.filter(helpful=False, answer_id="demo-strommekonserter").count() == 3
    asked = {q.examples[0]: q for q in UnansweredQuestion.objects.all()}
    assert asked["Hvordan søker jeg om pizzastøtte til øvingslokalet?"].count == 4
    pin = PinnedAnswer.objects.get()
    assert pin.answer_id == "demo-a-melding-honorar"
    question, answer_id = answers.PINNED
    assert asked[question].handled and asked[question].key == pin.key
    result = search.find_answers(question, language="nb")
    assert result.answered and result.results[0].answer_id == answer_id

    answers.build()
    assert Feedback.objects.count() == votes
    assert PinnedAnswer.objects.count() == 1
    assert asked["Hvordan søker jeg om pizzastøtte til øvingslokalet?"].count == (
        UnansweredQuestion.objects.get(
            key=asked["Hvordan søker jeg om pizzastøtte til øvingslokalet?"].key
        ).count
    )
