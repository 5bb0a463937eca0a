"""Builders for events tests. `make_event` saves through the service, as editors do."""

import datetime

import factory
from django.utils import timezone

from samspill.events import services
from samspill.events.models import Event, QuestionKind, RegistrationQuestion
from tests.core.factories import MunicipalityFactory, OrganisationFactory


def in_days(days: float, hour: int = 18) -> datetime.datetime:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    """A published, on-site gathering a week from now, 18–20 local time, with 10 seats."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Nettverksmøte {n}")
    slug = factory.Sequence(lambda n: f"nettverksmote-{n}")
    kind = "gathering"
    is_published = True
    summary = "Vi møtes for å dele erfaringer."
    starts_at = factory.LazyFunction(lambda: in_days(7, 18))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    attendance_mode = "onsite"
    venue_name = "Kulturhuset"
    street_address = "Storgata 1"
    postal_code = "5003"
    locality = "Bergen"
    municipality = factory.SubFactory(MunicipalityFactory)
    capacity = 10

    @factory.post_generation
    def organisers(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.organisers.set(extracted or [OrganisationFactory()])


def make_event(*, organisers=None, questions=(), **fields) -> Event:
    """An event with questions [(label, kind, choices, required)], saved through the service."""
    fields.setdefault("municipality", MunicipalityFactory())
    event = EventFactory.build(**fields)
    for i, (label, kind, choices, required) in enumerate(questions):
        event.questions.add(
            RegistrationQuestion(
                label=label,
                kind=kind,
                choices="\n".join(choices),
                required=required,
                sort_order=i,
            )
        )
    organisers = organisers or [OrganisationFactory()]
    return services.event_save(actor=None, event=event, organisers=organisers)


DIET = ("Kosthold", QuestionKind.CHOICE, ["Ingen hensyn", "Vegetar", "Vegan"], True)
ROLE = ("Rolle", QuestionKind.TEXT, [], False)
NEWSLETTER = ("Vil du ha nyhetsbrev?", QuestionKind.YES_NO, [], False)
