"""The network of the demo hub: what the organisations of the source documents need and offer, at
least forty fictional start-ups, labels, venues, studios, investors and festivals in Norway and
Denmark, and fictional people, some listed in the directory and some private.

Runs after core's demo (it uses core's places, audiences, organisations and people). Everything goes
through the services (`core.services`, `network.services`), except the one organisation waiting for
approval (see `_pending_organisation`).

Idempotent: organisations are found by slug, people by email. An organisation that already has
needs or offers, a network profile or links keeps them exactly as they are (so an editor's changes
survive); only what is missing is built. A second run changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from samspill.core import services as core_services
from samspill.core.mail import emails_suppressed
from samspill.core.models import Audience, Municipality, Organisation, Role, User
from samspill.network import services
from samspill.network.models import (
    Approval,
    NeedOffer,
    NeedOfferCategory,
    OrganisationProfile,
    ProfileLink,
)

# --- The organisations of the source documents (created by core's demo) ---------------------------
# slug: (founded year or None where the sources do not say, size, needs, offers)
# Founded years from the domain facts: by:Larm 1998, Music Norway 2012 (a merger of Music Export
# Norway and MIC), Fono 1980. Sesong 1 is named as a partner in the Mustech paper and nowhere else:
# no facts are invented for it beyond taking part in the network.
KNOWN = {
    "music-norway": (
        2012,
        "11-50",
        {
            "partnerships": "Vi vil koble musikkteknologi med resten av bransjen og andre næringer.",
            "data-analytics": "Vi trenger bedre data om eksportinntektene i feltet.",
        },
        {
            "grants-funding": "Eksportstøtte og tiltak for å nå ut internasjonalt.",
            "mentoring": "Rådgivning om eksport og internasjonale markeder.",
            "marketing": "Promotering av norsk musikk i utlandet.",
        },
    ),
    "bylarm": (
        1998,
        "11-50",
        {
            "technology": "Vi ser etter ny teknologi for billettering og publikumsopplevelse.",
            "partnerships": "Partnere til konferanseprogrammet og gründerscenen.",
        },
        {
            "venues": "Showcasescener i Oslo sentrum under festivalen.",
            "marketing": "Synlighet overfor den nordiske bransjen og pressen.",
            "talent-recruitment": "Nye artister på vei ut, samlet på ett sted.",
        },
    ),
    "arena-oslo": (
        None,
        "",
        {
            "technology": "Løsninger for «the Smart Event City»: kapasitet, flyt og data.",
            "data-analytics": "Data om besøk og verdiskaping fra arrangementer.",
        },
        {
            "partnerships": "Klynge med reiseliv, kreativ næring, forskning og kommunen.",
            "mentoring": "Innovasjonsprogram for medlemmene i klyngen.",
        },
    ),
    "fono": (
        1980,
        "2-10",
        {
            "data-analytics": "Medlemmene trenger oversikt over strømmetall og royalty.",
            "technology": "Verktøy som gjør rapportering enklere for små selskaper.",
        },
        {
            "rights-management": "Rådgivning om rettigheter for uavhengige plateselskaper.",
            "partnerships": "Et nettverk av rundt 150 uavhengige plateselskaper.",
            "legal": "Hjelp med kontrakter og avtaler for medlemmene.",
        },
    ),
    "sesong-1": (
        None,
        "",
        {"partnerships": "Samarbeid med andre aktører i Mustech-nettverket."},
        {"partnerships": "Deltar i arbeidsutvalget for Mustech Norway."},
    ),
    "kulturradet": (
        None,
        "200+",
        {},
        {
            "grants-funding": "Norsk kulturfond: tilskudd til musikkprosjekter og arrangører.",
        },
    ),
    "musikkindustriens-naeringsrad": (
        None,
        "1",
        {"data-analytics": "Tall som viser næringens omfang og verdiskaping."},
        {
            "partnerships": "Samler de nasjonale musikkorganisasjonene i én stemme.",
            "legal": "Innspill på rammevilkår og regelverk for bransjen.",
        },
    ),
    "mustech-norway": (
        2021,
        "1",
        {
            "investment": "Flere investorer som forstår musikk- og kulturteknologi.",
            "partnerships": "Koblinger mellom gründere, bransjen og andre næringer.",
        },
        {
            "mentoring": "Forum og oppfølging for gründere innen musikk og teknologi.",
            "partnerships": "Nettverk av oppstartsselskaper og etablerte aktører.",
        },
    ),
    "musikmetropolen": (
        None,
        "",
        {"booking": "Professionelle bookere til kommunernes spillesteder."},
        {
            "venues": "Spillesteder og scener i kommunerne omkring hovedstaden.",
            "partnerships": "Samarbejde om talent- og karriereudvikling på tværs af kommuner.",
        },
    ),
    # Core's own fictional organisations (core.demo.FICTIONAL_ORGANISATIONS).
    "lydbolge": (
        2022,
        "2-10",
        {
            "investment": "Vi ser etter en pre-seed-investor til appen vår for vokalopptak.",
            "marketing": "Hjelp til å nå unge låtskrivere før lanseringen.",
            "partnerships": "Studioer og musikkontorer som vil teste appen med artister.",
        },
        {
            "technology": "Lydmotor for opptak på mobil med lav forsinkelse.",
            "studios": "Enkel innspilling av vokal hjemme, rett over egne beats.",
        },
    ),
    "nordlys-plater": (
        2016,
        "2-10",
        {
            "distribution": "En distributør som forstår små nordnorske utgivelser.",
            "data-analytics": "Bedre innsikt i hvem som strømmer artistene våre.",
        },
        {
            "talent-recruitment": "Artister fra hele Nord-Norge på vei ut.",
            "partnerships": "Samarbeid om utgivelser og turneer i nord.",
        },
    ),
    "havnescenen": (
        2009,
        "11-50",
        {
            "booking": "Vi vil booke flere nye band utenfra regionen.",
            "marketing": "Nå et yngre publikum i Stavanger-regionen.",
        },
        {
            "venues": "Scene ved havna med 400 plasser.",
            "rehearsal-space": "Eget øvingsrom til leie på dagtid.",
        },
    ),
    "koge-lydvaerk": (
        2014,
        "2-10",
        {"marketing": "Flere unge bands skal kende til os."},
        {
            "studios": "Lydstudie med tekniker til demoer og udgivelser.",
            "rehearsal-space": "Øvelokaler til unge bands i Køge.",
        },
    ),
}

# The regional music offices (core's demo): the same kind of help, each in its own region.
MUSIC_OFFICES = ["brak", "star", "oks", "tempo", "sorf", "most", "ryk"]
MUSIC_OFFICE_FACTS = {
    "brak": ("Vestland", None),
    "star": ("Rogaland", None),
    "oks": ("Buskerud, Vestfold og Telemark", None),
    "tempo": ("Trøndelag og Møre og Romsdal", None),
    "sorf": ("Agder", None),
    "most": ("Østlandet", 2018),  # own association since 2018 (domain facts, A4)
    "ryk": ("Nord-Norge", None),
}


def _music_office(slug: str):
    region, founded = MUSIC_OFFICE_FACTS[slug]
    return (
        founded,
        "2-10",
        {
            "data-analytics": f"Kunnskap om musikkfeltet og næringen i {region}.",
            "partnerships": "Samarbeid med kommuner, arrangører og bransjen i regionen.",
        },
        {
            "mentoring": f"Rådgivning og kurs for musikere og bransjefolk i {region}.",
            "grants-funding": "Hjelp til å finne og skrive søknader om støtte.",
            "partnerships": "Nettverk på tvers av sjangrer og bransjeledd.",
        },
    )


# Core's Danish municipalities: venues and rehearsal rooms to offer, bookers and talent wanted.
def _danish_municipality(name: str):
    return (
        None,
        "200+",
        {
            "booking": f"Bookere, der vil bruge spillestederne i {name}.",
            "talent-recruitment": "Unge musikere, der vil spille og øve lokalt.",
        },
        {
            "venues": f"Kommunens spillesteder og kulturhuse i {name}.",
            "rehearsal-space": "Øvelokaler for unge bands til lav pris.",
        },
    )


# --- Fictional organisations ----------------------------------------------------------------------
# All names are made up; addresses are under example.org. Norwegian ones write in bokmål, Danish
# ones in Danish. (slug, name, kind, country, municipality code, founded, size, summary,
#  description, needs, offers, audiences)
NB, DA = "NO", "DK"
FICTIONAL = [
    # Start-ups
    (
        "stemmeverk",
        "Stemmeverk AS",
        "startup",
        NB,
        "0301",
        2023,
        "2-10",
        "App som lar sangere spille inn vokal i studiokvalitet med mobilen.",
        "Stemmeverk er tre gründere som vil gjøre vokalopptak enkelt for alle. Appen fjerner "
        "romklang og støy, og sender opptaket rett til produsenten.",
        {
            "investment": "Vi ser etter en pre-seed-investor til vokalappen vår.",
            "marketing": "Hjelp til lansering blant unge artister.",
            "partnerships": "Studioer som vil tilby appen til kundene sine.",
        },
        {
            "technology": "Støyfjerning og lydbehandling på mobil.",
            "data-analytics": "Innsikt i hvordan artister jobber med opptak.",
        },
        ["start-up"],
    ),
    (
        "rettighetsdata",
        "Rettighetsdata AS",
        "startup",
        NB,
        "4601",
        2021,
        "2-10",
        "Plattform som samler metadata og rettighetsinformasjon for låter og innspillinger.",
        "Vi hjelper plateselskaper og forlag å rydde i metadata, slik at pengene når fram til "
        "dem som har laget musikken.",
        {
            "investment": "Seed-runde for å vokse i Norden.",
            "partnerships": "Plateselskaper og forlag som vil teste plattformen.",
            "legal": "Rådgivning om personvern og avtaler med rettighetsorganisasjoner.",
        },
        {
            "rights-management": "Oversikt over hvem som eier hva i hver låt.",
            "data-analytics": "Rapporter over royalty og strømmeinntekter.",
            "technology": "API for metadata som kan kobles til distributører.",
        },
        ["company", "start-up"],
    ),
    (
        "billettpuls",
        "Billettpuls AS",
        "startup",
        NB,
        "5001",
        2020,
        "11-50",
        "Billettsystem med analyseverktøy for små og mellomstore arrangører.",
        "Billettpuls gir arrangører billettsalg og sanntidsdata om publikum i ett verktøy.",
        {
            "investment": "Vekstkapital for å ekspandere til Danmark.",
            "marketing": "Flere arrangører som kunder.",
            "partnerships": "Spillesteder og festivaler som pilotkunder.",
        },
        {
            "technology": "Billettsystem med innsjekk og adgangskontroll.",
            "data-analytics": "Sanntidsdata om billettsalg og publikum.",
        },
        ["organiser-venue", "start-up"],
    ),
    (
        "takt-ai",
        "Taktfinner AS",
        "startup",
        NB,
        "0301",
        2024,
        "1",
        "Verktøy som finner tempo, toneart og stemning i låter for synkronisering.",
        "Taktfinner er et enkeltmannsforetak på vei mot sitt første produkt for musikkforlag.",
        {
            "investment": "Pre-seed til å ansette en utvikler.",
            "mentoring": "En erfaren gründer som kan være sparringspartner.",
            "partnerships": "Musikkforlag som vil teste verktøyet.",
        },
        {
            "technology": "Maskinlæring for analyse av lyd.",
            "data-analytics": "Automatisk merking av musikkataloger.",
        },
        ["start-up"],
    ),
    (
        "konsertkart",
        "Konsertkart AS",
        "startup",
        NB,
        "4204",
        2022,
        "2-10",
        "Tjeneste som viser alle konserter i nærheten og hjelper publikum å finne nye band.",
        "Konsertkart samler konserter fra små og store scener i én oversikt.",
        {
            "investment": "Seed-investering for å dekke hele landet.",
            "partnerships": "Spillesteder som deler programmet sitt med oss.",
            "marketing": "Samarbeid om markedsføring med festivaler.",
        },
        {
            "marketing": "Synlighet for konserter overfor lokalt publikum.",
            "data-analytics": "Data om hvilke konserter folk ser etter.",
            "technology": "Åpent API for konsertdata.",
        },
        ["organiser-venue", "start-up"],
    ),
    (
        "ovingsappen",
        "Øvelyd AS",
        "startup",
        NB,
        "5501",
        2023,
        "2-10",
        "App som gjør det enkelt å booke og dele øvingsrom.",
        "Øvelyd kobler band med ledige øvingsrom, fra kulturhus til private kjellere.",
        {
            "rehearsal-space": "Flere øvingsrom som vil bli med i appen.",
            "investment": "En investor som kjenner kultursektoren.",
        },
        {
            "technology": "Booking og nøkkelfri adgang til øvingsrom.",
            "booking": "Enkel timebooking for band og kor.",
        },
        ["start-up", "municipality"],
    ),
    (
        "lydspor-lab",
        "Lydsporlab AS",
        "startup",
        NB,
        "3301",
        2019,
        "11-50",
        "Lisensiering av musikk til spill, reklame og film på én plattform.",
        "Lydsporlab gjør det raskt å klarere musikk til synk, med ferdige avtaler.",
        {
            "rights-management": "Flere kataloger med klarerte rettigheter.",
            "talent-recruitment": "Produsenter som lager musikk på bestilling.",
        },
        {
            "technology": "Plattform for lisensiering av musikk.",
            "partnerships": "Inntekter fra synk for uavhengige artister.",
            "distribution": "Tilgang til spill- og reklamebransjen.",
        },
        ["company", "self-employed"],
    ),
    (
        "publikumsdata",
        "Salsdata ApS",
        "startup",
        DA,
        "101",
        2021,
        "2-10",
        "Dataplatform, der hjælper spillesteder med at forstå deres publikum.",
        "Salsdata samler billet-, bar- og nyhedsbrevsdata, så spillesteder kan planlægge bedre.",
        {
            "investment": "Seed-investering til at komme ind på det norske marked.",
            "partnerships": "Spillesteder, der vil være pilotkunder.",
        },
        {
            "data-analytics": "Dashboards over publikum og salg.",
            "technology": "Integration med de mest brugte billetsystemer.",
        },
        ["organiser-venue", "start-up"],
    ),
    (
        "sangskriverrummet",
        "Sangskriverrummet ApS",
        "startup",
        DA,
        "751",
        2022,
        "2-10",
        "Online platform for sangskrivere, der vil skrive sammen på tværs af landegrænser.",
        "Sangskriverrummet matcher sangskrivere og producere til fælles sessions.",
        {
            "investment": "Pre-seed til første version af platformen.",
            "mentoring": "Sparring fra folk, der har bygget en platform før.",
            "marketing": "Hjælp til at nå sangskrivere i Norden.",
        },
        {
            "technology": "Samarbejdsværktøj til sangskrivning online.",
            "talent-recruitment": "Kontakt til hundredvis af unge sangskrivere.",
        },
        ["self-employed", "start-up"],
    ),
    # Investors
    (
        "fjordengler",
        "Fjordengler Investornettverk",
        "investor",
        NB,
        "4601",
        2015,
        "11-50",
        "Nettverk av engleinvestorer på Vestlandet som investerer i tidligfase-selskaper.",
        "Fjordengler samler over 40 private investorer. Vi investerer fra pre-seed og følger "
        "opp selskapene tett.",
        {
            "partnerships": "Flere gode selskaper innen kultur og teknologi å investere i.",
        },
        {
            "investment": "Pre-seed og seed fra 250 000 til 2 millioner kroner.",
            "mentoring": "Erfarne gründere som mentorer for selskapene vi investerer i.",
        },
        ["start-up", "company"],
    ),
    (
        "tonekapital",
        "Tonekapital Fond",
        "investor",
        NB,
        "0301",
        2019,
        "2-10",
        "Fond som investerer i musikk- og lydteknologi i Norden.",
        "Tonekapital er et tidligfasefond med musikkbransjen som spesialfelt.",
        {"data-analytics": "Bedre data om markedet for musikkteknologi."},
        {
            "investment": "Seed- og vekstkapital til musikkteknologi.",
            "mentoring": "Styrearbeid og nettverk inn i bransjen.",
            "partnerships": "Koblinger til plateselskaper og strømmetjenester.",
        },
        ["start-up"],
    ),
    (
        "nordlig-kapital",
        "Nordlig Såkorn",
        "investor",
        NB,
        "5001",
        2017,
        "2-10",
        "Såkornmiljø i Trondheim for teknologiselskaper med røtter i kultur og kreativ næring.",
        "Vi investerer tidlig og hjelper gründerne å bygge selskap.",
        {"partnerships": "Kontakt med inkubatorer og musikkmiljøer."},
        {
            "investment": "Såkornkapital til tidligfase-selskaper.",
            "mentoring": "Forretningsutvikling og hjelp til neste runde.",
        },
        ["start-up"],
    ),
    (
        "kobenhavn-business-angels",
        "Musikengle København",
        "investor",
        DA,
        "147",
        2018,
        "11-50",
        "Netværk af business angels med baggrund i musik- og mediebranchen.",
        "Vi investerer i tidlige virksomheder inden for musik, lyd og medier i Norden.",
        {"partnerships": "Flere norske virksomheder at investere i."},
        {
            "investment": "Investeringer fra 200.000 til 1,5 millioner kroner.",
            "mentoring": "Mentorer med erfaring fra pladeselskaber og streaming.",
        },
        ["start-up", "company"],
    ),
    # Labels
    (
        "fjellplater",
        "Fjellplater",
        "label",
        NB,
        "3405",
        2011,
        "2-10",
        "Uavhengig plateselskap for folk og visesang fra Innlandet.",
        "Fjellplater gir ut fire–fem album i året og jobber tett med artistene.",
        {
            "distribution": "Distribusjon av vinyl i Tyskland og Nederland.",
            "data-analytics": "Innsikt i hvem som lytter i utlandet.",
        },
        {
            "partnerships": "Samarbeid om utgivelser og turneer.",
            "talent-recruitment": "Artister innen folk og vise.",
        },
        ["self-employed", "company"],
    ),
    (
        "kystplater",
        "Kystplater AS",
        "label",
        NB,
        "1508",
        2014,
        "2-10",
        "Plateselskap i Ålesund for pop og indie fra Nordvestlandet.",
        "Kystplater gir ut nye artister og tilbyr tett oppfølging fra første singel.",
        {
            "distribution": "Ny digital distributør med bedre rapporter.",
            "marketing": "Kampanjer mot strømmetjenester.",
            "data-analytics": "Verktøy for å følge strømmetall.",
        },
        {
            "partnerships": "Co-releases med andre uavhengige selskaper.",
            "talent-recruitment": "Nye artister fra Møre og Romsdal.",
        },
        ["self-employed"],
    ),
    (
        "morketid-records",
        "Mørketid Records",
        "label",
        NB,
        "1804",
        2018,
        "1",
        "Lite plateselskap for elektronika og eksperimentell musikk i Bodø.",
        "Et enmannsselskap som gir ut musikk fra hele landsdelen.",
        {
            "distribution": "Distribusjon til butikker i Europa.",
            "grants-funding": "Støtte til utgivelser og promotering.",
        },
        {
            "partnerships": "Samarbeid med klubber og festivaler om releasekvelder.",
        },
        ["self-employed"],
    ),
    (
        "vesterbro-pladeselskab",
        "Vesterbro Pladeselskab",
        "label",
        DA,
        "101",
        2012,
        "2-10",
        "Uafhængigt pladeselskab i København for dansk indie og pop.",
        "Vi udgiver 10–12 udgivelser om året og arbejder med kunstnere i hele Norden.",
        {
            "distribution": "Distribution og promotion i Norge.",
            "data-analytics": "Bedre overblik over streaming og royalty.",
        },
        {
            "partnerships": "Samarbejde med norske pladeselskaber om udgivelser.",
            "talent-recruitment": "Nye danske kunstnere.",
        },
        ["self-employed", "company"],
    ),
    # Venues
    (
        "elvescenen",
        "Elvescenen",
        "venue",
        NB,
        "3301",
        2005,
        "11-50",
        "Konsertscene ved elva i Drammen med 300 plasser.",
        "Elvescenen har konserter fem kvelder i uka og en egen scene for nye band.",
        {
            "booking": "Flere artister på turné gjennom Buskerud.",
            "marketing": "Nå studentene i byen.",
            "technology": "Nytt billettsystem med bedre statistikk.",
        },
        {
            "venues": "Scene med 300 plasser og fullt lydanlegg.",
            "rehearsal-space": "Øvingsrom for band på dagtid.",
        },
        ["organiser-venue"],
    ),
    (
        "brygga-kulturhus",
        "Bryggehuset",
        "venue",
        NB,
        "3905",
        1998,
        "11-50",
        "Kulturhus på brygga i Tønsberg med to scener.",
        "Bryggehuset er en møteplass for konserter, klubbkvelder og lokale arrangører.",
        {
            "booking": "Hjelp til å booke norske artister på turné.",
            "data-analytics": "Data om hvem publikummet vårt er.",
        },
        {
            "venues": "To scener: 150 og 600 plasser.",
            "partnerships": "Samarbeid med lokale arrangører om programmet.",
        },
        ["organiser-venue", "municipality"],
    ),
    (
        "nordpolen-klubb",
        "Nordpolen Klubb",
        "venue",
        NB,
        "5501",
        2010,
        "2-10",
        "Klubbscene i Tromsø for rock, elektronika og nye band fra nord.",
        "Nordpolen er den minste scenen i byen, og ofte den første for nye band.",
        {
            "booking": "Band fra sør som vil spille i nord.",
            "marketing": "Samarbeid med festivaler om markedsføring.",
            "technology": "Enkle verktøy for billettsalg.",
        },
        {
            "venues": "Klubbscene for 150 publikum.",
            "talent-recruitment": "Nye band fra Nord-Norge.",
        },
        ["organiser-venue"],
    ),
    (
        "lagerhallen",
        "Lagerhallen",
        "venue",
        NB,
        "4003",
        2016,
        "2-10",
        "Konsertlokale i et gammelt lager i Skien.",
        "Lagerhallen drives av frivillige og et lite fast ansatt team.",
        {
            "booking": "Artister som vil spille i Telemark.",
            "grants-funding": "Tilskudd til drift og utstyr.",
        },
        {
            "venues": "Lokale for 250 stående publikum.",
            "rehearsal-space": "Tre øvingsrom for lokale band.",
        },
        ["organiser-venue"],
    ),
    (
        "spillestedet-havnen",
        "Spillestedet Havnen",
        "venue",
        DA,
        "217",
        2001,
        "11-50",
        "Spillested ved havnen i Helsingør med koncerter hele året.",
        "Havnen præsenterer danske og nordiske navne og har en talentscene hver måned.",
        {
            "booking": "Nordiske kunstnere på turné gennem Danmark.",
            "marketing": "Flere unge i salen.",
        },
        {
            "venues": "Koncertsal med 500 pladser.",
            "talent-recruitment": "Talentscene for nye bands.",
        },
        ["organiser-venue"],
    ),
    (
        "aarhus-lydhal",
        "Lydhallen Aarhus",
        "venue",
        DA,
        "751",
        2008,
        "11-50",
        "Spillested og musikhus i Aarhus med to sale og øvelokaler.",
        "Lydhallen er hjemsted for koncerter, workshops og et aktivt øvemiljø.",
        {
            "booking": "Internationale kunstnere til den store sal.",
            "data-analytics": "Bedre data om publikum og billetsalg.",
        },
        {
            "venues": "To sale med 200 og 800 pladser.",
            "rehearsal-space": "Tolv øvelokaler til bands.",
        },
        ["organiser-venue"],
    ),
    # Studios
    (
        "fjordlyd-studio",
        "Fjordlyd Studio",
        "studio",
        NB,
        "4601",
        2007,
        "2-10",
        "Innspillingsstudio i Bergen med stort opptaksrom og flygel.",
        "Fjordlyd tar opp alt fra kor til rockeband, med egen tekniker.",
        {
            "marketing": "Flere artister utenfor Vestland.",
            "booking": "Fylle ledige uker i sommerhalvåret.",
        },
        {
            "studios": "Opptak, miks og mastring.",
            "mentoring": "Produsentveiledning for unge artister.",
        },
        ["self-employed"],
    ),
    (
        "kjellerstudio",
        "Kjellerstudioet",
        "studio",
        NB,
        "1103",
        2013,
        "1",
        "Lite miksestudio i Stavanger for demoer og singler.",
        "Ett rom, én tekniker og god tid.",
        {"marketing": "Flere kunder blant unge artister."},
        {
            "studios": "Miks og mastring til fast pris.",
            "rehearsal-space": "Øvingsrom på kveldstid.",
        },
        ["self-employed"],
    ),
    (
        "nidaros-lyd",
        "Nidaros Lydstudio",
        "studio",
        NB,
        "5001",
        2002,
        "2-10",
        "Studio i Trondheim for innspilling av band, kor og orkester.",
        "Nidaros Lydstudio har spilt inn flere hundre album siden oppstarten.",
        {
            "technology": "Nye verktøy for opptak på avstand.",
            "partnerships": "Samarbeid med plateselskaper om produksjoner.",
        },
        {
            "studios": "Stort opptaksrom for band og kor.",
            "mentoring": "Kurs i innspilling for studenter.",
        },
        ["self-employed", "student"],
    ),
    (
        "studie-nord",
        "Lydkælderen",
        "studio",
        DA,
        "265",
        2015,
        "2-10",
        "Lydstudie i Roskilde for bands og sangskrivere.",
        "Et studie med analogt udstyr og plads til hele bandet.",
        {"marketing": "Kontakt til norske bands, der vil indspille i Danmark."},
        {
            "studios": "Indspilning og mix på analogt udstyr.",
            "rehearsal-space": "Øvelokale ved siden af studiet.",
        },
        ["self-employed"],
    ),
    # Booking agencies
    (
        "turnekontoret",
        "Turnékontoret",
        "booking",
        NB,
        "0301",
        2006,
        "2-10",
        "Bookingbyrå for norske artister på turné i Norden.",
        "Vi booker 30 artister og setter opp over 400 konserter i året.",
        {
            "venues": "Flere spillesteder utenfor de store byene.",
            "data-analytics": "Bedre data for å planlegge turneer.",
        },
        {
            "booking": "Turneplanlegging og booking i hele Norden.",
            "talent-recruitment": "Artister klare for turné.",
        },
        ["organiser-venue", "self-employed"],
    ),
    (
        "vestlandsbooking",
        "Vestlandsbooking",
        "booking",
        NB,
        "4601",
        2017,
        "2-10",
        "Bookingbyrå for artister fra Vestlandet.",
        "Vi jobber med artister i alle sjangrer og med arrangører i hele landet.",
        {
            "venues": "Scener i Nord-Norge og på Østlandet.",
            "marketing": "Felles markedsføring med arrangørene.",
        },
        {"booking": "Booking av artister fra Vestlandet til hele landet."},
        ["organiser-venue"],
    ),
    (
        "nordisk-booking",
        "Nordisk Koncertbureau",
        "booking",
        DA,
        "101",
        2010,
        "11-50",
        "Bookingbureau i København med kunstnere fra hele Norden.",
        "Vi booker koncerter og festivaler i Danmark, Norge og Sverige.",
        {"venues": "Spillesteder i Norge til mindre turnéer."},
        {
            "booking": "Booking i Danmark for nordiske kunstnere.",
            "partnerships": "Samarbejde med norske bureauer.",
        },
        ["organiser-venue"],
    ),
    # Management
    (
        "artistloftet",
        "Artistløftet Management",
        "management",
        NB,
        "0301",
        2015,
        "2-10",
        "Management for artister i etableringsfasen.",
        "Artistløftet hjelper artister med karriereplan, team og inntekter.",
        {
            "booking": "Bookingagent for tre nye artister.",
            "legal": "Advokat som kan musikkontrakter.",
        },
        {
            "mentoring": "Karriereveiledning for artister.",
            "talent-recruitment": "Artister som trenger team.",
        },
        ["self-employed"],
    ),
    (
        "sorlandet-management",
        "Sørlandsmanagement",
        "management",
        NB,
        "4204",
        2019,
        "1",
        "Management og rådgivning for artister på Sørlandet.",
        "Et lite selskap med bakgrunn fra plateselskap og festivaldrift.",
        {
            "distribution": "Distribusjon for artistenes egne utgivelser.",
            "grants-funding": "Hjelp til å finne støtteordninger.",
        },
        {"mentoring": "Rådgivning om karriere og økonomi for artister."},
        ["self-employed"],
    ),
    # Festivals
    (
        "midnattsol-festival",
        "Midnattsolfestivalen",
        "festival",
        NB,
        "1804",
        2004,
        "11-50",
        "Sommerfestival i Bodø med norske og nordiske artister.",
        "Tre dager med konserter under midnattssola, med 8 000 besøkende.",
        {
            "technology": "Billettering og publikumsdata i samme system.",
            "marketing": "Flere turister fra utlandet.",
            "booking": "Nordiske artister på sommerturné.",
        },
        {
            "venues": "Tre scener i juli.",
            "talent-recruitment": "Egen scene for unge band fra regionen.",
        },
        ["organiser-venue"],
    ),
    (
        "fjordfest",
        "Fjordfest",
        "festival",
        NB,
        "1506",
        2012,
        "2-10",
        "Festival for jazz og folkemusikk i Molde-regionen.",
        "Fjordfest har konserter på uvanlige steder langs fjorden.",
        {
            "grants-funding": "Støtte til programmet og unge musikere.",
            "partnerships": "Samarbeid med reiselivet.",
        },
        {"venues": "Scener langs fjorden om sommeren."},
        ["organiser-venue"],
    ),
    (
        "byfest-fredrikstad",
        "Gamlebyfestivalen",
        "festival",
        NB,
        "3107",
        2009,
        "2-10",
        "Bydelsfestival i Fredrikstad med gratis konserter.",
        "Drevet av frivillige og lokale næringsdrivende.",
        {
            "booking": "Artister til gratiskonsertene.",
            "technology": "Verktøy for frivillige og vakter.",
        },
        {"partnerships": "Samarbeid med lokalt næringsliv."},
        ["organiser-venue"],
    ),
    (
        "strandfestival",
        "Strandfestivalen Køge",
        "festival",
        DA,
        "259",
        2011,
        "2-10",
        "Sommerfestival på stranden i Køge.",
        "To dage med koncerter, lokal mad og talentscene.",
        {
            "booking": "Nordiske navne til hovedscenen.",
            "marketing": "Flere gæster fra København.",
        },
        {
            "venues": "Hovedscene og talentscene på stranden.",
            "talent-recruitment": "Talentscene for unge bands.",
        },
        ["organiser-venue"],
    ),
    # Publishers
    (
        "notehuset",
        "Notehuset Forlag",
        "publisher",
        NB,
        "0301",
        2003,
        "2-10",
        "Musikkforlag for låtskrivere innen pop og viser.",
        "Notehuset forvalter rettighetene til over 3 000 låter.",
        {
            "technology": "Bedre verktøy for metadata og innrapportering.",
            "data-analytics": "Oversikt over bruken av katalogen.",
        },
        {
            "rights-management": "Forvaltning av rettigheter for låtskrivere.",
            "mentoring": "Låtskriverleirer og veiledning.",
        },
        ["self-employed"],
    ),
    (
        "sangforlaget",
        "Sangforlaget Øst",
        "publisher",
        DA,
        "101",
        2016,
        "2-10",
        "Musikforlag i København med fokus på sync og sangskrivning.",
        "Vi arbejder med sangskrivere fra Danmark og Norge.",
        {
            "technology": "Værktøjer til sync-pitching.",
            "partnerships": "Norske forlag at samarbejde med.",
        },
        {
            "rights-management": "Administration af rettigheder i Norden.",
            "talent-recruitment": "Sangskrivere til sessions.",
        },
        ["self-employed"],
    ),
    # Education and others
    (
        "lydskolen",
        "Lydskolen",
        "education",
        NB,
        "3403",
        2008,
        "11-50",
        "Fagskole for lydteknikk og musikkproduksjon på Hamar.",
        "Lydskolen utdanner lydteknikere og produsenter.",
        {
            "partnerships": "Praksisplasser hos studioer og spillesteder.",
            "studios": "Tilgang til større studioer for studentene.",
        },
        {
            "talent-recruitment": "Nyutdannede lydteknikere.",
            "mentoring": "Kurs i lyd og produksjon.",
        },
        ["student"],
    ),
    (
        "scenejuss",
        "Scenejuss Advokatfirma",
        "management",
        NB,
        "0301",
        2010,
        "2-10",
        "Advokatfirma for musikkbransjen: kontrakter, rettigheter og selskapsrett.",
        "Vi hjelper artister, plateselskaper og gründere med avtaler og rettigheter.",
        {"marketing": "Flere kunder blant oppstartsselskaper."},
        {
            "legal": "Kontrakter, rettigheter og selskapsrett.",
            "rights-management": "Rådgivning om opphavsrett.",
        },
        ["company", "start-up", "self-employed"],
    ),
    (
        "lydmarked",
        "Lydmarked Byrå",
        "management",
        NB,
        "5001",
        2018,
        "2-10",
        "Markedsføringsbyrå for artister og festivaler.",
        "Kampanjer i sosiale medier, presse og strømmetjenester.",
        {"data-analytics": "Bedre måling av kampanjene."},
        {
            "marketing": "Kampanjer for utgivelser og festivaler.",
            "partnerships": "Kontakter i presse og radio.",
        },
        ["self-employed", "organiser-venue"],
    ),
    (
        "lokalradio-distro",
        "Digitalbølgen Distribusjon",
        "label",
        NB,
        "1108",
        2014,
        "11-50",
        "Digital distribusjon for uavhengige artister og plateselskaper.",
        "Vi leverer musikk til alle strømmetjenester og gir ukentlige rapporter.",
        {"marketing": "Flere plateselskaper som kunder."},
        {
            "distribution": "Digital distribusjon til alle strømmetjenester.",
            "data-analytics": "Ukentlige rapporter om strømming.",
        },
        ["self-employed", "company"],
    ),
    (
        "koncertkollektivet",
        "Koncertkollektivet",
        "association",
        DA,
        "751",
        2017,
        "2-10",
        "Forening af frivillige arrangører i Aarhus.",
        "Vi arrangerer koncerter for nye bands i byens mindre rum.",
        {
            "venues": "Billige rum til koncerter.",
            "booking": "Kontakt til bookere.",
            "grants-funding": "Tilskud til koncerter for unge.",
        },
        {"talent-recruitment": "Frivillige og nye bands."},
        ["organiser-venue", "student"],
    ),
]

# A few links: slug -> [(label, url)].
LINKS = {
    "stemmeverk": [("Pitch deck", "https://example.org/stemmeverk/pitch")],
    "rettighetsdata": [
        ("Nettside", "https://example.org/rettighetsdata"),
        ("API-dokumentasjon", "https://example.org/rettighetsdata/api"),
    ],
    "billettpuls": [("Nettside", "https://example.org/billettpuls")],
    "fjordengler": [("Slik søker du", "https://example.org/fjordengler/sok")],
    "tonekapital": [("Porteføljen vår", "https://example.org/tonekapital/portefolje")],
    "elvescenen": [("Program", "https://example.org/elvescenen/program")],
    "midnattsol-festival": [("Festivalen", "https://example.org/midnattsol")],
    "aarhus-lydhal": [("Program", "https://example.org/lydhallen/program")],
    "lydbolge": [("Prøv appen", "https://example.org/lydbolge/beta")],
}

# --- Fictional people -----------------------------------------------------------------------------
# (email, name, title, bio, listed, show_title, show_bio, [(organisation slug, role)])
PEOPLE = [
    (
        "ingvild.rasmussen@example.org",
        "Ingvild Rasmussen",
        "Daglig leder",
        "Sanger og utvikler. Grunnla Stemmeverk for å gjøre vokalopptak enkelt.",
        True,
        True,
        True,
        [("stemmeverk", Role.ADMIN)],
    ),
    (
        "petter.sunde@example.org",
        "Petter Sunde",
        "Teknisk leder",
        "",
        False,
        False,
        False,
        [("stemmeverk", Role.MEMBER)],
    ),
    (
        "kari.fjeldstad@example.org",
        "Kari Fjeldstad",
        "Investeringsansvarlig",
        "Har investert i tolv tidligfase-selskaper, de fleste innen kultur og medier.",
        True,
        True,
        True,
        [("fjordengler", Role.ADMIN)],
    ),
    (
        "runar.tveit@example.org",
        "Runar Tveit",
        "Partner",
        "",
        True,
        True,
        False,
        [("tonekapital", Role.ADMIN)],
    ),
    (
        "linnea.aasen@example.org",
        "Linnea Aasen",
        "Produktsjef",
        "",
        False,
        False,
        False,
        [("rettighetsdata", Role.ADMIN)],
    ),
    (
        "bjorn.helle@example.org",
        "Bjørn Helle",
        "Bookingansvarlig",
        "Booker konserter på Elvescenen og leter alltid etter nye band.",
        True,
        True,
        True,
        [("elvescenen", Role.ADMIN)],
    ),
    (
        "guro.skaar@example.org",
        "Guro Skaar",
        "Label manager",
        "",
        False,
        False,
        False,
        [("fjellplater", Role.ADMIN)],
    ),
    (
        "trond.eggen@example.org",
        "Trond Eggen",
        "Studiotekniker",
        "Har spilt inn kor og band i Trondheim i tjue år.",
        True,
        True,
        False,
        [("nidaros-lyd", Role.ADMIN)],
    ),
    (
        "vilde.rygg@example.org",
        "Vilde Rygg",
        "Festivalsjef",
        "",
        False,
        False,
        False,
        [("midnattsol-festival", Role.ADMIN)],
    ),
    (
        "aksel.brenna@example.org",
        "Aksel Brenna",
        "Agent",
        "Booker artister fra hele Norden på turné.",
        True,
        True,
        True,
        [("turnekontoret", Role.ADMIN)],
    ),
    (
        "hilde.sandnes@example.org",
        "Hilde Sandnes",
        "Advokat",
        "",
        False,
        False,
        False,
        [("scenejuss", Role.ADMIN)],
    ),
    (
        "mathilde.krog@example.org",
        "Mathilde Krog",
        "Direktør",
        "Har arbejdet med streaming og pladeselskaber i femten år.",
        True,
        True,
        True,
        [("kobenhavn-business-angels", Role.ADMIN)],
    ),
    (
        "jonas.ebbesen@example.org",
        "Jonas Ebbesen",
        "Medstifter",
        "",
        False,
        False,
        False,
        [("publikumsdata", Role.ADMIN)],
    ),
    (
        "astrid.holmgaard@example.org",
        "Astrid Holmgaard",
        "Bookingchef",
        "",
        True,
        True,
        False,
        [("aarhus-lydhal", Role.EDITOR)],
    ),
    (
        "eline.tangvald@example.org",
        "Eline Tangvald",
        "Gründer",
        "",
        False,
        False,
        False,
        [("ovingsappen", Role.ADMIN)],
    ),
]

# The organisation a member created that waits for a hub editor: made by Eline Tangvald (private).
PENDING = {
    "name": "Korverket AS",
    "kind": "startup",
    "country": NB,
    "municipality": ("NO", "4204"),
    "summary": "Oppstartsselskap som lager en app for korøvelser med stemmefiler.",
    "description": "<p>Korverket vil gi kor over hele landet stemmefiler og øvingsverktøy i én "
    "app.</p>",
    "submitted_by": "eline.tangvald@example.org",
    "founded": 2025,
    "size": "1",
    "needs": {
        "investment": "Pre-seed til å ferdigstille appen.",
        "partnerships": "Kor som vil teste appen.",
    },
    "offers": {"technology": "Øvingsverktøy for kor på mobil."},
}


# --- Building -------------------------------------------------------------------------------------


def _categories() -> dict[str, NeedOfferCategory]:
    from samspill.network.taxonomy import ensure_starting_categories

    ensure_starting_categories()
    return {c.slug: c for c in NeedOfferCategory.objects.all()}


def _active_at(index: int) -> datetime.datetime:
    """A stable spread of "last active" dates over the last three months (for the sort)."""
    return timezone.now() - datetime.timedelta(days=(index * 7) % 90, hours=index % 24)


def _furnish(organisation, index, founded, size, needs, offers, categories) -> None:
    """Give an organisation its profile facts and needs and offers, unless it has them already."""
    profile = OrganisationProfile.objects.filter(organisation=organisation).first()
    if profile is None:
        OrganisationProfile.objects.create(
            organisation=organisation, founded_year=founded, size=size or ""
        )
    if NeedOffer.objects.filter(organisation=organisation).exists():
        return
    services.needs_offers_set(
        actor=None,
        organisation=organisation,
        needs={categories[slug]: text for slug, text in needs.items()},
        offers={categories[slug]: text for slug, text in offers.items()},
    )
    OrganisationProfile.objects.filter(organisation=organisation).update(
        last_active_at=_active_at(index)
    )


def _municipality(country: str, code: str) -> Municipality | None:
    return Municipality.objects.filter(country=country, code=code).first()


def _source_organisations() -> None:
    """Mustech Norway and Musikmetropolen are created by the events demo, which may run after this
    one: create them the same way here if they are missing, so they too get needs and offers."""
    try:
        from samspill.events.demo import EXTRA_ORGANISATIONS
    except ImportError:  # pragma: no cover - the events app is part of samspill
        return
    for spec in EXTRA_ORGANISATIONS:
        if not Organisation.objects.filter(slug=spec["slug"]).exists():
            core_services.organisation_create(
                actor=None, **{**spec, "municipality": _municipality(*spec["municipality"])}
            )


def _known(categories) -> None:
    from samspill.core import demo as core_demo

    table = dict(KNOWN)
    for slug in MUSIC_OFFICES:
        table[slug] = _music_office(slug)
    by_slug = {o.slug: o for o in Organisation.objects.filter(slug__in=list(table))}
    for name in core_demo.DANISH_MUNICIPALITIES:
        slug = name.lower().replace("ø", "o").replace("æ", "ae").replace("å", "aa")
        table[slug] = _danish_municipality(name)
    by_slug |= {o.slug: o for o in Organisation.objects.filter(slug__in=list(table))}
    for index, (slug, facts) in enumerate(sorted(table.items())):
        organisation = by_slug.get(slug)
        if organisation is not None:  # a demo without it (core's demo changed): nothing to add
            _furnish(organisation, index, *facts, categories)


def _fictional(categories) -> None:
    audiences = {a.slug: a for a in Audience.objects.all()}
    existing = set(
        Organisation.objects.filter(slug__in=[row[0] for row in FICTIONAL]).values_list(
            "slug", flat=True
        )
    )
    for index, row in enumerate(FICTIONAL):
        slug, name, kind, country, code, founded, size, summary, text, needs, offers, serves = row
        if slug in existing:
            organisation = Organisation.objects.get(slug=slug)
        else:
            organisation = core_services.organisation_create(
                actor=None,
                slug=slug,
                name=name,
                kind=kind,
                country=country,
                municipality=_municipality(country, code),
                website=f"https://example.org/{slug}",
                summary=summary,
                description=f"<p>{text}</p>",
                audiences=[audiences[s] for s in serves if s in audiences],
            )
        _furnish(organisation, index + 40, founded, size, needs, offers, categories)


def _links() -> None:
    for slug, links in LINKS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None or not links or organisation.profile_links.exists():
            continue
        ProfileLink.objects.bulk_create(
            ProfileLink(organisation=organisation, label=label, url=url, sort_order=n)
            for n, (label, url) in enumerate(links)
        )


def _people() -> None:
    for email, name, title, bio, listed, show_title, show_bio, memberships in PEOPLE:
        if User.objects.filter(email=email).exists():
            continue
        # Fictional people cannot sign in: no password (core's demo people have the logins).
        user = core_services.user_create(
            email=email,
            password=None,
            email_verified=True,
            name=name,
            title=title,
            bio=bio,
            is_listed=listed,
            show_title=show_title,
            show_bio=show_bio,
        )
        for slug, role in memberships:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is not None:
                core_services.membership_create(
                    actor=None, organisation=organisation, user=user, role=role
                )


def _pending_organisation(categories) -> None:
    """An organisation a member created, waiting for a hub editor's approval: submitted through
    `network.services.organisation_submit` as its member would (unlisted, approval pending, the
    submitter as its admin; the email to the hub admins is suppressed with the rest of the demo).
    Found again by its name: the service chooses the slug."""
    spec = PENDING
    if Organisation.objects.filter(name=spec["name"]).exists():
        return
    submitter = User.objects.get(email=spec["submitted_by"])
    organisation = services.organisation_submit(
        actor=submitter,
        name=spec["name"],
        kind=spec["kind"],
        country=spec["country"],
        municipality=_municipality(*spec["municipality"]),
        summary=spec["summary"],
        description=spec["description"],
    )
    OrganisationProfile.objects.filter(organisation=organisation).update(
        founded_year=spec["founded"], size=spec["size"]
    )
    services.needs_offers_set(
        actor=submitter,
        organisation=organisation,
        needs={categories[s]: t for s, t in spec["needs"].items()},
        offers={categories[s]: t for s, t in spec["offers"].items()},
    )


def fictional_slugs() -> list[str]:
    return [row[0] for row in FICTIONAL]


def build() -> list[str]:
    # The demo's people are fictional: nothing the services would send reaches them.
    with emails_suppressed(), transaction.atomic():
        categories = _categories()
        _source_organisations()
        _known(categories)
        _fictional(categories)
        _links()
        _people()
        _pending_organisation(categories)
    with_data = (
        Organisation.objects.filter(needs_offers__isnull=False, is_public=True).distinct().count()
    )
    emails = [row[0] for row in PEOPLE]
    people = User.objects.filter(email__in=emails)
    listed = people.filter(is_listed=True).count()
    pending = OrganisationProfile.objects.filter(approval=Approval.PENDING).count()
    return [
        f"Network: {with_data} organisations with needs and offers "
        f"({len(FICTIONAL)} fictional), {people.count()} people ({listed} listed), "
        f"{pending} organisation waiting for approval"
    ]
