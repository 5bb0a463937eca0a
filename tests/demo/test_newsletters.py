"""The demo's newsletters: Musikmetropolen wrote to its followers once (sent, yet nobody was
emailed: the demo's people are fictional) and has a draft; a second run adds nothing."""

import pytest
from django.core import mail
from zeal import zeal_ignore

from samspill.core.models import Newsletter, NewsletterStatus, OutgoingEmail
from samspill.demo import core as core_demo
from samspill.demo import events as events_demo
from samspill.demo import newsletters as demo
from samspill.demo import projects as projects_demo
from samspill.demo import surveys as surveys_demo

pytestmark = pytest.mark.django_db


def test_one_sent_newsletter_and_one_draft_and_no_email(django_capture_on_commit_callbacks):
    with zeal_ignore(), django_capture_on_commit_callbacks(execute=True):
        core_demo.build()
        events_demo.build()
        surveys_demo.build()
        projects_demo.build()
        sent_before = len(mail.outbox)
        queued_before = OutgoingEmail.objects.count()
        demo.build()
        demo.build()
    newsletters = {n.subject: n for n in Newsletter.objects.select_related("organisation")}
    assert set(newsletters) == {demo.SENT, demo.DRAFT}
    sent = newsletters[demo.SENT]
    assert sent.status == NewsletterStatus.SENT and sent.organisation.slug == demo.SECRETARIAT
    assert sent.sent_count == sent.total > 0
    assert newsletters[demo.DRAFT].status == NewsletterStatus.DRAFT
    assert len(mail.outbox) == sent_before
    assert OutgoingEmail.objects.count() == queued_before
