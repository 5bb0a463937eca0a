"""One-off newsletters: an email to the followers of a topic or an organisation, or to an
organisation's members, written in the admin (`core.admin.newsletters`).

Hub admins write to any audience; an organisation's admins only to their own organisation's
followers and members. A newsletter is previewed exactly as the email (`render_email`), then
scheduled (`newsletter_schedule`) or sent at once (`newsletter_send_now`); the worker sends it in
batches (`send_batch`, from the periodic job "core.newsletters.send" and the task that "send now"
queues). Each batch locks the newsletter's row, checks it is still being sent (a "Stop" between
two batches halts it) and moves its `cursor` (the id of the last person done) in the same
transaction as the emails it queues: two workers never send the same batch, a stop keeps the
count, and a resume goes on from the cursor. Addresses that unsubscribed from "core.newsletter"
(or whose person set it to "never") are left out.
"""

import html as html_module
import re
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samspill.core import permissions, registry
from samspill.core.errors import InvalidInput, NotPermitted
from samspill.core.html import sanitise_rich_text
from samspill.core.models import (
    Delivery,
    EmailOptOut,
    Newsletter,
    NewsletterAudience,
    NewsletterStatus,
    NotificationSetting,
    Organisation,
)
from samspill.core.services import audit_log

User = get_user_model()

KIND = "core.newsletter"
TEMPLATE = "core/email/newsletter"
TOPIC_TARGET = "knowledge.topic"
# People per batch, and batches per run of the periodic job (every 5 minutes).
BATCH = 200
BATCHES_PER_RUN = 5

ORGANISATION_AUDIENCES = (
    NewsletterAudience.ORGANISATION_FOLLOWERS,
    NewsletterAudience.ORGANISATION_MEMBERS,
)
ACTIVE = (NewsletterStatus.SCHEDULED, NewsletterStatus.SENDING)


def kind_label():
    return gettext_lazy("Newsletters from the hub and the organisations you follow")


# --- Who may --------------------------------------------------------------------------------------


def sender_organisation_ids(user) -> list[int] | None:
    """The organisations `user` may write newsletters for (their admins), None: all (hub admins)."""
    return permissions.managed_organisation_ids(user)


def may_write_newsletters(user) -> bool:
    ids = sender_organisation_ids(user)
    return ids is None or bool(ids)


def may_manage(user, newsletter: Newsletter) -> bool:
    """Hub admins; an organisation's admins for its own followers and members only."""
    if permissions.is_hub_admin(user):
        return True
    if newsletter.audience not in ORGANISATION_AUDIENCES or newsletter.organisation_id is None:
        return False
    return newsletter.organisation_id in (sender_organisation_ids(user) or [])


def topic_model():
    target = registry.follow_target(TOPIC_TARGET)
    return target.model if target is not None else None


# --- Audience -------------------------------------------------------------------------------------


def subject_object(newsletter: Newsletter):
    """The topic or organisation whose followers or members receive it (None when gone)."""
    if newsletter.audience == NewsletterAudience.TOPIC_FOLLOWERS:
        if newsletter.content_type_id is None or newsletter.object_id is None:
            return None
        model = ContentType.objects.get_for_id(newsletter.content_type_id).model_class()
        if model is None:
            return None
        return model._default_manager.filter(pk=newsletter.object_id).first()
    return newsletter.organisation


def audience_text(newsletter: Newsletter) -> str:
    """ "Followers of Musikmetropolen" """
    obj = subject_object(newsletter)
    name = str(obj) if obj is not None else "–"
    if newsletter.audience == NewsletterAudience.ORGANISATION_MEMBERS:
        return _("Members of %(name)s") % {"name": name}
    return _("Followers of %(name)s") % {"name": name}


def recipients(newsletter: Newsletter):
    """The active people with an address who receive it, in id order, without those who
    unsubscribed from newsletters or set them to "never"."""
    people = User.objects.filter(is_active=True).exclude(email="")
    if newsletter.audience == NewsletterAudience.TOPIC_FOLLOWERS:
        if newsletter.content_type_id is None or newsletter.object_id is None:
            return people.none()
        people = people.filter(
            follows__content_type_id=newsletter.content_type_id,
            follows__object_id=newsletter.object_id,
        )
    elif newsletter.organisation_id is None:
        return people.none()
    elif newsletter.audience == NewsletterAudience.ORGANISATION_FOLLOWERS:
        people = people.filter(
            follows__content_type=ContentType.objects.get_for_model(Organisation),
            follows__object_id=newsletter.organisation_id,
        )
    else:
        people = people.filter(memberships__organisation_id=newsletter.organisation_id)
    opted_out = EmailOptOut.objects.filter(kind=KIND, address=Lower(OuterRef("email")))
    never = NotificationSetting.objects.filter(
        user=OuterRef("pk"), kind=KIND, delivery=Delivery.NEVER
    )
    return people.exclude(Exists(opted_out)).exclude(Exists(never)).order_by("pk")


def recipient_count(newsletter: Newsletter) -> int:
    return recipients(newsletter).count()


# --- The email ------------------------------------------------------------------------------------

_HREF = re.compile(r'href="(/[^"/][^"]*|/)"')
_LINK = re.compile(r'<a\b[^>]*href="([^"]*)"[^>]*>(.*?)</a>', re.S | re.I)
_BLOCK_END = re.compile(r"</(p|h2|h3|h4|ul|ol|blockquote)>|<hr\s*/?>", re.I)
_LINE_END = re.compile(r"<br\s*/?>|</li>", re.I)
_ITEM = re.compile(r"<li\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


def body_html(newsletter: Newsletter) -> str:
    """The body as HTML for the email: Wagtail's links to pages and documents expanded, every
    link absolute to SITE_URL, cleaned again."""
    from wagtail.rich_text import expand_db_html

    expanded = expand_db_html(sanitise_rich_text(newsletter.body or ""))
    base = settings.SITE_URL.rstrip("/")
    return sanitise_rich_text(_HREF.sub(lambda m: f'href="{base}{m.group(1)}"', expanded))


def body_text(newsletter: Newsletter) -> str:
    """The body as plain text: paragraphs apart, list items on their own lines, links as
    "text (address)"."""
    source = body_html(newsletter)

    def link(match):
        href, label = match.group(1), _TAG.sub("", match.group(2)).strip()
        return label if not href or href == label else f"{label} ({href})"

    text = _LINK.sub(link, source)
    text = _ITEM.sub("- ", text)
    text = _LINE_END.sub("\n", text)
    text = _BLOCK_END.sub("\n\n", text)
    text = html_module.unescape(_TAG.sub("", text))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def email_context(newsletter: Newsletter) -> dict:
    from django.utils.safestring import mark_safe

    return {
        "newsletter": newsletter,
        "body_html": mark_safe(body_html(newsletter)),
        "body_text": body_text(newsletter),
        "sender": newsletter.organisation.name if newsletter.organisation_id else "",
        "audience": audience_text(newsletter),
    }


def render_email(newsletter: Newsletter, *, address: str = "") -> dict:
    """The email exactly as a recipient gets it: {"subject", "text", "html"} (the unsubscribe
    link made for `address`, or a sample one)."""
    from samspill.core import mail

    sample = address or "mottaker@example.org"
    try:
        from samspill.core.unsubscribe import unsubscribe_url

        link = unsubscribe_url(sample, KIND)
    except ImportError:  # pragma: no cover - before the unsubscribe view exists
        link = ""
    context = email_context(newsletter)
    language = mail.language_of(newsletter.language)
    subject, text, html = mail.render_email(
        TEMPLATE, context, language=language, unsubscribe_url=link, kind=KIND
    )
    return {"subject": subject, "text": text, "html": html}


# --- Writing --------------------------------------------------------------------------------------


def _check(actor, newsletter: Newsletter) -> None:
    if not may_manage(actor, newsletter):
        raise NotPermitted(_("You may not write to these recipients."))


def _locked(newsletter: Newsletter) -> Newsletter:
    return Newsletter.objects.select_for_update(of=("self",)).get(pk=newsletter.pk)


def newsletter_save(*, actor, newsletter: Newsletter, topic=None) -> Newsletter:
    """Create or change a draft or scheduled newsletter (one being sent or sent is refused).
    `topic`: the followed object for "followers of a topic"."""
    with transaction.atomic():
        created = newsletter.pk is None
        if not created and not _locked(newsletter).editable:
            raise InvalidInput(_("A newsletter that is being sent or was sent cannot be changed."))
        if newsletter.audience == NewsletterAudience.TOPIC_FOLLOWERS:
            if topic is None:
                raise InvalidInput(_("Choose the topic."), field="topic")
            newsletter.content_type = ContentType.objects.get_for_model(
                topic, for_concrete_model=True
            )
            newsletter.object_id = topic.pk
        else:
            if newsletter.organisation_id is None:
                raise InvalidInput(_("Choose the organisation."), field="organisation")
            newsletter.content_type = None
            newsletter.object_id = None
        _check(actor, newsletter)
        newsletter.subject = " ".join((newsletter.subject or "").split())
        newsletter.body = sanitise_rich_text(newsletter.body or "")
        if created:
            newsletter.author = actor if getattr(actor, "pk", None) else None
        newsletter.save()
        audit_log(
            actor=actor,
            action="core.newsletter.created" if created else "core.newsletter.updated",
            target=newsletter,
        )
    return newsletter


def newsletter_schedule(*, actor, newsletter: Newsletter, when: datetime) -> Newsletter:
    """Send it at `when` (in the future)."""
    if when <= timezone.now():
        raise InvalidInput(_("Choose a time in the future."), field="scheduled_at")
    with transaction.atomic():
        newsletter = _locked(newsletter)
        _check(actor, newsletter)
        if not newsletter.editable:
            raise InvalidInput(_("This newsletter can no longer be scheduled."))
        newsletter.status = NewsletterStatus.SCHEDULED
        newsletter.scheduled_at = when
        newsletter.save(update_fields=["status", "scheduled_at", "updated_at"])
        audit_log(
            actor=actor,
            action="core.newsletter.scheduled",
            target=newsletter,
            data={"at": when.isoformat()},
        )
    return newsletter


def newsletter_send_now(*, actor, newsletter: Newsletter) -> Newsletter:
    """Start sending now: the worker sends the first batches at once, the periodic job the rest."""
    with transaction.atomic():
        newsletter = _locked(newsletter)
        _check(actor, newsletter)
        if not newsletter.editable:
            raise InvalidInput(_("This newsletter is being sent or was sent already."))
        newsletter.status = NewsletterStatus.SCHEDULED
        newsletter.scheduled_at = timezone.now()
        newsletter.save(update_fields=["status", "scheduled_at", "updated_at"])
        audit_log(actor=actor, action="core.newsletter.sent", target=newsletter)
        _start_after_commit(newsletter.pk)
    return newsletter


def newsletter_unschedule(*, actor, newsletter: Newsletter) -> Newsletter:
    """A scheduled newsletter back to a draft."""
    with transaction.atomic():
        newsletter = _locked(newsletter)
        _check(actor, newsletter)
        if newsletter.status != NewsletterStatus.SCHEDULED:
            raise InvalidInput(_("Only a scheduled newsletter can be put back to a draft."))
        newsletter.status = NewsletterStatus.DRAFT
        newsletter.scheduled_at = None
        newsletter.save(update_fields=["status", "scheduled_at", "updated_at"])
        audit_log(actor=actor, action="core.newsletter.unscheduled", target=newsletter)
    return newsletter


def newsletter_stop(*, actor, newsletter: Newsletter) -> Newsletter:
    """Halt a newsletter being sent, between two batches: those who got it keep it, the count
    stays, nobody else gets it unless it is resumed."""
    with transaction.atomic():
        newsletter = _locked(newsletter)
        _check(actor, newsletter)
        if newsletter.status not in ACTIVE:
            raise InvalidInput(_("This newsletter is not being sent."))
        newsletter.status = NewsletterStatus.STOPPED
        newsletter.save(update_fields=["status", "updated_at"])
        audit_log(
            actor=actor,
            action="core.newsletter.stopped",
            target=newsletter,
            data={"sent": newsletter.sent_count},
        )
    return newsletter


def newsletter_resume(*, actor, newsletter: Newsletter) -> Newsletter:
    """Go on sending a stopped newsletter from where it stopped."""
    with transaction.atomic():
        newsletter = _locked(newsletter)
        _check(actor, newsletter)
        if newsletter.status != NewsletterStatus.STOPPED:
            raise InvalidInput(_("Only a stopped newsletter can be resumed."))
        newsletter.status = (
            NewsletterStatus.SENDING if newsletter.started_at else NewsletterStatus.SCHEDULED
        )
        if newsletter.scheduled_at is None:
            newsletter.scheduled_at = timezone.now()
        newsletter.save(update_fields=["status", "scheduled_at", "updated_at"])
        audit_log(actor=actor, action="core.newsletter.resumed", target=newsletter)
        _start_after_commit(newsletter.pk)
    return newsletter


def newsletter_delete(*, actor, newsletter: Newsletter) -> None:
    with transaction.atomic():
        newsletter = _locked(newsletter)
        _check(actor, newsletter)
        if newsletter.status == NewsletterStatus.SENDING:
            raise InvalidInput(_("Stop the newsletter before you delete it."))
        audit_log(actor=actor, action="core.newsletter.deleted", target=newsletter)
        newsletter.delete()


def _start_after_commit(pk: int) -> None:
    from samspill.core.tasks import send_newsletter

    transaction.on_commit(lambda: send_newsletter.enqueue(newsletter_id=pk))


# --- Sending --------------------------------------------------------------------------------------


def send_batch(pk: int, *, batch: int = BATCH, now=None) -> int:
    """Send the next `batch` people their copy of newsletter `pk`, if it is due and still being
    sent. Returns how many were sent (0: nothing to do). The row stays locked, and its cursor
    moves, in the same transaction as the queued emails."""
    from samspill.core.mail import send_templated

    now = now or timezone.now()
    with transaction.atomic():
        newsletter = (
            Newsletter.objects.select_for_update(of=("self",))
            .select_related("organisation")
            .filter(pk=pk)
            .first()
        )
        if newsletter is None or newsletter.status not in ACTIVE:
            return 0
        if newsletter.status == NewsletterStatus.SCHEDULED:
            if newsletter.scheduled_at is None or newsletter.scheduled_at > now:
                return 0
            newsletter.status = NewsletterStatus.SENDING
            newsletter.started_at = now
            newsletter.total = newsletter.sent_count + recipient_count(newsletter)
        cursor = newsletter.cursor
        people = list(recipients(newsletter).filter(pk__gt=cursor)[:batch])
        context = email_context(newsletter)
        for person in people:
            send_templated(
                TEMPLATE,
                to=person.email,
                recipient=person,
                language=newsletter.language,
                context={**context, "person": person},
                kind=KIND,
            )
        fields = {"status": newsletter.status, "sent_count": newsletter.sent_count + len(people)}
        if people:
            fields["cursor"] = people[-1].pk
        if len(people) < batch:
            fields["status"] = NewsletterStatus.SENT
            fields["finished_at"] = now
        # The cursor read under the lock must still be there: another worker that got past the
        # lock (an engine without row locks) finds it moved and sends nothing.
        moved = Newsletter.objects.filter(pk=pk, cursor=cursor).update(
            **fields,
            started_at=newsletter.started_at,
            total=max(newsletter.total, fields["sent_count"]),
            updated_at=now,
        )
        if not moved:
            transaction.set_rollback(True)
            return 0
        if fields["status"] == NewsletterStatus.SENT:
            audit_log(
                actor=None,
                action="core.newsletter.finished",
                target=newsletter,
                data={"sent": fields["sent_count"]},
            )
    return len(people)


def send_one(pk: int, *, batches: int = BATCHES_PER_RUN, batch: int = BATCH) -> int:
    """Up to `batches` batches of newsletter `pk`; a stop between two batches halts it."""
    sent = 0
    for _round in range(batches):
        done = send_batch(pk, batch=batch)
        sent += done
        if done < batch:
            break
    return sent


def due_ids(now=None) -> list[int]:
    now = now or timezone.now()
    return list(
        Newsletter.objects.filter(
            Q(status=NewsletterStatus.SENDING)
            | Q(status=NewsletterStatus.SCHEDULED, scheduled_at__lte=now)
        )
        .order_by("scheduled_at", "pk")
        .values_list("pk", flat=True)
    )


def send_due() -> dict:
    """The periodic job "core.newsletters.send": a few batches of every newsletter due."""
    newsletters = emails = 0
    for pk in due_ids():
        newsletters += 1
        emails += send_one(pk)
    return {"newsletters": newsletters, "emails": emails}
