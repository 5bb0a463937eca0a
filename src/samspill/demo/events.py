"""The events of the demo hub: Mustech Norway's gatherings, the music offices' webinar series and
courses, Musikmetropolen's workshop and network meetings, with registrations, waiting lists,
check-ins and agenda input.

Everything goes through `events.services` (and `core.services` for the two organisations core's
demo lacks), except the registrations of events that are already over: the services rightly refuse
to register anyone once registration has closed, so those are written as history, straight to the
table (see `_historical_registrations`).

Idempotent: each demo event has a calendar id (`Event.uid`) derived from a fixed key. An event that
exists is left exactly as it is, with its registrations; only missing ones are built. Dates of the
coming and recent events are counted from the day the demo is first built.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from samspill.core import notifications, registry
from samspill.core import services as core_services
from samspill.core.errors import InvalidInput
from samspill.core.mail import emails_suppressed
from samspill.core.models import (
    Audience,
    Membership,
    Municipality,
    Notification,
    Organisation,
    User,
)
from samspill.demo.data import load
from samspill.events import notices, services
from samspill.events.models import (
    AgendaInput,
    AgendaInputStatus,
    Event,
    EventSeries,
    EventSession,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from samspill.knowledge import notices as knowledge_notices
from samspill.knowledge.models import ArticlePage, FaqPage, TopicPage

OSLO = "Europe/Oslo"
COPENHAGEN = "Europe/Copenhagen"
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

# A demo event's calendar id is uuid5(DEMO_NAMESPACE, key): stable across runs, unique per event.
DEMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://samspill.test/demo/events")

# Core's demo people (samspill.demo.core.PEOPLE), by the email they sign in with.
JONAS = "grunder@samspill.test"  # Jonas Berg, Lydbølge AS (a start-up in Bergen)
SARA = "medlem@samspill.test"  # Sara Nilsen, booking at Havnescenen (Stavanger)
METTE = "kommune@samspill.test"  # Mette Holm, Køge Kommune

DATA = load("events")
# Organisations the source documents name that core's demo does not create.
EXTRA_ORGANISATIONS = DATA["extra_organisations"]
# The organisation a guest (a fictional registrant, an [name, email] pair in a plan's
# registrants) names, by their place in the list.
NB_ORGANISATIONS = DATA["nb_organisations"]
DA_ORGANISATIONS = DATA["da_organisations"]
# Registration questions the plans share, by name: label, kind, choices, required.
QUESTIONS = DATA["questions"]
DIET_LABELS = (QUESTIONS["nb_diet"]["label"], QUESTIONS["da_diet"]["label"])
# Which option a demo person picks in a choice that has it.
USER_CHOICES = DATA["user_choices"]
SERIES = DATA["series"]


@dataclass
class Plan:
    """One demo event and what happens to it: who registers (in order; a string is a demo
    person's email, a pair a guest), who cancels, checks in, sends agenda input."""

    key: str
    title: str
    slug: str
    kind: str
    summary: str
    description: str
    organisers: list[str]
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    language: str = "nb"
    audiences: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    fields: dict = field(default_factory=dict)
    questions: list = field(default_factory=list)
    sessions: list = field(default_factory=list)  # (title, starts_at, ends_at)
    in_series: bool = False
    published: bool = True
    registrants: list = field(default_factory=list)
    cancel: list[int] = field(default_factory=list)
    confirm_email: list[int] = field(default_factory=list)
    checked_in: int = 0  # the first n confirmed participants of a past event
    agenda: list = field(default_factory=list)  # (registrant index, text, status, note)
    invite: tuple | None = None  # (registrant index, email, message)
    then_status: str = ""  # postponed or cancelled after the registrations


# --- Dates ------------------------------------------------------------------------------------------


def _holiday(day: datetime.date) -> bool:
    """Christmas, New Year and July, when the field does not hold events."""
    return day.month == 7 or (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 3)


def _day(offset: int, weekday: int, weeks: int = 1) -> datetime.date:
    """The `weekday` (0 = Monday) on or after today + `offset` days, or on or before it when the
    offset is negative, so that coming dates stay coming and past ones past; moved a week at a time
    (further away) until it and the `weeks - 1` same weekdays after it miss the holidays."""
    day = timezone.localdate() + datetime.timedelta(days=offset)
    if offset >= 0:
        day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
    else:
        day -= datetime.timedelta(days=(day.weekday() - weekday) % 7)
    step = datetime.timedelta(weeks=1 if offset >= 0 else -1)
    while any(_holiday(day + datetime.timedelta(weeks=k)) for k in range(weeks)):
        day += step
    return day


def _on(rule: dict) -> datetime.date:
    """A plan's first day: a fixed "date" (events in the past of the source documents), or
    "days_from_today" to the next (or, counting back, the last) "weekday" that misses the holidays
    for the plan's "weeks"."""
    if "date" in rule:
        return datetime.date.fromisoformat(rule["date"])
    return _day(rule["days_from_today"], WEEKDAYS.index(rule["weekday"]), rule.get("weeks", 1))


def _at(day: datetime.date, clock: str, zone: str = OSLO) -> datetime.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZoneInfo(zone))


# --- The events -------------------------------------------------------------------------------------


def _question(spec) -> tuple:
    """(label, kind, choices, required) of a shared question (by name) or one of the plan's own."""
    spec = QUESTIONS[spec] if isinstance(spec, str) else spec
    return (spec["label"], spec["kind"], spec["choices"], spec["required"])


def _plan(spec: dict) -> Plan:
    """A plan of data/events.json with its dates worked out: the event on its "on" day at its
    "time", or over its "sessions" ("days_after" the first day), in the event's time zone.
    Registration opens at a fixed "date" and "time", or closes "days_before_start"."""
    spec = dict(spec)
    language = spec.get("language", "nb")
    fields = dict(spec.pop("fields", {}))
    zone = fields.get("time_zone") or (COPENHAGEN if language == "da" else OSLO)
    day = _on(spec.pop("on"))
    sessions = [
        (
            session["title"],
            _at(day + datetime.timedelta(days=session["days_after"]), session["time"][0], zone),
            _at(day + datetime.timedelta(days=session["days_after"]), session["time"][1], zone),
        )
        for session in spec.pop("sessions", [])
    ]
    if sessions:
        starts_at, ends_at = sessions[0][1], sessions[-1][2]
    else:
        start, end = spec.pop("time")
        starts_at, ends_at = _at(day, start, zone), _at(day, end, zone)
    for name, moment in fields.items():
        if isinstance(moment, dict) and "days_before_start" in moment:
            fields[name] = starts_at - datetime.timedelta(days=moment["days_before_start"])
        elif isinstance(moment, dict):
            fields[name] = _at(datetime.date.fromisoformat(moment["date"]), moment["time"], zone)
    agenda = [
        (item["registrant"], item["text"], item["status"], item["note"])
        for item in spec.pop("agenda", [])
    ]
    invite = spec.pop("invite", None)
    questions = [_question(q) for q in spec.pop("questions", [])]
    return Plan(
        **spec,
        starts_at=starts_at,
        ends_at=ends_at,
        fields=fields,
        questions=questions,
        sessions=sessions,
        agenda=agenda,
        invite=(invite["registrant"], invite["email"], invite["message"]) if invite else None,
    )


def _plans() -> list[Plan]:
    return [_plan(spec) for spec in DATA["plans"]]


# --- Building -------------------------------------------------------------------------------------


def demo_uid(key: str) -> uuid.UUID:
    return uuid.uuid5(DEMO_NAMESPACE, key)


def _municipality(country: str, code: str) -> Municipality | None:
    return Municipality.objects.filter(country=country, code=code).first()


def _ensure_organisations() -> None:
    for spec in EXTRA_ORGANISATIONS:
        if Organisation.objects.filter(slug=spec["slug"]).exists():
            continue
        core_services.organisation_create(
            actor=None, **{**spec, "municipality": _municipality(*spec["municipality"])}
        )


def _series() -> EventSeries:
    # No service writes series (the admin edits them as plain models); a lookup by slug keeps
    # this idempotent.
    series = EventSeries.objects.filter(slug=SERIES["slug"]).first()
    if series is None:
        series = EventSeries.objects.create(
            slug=SERIES["slug"],
            title=SERIES["title"],
            summary=SERIES["summary"],
            organisation=Organisation.objects.get(slug=SERIES["organisation"]),
        )
    return series


def _topics(slugs):
    """Topics of the knowledge bank in the default locale; none when its demo has not run."""
    if not slugs:
        return []
    return list(TopicPage.objects.filter(locale=Locale.get_default(), slug__in=slugs))


def _new_event(plan: Plan, series: EventSeries) -> Event:
    fields = dict(plan.fields)
    fields.setdefault("time_zone", COPENHAGEN if plan.language == "da" else OSLO)
    if "municipality" in fields:
        fields["municipality"] = _municipality(*fields["municipality"])
    event = Event(
        uid=demo_uid(plan.key),
        title=plan.title,
        slug=plan.slug,
        kind=plan.kind,
        is_published=plan.published,
        summary=plan.summary,
        description=plan.description,
        series=series if plan.in_series else None,
        language=plan.language,
        starts_at=plan.starts_at,
        ends_at=plan.ends_at,
        **fields,
    )
    for order, (label, kind, choices, required) in enumerate(plan.questions):
        event.questions.add(
            RegistrationQuestion(
                label=label,
                kind=kind,
                choices="\n".join(choices),
                required=required,
                sort_order=order,
            )
        )
    for order, (title, starts_at, ends_at) in enumerate(plan.sessions):
        event.sessions.add(
            EventSession(title=title, starts_at=starts_at, ends_at=ends_at, sort_order=order)
        )
    return services.event_save(
        actor=None,
        event=event,
        organisers=list(Organisation.objects.filter(slug__in=plan.organisers)),
        audiences=list(Audience.objects.filter(slug__in=plan.audiences)),
        topics=_topics(plan.topics),
    )


def _organisation_of(user, language: str, n: int) -> str:
    membership = (
        Membership.objects.filter(user=user).select_related("organisation").order_by("pk").first()
    )
    if membership:
        return membership.organisation.name
    return (NB_ORGANISATIONS if language == "nb" else DA_ORGANISATIONS)[n]


def _answers(event: Event, n: int, name: str, organisation: str, hints=()) -> dict:
    """Plausible answers for the n-th registrant; most people have no dietary needs."""
    answers = {}
    for question in event.questions.all():
        if question.kind == QuestionKind.YES_NO:
            answers[question.key] = "yes" if n % 3 else "no"
        elif question.kind == QuestionKind.CHOICE:
            options = question.choice_list
            hinted = [o for o in options for hint in hints if o.startswith(hint)]
            if hinted:
                answers[question.key] = hinted[0]
            elif question.label in DIET_LABELS:
                answers[question.key] = options[0] if n % 4 else options[1 + n // 4 % 2]
            else:
                answers[question.key] = options[n % len(options)]
        elif question.label.startswith(("Organisasjon", "Organisation")):
            answers[question.key] = organisation
        elif question.label.startswith("Artistnavn"):
            answers[question.key] = name
        elif question.required:
            answers[question.key] = organisation
    return answers


def _people(plan: Plan):
    """(user or None, name, email, organisation, choice hints) for each registrant who exists."""
    users = {u.email: u for u in User.objects.filter(email__in=[JONAS, SARA, METTE])}
    orgs = NB_ORGANISATIONS if plan.language == "nb" else DA_ORGANISATIONS
    people = []
    for n, registrant in enumerate(plan.registrants):
        if isinstance(registrant, str):
            user = users.get(registrant)
            if user is None:  # an editor deleted the demo person: leave a gap
                people.append(None)
                continue
            organisation = _organisation_of(user, plan.language, n % len(orgs))
            people.append((user, user.name, user.email, organisation, USER_CHOICES[registrant]))
        else:
            name, email = registrant
            people.append((None, name, email, orgs[n % len(orgs)], ()))
    return people


def _register(plan: Plan, event: Event) -> list[Registration | None]:
    """Open registration: through the service, as the registration form does."""
    registrations = []
    for n, person in enumerate(_people(plan)):
        if person is None:
            registrations.append(None)
            continue
        user, name, email, organisation, hints = person
        registrations.append(
            services.registration_create(
                event=event,
                user=user,
                name=name,
                email=email,
                answers=_answers(event, n, name, organisation, hints),
                consent=bool(event.consent_text),
                language=plan.language,
            )
        )
    return registrations


def _historical_registrations(plan: Plan, event: Event) -> list[Registration | None]:
    """Registrations of an event that is over. `registration_create` refuses them (registration
    has closed), so they are written as they would have been then: confirmed, spread over the
    three days before the event. The answers still pass the service's own check."""
    people = _people(plan)
    step = datetime.timedelta(hours=66) / max(len(people), 1)
    registrations = []
    for n, person in enumerate(people):
        if person is None:
            registrations.append(None)
            continue
        user, name, email, organisation, hints = person
        at = event.starts_at - datetime.timedelta(hours=72) + n * step
        registrations.append(
            Registration.objects.create(
                event=event,
                user=user,
                name=name,
                email=email.lower(),
                status=RegistrationStatus.CONFIRMED,
                answers=services.clean_answers(
                    event, _answers(event, n, name, organisation, hints)
                ),
                consented_at=at if event.consent_text else None,
                language=plan.language,
                created_at=at,
                confirmed_at=at,
            )
        )
    return registrations


def _build_event(plan: Plan, series: EventSeries) -> Event:
    event = _new_event(plan, series)
    past = event.ends_at < timezone.now()
    registrations = _historical_registrations(plan, event) if past else _register(plan, event)
    for n in plan.cancel:
        if registrations[n] is not None:
            services.registration_cancel(registration=registrations[n])
    for n in plan.confirm_email:
        if registrations[n] is not None:
            registrations[n] = services.registration_confirm_email(
                token=services.registration_confirmation_token(registrations[n])
            )
    if plan.checked_in:
        confirmed = [
            r for r in registrations if r is not None and r.status == RegistrationStatus.CONFIRMED
        ]
        for n, registration in enumerate(confirmed[: plan.checked_in]):
            services.registration_check_in(actor=None, registration=registration)
            if past:  # checked in at the door then, not today
                Registration.objects.filter(pk=registration.pk).update(
                    checked_in_at=event.starts_at - datetime.timedelta(minutes=10 - n)
                )
    for n, text, status, note in plan.agenda:
        registration = registrations[n]
        if registration is None or not registration.is_active:
            continue
        item = services.agenda_input_create(registration=registration, text=text)
        if status != AgendaInputStatus.NEW:
            services.agenda_input_set_status(actor=None, item=item, status=status, note=note)
        if past:  # sent before the event, not today
            AgendaInput.objects.filter(pk=item.pk).update(
                created_at=registration.created_at + datetime.timedelta(hours=1)
            )
    if plan.invite:
        n, email, message = plan.invite
        if registrations[n] is not None:
            services.invitation_send(registration=registrations[n], email=email, message=message)
    if plan.then_status:
        event.status = plan.then_status
        event = services.event_save(actor=None, event=event)
    return event


# Alone (a test builds only this part) or within builders.build: indexed once at the end.
@registry.deferred_indexing()
def build() -> list[str]:
    plans = _plans()
    # The demo's people are fictional: the builder sends them no confirmation emails.
    with emails_suppressed(), transaction.atomic():
        _ensure_organisations()
        series = _series()
        existing = set(
            Event.objects.filter(uid__in=[demo_uid(p.key) for p in plans]).values_list(
                "uid", flat=True
            )
        )
        for plan in plans:
            if demo_uid(plan.key) not in existing:
                _build_event(plan, series)
        _follows(series)
    events = list(Event.objects.filter(uid__in=[demo_uid(p.key) for p in plans]).with_counts())
    full = sum(
        1 for e in events if e.capacity and e.confirmed_count >= e.capacity and e.waitlist_count > 0
    )
    registrations = Registration.objects.filter(event__in=events).count()
    return [
        f"Events: {len(events)} ({full} full with a waiting list, {registrations} registrations)"
    ]


# What the demo logins follow (issue 19), and what they have heard of since: Sara two topics of
# the knowledge bank and her own Havnescenen, Jonas the webinar series and Mustech Norway.
SARA_TOPICS = ("konserter-live-og-strom", "stotte-og-finansiering")


def _follow(user, obj) -> bool:
    try:
        notifications.follow(user=user, obj=obj)
    except InvalidInput:  # not public (a part of the demo not built): nothing to follow
        return False
    return True


def _follows(series: EventSeries) -> None:
    """The follows (following twice keeps the first), then, once, a handful of notifications
    through the services (the emails are suppressed by the caller)."""
    people = {u.email: u for u in User.objects.filter(email__in=[SARA, JONAS])}
    if len(people) < 2:
        return
    sara, jonas = people[SARA], people[JONAS]
    topics = list(
        TopicPage.objects.filter(slug__in=SARA_TOPICS, locale=Locale.get_default()).live()
    )
    for topic in topics:
        _follow(sara, topic)
    havnescenen = Organisation.objects.filter(slug="havnescenen").first()
    if havnescenen is not None:
        _follow(sara, havnescenen)
    _follow(jonas, series)
    mustech = Organisation.objects.filter(slug="mustech-norway").first()
    if mustech is not None:
        _follow(jonas, mustech)
    # Sara hears of the newest content in her topics; Jonas of the coming events he follows.
    if not Notification.objects.filter(user=sara, kind=knowledge_notices.NEW_CONTENT).exists():
        for topic in topics:
            pages = [
                *ArticlePage.objects.child_of(topic).live().order_by("-pk")[:2],
                *FaqPage.objects.child_of(topic).live().order_by("-pk")[:1],
            ]
            for page in pages:
                knowledge_notices.content_published(page)
    if not Notification.objects.filter(user=jonas, kind=notices.NEW_EVENT).exists():
        coming = Event.objects.published().filter(starts_at__gte=timezone.now())
        for event in coming.filter(series=series)[:2]:
            notices.event_published(event)
        if mustech is not None:
            for event in coming.filter(organisers=mustech)[:2]:
                notices.event_published(event)
