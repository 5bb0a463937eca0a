"""Newsletters' part of the demo hub: Musikmetropolen's secretariat wrote to its followers once
(sent, without any email leaving: the demo's people are fictional) and has a draft of the next
one. A few of the programme's people follow Musikmetropolen. Idempotent."""

from django.db import transaction
from django.utils import timezone

from samspill.core import newsletters, notifications
from samspill.core.mail import emails_suppressed
from samspill.core.models import Newsletter, NewsletterAudience, Organisation, Role, User
from samspill.demo.projects import SECRETARIAT, people_emails

SENT = "Musikmetropolen: tak for topmødet – og hvad der sker nu"
DRAFT = "Musikmetropolen: åbent kald til nye projekter"

SENT_BODY = (
    "<p>Tak til alle, der var med til Musikmetropolens første topmøde. Her er det vigtigste, "
    "vi tager med videre:</p><ul><li>Flere øvelokaler i kommunerne</li>"
    "<li>Et fælles netværk for spillesteder</li><li>Talentudvikling på tværs af kommunegrænser"
    '</li></ul><p>Læs mere om programmet på <a href="/prosjekter/">projektsiden</a>.</p>'
)
DRAFT_BODY = (
    "<p>Musikmetropolen åbner for nye projektforslag. Fortæl os om din idé inden fristen.</p>"
)


def _author(organisation):
    admin = (
        User.objects.filter(
            memberships__organisation=organisation, memberships__role=Role.ADMIN, is_active=True
        )
        .order_by("pk")
        .first()
    )
    return admin or User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def build() -> list[str]:
    organisation = Organisation.objects.filter(slug=SECRETARIAT).first()
    if organisation is None:
        return []
    with emails_suppressed(), transaction.atomic():
        for person in User.objects.filter(email__in=people_emails(), is_active=True):
            notifications.follow(user=person, obj=organisation)
        author = _author(organisation)
        if author is None:
            return []
        for subject, body in ((SENT, SENT_BODY), (DRAFT, DRAFT_BODY)):
            if Newsletter.objects.filter(subject=subject).exists():
                continue
            newsletter = newsletters.newsletter_save(
                actor=author,
                newsletter=Newsletter(
                    subject=subject,
                    body=body,
                    audience=NewsletterAudience.ORGANISATION_FOLLOWERS,
                    organisation=organisation,
                    language="da",
                ),
            )
            if subject == SENT:
                Newsletter.objects.filter(pk=newsletter.pk).update(
                    status="scheduled", scheduled_at=timezone.now()
                )
                while newsletters.send_batch(newsletter.pk) == newsletters.BATCH:
                    pass
    return [
        f"Newsletters: {Newsletter.objects.filter(organisation=organisation).count()} of {organisation.name}"
    ]
