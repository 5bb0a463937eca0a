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

from samspill.core import services as core_services
from samspill.core.mail import emails_suppressed
from samspill.core.models import Audience, Membership, Municipality, Organisation, User
from samspill.events import services
from samspill.events.models import (
    AgendaInput,
    AgendaInputStatus,
    AttendanceMode,
    Event,
    EventKind,
    EventSeries,
    EventSession,
    EventStatus,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    RegistrationStatus,
)
from samspill.knowledge.models import TopicPage

OSLO = "Europe/Oslo"
COPENHAGEN = "Europe/Copenhagen"
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# A demo event's calendar id is uuid5(DEMO_NAMESPACE, key): stable across runs, unique per event.
DEMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://samspill.test/demo/events")

# Core's demo people (core.demo.PEOPLE), by the email they sign in with.
JONAS = "grunder@samspill.test"  # Jonas Berg, Lydbølge AS (a start-up in Bergen)
SARA = "medlem@samspill.test"  # Sara Nilsen, booking at Havnescenen (Stavanger)
METTE = "kommune@samspill.test"  # Mette Holm, Køge Kommune

# Organisations the source documents name that core's demo does not create.
EXTRA_ORGANISATIONS = [
    {
        "slug": "mustech-norway",
        "name": "Mustech Norway",
        "kind": "association",
        "country": "NO",
        "municipality": ("NO", "0301"),
        "summary": "Nettverk for gründere innen musikk- og kulturteknologi, startet i 2021 med "
        "Music Norway og et arbeidsutvalg med Arena Oslo, by:Larm, Fono og Sesong 1.",
    },
    {
        "slug": "musikmetropolen",
        "name": "Musikmetropolen",
        "kind": "association",
        "country": "DK",
        "municipality": ("DK", "265"),
        "summary": "Musikstrengen i kulturaftalen Kulturmetropolen: kommunerne samarbejder om "
        "talent- og karriereudvikling, spillesteder og scener og musikbranchens "
        "infrastruktur. Roskilde er hjemkommune.",
    },
]

# Fictional guests (example.org / example.dk are reserved for examples: no mail reaches anyone).
NB_GUESTS = [
    "Ingrid Solheim",
    "Lars Haugen",
    "Maria Dahl",
    "Ole Kristiansen",
    "Sofie Bakke",
    "Henrik Lunde",
    "Emma Strand",
    "Magnus Eide",
    "Nora Moen",
    "Kristoffer Aas",
    "Ida Hovland",
    "Sindre Vik",
    "Thea Nygaard",
    "Eirin Fossum",
    "Andreas Lie",
    "Martin Sæther",
    "Julie Tangen",
    "Even Rønning",
    "Mia Halvorsen",
    "Tobias Aune",
    "Hedda Myhre",
    "Jakob Sandvik",
    "Silje Hauge",
    "Ola Nordby",
    "Karoline Engen",
    "Vegard Holt",
    "Amalie Berntsen",
    "Sander Bjørnstad",
    "Frida Lind",
    "Håkon Vestby",
]
DA_GUESTS = [
    "Mads Jørgensen",
    "Camilla Friis",
    "Signe Kjær",
    "Anders Mikkelsen",
    "Line Bech",
    "Freja Lund",
    "Mikkel Skov",
    "Anne Thomsen",
    "Kasper Vinther",
    "Louise Brandt",
    "Søren Krogh",
    "Maja Bisgaard",
    "Peter Lindberg",
    "Tobias Riis",
    "Cecilie Munk",
    "Niels Dalgaard",
    "Ida Vestergaard",
    "Rasmus Kjeldsen",
    "Emilie Fog",
    "Jakob Overgaard",
]
NB_ORGANISATIONS = [
    "Lydlab AS",
    "Miksekammeret",
    "Taktverk AS",
    "Frilans musiker",
    "Notespor AS",
    "Rytmeriet",
    "Klangrom AS",
    "Bølgelengde AS",
    "Scenekraft",
    "Selvstendig artist",
    "Spillestedet Brygga",
    "Plateselskapet Polarlys",
]
DA_ORGANISATIONS = [
    "Spillestedet Kajen",
    "Foreningen Rytmerum",
    "Lydfabrikken ApS",
    "Musikskolen Vestegnen",
    "Bandet Kystlys",
    "Koncertforeningen Tonen",
    "Freelance musiker",
    "Kulturhuset Sydhavnen",
]

NB_CONSENT = "Jeg godtar at navnet mitt og organisasjonen min deles med de andre deltakerne."
DA_CONSENT = "Jeg accepterer, at mit navn og min organisation deles med de andre deltagere."

# Registration questions: (label, kind, choices, required).
NB_ORGANISATION = ("Organisasjon", QuestionKind.TEXT, [], True)
NB_ROLE = (
    "Rolle",
    QuestionKind.CHOICE,
    [
        "Gründer eller utvikler",
        "Artist eller låtskriver",
        "Plateselskap, forlag eller management",
        "Arrangør eller spillested",
        "Investor",
        "Offentlig virksomhet",
        "Annet",
    ],
    True,
)
NB_DIET = (
    "Kosthold",
    QuestionKind.CHOICE,
    ["Ingen hensyn", "Vegetar", "Vegan", "Glutenfri", "Laktosefri"],
    True,
)
DA_ORGANISATION = ("Organisation eller kommune", QuestionKind.TEXT, [], True)
DA_ROLE = (
    "Rolle",
    QuestionKind.CHOICE,
    [
        "Spillested eller arrangør",
        "Musiker eller band",
        "Kommune eller forvaltning",
        "Musikskole eller uddannelse",
        "Andet",
    ],
    True,
)
DA_DIET = (
    "Kost",
    QuestionKind.CHOICE,
    ["Ingen særlige hensyn", "Vegetar", "Vegansk", "Glutenfri"],
    True,
)
# Which option a demo person picks in a choice that has it.
USER_CHOICES = {
    JONAS: ("Gründer",),
    SARA: ("Arrangør",),
    METTE: ("Kommune",),
}

SERIES = {
    "slug": "musikkhjemmekontoret-webinarer",
    "title": "Musikkhjemmekontoret webinarer",
    "summary": "Korte, gratis webinarer fra musikkontorene om det musikkfeltet lurer mest på: "
    "skatt og status, støtte, utgivelser og nye inntekter.",
    "organisation": "most",
}


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


def _at(day: datetime.date, clock: str, zone: str = OSLO) -> datetime.datetime:
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZoneInfo(zone))


def _span(day: datetime.date, start: str, end: str, zone: str = OSLO):
    return _at(day, start, zone), _at(day, end, zone)


# --- People -----------------------------------------------------------------------------------------


def _email(name: str, domain: str) -> str:
    local = name.lower().replace("æ", "ae").replace("ø", "o").replace("å", "aa")
    return f"{'.'.join(local.split())}@{domain}"


def _guests(names: list[str], start: int, count: int, domain: str) -> list[tuple[str, str]]:
    assert count <= len(names), "not enough fictional guests for one event"
    picked = [names[(start + i) % len(names)] for i in range(count)]
    return [(name, _email(name, domain)) for name in picked]


def nb_guests(start: int, count: int) -> list[tuple[str, str]]:
    return _guests(NB_GUESTS, start, count, "example.org")


def da_guests(start: int, count: int) -> list[tuple[str, str]]:
    return _guests(DA_GUESTS, start, count, "example.dk")


# --- The events -------------------------------------------------------------------------------------


def _plans() -> list[Plan]:
    oslo_meetup = _span(_day(21, THU), "17:00", "20:00")
    digital = _span(_day(60, TUE), "12:00", "13:30")
    web_tax = _span(_day(-28, WED), "12:00", "13:00")
    web_grants = _span(_day(-7, TUE), "12:00", "13:00")
    web_release = _span(_day(9, WED), "12:00", "13:00")
    web_revenue = _span(_day(30, TUE), "12:00", "13:00")
    course_day = _day(14, TUE, weeks=3)
    course = [
        _span(course_day + datetime.timedelta(weeks=week), "18:00", "21:00") for week in range(3)
    ]
    rights_day = _day(35, SAT)
    rights = [
        _span(rights_day, "10:00", "15:00"),
        _span(rights_day + datetime.timedelta(days=1), "10:00", "14:00"),
    ]
    rogaland = _span(_day(18, THU), "18:00", "21:00")
    north = _span(_day(70, THU), "10:00", "16:00")
    workshop = _span(_day(25, WED), "09:30", "15:00", COPENHAGEN)
    network = _span(_day(45, THU), "16:00", "19:00", COPENHAGEN)

    online = {"attendance_mode": AttendanceMode.ONLINE, "online_platform": "Zoom"}

    return [
        Plan(
            key="mustech-2021-06-11",
            title="Mustech Norway – første digitale samling",
            slug="mustech-norway-forste-digitale-samling",
            kind=EventKind.GATHERING,
            summary="Første samling for et norsk miljø for musikkteknologi: gründere, bransjen og "
            "investorer møtes digitalt for å dele erfaringer og legge planer.",
            description=(
                "<p>Musikkbransjen mangler et sted der teknologi og musikk møtes. Sammen med "
                "partnerne i arbeidsutvalget inviterer Music Norway til den første samlingen i "
                "Mustech Norway – et nettverk for gründere innen musikk- og kulturteknologi og for "
                "alle i bransjen som vil jobbe sammen med dem.</p>"
                "<p>Vi bruker to timer på å bli kjent, høre hva dere trenger og bestemme hva "
                "nettverket skal ta tak i først: deling av erfaring og kompetanse, møteplasser "
                "mellom teknologi og musikk, og veien til kapital.</p>"
                "<ul><li>Velkommen: hvorfor et Mustech Norway?</li>"
                "<li>Erfaringer fra norske musikkteknologiselskaper</li>"
                "<li>Runde med deltakerne: hva trenger dere?</li>"
                "<li>Veien videre, og en kartlegging av feltet</li></ul>"
                "<p>Har du innspill til agendaen? Send dem inn fra påmeldingen din. Kjenner du "
                "noen som burde være med, kan du invitere dem derfra.</p>"
            ),
            organisers=["music-norway", "mustech-norway", "bylarm"],
            starts_at=_at(datetime.date(2021, 6, 11), "12:00"),
            ends_at=_at(datetime.date(2021, 6, 11), "14:00"),
            audiences=["start-up", "company"],
            topics=["nye-inntekter", "stotte-og-finansiering"],
            fields={
                **online,
                "online_url": "https://example.org/mote/mustech-norway-2021",
                "registration_opens_at": _at(datetime.date(2021, 6, 8), "09:00"),
                "consent_text": NB_CONSENT,
            },
            questions=[NB_ORGANISATION, NB_ROLE],
            registrants=[JONAS, *nb_guests(0, 13)],
            checked_in=10,
            agenda=[
                (
                    0,
                    "Hvordan kan oppstartsselskaper få testbrukere blant artister og arrangører? "
                    "Det er det vanskeligste for oss nå.",
                    AgendaInputStatus.ACCEPTED,
                    "Tatt med i runden med deltakerne.",
                ),
                (
                    3,
                    "Foreslår en bolk om investorer: hva ser de etter i et selskap som lager "
                    "musikkteknologi?",
                    AgendaInputStatus.ACCEPTED,
                    "Blir tema for neste digitale samling.",
                ),
                (
                    7,
                    "Kan nettverket kartlegge hvilke offentlige virkemidler som faktisk passer "
                    "for musikkteknologi?",
                    AgendaInputStatus.NOTED,
                    "",
                ),
            ],
        ),
        Plan(
            key="mustech-oslo-meetup",
            title="Mustech Norway – fysisk treff i Oslo",
            slug="mustech-norway-treff-oslo",
            kind=EventKind.GATHERING,
            summary="Gründere innen musikkteknologi, artister og bransjen møtes ansikt til ansikt: "
            "korte pitcher og god tid til å snakke sammen.",
            description=(
                "<p>Etter de digitale samlingene møtes Mustech Norway endelig fysisk. Fem selskaper "
                "viser hva de jobber med, og vi setter av god tid til samtaler mellom gründere, "
                "artister, plateselskaper, arrangører og investorer.</p>"
                "<ul><li>17.00 Dørene åpner, enkel servering</li>"
                "<li>17.30 Fem korte pitcher fra norske musikkteknologiselskaper</li>"
                "<li>18.30 Samtale: hva trenger bransjen, og hva kan teknologien løse?</li>"
                "<li>19.15 Mingling</li></ul>"
                "<p>Plassene er begrenset. Når treffet er fullt, kan du stå på venteliste: blir en "
                "plass ledig, får den første på listen den med en gang, og beskjed på e-post.</p>"
            ),
            organisers=["mustech-norway", "music-norway", "arena-oslo"],
            starts_at=oslo_meetup[0],
            ends_at=oslo_meetup[1],
            audiences=["start-up", "company", "self-employed"],
            topics=["nye-inntekter", "stotte-og-finansiering"],
            fields={
                "attendance_mode": AttendanceMode.ONSITE,
                "venue_name": "Samspillhuset",
                "street_address": "Storgata 99",
                "postal_code": "0182",
                "locality": "Oslo",
                "municipality": ("NO", "0301"),
                "capacity": 20,
                "registration_closes_at": oslo_meetup[0] - datetime.timedelta(days=1),
                "consent_text": NB_CONSENT,
            },
            questions=[NB_ORGANISATION, NB_ROLE, NB_DIET],
            # 20 seats: Jonas and 19 guests get them; Sara and three guests wait.
            registrants=[JONAS, *nb_guests(0, 19), SARA, *nb_guests(19, 3)],
            agenda=[
                (
                    1,
                    "Kan vi få en kort gjennomgang av hvordan rettigheter håndteres når musikk "
                    "brukes i apper?",
                    AgendaInputStatus.NEW,
                    "",
                ),
                (
                    5,
                    "Vil gjerne møte arrangører som kan teste nye billett- og publikumsløsninger.",
                    AgendaInputStatus.NEW,
                    "",
                ),
            ],
            invite=(0, "kollega@example.org", "Bli med på treffet – dette er midt i blinken!"),
        ),
        Plan(
            key="mustech-digital-capital",
            title="Mustech Norway – digital samling: kapital til musikkteknologi",
            slug="mustech-norway-digital-samling-kapital",
            kind=EventKind.GATHERING,
            summary="Hvordan finansierer du et musikkteknologiselskap? Investorer, "
            "virkemiddelapparatet og gründere deler erfaringer på en digital lunsjsamling.",
            description=(
                "<p>Mange selskaper mellom musikk og teknologi faller mellom kulturstøtte og "
                "næringsstøtte. På denne samlingen ser vi på hele løpet, fra de første tilskuddene "
                "til private investorer, og hører fra gründere som har vært gjennom det.</p>"
                "<p>Samlingen er digital og åpen for alle i nettverket. Lenken til møtet står i "
                "bekreftelsen du får når du har meldt deg på.</p>"
            ),
            organisers=["mustech-norway", "music-norway"],
            starts_at=digital[0],
            ends_at=digital[1],
            audiences=["start-up", "company"],
            topics=["stotte-og-finansiering"],
            fields={
                **online,
                "online_url": "https://example.org/mote/mustech-norway-kapital",
                "consent_text": NB_CONSENT,
            },
            questions=[NB_ORGANISATION, NB_ROLE],
            registrants=[JONAS, *nb_guests(10, 5)],
        ),
        # Musikkhjemmekontoret's webinars: two behind us, two ahead.
        Plan(
            key="webinar-self-employed-and-employee",
            title="Webinar: Selvstendig næringsdrivende og ansatt – hva gjelder for meg?",
            slug="webinar-selvstendig-og-ansatt",
            kind=EventKind.WEBINAR,
            summary="Mange i musikkfeltet har både lønn og egen virksomhet. Vi går gjennom hva det "
            "betyr for MVA, sykepenger og pensjon.",
            description=(
                "<p>Har du en stilling og et enkeltpersonforetak ved siden av? Da gjelder "
                "forskjellige regler for de forskjellige inntektene. Vi forklarer forskjellen på "
                "arbeidstaker, frilanser og selvstendig næringsdrivende, og hva den betyr i "
                "praksis.</p>"
                "<ul><li>Hvordan tilknytningsformen avgjøres – og hvorfor de faktiske forholdene "
                "teller, ikke hva dere kaller det</li>"
                "<li>Når du må registrere deg for MVA</li>"
                "<li>Sykepenger når du har både lønn og næringsinntekt</li>"
                "<li>Pensjon når ingen arbeidsgiver sparer for deg</li></ul>"
                "<p>Webinaret varer en time, med tid til spørsmål på slutten.</p>"
            ),
            organisers=["most", "oks"],
            starts_at=web_tax[0],
            ends_at=web_tax[1],
            audiences=["self-employed", "employee"],
            topics=["skatt-og-status"],
            fields={**online, "online_url": "https://example.org/webinar/selvstendig-og-ansatt"},
            questions=[("Hva vil du helst ha svar på?", QuestionKind.TEXT, [], False)],
            in_series=True,
            registrants=[*nb_guests(3, 10), SARA],
            checked_in=8,
        ),
        Plan(
            key="webinar-grants",
            title="Webinar: Slik søker du støtte som musiker",
            slug="webinar-slik-soker-du-stotte",
            kind=EventKind.WEBINAR,
            summary="Stipender, prosjektstøtte og tilskudd: hvem som gir hva, hvordan du skriver en "
            "god søknad, og frister du ikke bør gå glipp av.",
            description=(
                "<p>Støtteordningene for musikere er mange, og hver har sine regler. Vi gir en "
                "oversikt over de viktigste ordningene for utøvere, låtskrivere og arrangører, og "
                "viser hva som skiller en god søknad fra en som ikke når opp.</p>"
                "<ul><li>Prosjektstøtte til konserter og turneer – søk før prosjektet starter</li>"
                "<li>Stipender til komponister og utøvende kunstnere</li>"
                "<li>Budsjett, egenandel og rapportering</li></ul>"
            ),
            organisers=["brak", "star"],
            starts_at=web_grants[0],
            ends_at=web_grants[1],
            audiences=["self-employed", "organiser-venue"],
            topics=["stotte-og-finansiering"],
            fields={**online, "online_url": "https://example.org/webinar/stotte"},
            in_series=True,
            registrants=nb_guests(8, 8),
            checked_in=6,
        ),
        Plan(
            key="webinar-releasing-music",
            title="Webinar: Hvordan gi ut musikk nå?",
            slug="webinar-gi-ut-musikk",
            kind=EventKind.WEBINAR,
            summary="Fra ferdig miks til utgivelse: distributør, metadata, utgivelsesplan og "
            "hvordan du når ut når det er færre konserter.",
            description=(
                "<p>Å gi ut musikk er mer enn å laste opp en fil. Vi går gjennom stegene fra ferdig "
                "innspilling til utgivelsesdagen, og hvordan du legger en plan som gir musikken "
                "best mulig sjanse.</p>"
                "<ul><li>Velg distributør og registrer låtene riktig</li>"
                "<li>Metadata, ISRC og rettigheter</li>"
                "<li>En realistisk plan: singler, album og pitching til spillelister</li></ul>"
            ),
            organisers=["tempo", "sorf"],
            starts_at=web_release[0],
            ends_at=web_release[1],
            audiences=["self-employed", "student"],
            topics=["gi-ut-musikk", "rettigheter-og-vederlag"],
            fields={
                **online,
                "online_url": "https://example.org/webinar/gi-ut-musikk",
                "capacity": 100,
            },
            in_series=True,
            registrants=[SARA, *nb_guests(14, 7)],
            agenda=[
                (
                    2,
                    "Hvordan bør jeg fordele singlene før et album kommer?",
                    AgendaInputStatus.NEW,
                    "",
                )
            ],
        ),
        Plan(
            key="webinar-new-revenue",
            title="Webinar: Nye inntektsstrømmer for musikere",
            slug="webinar-nye-inntektsstrommer",
            kind=EventKind.WEBINAR,
            summary="Strømmekonserter, direkte salg til fans, merch og lisensiering: erfaringer med "
            "inntekter som kommer i tillegg til konsertene.",
            description=(
                "<p>Krisen i musikkfeltet satte fart på mange nye initiativ, og noen av dem har "
                "blitt varige inntektskilder. Sammen med musikere og selskaper som har prøvd dem, "
                "ser vi på hva som fungerer og hva det krever.</p>"
                "<ul><li>Strømmekonserter med billett: teknikk, rettigheter og pris</li>"
                "<li>Fanfinansiering og direkte salg</li>"
                "<li>Lisensiering til film, spill og reklame</li></ul>"
                "<p>Melder du deg på uten å være logget inn, bekrefter du påmeldingen med lenken "
                "vi sender deg på e-post.</p>"
            ),
            organisers=["most", "ryk"],
            starts_at=web_revenue[0],
            ends_at=web_revenue[1],
            audiences=["self-employed", "company"],
            topics=["nye-inntekter", "konserter-live-og-strom"],
            fields={
                **online,
                "online_url": "https://example.org/webinar/nye-inntekter",
                "guests_must_confirm": True,
            },
            in_series=True,
            # Guests wait for their email confirmation; two of them have clicked the link.
            registrants=[JONAS, *nb_guests(20, 5)],
            confirm_email=[2, 3],
        ),
        Plan(
            key="course-releasing-music-bergen",
            title="Kurs: Slik gir du ut musikk",
            slug="kurs-slik-gir-du-ut-musikk",
            kind=EventKind.COURSE,
            summary="Tre kvelder i Bergen der du går fra ferdig innspilling til en utgivelsesplan "
            "du kan følge: distribusjon, rettigheter og lansering.",
            description=(
                "<p>Kurset er for artister, band og låtskrivere som skal gi ut musikk det neste "
                "året. Du jobber med din egen utgivelse og går hjem med en konkret plan.</p>"
                "<ul><li>Kveld 1: Fra master til distributør – metadata, ISRC og rettigheter</li>"
                "<li>Kveld 2: Utgivelsesplan, pitching og presse</li>"
                "<li>Kveld 3: Lansering, konsert og oppfølging – og hvordan du finansierer "
                "det</li></ul>"
                "<p>Påmeldingen gjelder alle tre kveldene. Kurset har tolv plasser; når det er "
                "fullt, kan du stå på venteliste.</p>"
            ),
            organisers=["brak"],
            starts_at=course[0][0],
            ends_at=course[-1][1],
            audiences=["self-employed", "student"],
            topics=["gi-ut-musikk", "kurs-og-webinarer"],
            fields={
                "attendance_mode": AttendanceMode.ONSITE,
                "venue_name": "Kurssalen",
                "street_address": "Strandgaten 99",
                "postal_code": "5013",
                "locality": "Bergen",
                "municipality": ("NO", "4601"),
                "capacity": 12,
                "registration_closes_at": course[0][0] - datetime.timedelta(days=2),
            },
            questions=[
                ("Artistnavn eller band", QuestionKind.TEXT, [], True),
                ("Har du gitt ut musikk før?", QuestionKind.YES_NO, [], False),
                NB_DIET,
            ],
            sessions=[
                ("Kveld 1: Fra master til distributør", *course[0]),
                ("Kveld 2: Utgivelsesplan og pitching", *course[1]),
                ("Kveld 3: Lansering og finansiering", *course[2]),
            ],
            # 12 seats, 16 registrations; one cancels, the first on the waiting list moves up.
            registrants=[JONAS, *nb_guests(5, 15)],
            cancel=[4],
        ),
        Plan(
            key="course-rights-trondheim",
            title="Kurs: Rettigheter og vederlag for låtskrivere",
            slug="kurs-rettigheter-og-vederlag",
            kind=EventKind.COURSE,
            summary="To dager i Trondheim om hvordan låtskrivere og utøvere får betalt når musikken "
            "brukes: opphavsrett, forlag, TONO og Gramo.",
            description=(
                "<p>Hvem får betalt når en låt spilles på radio, strømmes eller fremføres på en "
                "konsert? Vi går gjennom rettighetene du har som låtskriver og som utøver, hvordan "
                "pengene går fra brukeren til deg, og hva du bør passe på før du signerer en "
                "avtale.</p>"
                "<p><strong>Kurset er utsatt.</strong> Vi kommer tilbake med ny dato så snart den "
                "er klar. Alle som er påmeldt, beholder plassen og får beskjed på e-post.</p>"
            ),
            organisers=["tempo"],
            starts_at=rights[0][0],
            ends_at=rights[-1][1],
            audiences=["self-employed"],
            topics=["rettigheter-og-vederlag", "kurs-og-webinarer"],
            fields={
                "attendance_mode": AttendanceMode.ONSITE,
                "venue_name": "Kurssalen",
                "street_address": "Olav Tryggvasons gate 99",
                "postal_code": "7011",
                "locality": "Trondheim",
                "municipality": ("NO", "5001"),
                "capacity": 20,
            },
            questions=[NB_DIET],
            sessions=[
                ("Dag 1: Opphavsrett, TONO og forlag", *rights[0]),
                ("Dag 2: Utøverrettigheter, Gramo og avtaler", *rights[1]),
            ],
            registrants=nb_guests(22, 5),
            then_status=EventStatus.POSTPONED,
        ),
        Plan(
            key="network-meeting-rogaland",
            title="Nettverksmøte for arrangører og spillesteder i Rogaland",
            slug="nettverksmote-arrangorer-rogaland",
            kind=EventKind.NETWORK_MEETING,
            summary="Arrangører, spillesteder og festivaler i Rogaland møtes for å dele erfaringer "
            "om publikum, programmering og samarbeid.",
            description=(
                "<p>Et uformelt møte for alle som lager konserter i regionen, store som små. Vi "
                "deler erfaringer med publikumsutvikling og ser på hvordan vi kan samarbeide om "
                "turneer gjennom fylket.</p>"
                "<p><strong>Møtet er avlyst.</strong> Vi beklager, og inviterer til et nytt møte "
                "senere i sesongen.</p>"
            ),
            organisers=["star", "havnescenen"],
            starts_at=rogaland[0],
            ends_at=rogaland[1],
            audiences=["organiser-venue"],
            topics=["konserter-live-og-strom"],
            fields={
                "attendance_mode": AttendanceMode.ONSITE,
                "venue_name": "Havnescenen",
                "street_address": "Havnegata 99",
                "postal_code": "4006",
                "locality": "Stavanger",
                "municipality": ("NO", "1103"),
                "capacity": 40,
            },
            registrants=[SARA, *nb_guests(25, 3)],
            then_status=EventStatus.CANCELLED,
        ),
        Plan(
            key="industry-meetup-north",
            title="Bransjetreff Nord",
            slug="bransjetreff-nord",
            kind=EventKind.GATHERING,
            summary="En dag for musikkbransjen i Nordland, Troms og Finnmark: artister, arrangører, "
            "plateselskaper og festivaler fra hele landsdelen.",
            description=(
                "<p>Programmet er under arbeid. Vi samler bransjen i nord til en dag med faglig "
                "påfyll, presentasjoner av nye artister og tid til å bygge nettverk på tvers av "
                "fylkene.</p>"
            ),
            organisers=["ryk", "nordlys-plater"],
            starts_at=north[0],
            ends_at=north[1],
            audiences=["organiser-venue", "company", "self-employed"],
            topics=["konserter-live-og-strom"],
            fields={
                "attendance_mode": AttendanceMode.ONSITE,
                "venue_name": "Storsalen",
                "street_address": "Sjøgata 99",
                "postal_code": "9008",
                "locality": "Tromsø",
                "municipality": ("NO", "5501"),
                "capacity": 80,
            },
            published=False,  # a draft: only the organisers see it
        ),
        # Musikmetropolen (Danish, Copenhagen time).
        Plan(
            key="musikmetropolen-summit-2017",
            title="Musikmetropolens første topmøde",
            slug="musikmetropolens-forste-topmode",
            kind=EventKind.NETWORK_MEETING,
            language="da",
            summary="Kommunerne i Musikmetropolen og musikaktørerne fra hele området mødes for at "
            "samle ideerne fra idérunderne og sætte retningen for de kommende år.",
            description=(
                "<p>Siden foråret 2016 har musikaktører fra kulturaftalens kommuner delt ideer i en "
                "række idérunder. På topmødet samler vi trådene: hvad har vi hørt, og hvilke "
                "projekter skal vi sætte i gang?</p>"
                "<ul><li>Talent- og karriereudvikling</li>"
                "<li>Udvikling af spillesteder og scener</li>"
                "<li>Musikbranchens infrastruktur og samarbejder</li></ul>"
                "<p>Vi arbejder i grupper under de tre overskrifter og slutter med en fælles "
                "opsamling.</p>"
            ),
            organisers=["musikmetropolen", "ishoj", "roskilde"],
            starts_at=_at(datetime.date(2017, 1, 31), "13:00", COPENHAGEN),
            ends_at=_at(datetime.date(2017, 1, 31), "17:00", COPENHAGEN),
            audiences=["municipality", "organiser-venue"],
            fields={
                "time_zone": COPENHAGEN,
                "attendance_mode": AttendanceMode.ONSITE,
                "venue_name": "Rådhussalen",
                "street_address": "Stationsvej 99",
                "postal_code": "2635",
                "locality": "Ishøj",
                "municipality": ("DK", "183"),
                "capacity": 120,
            },
            questions=[DA_ORGANISATION, DA_ROLE],
            registrants=[METTE, *da_guests(0, 11)],
            checked_in=9,
            agenda=[
                (
                    2,
                    "Kan vi se på en fælles uddannelse i kommerciel sangskrivning?",
                    AgendaInputStatus.ACCEPTED,
                    "Drøftet under talent- og karriereudvikling.",
                ),
                (
                    5,
                    "Forslag: talentcamps på tværs af kommunerne.",
                    AgendaInputStatus.ACCEPTED,
                    "",
                ),
            ],
        ),
        Plan(
            key="musikmetropolen-workshop-audiences",
            title="Workshop: Nye publikumsformater på spillestederne",
            slug="workshop-nye-publikumsformater",
            kind=EventKind.WORKSHOP,
            language="da",
            summary="Spillesteder, bookere og kommuner i Musikmetropolen udvikler sammen nye måder "
            "at møde publikum på – på tværs af kommunegrænserne.",
            description=(
                "<p>Hvordan får vi nyt publikum ind ad døren, og hvordan kan spillestederne i "
                "kommunerne hjælpe hinanden? Spillesteder, professionelle bookere og kommunernes "
                "kulturmedarbejdere arbejder sammen om formater, der kan afprøves i den kommende "
                "sæson.</p>"
                "<ul><li>Oplæg: erfaringer med nye koncertformater</li>"
                "<li>Arbejde i grupper: fra idé til forsøg</li>"
                "<li>Fælles opsamling og næste skridt</li></ul>"
                "<p>Der er 16 pladser. Når workshoppen er fuld, kan du skrive dig på "
                "ventelisten.</p>"
            ),
            organisers=["musikmetropolen", "roskilde"],
            starts_at=workshop[0],
            ends_at=workshop[1],
            audiences=["organiser-venue", "municipality"],
            topics=["konserter-live-og-strom"],
            fields={
                "time_zone": COPENHAGEN,
                "attendance_mode": AttendanceMode.ONSITE,
                "venue_name": "Musikskolens store sal",
                "street_address": "Havnevej 99",
                "postal_code": "4000",
                "locality": "Roskilde",
                "municipality": ("DK", "265"),
                "capacity": 16,
                "registration_closes_at": workshop[0] - datetime.timedelta(days=3),
                "consent_text": DA_CONSENT,
            },
            questions=[DA_ORGANISATION, DA_ROLE, DA_DIET],
            # 16 seats: Mette and 15 guests; three more wait.
            registrants=[METTE, *da_guests(2, 18)],
            agenda=[
                (
                    3,
                    "Vi vil gerne høre om erfaringer med eftermiddagskoncerter for børnefamilier.",
                    AgendaInputStatus.NEW,
                    "",
                ),
                (
                    8,
                    "Kan vi tale om fælles markedsføring af koncerter på tværs af kommunerne?",
                    AgendaInputStatus.NEW,
                    "",
                ),
            ],
        ),
        Plan(
            key="musikmetropolen-network-meeting",
            title="Netværksmøde for musikaktørerne i kulturaftalen",
            slug="netvaerksmode-musikaktorerne",
            kind=EventKind.NETWORK_MEETING,
            language="da",
            summary="Musikskoler, spillesteder, foreninger og kommuner fra hele kulturaftalen "
            "mødes for at dele erfaringer og finde nye samarbejdspartnere.",
            description=(
                "<p>Netværksmødet er stedet, hvor aktørerne i aftalens kommuner lærer hinanden at "
                "kende på tværs af kommunegrænserne. Vi fortæller om de igangværende projekter og "
                "samler input til næste års indsatser.</p>"
                "<ul><li>Nyt fra projekterne under de tre hovedoverskrifter</li>"
                "<li>Speed-networking: find en samarbejdspartner i en anden kommune</li>"
                "<li>Input til nye indsatser – fra rugekasse til flyvefærdig</li></ul>"
            ),
            organisers=["musikmetropolen", "albertslund", "ishoj"],
            starts_at=network[0],
            ends_at=network[1],
            audiences=["municipality", "organiser-venue", "student"],
            fields={
                "time_zone": COPENHAGEN,
                "attendance_mode": AttendanceMode.ONSITE,
                "venue_name": "Kulturhusets sal",
                "street_address": "Kulturtorvet 99",
                "postal_code": "2620",
                "locality": "Albertslund",
                "municipality": ("DK", "165"),
                "capacity": 60,
            },
            questions=[DA_ORGANISATION, DA_ROLE],
            registrants=[METTE, *da_guests(12, 6)],
        ),
    ]


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
            elif question.label in (NB_DIET[0], DA_DIET[0]):
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
    events = list(Event.objects.filter(uid__in=[demo_uid(p.key) for p in plans]).with_counts())
    full = sum(
        1 for e in events if e.capacity and e.confirmed_count >= e.capacity and e.waitlist_count > 0
    )
    registrations = Registration.objects.filter(event__in=events).count()
    return [
        f"Events: {len(events)} ({full} full with a waiting list, {registrations} registrations)"
    ]
