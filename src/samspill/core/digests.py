"""The daily and weekly digests: one email per person with everything due, instead of many.

Every notification is stored with the delivery its person had chosen for its kind when it was
made (`Notification.delivery`). The periodic job "core.notifications.daily" (06:30) and
"core.notifications.weekly" (Mondays at 06:30) gather, for each person with notifications of that
delivery not yet emailed, everything due into ONE email: grouped by the kinds' `group()` (then by
kind), newest first, at most `PER_GROUP` items a group ("and 12 more" links to the notifications
page), in the person's language, with a subject that counts what is new ("Nytt fra Samspill: 5
nyheter og 2 arrangementer"). Nobody with nothing new gets an email.

Batches. People are handled `BATCH` at a time, each batch in one transaction whose queries do not
grow with the number of people in it: the claim (one conditional UPDATE), the counts, the newest
rows per person and kind (a window function), the people, their opt-outs, and one bulk insert of
the emails, sent by the worker in tasks of a hundred after the commit.

Claiming. The UPDATE sets `emailed_at` to this batch's own timestamp only where it is still empty,
and the batch then reads the rows carrying that timestamp: of two runs at once (two workers, or
`samspill jobs run` during the worker's run), each row goes to exactly one, on SQLite (one writer
at a time) as on PostgreSQL (the second UPDATE waits for the first's row locks, then finds
`emailed_at` set). A second run finds nothing due and sends nothing. The email is queued in the
same transaction as the claim: both happen or neither.

People who cannot be emailed (inactive, no address) and people who unsubscribed from the digest
have their rows claimed all the same (they stay on their notifications page), so they are not
looked at again; an unsubscribed address is logged "skipped".

Unsubscribing. The digest is a kind of its own, "core.digest" (not transactional: its emails carry
`List-Unsubscribe`; kept out of the settings page). Unsubscribing from it (the link in its footer,
or a mail client's one-click) stops the digest for that address, and `digest_unsubscribed` sets
every kind the person had on "daily" or "weekly" to "never" and takes their waiting notifications
out of the next digest, so their settings page tells the truth. Choosing "daily" or "weekly" for
a kind again (`notifications.set_delivery`) undoes it (`digest_resubscribe`). A change of a kind's
delivery moves the person's notifications of it that wait for a digest along
(`delivery_changed`): "never" takes them out, "weekly" moves them to Monday's.
"""

from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from samspill.core import registry
from samspill.core.models import (
    Delivery,
    EmailLog,
    EmailOptOut,
    EmailStatus,
    Notification,
    NotificationSetting,
)

User = get_user_model()

DIGEST_KIND = "core.digest"
TEMPLATE = "core/email/digest"
BATCH = 500  # people per transaction
PER_GROUP = 5  # items shown per group; the rest are counted and linked
TEXT_CHARS = 280  # a notification's text, cut in the digest
SUBJECT_PARTS = 3  # kinds counted in the subject; the rest are "N other notifications"

DIGESTS = (Delivery.DAILY, Delivery.WEEKLY)


def register() -> None:
    """The digest's kind and its two periodic jobs (core's AppConfig.ready)."""
    registry.register_notification_kind(
        registry.NotificationKind(
            name=DIGEST_KIND,
            label=lambda: gettext_lazy("The daily and weekly digest of what is new for you"),
            default=Delivery.DAILY,
            in_settings=False,
            order=0,
        )
    )
    registry.register_periodic_job(
        registry.PeriodicJob(
            name="core.notifications.daily",
            label=lambda: _("Daily digest of notifications"),
            run=daily,
            interval=24 * 60,
            at="06:30",
        )
    )
    registry.register_periodic_job(
        registry.PeriodicJob(
            name="core.notifications.weekly",
            label=lambda: _("Weekly digest of notifications (Mondays)"),
            run=weekly,
            interval=7 * 24 * 60,
            at="mon 06:30",
        )
    )


def daily() -> dict:
    return send_digests(Delivery.DAILY)


def weekly() -> dict:
    return send_digests(Delivery.WEEKLY)


# --- The run --------------------------------------------------------------------------------------


def due_people(delivery: str) -> list[int]:
    """The ids of the people with notifications of `delivery` not yet emailed, in order."""
    return list(
        Notification.objects.filter(delivery=delivery, emailed_at__isnull=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )


def send_digests(delivery: str, *, batch: int | None = None) -> dict:
    """Send the digests of `delivery` ("daily" or "weekly") to everyone with something due.
    Returns {"people": with something due, "emails": queued, "notifications": claimed,
    "skipped": people who could not or would not be emailed} for the job's report."""
    if delivery not in DIGESTS:
        raise ValueError(f"not a digest: {delivery}")
    from samspill.core.selectors import hub_name

    hub_name()  # read once, not in the first batch
    batch = batch or BATCH
    totals = {"people": 0, "emails": 0, "notifications": 0, "skipped": 0}
    ids = due_people(delivery)
    for start in range(0, len(ids), batch):
        done = send_batch(delivery, ids[start : start + batch])
        for key in totals:
            totals[key] += done[key]
    return totals


def send_batch(delivery: str, user_ids: list[int]) -> dict:
    """The digests of `delivery` for these people, in one transaction (see the module's text)."""
    with transaction.atomic():
        claimed_at = _claim(delivery, user_ids)
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        for user_id, kind, n in (
            Notification.objects.filter(
                user_id__in=user_ids, delivery=delivery, emailed_at=claimed_at
            )
            .values_list("user_id", "kind")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            counts[user_id][kind] = n
        if not counts:
            return {"people": 0, "emails": 0, "notifications": 0, "skipped": 0}
        people = list(
            User.objects.filter(pk__in=list(counts)).only(
                "pk", "email", "name", "is_active", "preferred_language"
            )
        )
        blocked = _unsubscribed(people)
        receiving = [
            person
            for person in people
            if person.is_active and person.email and person.pk not in blocked
        ]
        rows = _newest(delivery, claimed_at, [person.pk for person in receiving])
        messages = [
            build_message(person, delivery, counts[person.pk], rows.get(person.pk, []))
            for person in receiving
        ]
        from samspill.core.mail import enqueue_messages

        enqueue_messages(messages, kind=DIGEST_KIND)
        skipped_addresses = [p for p in people if p.pk in blocked and p.email]
        if skipped_addresses:
            EmailLog.objects.bulk_create(
                EmailLog(
                    kind=DIGEST_KIND,
                    address=person.email.strip().lower(),
                    user_id=person.pk,
                    status=EmailStatus.SKIPPED,
                )
                for person in skipped_addresses
            )
    return {
        "people": len(counts),
        "emails": len(messages),
        "notifications": sum(sum(by_kind.values()) for by_kind in counts.values()),
        "skipped": len(counts) - len(messages),
    }


def _claim(delivery: str, user_ids: list[int]) -> datetime:
    """Mark these people's due rows as emailed now, where no one else has: the rows carrying the
    returned timestamp are this batch's."""
    claimed_at = timezone.now()
    Notification.objects.filter(
        user_id__in=user_ids, delivery=delivery, emailed_at__isnull=True
    ).update(emailed_at=claimed_at)
    return claimed_at


def _unsubscribed(people) -> set[int]:
    """The ids of those of `people` who unsubscribed from the digest (by address or setting)."""
    addresses = {person.email.strip().lower(): person.pk for person in people if person.email}
    blocked = {
        addresses[address]
        for address in EmailOptOut.objects.filter(
            kind=DIGEST_KIND, address__in=list(addresses)
        ).values_list("address", flat=True)
        if address in addresses
    }
    blocked.update(
        NotificationSetting.objects.filter(
            kind=DIGEST_KIND, delivery=Delivery.NEVER, user_id__in=[p.pk for p in people]
        ).values_list("user_id", flat=True)
    )
    return blocked


def _newest(delivery: str, claimed_at, user_ids: list[int]) -> dict[int, list[dict]]:
    """{person: rows}: the newest `PER_GROUP` claimed rows of each person and kind (enough to
    fill each group, whatever its kinds), in one query."""
    if not user_ids:
        return {}
    ranked = (
        Notification.objects.filter(user_id__in=user_ids, delivery=delivery, emailed_at=claimed_at)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("user_id"), F("kind")],
                order_by=[F("created_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=PER_GROUP)
        .values("pk", "user_id", "kind", "title", "text", "url", "created_at")
    )
    rows: dict[int, list[dict]] = defaultdict(list)
    for row in ranked:
        rows[row["user_id"]].append(row)
    return rows


# --- One email ------------------------------------------------------------------------------------


def build_message(person, delivery: str, counts: dict[str, int], rows: list[dict]):
    """The digest email of one person: counts {kind: how many are due}, rows the newest of each
    kind. No queries."""
    from samspill.core.mail import absolute, language_of, render_email
    from samspill.core.unsubscribe import unsubscribe_url

    language = language_of(person)
    with translation.override(language):
        groups = digest_groups(counts, rows, language=language)
        links = _links(language)
        context = {
            "person": person,
            "name": person.name or person.email,
            "delivery": delivery,
            "weekly": delivery == Delivery.WEEKLY,
            "groups": groups,
            "total": sum(counts.values()),
            "summary": summary(counts),
            "notifications_url": links["notifications"],
            "settings_url": links["settings"],
        }
        for group in groups:
            for item in group["items"]:
                item["url"] = absolute(item["url"])
        unsubscribe = unsubscribe_url(person.email, DIGEST_KIND, language=language)
        subject, text, html = render_email(
            TEMPLATE, context, language=language, unsubscribe_url=unsubscribe, kind=DIGEST_KIND
        )
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


_links_memo: dict[str, dict[str, str]] = {}


def _links(language: str) -> dict[str, str]:
    """The absolute addresses of the notifications page and the settings page in `language`
    ("" for a page that does not exist)."""
    key = f"{language} {settings.SITE_URL}"
    if key not in _links_memo:
        from samspill.core.mail import absolute

        links = {}
        for key, name in (
            ("notifications", "core:notifications"),
            ("settings", "core:notification-settings"),
        ):
            try:
                links[key] = absolute(reverse(name))
            except NoReverseMatch:
                links[key] = ""
        if not links["notifications"]:
            links["notifications"] = absolute("/")
        _links_memo[key] = links
    return _links_memo[key]


def _group_of(kind_name: str) -> tuple[int, str]:
    kind = registry.notification_kind(kind_name)
    if kind is None:
        return 1000, str(_("Other news"))
    label = kind.group() if kind.group is not None else kind.label()
    return kind.order, str(label)


def digest_groups(counts: dict[str, int], rows: list[dict], *, language: str) -> list[dict]:
    """The digest's sections: [{"label", "total", "kinds": [{"label", "items"}], "items",
    "more"}], the groups in the kinds' order, each showing its `PER_GROUP` newest items (grouped
    by kind, newest first within a kind) and counting the rest in "more"."""
    with translation.override(language):
        groups: dict[str, dict] = {}
        for kind_name, n in counts.items():
            order, label = _group_of(kind_name)
            group = groups.setdefault(
                label, {"label": label, "order": order, "total": 0, "rows": [], "kinds": {}}
            )
            group["order"] = min(group["order"], order)
            group["total"] += n
            group["kinds"][kind_name] = order
        for row in rows:
            groups[_group_of(row["kind"])[1]]["rows"].append(row)
        result = []
        for group in sorted(groups.values(), key=lambda g: (g["order"], g["label"])):
            newest = sorted(group["rows"], key=lambda r: (r["created_at"], r["pk"]), reverse=True)
            shown = newest[:PER_GROUP]
            by_kind = []
            for kind_name in sorted(group["kinds"], key=lambda k: (group["kinds"][k], k)):
                items = [_item(row) for row in shown if row["kind"] == kind_name]
                if items:
                    by_kind.append({"label": _kind_label(kind_name), "items": items})
            result.append(
                {
                    "label": group["label"],
                    "total": group["total"],
                    "kinds": by_kind,
                    "items": [item for kind in by_kind for item in kind["items"]],
                    "more": group["total"] - len(shown),
                    "several_kinds": len(by_kind) > 1,
                }
            )
    return result


def _kind_label(kind_name: str) -> str:
    kind = registry.notification_kind(kind_name)
    return str(kind.label()) if kind is not None else kind_name


def _item(row: dict) -> dict:
    text = " ".join((row["text"] or "").split())
    if len(text) > TEXT_CHARS:
        text = text[: TEXT_CHARS - 1].rstrip() + "…"
    return {"title": row["title"], "text": text, "url": row["url"], "at": row["created_at"]}


def summary(counts: dict[str, int]) -> str:
    """What is new, counted for the subject: "5 news items and 2 events" (the active language).
    Kinds with a `count` are named, the most first; the others are "notifications"."""
    named: dict[str, int] = {}
    others = 0
    for kind_name, n in counts.items():
        kind = registry.notification_kind(kind_name)
        if kind is not None and kind.count is not None:
            named[kind_name] = n
        else:
            others += n
    order = sorted(named, key=lambda k: (-named[k], k))
    parts = [str(registry.notification_kind(k).count(named[k])) for k in order[:SUBJECT_PARTS]]
    others += sum(named[k] for k in order[SUBJECT_PARTS:])
    if others:
        if parts:
            parts.append(
                ngettext("%(n)s other notification", "%(n)s other notifications", others)
                % {"n": others}
            )
        else:
            parts.append(
                ngettext("%(n)s notification", "%(n)s notifications", others) % {"n": others}
            )
    if len(parts) == 1:
        return parts[0]
    return _("%(list)s and %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}


# --- Unsubscribing --------------------------------------------------------------------------------


def digest_unsubscribed(user) -> int:
    """`user` unsubscribed from the digest: every kind they hear of daily or weekly (by choice or
    by default) is set to "never", and their notifications waiting for a digest will not be
    emailed. Returns how many kinds changed."""
    if user is None:
        return 0
    from samspill.core.notifications import deliveries_for

    changed = [kind for kind, delivery in deliveries_for(user).items() if delivery in DIGESTS]
    for kind in changed:
        NotificationSetting.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": Delivery.NEVER}
        )
    Notification.objects.filter(user=user, delivery__in=DIGESTS, emailed_at__isnull=True).update(
        delivery=Delivery.NEVER
    )
    return len(changed)


def delivery_changed(user, kind: str, delivery: str) -> None:
    """`user` now hears of `kind` by `delivery` (`notifications.set_delivery`): their
    notifications of it still waiting for a digest move to the new digest, or out of the digests
    ("never"; "immediate" leaves them for the next digest); a digest chosen again undoes an
    unsubscribe from the digest."""
    if delivery in (Delivery.DAILY, Delivery.WEEKLY, Delivery.NEVER):
        Notification.objects.filter(
            user=user, kind=kind, delivery__in=DIGESTS, emailed_at__isnull=True
        ).exclude(delivery=delivery).update(delivery=delivery)
    if delivery in DIGESTS:
        digest_resubscribe(user)


def digest_resubscribe(user) -> None:
    """`user` chose a digest for some kind again: the digest's own unsubscribe no longer holds."""
    NotificationSetting.objects.filter(user=user, kind=DIGEST_KIND).delete()
    if user.email:
        EmailOptOut.objects.filter(address=user.email.strip().lower(), kind=DIGEST_KIND).delete()
