"""Projects' part of the demo hub: Musikmetropolen, the music strand of the Danish cultural
agreement Kulturmetropolen 2016–19, with its three themes, its projects of 2018–2019 and 2020, the
input it gathered at a workshop and a network meeting, and the loose ideas of "Musikmetropolen
2020" with their supporters, comments and statuses.

The programme, its period, its participating municipalities, its themes and the kinds of project
follow the source document and the public facts (shared/domain/FACTS.md, A10); the projects'
details (titles, figures, amounts, milestones) and the people are fictional. No real person is
named: the secretariat is reached through a role.

Everything goes through `projects.services` (and `core.services` for organisations and people),
except the `EventInput` rows, which have no service. Idempotent: the programme and projects are
found by slug, ideas by title, organisations by slug and people by email; whatever exists is left
as it is, so a second run changes nothing and an editor's changes survive. No email is sent
(`emails_suppressed`): the demo's people are fictional.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from samspill.core import services as core_services
from samspill.core.mail import emails_suppressed
from samspill.core.models import Membership, Municipality, Organisation, Role, User
from samspill.ideas import services as ideas_services
from samspill.ideas.models import Idea, IdeaComment, IdeaStatus, IdeaStatusChange, IdeaSupport
from samspill.projects import services
from samspill.projects.models import (
    EventInput,
    Funding,
    Milestone,
    PartnerOrganisation,
    Programme,
    Project,
    Result,
    Theme,
    Video,
)

SLUG = "musikmetropolen"
SECRETARIAT = "musikmetropolen"  # the organisation the events demo also uses as organiser

# The participating municipalities (code, name); Roskilde is the home municipality.
MUNICIPALITIES = [
    ("165", "Albertslund"),
    ("183", "Ishøj"),
    ("175", "Rødovre"),
    ("259", "Køge"),
    ("265", "Roskilde"),
    ("260", "Halsnæs"),
    ("250", "Frederikssund"),
    ("217", "Helsingør"),
]

# slug, bokmål, Danish, English, description (Danish)
THEMES = [
    (
        "talent",
        "Talent- og karriereutvikling",
        "Talent- og karriereudvikling",
        "Talent and career development",
        "Forløb, camps, konkurrencer og uddannelse, der hjælper unge musikere og sangskrivere "
        "videre – fra musikskolen til en professionel karriere.",
    ),
    (
        "venues",
        "Utvikling av spillesteder og scener",
        "Udvikling af spillesteder og scener",
        "Development of venues and stages",
        "Nye koncertformater, nyt publikum og samarbejde mellem spillestederne på tværs af "
        "kommunegrænserne.",
    ),
    (
        "industry",
        "Musikkbransjens infrastruktur og samarbeid",
        "Musikbranchens infrastruktur og samarbejder",
        "Music industry infrastructure and collaboration",
        "Kompetenceudvikling, netværk og fælles viden for musikaktørerne, kommunerne og branchen.",
    ),
]

PROGRAMME = {
    "name": "Musikmetropolen",
    "lead": (
        "Musikstrengen i kulturaftalen Kulturmetropolen 2016–19: kommunerne omkring hovedstaden "
        "samarbejder om talent, spillesteder og musikbranchens infrastruktur."
    ),
    "vision": (
        "En sammenhængende musikmetropol med lokal, national og international gennemslagskraft"
    ),
    "body": (
        "<p>Kulturmetropolen 2016–19 var en kulturaftale mellem kulturministeren og 15 kommuner "
        "omkring hovedstaden. Aftalen blev underskrevet den 10. marts 2016 og vedtaget politisk "
        "den 8. april 2016. Den videreførte KulturMetropolØresund (2012–15) og havde tre "
        "strenge: Musikmetropolen med Roskilde som hjemkommune, unge der skaber kulturliv "
        "sammen med Køge, og festivaler og events.</p>"
        "<h2>Sådan begyndte det</h2>"
        "<p>Musikmetropolen gik i gang i maj 2016 med en række idérunder med musikaktører fra "
        "kommunerne. Det første topmøde blev holdt den 31. januar 2017 i Ishøj, og her blev "
        "ideerne samlet under tre hovedoverskrifter:</p>"
        "<ul><li>Talent- og karriereudvikling</li>"
        "<li>Udvikling af spillesteder og scener</li>"
        "<li>Musikbranchens infrastruktur og samarbejder</li></ul>"
        "<h2>2018 og 2019</h2>"
        "<p>Mere end 15 projekter med deltagere og samarbejdspartnere fra alle aftalens "
        "kommuner: fra kompetenceudviklingsforløb og opbygningen af en helt ny uddannelse over "
        "en nordisk musikkonkurrence og festival til nye musikskole-pilotprojekter, "
        "koncertformater og en landsdækkende konference. Initiativerne går på tværs af "
        "kommunegrænserne og samler samarbejdspartnere, som den enkelte kommune ikke kunne "
        "løfte alene.</p>"
        "<h2>Musikmetropolen 2020</h2>"
        "<p>Udgangspunktet for 2020 er input fra de fleste kommuner og aktører i kulturaftalen: "
        "en workshop, et netværksmøde for musikaktørerne og input via sekretariatet. Et bud på "
        "nye hovedoverskrifter er <em>Musiknetværk, kompetencecenter og videncenter</em>, "
        "<em>Musikskabelse – håndværk, kunst og erhverv</em> og <em>Musik med kant</em>.</p>"
        "<p>Kilderne er ikke enige om, hvor mange kommuner der deltog i Musikmetropolen (13 "
        "eller 14); her står de kommuner, hvis deltagelse er bekræftet.</p>"
    ),
    "starts_on": datetime.date(2016, 4, 8),
    "ends_on": datetime.date(2020, 12, 31),
    "secretariat_contact": "Projektleder, Musikmetropolens sekretariat, Roskilde",
}

# Organisations the projects need besides core's (the municipalities) and the events demo's
# (Musikmetropolen): real Danish organisations named in the facts where they are plausible
# partners, and fictional local ones. (slug, name, kind, municipality code, website, summary)
ORGANISATIONS = [
    (
        "musikmetropolen",
        "Musikmetropolen",
        "association",
        "265",
        "",
        "Musikstrengen i kulturaftalen Kulturmetropolen: kommunerne samarbejder om "
        "talent- og karriereudvikling, spillesteder og scener og musikbranchens "
        "infrastruktur. Roskilde er hjemkommune.",
    ),
    (
        "rosa",
        "ROSA – Dansk Rock Samråd",
        "association",
        "751",
        "https://www.rosa.org",
        "Genreorganisation for rytmisk musik, stiftet 1981 i Aarhus: rådgivning, netværk, "
        "dokumentation, projekter og tilskud.",
    ),
    (
        "dansk-live",
        "Dansk Live",
        "association",
        "",
        "https://dansklive.dk",
        "Brancheorganisation for spillesteder og festivaler i Danmark.",
    ),
    (
        "promus",
        "Promus",
        "association",
        "751",
        "https://promus.dk",
        "Produktionscenter for rytmisk musik i Aarhus: sparring, rådgivning og mentorordning "
        "for nye artister.",
    ),
    (
        "slots-og-kulturstyrelsen",
        "Slots- og Kulturstyrelsen",
        "public_agency",
        "",
        "https://slks.dk",
        "Kulturministeriets styrelse, som forvalter kulturaftalerne med kommunerne og Statens "
        "Kunstfonds tilskud.",
    ),
    # Fictional.
    (
        "sangskriverakademiet-oresund",
        "Sangskriverakademiet Øresund",
        "education",
        "265",
        "",
        "Uddannelse i kommerciel sangskrivning for unge sangskrivere og producere (fiktiv).",
    ),
    (
        "musikskolen-vestegnen",
        "Musikskolen Vestegnen",
        "education",
        "165",
        "",
        "Fælles musikskole for børn og unge på Vestegnen, med bandhold og sangskrivning (fiktiv).",
    ),
    (
        "spillestedet-kajen",
        "Spillestedet Kajen",
        "venue",
        "217",
        "",
        "Spillested ved havnen i Helsingør med 350 pladser og eget ungdomsprogram (fiktivt).",
    ),
    (
        "spillestedet-fjordlys",
        "Spillestedet Fjordlys",
        "venue",
        "250",
        "",
        "Lille spillested ved fjorden i Frederikssund med koncerter fire dage om ugen (fiktivt).",
    ),
    (
        "koncertforeningen-tonen",
        "Koncertforeningen Tonen",
        "association",
        "260",
        "",
        "Frivillig koncertforening i Halsnæs, som arrangerer koncerter i uventede rum (fiktiv).",
    ),
    (
        "ungdomsscenen-rodovre",
        "Ungdomsscenen Rødovre",
        "venue",
        "175",
        "",
        "Scene og øvelokaler for unge bands i Rødovre (fiktiv).",
    ),
]

# Fictional people besides core's demo logins (email, name, title, password, memberships).
PEOPLE = [
    (
        "sekretariat@samspill.test",
        "Birthe Skovgaard",
        "Projektleder, Musikmetropolens sekretariat",
        "samspill-sekretariat",
        [(SECRETARIAT, Role.EDITOR)],
    ),
    (
        "anders.holt@example.dk",
        "Anders Holt",
        "Musikskoleleder",
        None,
        [("musikskolen-vestegnen", Role.ADMIN)],
    ),
    (
        "katrine.nyborg@example.dk",
        "Katrine Nyborg",
        "Booker",
        None,
        [("spillestedet-kajen", Role.EDITOR)],
    ),
    ("rune.hedegaard@example.dk", "Rune Hedegaard", "Sangskriver og producer", None, []),
    ("lene.bak@example.dk", "Lene Bak", "Kulturkonsulent", None, [("roskilde", Role.MEMBER)]),
    ("ahmad.rahimi@example.dk", "Ahmad Rahimi", "Musiker", None, []),
]
METTE = "kommune@samspill.test"  # core's Mette Holm, Køge Kommune
SARA = "medlem@samspill.test"
JONAS = "grunder@samspill.test"
EIRIK = "redaktor@samspill.test"
BIRTHE, ANDERS, KATRINE, RUNE, LENE, AHMAD = (p[0] for p in PEOPLE)

# The events demo's Musikmetropolen events, by title.
SUMMIT = "Musikmetropolens første topmøde"
WORKSHOP = "Workshop: Nye publikumsformater på spillestederne"
NETWORK_MEETING = "Netværksmøde for musikaktørerne i kulturaftalen"
# Where the input for Musikmetropolen 2020 came from (the source: "KMK workshop, juni" and
# "Netværksmøde musikaktørerne, august, 11 kommuner repræsenteret"): past events this builder adds.
INPUT_WORKSHOP = "Workshop: Musikmetropolen 2020 – input fra kommunerne"
INPUT_MEETING = "Netværksmøde for musikaktørerne: input til Musikmetropolen 2020"
INPUT_EVENTS = [
    {
        "title": INPUT_WORKSHOP,
        "slug": "workshop-musikmetropolen-2020",
        "kind": "workshop",
        "day": datetime.date(2019, 6, 12),
        "hours": ((13, 0), (16, 0)),
        "summary": "Kulturaftalens kommuner samler erfaringerne fra 2018–2019 og giver input "
        "til Musikmetropolen 2020.",
        "venue": ("Musikskolens store sal", "Roskilde", "265"),
    },
    {
        "title": INPUT_MEETING,
        "slug": "netvaerksmode-input-2020",
        "kind": "network_meeting",
        "day": datetime.date(2019, 8, 28),
        "hours": ((16, 0), (20, 0)),
        "summary": "Musikaktørerne fra 11 kommuner mødtes og gav input til næste periodes "
        "indsatser – fra rugekasse til flyvefærdig.",
        "venue": ("Kulturhusets sal", "Albertslund", "165"),
    },
]
INPUT_SURVEY = "musikmetropolen-input-kommuner"  # the surveys demo's Danish survey

VIDEOS = {
    "songwriting": (
        "Musikmetropolen: den nye uddannelse i kommerciel sangskrivning",
        "https://www.youtube.com/watch?v=hFqX02ubCM8",
    ),
    "festival": (
        "Musikmetropolen 2018 og 2019 – projekterne fortæller",
        "https://www.youtube.com/watch?v=rQn4VqtMiM4&t=75s",
    ),
}

KULTURAFTALE = "Kulturaftalen Kulturmetropolen (Slots- og Kulturstyrelsen)"
D = datetime.date


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


# Each project: slug, title, summary, body, themes, status, start, end, lead, partners,
# municipalities (codes), participants, funding [(source, organisation slug, DKK)], milestones
# [(title, due, progress)], results [(title, description, figure, unit)], videos, events.
PROJECTS = [
    {
        "slug": "kompetenceforlob-musikskolelaerere",
        "title": "Kompetenceudviklingsforløb for musikskolelærere",
        "summary": "Et forløb over et år, hvor musikskolelærere fra Vestegnen lærer at undervise "
        "i sangskrivning, produktion og sammenspil i band.",
        "body": _p(
            "Musikskolerne i Albertslund, Ishøj og Rødovre ville tilbyde mere end "
            "instrumentundervisning. Lærerne fik fire moduler med undervisere fra branchen og "
            "afprøvede undervejs det, de lærte, på deres egne hold.",
            "Forløbet sluttede med en fælles koncert, hvor elevernes egne sange blev opført.",
        ),
        "themes": ["industry", "talent"],
        "status": "completed",
        "starts_on": D(2018, 1, 15),
        "ends_on": D(2018, 12, 14),
        "lead": "musikskolen-vestegnen",
        "partners": ["albertslund", "ishoj", "rodovre"],
        "municipalities": ["165", "183", "175"],
        "participants": 34,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 240000)],
        "milestones": [
            ("Fire undervisningsmoduler", D(2018, 6, 1), 100),
            ("Afprøvning på egne hold", D(2018, 11, 1), 100),
            ("Fælles koncert", D(2018, 12, 14), 100),
        ],
        "results": [
            ("Lærere med nye kompetencer", "", 34, "musikskolelærere"),
            ("Nye hold i sangskrivning", "Oprettet i de tre musikskoler.", 9, "hold"),
        ],
        "events": [SUMMIT],
    },
    {
        "slug": "kompetenceforlob-spillesteder",
        "title": "Kompetenceforløb for spillestedernes frivillige",
        "summary": "Frivillige på de mindre spillesteder lærer booking, afvikling og "
        "markedsføring sammen med kolleger fra de andre kommuner.",
        "body": _p(
            "De mindre spillesteder bygger på frivillige. Forløbet samlede dem fra Helsingør, "
            "Halsnæs og Frederikssund til seks aftener med oplæg og erfaringsudveksling.",
        ),
        "themes": ["venues", "industry"],
        "status": "completed",
        "starts_on": D(2018, 3, 1),
        "ends_on": D(2019, 2, 28),
        "lead": "spillestedet-kajen",
        "partners": ["dansk-live", "koncertforeningen-tonen", "spillestedet-fjordlys"],
        "municipalities": ["217", "260", "250"],
        "participants": 58,
        "funding": [
            (KULTURAFTALE, "slots-og-kulturstyrelsen", 180000),
            ("Helsingør Kommune", "helsingor", 40000),
        ],
        "milestones": [
            ("Seks temaaftener", D(2018, 12, 1), 100),
            ("Fælles håndbog for frivillige", D(2019, 2, 28), 100),
        ],
        "results": [
            ("Frivillige på forløbet", "", 58, "frivillige"),
            ("Håndbog for frivillige", "Bruges nu på alle tre spillesteder.", 1, "håndbog"),
        ],
    },
    {
        "slug": "uddannelse-kommerciel-sangskrivning",
        "title": "Ny uddannelse i kommerciel sangskrivning",
        "summary": "Opbygningen af en helt ny uddannelse for unge sangskrivere og producere, "
        "med skrivesessioner, mentorer og kontakt til forlag.",
        "body": _p(
            "Idéen kom op på det første topmøde: en uddannelse i kommerciel sangskrivning, "
            "som ikke fandtes i området. Første hold startede i efteråret 2018 i Roskilde.",
            "Eleverne skrev sammen i par og grupper, fik sparring fra professionelle "
            "sangskrivere og præsenterede deres sange for forlag og pladeselskaber.",
        ),
        "themes": ["talent", "industry"],
        "status": "completed",
        "starts_on": D(2018, 8, 20),
        "ends_on": D(2019, 12, 13),
        "lead": "sangskriverakademiet-oresund",
        "partners": ["promus", "roskilde", "koge"],
        "municipalities": ["265", "259"],
        "participants": 24,
        "funding": [
            (KULTURAFTALE, "slots-og-kulturstyrelsen", 450000),
            ("Roskilde Kommune", "roskilde", 100000),
        ],
        "milestones": [
            ("Studieplan og optagelse", D(2018, 8, 1), 100),
            ("Første hold", D(2019, 1, 31), 100),
            ("Andet hold", D(2019, 12, 13), 100),
        ],
        "results": [
            ("Elever på de to første hold", "", 24, "elever"),
            ("Sange skrevet", "Heraf blev 11 udgivet.", 86, "sange"),
        ],
        "videos": ["songwriting"],
        "events": [SUMMIT],
    },
    {
        "slug": "nordisk-musikkonkurrence",
        "title": "Nordisk musikkonkurrence for unge bands",
        "summary": "En konkurrence for unge bands fra hele Norden med indledende runder i "
        "kommunerne og finale på et af aftalens spillesteder.",
        "body": _p(
            "Bands mellem 15 og 25 år kunne søge fra hele Norden. De indledende runder blev "
            "spillet i Køge, Roskilde og Helsingør, og vinderne fik coaching og et "
            "festivaljob.",
        ),
        "themes": ["talent"],
        "status": "completed",
        "starts_on": D(2018, 9, 1),
        "ends_on": D(2019, 5, 31),
        "lead": "musikmetropolen",
        "partners": ["rosa", "spillestedet-kajen", "koge", "roskilde"],
        "municipalities": ["259", "265", "217"],
        "participants": 212,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 320000)],
        "milestones": [
            ("Ansøgningsrunde", D(2018, 12, 1), 100),
            ("Indledende runder", D(2019, 3, 31), 100),
            ("Finale", D(2019, 5, 31), 100),
        ],
        "results": [
            ("Ansøgende bands", "Fra Danmark, Sverige, Norge og Finland.", 148, "bands"),
            ("Koncerter", "", 18, "koncerter"),
        ],
    },
    {
        "slug": "musikmetropolen-festival",
        "title": "Musikmetropolen Festival",
        "summary": "En festival over tre dage på spillesteder i Frederikssund, Halsnæs og "
        "Helsingør med lokale talenter og nordiske navne.",
        "body": _p(
            "Festivalen samlede vinderne af den nordiske musikkonkurrence, lokale talenter og "
            "etablerede nordiske navne på spillesteder langs fjorden og kysten.",
        ),
        "themes": ["venues", "talent"],
        "status": "completed",
        "starts_on": D(2019, 1, 10),
        "ends_on": D(2019, 8, 31),
        "lead": "spillestedet-fjordlys",
        "partners": ["koncertforeningen-tonen", "spillestedet-kajen", "frederikssund"],
        "municipalities": ["250", "260", "217"],
        "participants": 2400,
        "funding": [
            (KULTURAFTALE, "slots-og-kulturstyrelsen", 380000),
            ("Frederikssund Kommune", "frederikssund", 75000),
            ("Billetindtægter", None, 210000),
        ],
        "milestones": [
            ("Program lagt", D(2019, 4, 1), 100),
            ("Festivalen afviklet", D(2019, 8, 24), 100),
            ("Evaluering", D(2019, 8, 31), 100),
        ],
        "results": [
            ("Publikum", "", 2400, "gæster"),
            ("Koncerter", "Heraf 14 med lokale talenter.", 31, "koncerter"),
        ],
        "videos": ["festival"],
    },
    {
        "slug": "pilot-musikskolen-i-udskolingen",
        "title": "Pilotprojekt: Musikskolen i udskolingen",
        "summary": "Musikskolen flytter ind i folkeskolens ældste klasser med bandforløb i "
        "skoletiden.",
        "body": _p(
            "Et nyt musikskole-pilotprojekt: i stedet for at vente på, at eleverne kommer til "
            "musikskolen, kom musikskolen til dem, med bandforløb i 7.–9. klasse.",
        ),
        "themes": ["talent"],
        "status": "completed",
        "starts_on": D(2018, 8, 13),
        "ends_on": D(2019, 6, 21),
        "lead": "musikskolen-vestegnen",
        "partners": ["albertslund", "rodovre"],
        "municipalities": ["165", "175"],
        "participants": 310,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 210000)],
        "milestones": [
            ("Aftaler med skolerne", D(2018, 8, 1), 100),
            ("Bandforløb i tolv klasser", D(2019, 6, 21), 100),
        ],
        "results": [
            ("Elever", "", 310, "elever"),
            ("Nye elever i musikskolen", "Tilmeldt efter forløbet.", 42, "elever"),
        ],
    },
    {
        "slug": "pilot-bandskole-paa-tvaers",
        "title": "Pilotprojekt: Bandskole på tværs af kommunerne",
        "summary": "Unge fra Ishøj og Køge danner bands på tværs af kommunegrænsen og øver "
        "skiftevis i de to kommuner.",
        "body": _p(
            "Musikskolerne i Ishøj og Køge havde hver for sig for få elever til at danne bands "
            "på alle instrumenter. Sammen kunne de.",
        ),
        "themes": ["talent"],
        "status": "completed",
        "starts_on": D(2018, 9, 1),
        "ends_on": D(2019, 6, 15),
        "lead": "ishoj",
        "partners": ["koge", "koge-lydvaerk"],
        "municipalities": ["183", "259"],
        "participants": 46,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 150000)],
        "milestones": [
            ("Bands sat sammen", D(2018, 10, 1), 100),
            ("Fælles koncert", D(2019, 6, 15), 100),
        ],
        "results": [("Nye bands", "", 9, "bands")],
    },
    {
        "slug": "eftermiddagskoncerter-boernefamilier",
        "title": "Eftermiddagskoncerter for børnefamilier",
        "summary": "Et nyt koncertformat: korte koncerter om eftermiddagen, hvor børn og "
        "voksne kan komme sammen.",
        "body": _p(
            "Spillestederne i Rødovre og Albertslund prøvede koncerter kl. 15 om søndagen, med "
            "lavere lydniveau, plads på gulvet og billetter til familiepris.",
        ),
        "themes": ["venues"],
        "status": "completed",
        "starts_on": D(2018, 2, 1),
        "ends_on": D(2018, 12, 16),
        "lead": "ungdomsscenen-rodovre",
        "partners": ["rodovre", "albertslund"],
        "municipalities": ["175", "165"],
        "participants": 1350,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 90000)],
        "milestones": [("Ti koncerter", D(2018, 12, 16), 100)],
        "results": [
            ("Publikum", "Omkring halvdelen var børn.", 1350, "gæster"),
            ("Koncerter", "", 10, "koncerter"),
        ],
    },
    {
        "slug": "koncerter-i-uventede-rum",
        "title": "Koncerter i uventede rum",
        "summary": "Koncerter i biblioteker, værksteder og stuer, der når et publikum, som "
        "sjældent går på spillested.",
        "body": _p(
            "Koncertforeningen i Halsnæs og spillestedet i Frederikssund flyttede koncerter ud "
            "af spillestederne og ind i rum, hvor ingen ventede dem.",
        ),
        "themes": ["venues"],
        "status": "completed",
        "starts_on": D(2019, 2, 1),
        "ends_on": D(2019, 11, 30),
        "lead": "koncertforeningen-tonen",
        "partners": ["spillestedet-fjordlys", "halsnaes"],
        "municipalities": ["260", "250"],
        "participants": 780,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 110000)],
        "milestones": [
            ("Ti værter fundet", D(2019, 3, 1), 100),
            ("Fjorten koncerter", D(2019, 11, 30), 100),
        ],
        "results": [("Publikum", "", 780, "gæster")],
    },
    {
        "slug": "landsdaekkende-konference",
        "title": "Landsdækkende konference: Musikken i kommunerne",
        "summary": "En konference for kommuner, spillesteder og musikskoler fra hele landet om "
        "at samarbejde om musik på tværs af kommunegrænser.",
        "body": _p(
            "Musikmetropolen delte sine erfaringer med resten af landet. Konferencen i Roskilde "
            "samlede deltagere fra 41 kommuner og viste, at der også er national interesse for "
            "samarbejdet.",
        ),
        "themes": ["industry"],
        "status": "completed",
        "starts_on": D(2019, 3, 1),
        "ends_on": D(2019, 10, 31),
        "lead": "musikmetropolen",
        "partners": ["rosa", "dansk-live", "roskilde"],
        "municipalities": ["265"],
        "participants": 260,
        "funding": [
            (KULTURAFTALE, "slots-og-kulturstyrelsen", 200000),
            ("Deltagerbetaling", None, 65000),
        ],
        "milestones": [
            ("Program og oplægsholdere", D(2019, 8, 1), 100),
            ("Konferencen", D(2019, 10, 3), 100),
            ("Opsamling", D(2019, 10, 31), 100),
        ],
        "results": [
            ("Deltagere", "", 260, "deltagere"),
            ("Kommuner repræsenteret", "", 41, "kommuner"),
        ],
    },
    {
        "slug": "talentcamp-ost",
        "title": "Talentcamp Øst",
        "summary": "En uges sommercamp for unge talenter fra Køge og Ishøj med undervisere fra "
        "branchen.",
        "body": _p(
            "Tredive unge boede en uge sammen, skrev sange, øvede i bands og spillede koncert "
            "på sidste dagen.",
        ),
        "themes": ["talent"],
        "status": "completed",
        "starts_on": D(2018, 4, 1),
        "ends_on": D(2018, 8, 31),
        "lead": "koge",
        "partners": ["koge-lydvaerk", "ishoj"],
        "municipalities": ["259", "183"],
        "participants": 30,
        "funding": [
            (KULTURAFTALE, "slots-og-kulturstyrelsen", 120000),
            ("Køge Kommune", "koge", 30000),
        ],
        "milestones": [("Optagelse", D(2018, 5, 15), 100), ("Campen", D(2018, 8, 10), 100)],
        "results": [("Deltagere", "", 30, "unge")],
        "events": [SUMMIT],
    },
    {
        "slug": "talentcamp-nord",
        "title": "Talentcamp Nord",
        "summary": "Sommercampen flyttede nordpå: unge fra Helsingør og Halsnæs på camp med "
        "koncert på Spillestedet Kajen.",
        "body": _p(
            "Efter Talentcamp Øst i 2018 blev formatet gentaget i den nordlige del af området."
        ),
        "themes": ["talent"],
        "status": "completed",
        "starts_on": D(2019, 3, 1),
        "ends_on": D(2019, 8, 31),
        "lead": "spillestedet-kajen",
        "partners": ["helsingor", "halsnaes"],
        "municipalities": ["217", "260"],
        "participants": 28,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 120000)],
        "milestones": [("Optagelse", D(2019, 5, 15), 100), ("Campen", D(2019, 8, 9), 100)],
        "results": [("Deltagere", "", 28, "unge")],
    },
    {
        "slug": "sangskrivningskurser-musikskoler",
        "title": "Sangskrivningskurser for musikskolerne",
        "summary": "Korte kurser i sangskrivning for musikskoleelever i fem kommuner, undervist "
        "af professionelle sangskrivere.",
        "body": _p(
            "Kurserne voksede ud af ønsket om sangskrivning i musikskolerne. Hvert kursus "
            "sluttede med en lyttesession, hvor eleverne spillede deres sange for hinanden.",
        ),
        "themes": ["talent"],
        "status": "completed",
        "starts_on": D(2018, 9, 1),
        "ends_on": D(2019, 6, 30),
        "lead": "sangskriverakademiet-oresund",
        "partners": ["musikskolen-vestegnen", "frederikssund"],
        "municipalities": ["165", "183", "175", "259", "250"],
        "participants": 145,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 160000)],
        "milestones": [("Tolv kurser", D(2019, 6, 30), 100)],
        "results": [("Elever", "", 145, "elever"), ("Kurser", "", 12, "kurser")],
    },
    {
        "slug": "nye-publikumsformater",
        "title": "Nye publikumsformater på spillestederne",
        "summary": "Spillestederne afprøver nye måder at møde publikum på: abonnementer, "
        "lyttekoncerter og fælles markedsføring.",
        "body": _p(
            "Tre spillesteder afprøvede hver to nye formater og delte erfaringerne med "
            "hinanden. Det mest vellykkede, fælles koncertpas på tværs af kommunerne, "
            "fortsætter.",
        ),
        "themes": ["venues"],
        "status": "completed",
        "starts_on": D(2019, 1, 15),
        "ends_on": D(2019, 12, 20),
        "lead": "spillestedet-kajen",
        "partners": ["dansk-live", "roskilde", "koge"],
        "municipalities": ["217", "265", "259"],
        "participants": 1900,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 230000)],
        "milestones": [
            ("Seks formater afprøvet", D(2019, 10, 1), 100),
            ("Erfaringsopsamling", D(2019, 12, 20), 100),
        ],
        "results": [
            ("Publikum ved forsøgene", "", 1900, "gæster"),
            ("Solgte koncertpas", "", 340, "pas"),
        ],
        "events": [WORKSHOP],
    },
    {
        "slug": "faelles-bookingnetvaerk",
        "title": "Fælles booking- og markedsføringsnetværk",
        "summary": "Spillestederne i Roskilde, Frederikssund og Helsingør booker turnéer "
        "sammen og markedsfører hinandens koncerter.",
        "body": _p(
            "Når tre spillesteder byder sammen, kan de få navne, som ingen af dem kunne få "
            "alene. Netværket holdt møde hver måned og delte en fælles kalender.",
        ),
        "themes": ["industry", "venues"],
        "status": "completed",
        "starts_on": D(2018, 5, 1),
        "ends_on": D(2019, 12, 31),
        "lead": "roskilde",
        "partners": ["spillestedet-kajen", "spillestedet-fjordlys"],
        "municipalities": ["265", "250", "217"],
        "participants": 12,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 140000)],
        "milestones": [
            ("Fælles kalender", D(2018, 9, 1), 100),
            ("Fælles turnéer", D(2019, 12, 31), 100),
        ],
        "results": [("Turnéer booket sammen", "", 7, "turnéer")],
    },
    {
        "slug": "mentorordning-musikbranchen",
        "title": "Mentorordning for unge musikere",
        "summary": "Unge musikere fik en mentor fra branchen. Projektet blev stoppet, da der "
        "ikke kunne findes mentorer nok.",
        "body": _p(
            "Tanken var at koble tyve unge musikere med mentorer fra branchen. Efter den første "
            "runde stod det klart, at der ikke var mentorer nok til at fortsætte, og "
            "styregruppen stoppede projektet. Erfaringerne indgår i idéen «Fra rugekasse til "
            "flyvefærdig».",
        ),
        "themes": ["industry", "talent"],
        "status": "stopped",
        "starts_on": D(2019, 2, 1),
        "ends_on": D(2019, 9, 30),
        "lead": "koge-lydvaerk",
        "partners": ["koge", "rodovre"],
        "municipalities": ["259", "175"],
        "participants": 8,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 60000)],
        "milestones": [
            ("Mentorer fundet", D(2019, 4, 1), 40),
            ("Første runde", D(2019, 9, 30), 100),
            ("Anden runde", D(2019, 12, 31), 0),
        ],
        "results": [("Unge med en mentor", "I første runde.", 8, "musikere")],
    },
    # 2020.
    {
        "slug": "dialogprojekt-spillesteder-bookere",
        "title": "Dialogprojekt: spillesteder møder professionelle bookere",
        "summary": "Workshops, hvor aftalens spillesteder og professionelle bookingagenter "
        "lærer hinandens behov at kende og aftaler nye samarbejder.",
        "body": _p(
            "Spillestederne savnede kontakt til de professionelle bookingagenter, og "
            "agenterne kendte ikke spillestederne uden for København. En række workshops "
            "bringer dem sammen.",
        ),
        "themes": ["venues", "industry"],
        "status": "running",
        "starts_on": D(2020, 2, 1),
        "ends_on": D(2020, 12, 15),
        "lead": "musikmetropolen",
        "partners": ["dansk-live", "spillestedet-kajen", "roskilde"],
        "municipalities": ["217", "265", "259", "165"],
        "participants": 64,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 175000)],
        "milestones": [
            ("Første workshop", D(2020, 3, 10), 100),
            ("Anden workshop", D(2020, 9, 15), 60),
            ("Fælles aftaler om booking", D(2020, 12, 15), 10),
        ],
        "results": [("Spillesteder med", "", 11, "spillesteder")],
        "events": [WORKSHOP, NETWORK_MEETING],
    },
    {
        "slug": "popkorn-nordic",
        "title": "Popkorn Nordic",
        "summary": "En dansk-svensk bandkonkurrence i samarbejde med Region Skåne, med "
        "finaler på begge sider af Øresund.",
        "body": _p(
            "Popkorn Nordic samler unge bands fra begge sider af Øresund. Konkurrencen drives "
            "sammen med Region Skåne, og vinderne spiller på spillesteder i både Danmark og "
            "Sverige.",
        ),
        "themes": ["talent"],
        "status": "running",
        "starts_on": D(2020, 3, 1),
        "ends_on": D(2020, 11, 30),
        "lead": "musikmetropolen",
        "partners": ["rosa", "spillestedet-kajen", "halsnaes"],
        "municipalities": ["217", "260", "259"],
        "participants": 96,
        "funding": [
            (KULTURAFTALE, "slots-og-kulturstyrelsen", 150000),
            ("Region Skåne", None, None),
        ],
        "milestones": [
            ("Ansøgningsrunde", D(2020, 5, 1), 100),
            ("Indledende runder", D(2020, 9, 30), 50),
            ("Finaler", D(2020, 11, 30), 0),
        ],
        "results": [("Tilmeldte bands", "Fra Danmark og Sverige.", 64, "bands")],
        "events": [NETWORK_MEETING],
    },
    {
        "slug": "fra-rugekasse-til-flyvefaerdig",
        "title": "Fra rugekasse til flyvefærdig",
        "summary": "Et forløb, der følger unge musikere fra de første skridt til en "
        "professionel karriere – idéen fra netværksmødet blev til et projekt.",
        "body": _p(
            "Idéen kom op på netværksmødet for musikaktørerne: de unge talenter falder ofte fra "
            "mellem musikskolen og branchen. Projektet bygger videre på erfaringerne fra "
            "talentcampene og mentorordningen.",
        ),
        "themes": ["talent", "industry"],
        "status": "planned",
        "starts_on": D(2020, 10, 1),
        "ends_on": D(2020, 12, 31),
        "lead": "musikmetropolen",
        "partners": ["promus", "musikskolen-vestegnen", "roskilde"],
        "municipalities": ["265", "165", "183"],
        "participants": None,
        "funding": [(KULTURAFTALE, "slots-og-kulturstyrelsen", 200000)],
        "milestones": [
            ("Partnere og forløb på plads", D(2020, 10, 31), 0),
            ("Første hold", D(2020, 12, 31), 0),
        ],
        "results": [],
        "events": [NETWORK_MEETING],
        "surveys": [INPUT_SURVEY],
    },
]

# Ideas: title, description, author, themes, municipality codes, origin event, supporters,
# comments [(author, text)], statuses [(status, reason)] (the last is the idea's status).
IDEAS = [
    {
        "title": "Fremtidens musikskoler",
        "description": "Musikskolerne skal være mere end instrumentundervisning: steder, hvor "
        "unge skriver, producerer og spiller sammen, også på tværs af kommunerne. Lad os "
        "samle erfaringerne fra pilotprojekterne og udvikle en fælles model.",
        "author": ANDERS,
        "themes": ["talent"],
        "municipalities": ["165", "183", "175"],
        "event": INPUT_MEETING,
        "supporters": [METTE, LENE, RUNE, AHMAD, BIRTHE],
        "comments": [
            (METTE, "Køge er meget interesseret – vi kan bidrage med vores bandskole."),
            (AHMAD, "Husk produktion og sangskrivning, ikke kun sammenspil."),
        ],
        "statuses": [(IdeaStatus.UNDER_REVIEW, ""), (IdeaStatus.ACCEPTED, "")],
    },
    {
        "title": "Fra rugekasse til flyvefærdig",
        "description": "Mange unge talenter falder fra mellem musikskolen og branchen. Et "
        "forløb, der følger dem fra de første skridt til at kunne stå på egne ben: "
        "sparring, mentorer, koncerter og kontakt til branchen.",
        "author": RUNE,
        "themes": ["talent", "industry"],
        "municipalities": ["265", "165", "183"],
        "event": INPUT_MEETING,
        "supporters": [ANDERS, KATRINE, LENE, METTE, AHMAD, SARA],
        "comments": [
            (KATRINE, "Spillestederne vil gerne give de unge deres første rigtige koncerter."),
            (BIRTHE, "Vi tager idéen med i planlægningen af 2020."),
        ],
        "statuses": [(IdeaStatus.UNDER_REVIEW, ""), (IdeaStatus.PROJECT, "")],
        "project": "fra-rugekasse-til-flyvefaerdig",
    },
    {
        "title": "Kompetenceudviklingsforløb for kulturaftalens musikinstitutioner og musikaktører",
        "description": "Et fælles forløb for musikskoler, spillesteder og foreninger i alle "
        "aftalens kommuner, bygget på erfaringerne fra forløbene i 2018 og 2019.",
        "author": LENE,
        "themes": ["industry"],
        "municipalities": ["265", "217", "260"],
        "event": INPUT_WORKSHOP,
        "supporters": [ANDERS, KATRINE, METTE],
        "comments": [(ANDERS, "Gerne med moduler, man kan vælge imellem.")],
        "statuses": [(IdeaStatus.UNDER_REVIEW, "")],
    },
    {
        "title": "Unikke projekter, hvor vi satser, tester og sætter dagsorden",
        "description": "En pulje til få, modige forsøg, som ingen kommune ville tage alene – "
        "også når de kan mislykkes. Vi lærer mest af det, vi ikke har prøvet før.",
        "author": METTE,
        "themes": ["venues", "industry"],
        "municipalities": ["259"],
        "event": None,
        "supporters": [LENE, RUNE],
        "comments": [],
        "statuses": [],
    },
    {
        "title": "Musiknetværk, kompetencecenter og videncenter",
        "description": "Saml viden, kontakter og kompetencer ét sted, så musikaktørerne i alle "
        "kommunerne kan finde hinanden og lære af hinanden.",
        "author": KATRINE,
        "themes": ["industry"],
        "municipalities": ["217", "265"],
        "event": INPUT_MEETING,
        "supporters": [BIRTHE, LENE, ANDERS, JONAS],
        "comments": [
            (JONAS, "Et fælles netværk på tværs af Øresund og Norden ville være spændende.")
        ],
        "statuses": [(IdeaStatus.ACCEPTED, "")],
    },
    {
        "title": "Musikskabelse – håndværk, kunst og erhverv",
        "description": "Sangskrivning og produktion som både håndværk, kunst og erhverv: "
        "skriveværksteder, produktionsforløb og viden om rettigheder og indtægter.",
        "author": AHMAD,
        "themes": ["talent", "industry"],
        "municipalities": ["175", "250"],
        "event": INPUT_WORKSHOP,
        "supporters": [RUNE, SARA],
        "comments": [(RUNE, "Vi har gode erfaringer fra sangskriveruddannelsen at bygge på.")],
        "statuses": [],
    },
    {
        "title": "Musik med kant",
        "description": "Plads til de genrer og formater, der ikke passer ind nogen andre steder "
        "– eksperimenterende musik, støj og nye scener.",
        "author": KATRINE,
        "themes": ["venues"],
        "municipalities": ["217"],
        "event": INPUT_WORKSHOP,
        "supporters": [AHMAD],
        "comments": [(LENE, "Hvordan adskiller det sig fra de unikke projekter?")],
        "statuses": [
            (
                IdeaStatus.DECLINED,
                "Idéen er for bred til at blive en selvstændig indsats. Vi samler de "
                "eksperimenterende formater under «Unikke projekter, hvor vi satser, tester og "
                "sætter dagsorden».",
            )
        ],
    },
]


# --- Building -----------------------------------------------------------------------------------


def _municipality(code: str) -> Municipality | None:
    return Municipality.objects.filter(country="DK", code=code).first()


def _organisations() -> dict[str, Organisation]:
    for slug, name, kind, code, website, summary in ORGANISATIONS:
        if Organisation.objects.filter(slug=slug).exists():
            continue
        core_services.organisation_create(
            actor=None,
            slug=slug,
            name=name,
            kind=kind,
            country="DK",
            municipality=_municipality(code) if code else None,
            website=website,
            summary=summary,
        )
    # Core's demo makes an organisation for each participating municipality.
    for code, name in MUNICIPALITIES:
        slug = name.lower().replace("ø", "o").replace("æ", "ae").replace("å", "aa")
        if not Organisation.objects.filter(slug=slug).exists():
            core_services.organisation_create(
                actor=None,
                slug=slug,
                name=f"{name} Kommune",
                kind="municipality",
                country="DK",
                municipality=_municipality(code),
                summary="Deltagerkommune i kulturaftalen og Musikmetropolen.",
            )
    return {o.slug: o for o in Organisation.objects.all()}


def _people(organisations) -> dict[str, User]:
    for email, name, title, password, memberships in PEOPLE:
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            continue
        user = core_services.user_create(
            email=email,
            password=password,
            email_verified=True,
            name=name,
            title=title,
            is_listed=True,
            show_title=True,
        )
        for slug, role in memberships:
            organisation = organisations.get(slug)
            if (
                organisation
                and not Membership.objects.filter(user=user, organisation=organisation).exists()
            ):
                core_services.membership_create(
                    actor=None, organisation=organisation, user=user, role=role
                )
    emails = [p[0] for p in PEOPLE] + [METTE, SARA, JONAS, EIRIK]
    return {u.email: u for u in User.objects.filter(email__in=emails)}


def _programme(organisations) -> Programme:
    programme = Programme.objects.filter(slug=SLUG).first()
    if programme is not None:
        return programme
    programme = Programme(
        slug=SLUG,
        secretariat=organisations[SECRETARIAT],
        themes=[
            Theme(
                slug=slug,
                name_nb=nb,
                name_da=da,
                name_en=en,
                description=description,
                sort_order=order,
            )
            for order, (slug, nb, da, en, description) in enumerate(THEMES)
        ],
        **PROGRAMME,
    )
    programme.municipalities.set(
        [m for m in (_municipality(code) for code, _name in MUNICIPALITIES) if m]
    )
    return services.programme_save(actor=None, programme=programme)


def _input_events(organisations) -> None:
    """The two past gatherings where the programme collected its input for 2020."""
    import zoneinfo

    from samspill.events import services as event_services
    from samspill.events.models import Event

    zone = zoneinfo.ZoneInfo("Europe/Copenhagen")
    organiser = organisations.get(SECRETARIAT)
    for spec in INPUT_EVENTS:
        if organiser is None or Event.objects.filter(slug=spec["slug"]).exists():
            continue
        venue, locality, code = spec["venue"]
        (start_h, start_m), (end_h, end_m) = spec["hours"]
        day = spec["day"]
        event = Event(
            title=spec["title"],
            slug=spec["slug"],
            kind=spec["kind"],
            is_published=True,
            summary=spec["summary"],
            language="da",
            starts_at=datetime.datetime(
                day.year, day.month, day.day, start_h, start_m, tzinfo=zone
            ),
            ends_at=datetime.datetime(day.year, day.month, day.day, end_h, end_m, tzinfo=zone),
            time_zone="Europe/Copenhagen",
            venue_name=venue,
            locality=locality,
            municipality=_municipality(code),
            registration_required=False,
        )
        event_services.event_save(actor=None, event=event, organisers=[organiser])


def _events() -> dict:
    from samspill.events.models import Event

    titles = [SUMMIT, WORKSHOP, NETWORK_MEETING, INPUT_WORKSHOP, INPUT_MEETING]
    found = {}
    for event in Event.objects.filter(title__in=titles).order_by("pk"):
        found.setdefault(event.title, event)
    return found


def _surveys() -> dict:
    from samspill.surveys.models import Survey

    return {s.slug: s for s in Survey.objects.filter(slug=INPUT_SURVEY)}


def _projects(programme, organisations, events, surveys) -> dict[str, Project]:
    themes = {t.slug: t for t in Theme.objects.filter(programme=programme)}
    existing = set(
        Project.objects.filter(slug__in=[p["slug"] for p in PROJECTS]).values_list(
            "slug", flat=True
        )
    )
    for spec in PROJECTS:
        if spec["slug"] in existing:
            continue
        project = Project(
            programme=programme,
            slug=spec["slug"],
            title=spec["title"],
            summary=spec["summary"],
            body=spec["body"],
            status=spec["status"],
            starts_on=spec["starts_on"],
            ends_on=spec["ends_on"],
            lead_organisation=organisations[spec["lead"]],
            participants=spec["participants"],
            funding=[
                Funding(
                    source=source,
                    organisation=organisations.get(slug) if slug else None,
                    amount=Decimal(amount) if amount is not None else None,
                    currency="DKK",
                    sort_order=n,
                )
                for n, (source, slug, amount) in enumerate(spec["funding"])
            ],
            milestones=[
                Milestone(title=title, due_on=due, progress=progress, sort_order=n)
                for n, (title, due, progress) in enumerate(spec["milestones"])
            ],
            results=[
                Result(title=title, description=text, figure=figure, unit=unit, sort_order=n)
                for n, (title, text, figure, unit) in enumerate(spec["results"])
            ],
            videos=[
                Video(title=VIDEOS[key][0], url=VIDEOS[key][1], sort_order=n)
                for n, key in enumerate(spec.get("videos", []))
            ],
        )
        project.themes.set([themes[slug] for slug in spec["themes"]])
        project.partners.set(list(PartnerOrganisation.objects.filter(slug__in=spec["partners"])))
        project.municipalities.set(
            [m for m in (_municipality(code) for code in spec["municipalities"]) if m]
        )
        project.related_events.set([events[t] for t in spec.get("events", []) if t in events])
        project.related_surveys.set([surveys[s] for s in spec.get("surveys", []) if s in surveys])
        services.project_save(actor=None, project=project)
    return {p.slug: p for p in Project.objects.filter(programme=programme)}


def _inputs(programme, events, surveys) -> None:
    for title, survey, note in (
        (SUMMIT, None, "Idérunderne fra 2016 samlet: de tre hovedoverskrifter blev til."),
        (INPUT_WORKSHOP, None, "Kommunernes input til Musikmetropolen 2020."),
        (
            INPUT_MEETING,
            surveys.get(INPUT_SURVEY),
            "11 kommuner repræsenteret med flere aktører; kommunerne svarede også på "
            "spørgeskemaet via sekretariatet.",
        ),
        (WORKSHOP, None, "Spillesteder, bookere og kommuner om nye publikumsformater."),
    ):
        event = events.get(title)
        if event is None or EventInput.objects.filter(programme=programme, event=event).exists():
            continue
        EventInput.objects.create(programme=programme, event=event, survey=survey, note=note)


def _ideas(programme, people, projects, events) -> None:
    themes = {t.slug: t for t in Theme.objects.filter(programme=programme)}
    existing = set(Idea.objects.filter(programme=programme).values_list("title", flat=True))
    editor = people.get(BIRTHE)
    for n, spec in enumerate(IDEAS):
        author = people.get(spec["author"])
        if spec["title"] in existing or author is None:
            continue
        idea = ideas_services.idea_propose(
            user=author,
            programme=programme,
            title=spec["title"],
            description=spec["description"],
            themes=[themes[slug] for slug in spec["themes"]],
            municipalities=[
                m for m in (_municipality(code) for code in spec["municipalities"]) if m
            ],
            origin_event=events.get(spec["event"]) if spec["event"] else None,
        )
        for email in spec["supporters"]:
            if email in people:
                ideas_services.idea_support(user=people[email], idea=idea)
        for email, text in spec["comments"]:
            if email in people:
                ideas_services.comment_add(user=people[email], idea=idea, body=text)
        for status, reason in spec["statuses"]:
            project = projects.get(spec.get("project", "")) if status == "project" else None
            ideas_services.idea_set_status(
                actor=editor, idea=idea, status=status, reason=reason, project=project
            )
        _backdate(idea, n)


def _backdate(idea, n: int) -> None:
    """Date the idea the day after the gathering it came from (autumn 2019 otherwise), and its
    status changes in the weeks after: the demo tells the story of Musikmetropolen 2020."""
    event = idea.origin_event
    proposed = (
        event.ends_at + datetime.timedelta(days=1, hours=n)
        if event is not None and event.ends_at < timezone.now()
        else timezone.make_aware(datetime.datetime(2019, 9, 16, 10)) + datetime.timedelta(days=n)
    )
    Idea.objects.filter(pk=idea.pk).update(created_at=proposed)
    IdeaSupport.objects.filter(idea=idea).update(created_at=proposed + datetime.timedelta(days=2))
    IdeaComment.objects.filter(idea=idea).update(created_at=proposed + datetime.timedelta(days=3))
    for step, change in enumerate(idea.history.order_by("pk")):
        IdeaStatusChange.objects.filter(pk=change.pk).update(
            created_at=proposed + datetime.timedelta(days=30 * (step + 1))
        )


def build() -> list[str]:
    # The demo's people are fictional: status changes email no follower.
    with emails_suppressed(), transaction.atomic():
        organisations = _organisations()
        people = _people(organisations)
        programme = _programme(organisations)
        _input_events(organisations)
        events = _events()
        surveys = _surveys()
        projects = _projects(programme, organisations, events, surveys)
        _inputs(programme, events, surveys)
        _ideas(programme, people, projects, events)
    ideas = Idea.objects.filter(programme=programme)
    return [
        f"Projects: the programme {programme.name} with {len(projects)} projects and "
        f"{ideas.count()} ideas",
        "sekretariat@samspill.test / samspill-sekretariat  (editor of Musikmetropolen, "
        "its secretariat)",
    ]
