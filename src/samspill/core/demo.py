"""Core's part of the demo hub: places, audiences, the organisations of the source documents,
fictional people, and the hub's pages.

Idempotent: whatever exists already (by slug, code or email) is left as it is, so a second run
changes nothing and an editor's changes to demo content survive.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from samspill.core import services
from samspill.core.data import places
from samspill.core.models import (
    Audience,
    HomePage,
    HubSettings,
    Membership,
    Municipality,
    Organisation,
    Region,
    Role,
    StandardPage,
    User,
)

AUDIENCES = [
    ("self-employed", "Selvstendig næringsdrivende", "Selvstændig", "Self-employed"),
    ("employee", "Ansatt", "Ansat", "Employee"),
    ("organiser-venue", "Arrangør og spillested", "Arrangør og spillested", "Organiser or venue"),
    ("company", "Selskap", "Virksomhed", "Company"),
    ("start-up", "Oppstartsselskap", "Startup", "Start-up"),
    ("municipality", "Kommune", "Kommune", "Municipality"),
    ("student", "Student", "Studerende", "Student"),
]

MUSIC_OFFICE_SUMMARY = (
    "Regionalt kompetansesenter for musikk: kurs, rådgivning, nettverk og næringsutvikling "
    "for hele det profesjonelle musikkfeltet i {region}, uansett sjanger."
)

# slug, name, kind, country, municipality code, website, summary
ORGANISATIONS = [
    (
        "brak",
        "Brak",
        "music_office",
        "NO",
        "4601",
        "https://brak.no",
        MUSIC_OFFICE_SUMMARY.format(region="Vestland"),
    ),
    (
        "star",
        "STAR",
        "music_office",
        "NO",
        "1103",
        "https://star.no",
        MUSIC_OFFICE_SUMMARY.format(region="Rogaland"),
    ),
    (
        "oks",
        "ØKS",
        "music_office",
        "NO",
        "3301",
        "https://musikkontoret.no/oks",
        MUSIC_OFFICE_SUMMARY.format(region="Buskerud, Vestfold og Telemark"),
    ),
    (
        "tempo",
        "Tempo",
        "music_office",
        "NO",
        "5001",
        "https://tmpo.no",
        MUSIC_OFFICE_SUMMARY.format(region="Trøndelag og Møre og Romsdal"),
    ),
    (
        "sorf",
        "Sørf",
        "music_office",
        "NO",
        "4204",
        "https://sorf.no",
        MUSIC_OFFICE_SUMMARY.format(region="Agder"),
    ),
    (
        "most",
        "MØST",
        "music_office",
        "NO",
        "0301",
        "https://musikkontoret.no/most",
        MUSIC_OFFICE_SUMMARY.format(region="Oslo, Akershus, Østfold og Innlandet"),
    ),
    (
        "ryk",
        "RYK",
        "music_office",
        "NO",
        "5501",
        "https://ryk.no",
        MUSIC_OFFICE_SUMMARY.format(region="Nordland, Troms og Finnmark"),
    ),
    (
        "music-norway",
        "Music Norway",
        "public_agency",
        "NO",
        "0301",
        "https://musicnorway.no",
        "Det norske musikkfeltets eksportkontor: eksporttiltak, promotering av norsk musikk i "
        "utlandet og kunnskap om feltet.",
    ),
    (
        "bylarm",
        "by:Larm",
        "festival",
        "NO",
        "0301",
        "https://bylarm.no",
        "Showcasefestival og konferanse for musikkbransjen i Norden, i Oslo siden 2008.",
    ),
    (
        "arena-oslo",
        "Arena Oslo",
        "association",
        "NO",
        "0301",
        "",
        "Klyngeprosjektet «Arena Oslo – the Smart Event City»: innovasjon, eksport og samarbeid "
        "mellom reiseliv og kreativ næring i Oslo.",
    ),
    (
        "fono",
        "Fono",
        "association",
        "NO",
        "0301",
        "https://fono.no",
        "Forening for uavhengige norske plateselskaper, stiftet i 1980.",
    ),
    (
        "sesong-1",
        "Sesong 1",
        "association",
        "NO",
        "0301",
        "",
        "Partner i arbeidsutvalget for Mustech Norway 2021.",
    ),
    (
        "kulturradet",
        "Kulturrådet",
        "public_agency",
        "NO",
        "0301",
        "https://kulturdirektoratet.no",
        "Rådet som forvalter Norsk kulturfond. Kulturdirektoratet er statens fagorgan og "
        "sekretariat. Støttet Musikkhjemmekontoret.",
    ),
    (
        "musikkindustriens-naeringsrad",
        "Musikkindustriens Næringsråd",
        "association",
        "NO",
        "0301",
        "https://musikkindustrien.no",
        "Nettverk av nasjonale musikkorganisasjoner som arbeider for musikkbransjens "
        "næringsinteresser: live, innspilt musikk, rettighetshavere og artister.",
    ),
]

DANISH_MUNICIPALITIES = [
    "Albertslund",
    "Furesø",
    "Halsnæs",
    "Helsingør",
    "Herlev",
    "Ishøj",
    "Køge",
    "Roskilde",
    "Rødovre",
    "Frederikssund",
]

# Fictional organisations (valid check digits, numbers not issued to anyone we know of).
FICTIONAL_ORGANISATIONS = [
    (
        "lydbolge",
        "Lydbølge AS",
        "startup",
        "NO",
        "4601",
        "923456783",
        "Gründerselskap fra Bergen som lager en app for å spille inn vokal over egne beats.",
    ),
    (
        "nordlys-plater",
        "Nordlys Plater",
        "label",
        "NO",
        "5501",
        "",
        "Lite uavhengig plateselskap i Tromsø med artister fra hele Nord-Norge.",
    ),
    (
        "havnescenen",
        "Havnescenen",
        "venue",
        "NO",
        "1103",
        "",
        "Spillested ved havna i Stavanger med 400 plasser og eget øvingsrom.",
    ),
    (
        "koge-lydvaerk",
        "Køge Lydværk",
        "studio",
        "DK",
        "259",
        "13748136",
        "Lydstudie og øvelokaler for unge bands i Køge.",
    ),
]

PEOPLE = [
    # email, name, title, password, superuser, listed, memberships [(slug, role)]
    ("admin@samspill.test", "Hanne Hubstad", "Hubansvarlig", "samspill-admin", True, False, []),
    (
        "redaktor@samspill.test",
        "Eirik Lien",
        "Kommunikasjonsrådgiver",
        "samspill-redaktor",
        False,
        True,
        [("brak", Role.ADMIN), ("tempo", Role.EDITOR), ("most", Role.EDITOR)],
    ),
    (
        "medlem@samspill.test",
        "Sara Nilsen",
        "Bookingansvarlig",
        "samspill-medlem",
        False,
        True,
        [("havnescenen", Role.MEMBER)],
    ),
    (
        "grunder@samspill.test",
        "Jonas Berg",
        "Daglig leder",
        "samspill-grunder",
        False,
        False,
        [("lydbolge", Role.ADMIN)],
    ),
    (
        "kommune@samspill.test",
        "Mette Holm",
        "Kulturkonsulent",
        "samspill-kommune",
        False,
        True,
        [("koge", Role.ADMIN)],
    ),
]

PAGES = [
    (
        "om",
        "Om samspill",
        "about_page",
        "samspill er en felles plattform for musikkfeltet: kunnskap, arrangementer, nettverk, "
        "kartlegginger og prosjekter på ett sted.",
        "<p>samspill samler det musikkfeltet trenger på ett sted, med kort vei fra spørsmål til "
        "konkrete svar. Plattformen drives av fellesskapet selv: musikkontorene, bransjen, "
        "oppstartsmiljøene og kommunene.</p><h2>Hvem står bak?</h2><p>Hver organisasjon har sin "
        "egen side og sine egne redaktører. Hubens administratorer godkjenner nye organisasjoner og "
        "holder oversikten.</p>",
    ),
    (
        "personvern",
        "Personvernerklæring",
        "privacy_page",
        "Slik behandler vi personopplysninger.",
        "<h2>Hva vi lagrer</h2><p>Vi lagrer e-postadressen din, navnet ditt og det du selv velger "
        "å fylle ut. Profilen din er privat til du selv velger å vise den.</p><h2>Informasjons"
        "kapsler</h2><p>Vi bruker bare nødvendige informasjonskapsler: innlogging, språkvalg og "
        "vern mot forfalskede skjema. Vi bruker ingen analyse- eller reklamekapsler.</p>"
        "<h2>Dine rettigheter</h2><p>Du kan når som helst laste ned alle dataene dine og slette "
        "kontoen din fra profilsiden.</p>",
    ),
    (
        "tilgjengelighet",
        "Tilgjengelighetserklæring",
        "accessibility_page",
        "samspill skal kunne brukes av alle.",
        "<p>Nettstedet er bygget for å oppfylle WCAG 2.1 nivå AA. Alle sider testes automatisk "
        "med axe-core i en ekte nettleser, og alle skjema kan brukes med tastatur alene.</p>"
        "<h2>Gi oss beskjed</h2><p>Finner du noe som ikke fungerer for deg, skriv til oss.</p>",
    ),
]


def _load_places() -> None:
    for country, regions, municipalities in (
        ("NO", places.NO_REGIONS, places.NO_MUNICIPALITIES),
        ("DK", places.DK_REGIONS, places.DK_MUNICIPALITIES),
    ):
        by_code = {}
        for code, name in regions:
            by_code[code], _ = Region.objects.get_or_create(
                country=country, code=code, defaults={"name": name}
            )
        for code, name, region_code in municipalities:
            Municipality.objects.get_or_create(
                country=country,
                code=code,
                defaults={"name": name, "region": by_code[region_code]},
            )


def _load_audiences() -> None:
    for order, (slug, nb, da, en) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(
            slug=slug, defaults={"name_nb": nb, "name_da": da, "name_en": en, "sort_order": order}
        )


def _organisation(slug, name, kind, country, municipality_code, org_number, website, summary):
    if Organisation.objects.filter(slug=slug).exists():
        return
    services.organisation_create(
        actor=None,
        slug=slug,
        name=name,
        kind=kind,
        country=country,
        org_number=org_number,
        municipality=Municipality.objects.filter(country=country, code=municipality_code).first(),
        website=website,
        summary=summary,
    )


def _load_organisations() -> None:
    for slug, name, kind, country, code, website, summary in ORGANISATIONS:
        _organisation(slug, name, kind, country, code, "", website, summary)
    for name in DANISH_MUNICIPALITIES:
        municipality = Municipality.objects.get(country="DK", name=name)
        _organisation(
            municipality.name.lower().replace("ø", "o").replace("æ", "ae").replace("å", "aa"),
            f"{name} Kommune",
            "municipality",
            "DK",
            municipality.code,
            "",
            "",
            f"Deltakerkommune i kulturaftalen og Musikmetropolen ({municipality.region}).",
        )
    for slug, name, kind, country, code, org_number, summary in FICTIONAL_ORGANISATIONS:
        _organisation(slug, name, kind, country, code, org_number, "", summary)


def _load_people() -> list[str]:
    logins = []
    for email, name, title, password, superuser, listed, memberships in PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = services.user_create(
                email=email,
                password=password,
                hub_admin=superuser,
                email_verified=True,
                name=name,
                title=title,
                is_listed=listed,
                show_title=listed,
            )
            for slug, role in memberships:
                organisation = Organisation.objects.get(slug=slug)
                if not Membership.objects.filter(user=user, organisation=organisation).exists():
                    services.membership_create(
                        actor=None, organisation=organisation, user=user, role=role
                    )
        what = "hub admin" if superuser else ", ".join(f"{r} of {s}" for s, r in memberships)
        logins.append(f"{email} / {password}  ({what})")
    return logins


# The hub's own pages in Danish and English: (title, lead, body) by slug; "" is the home page.
TRANSLATIONS = {
    "da": {
        "": (
            "samspill",
            "Viden, arrangementer, netværk og projekter for musikfeltet i Norge og Danmark – "
            "samlet ét sted.",
            "<p>Her finder du konkrete svar fra de regionale musikkontorer, brancheorganisationerne "
            "og kommunerne, der samarbejder om musiklivet.</p>",
        ),
        "om": (
            "Om samspill",
            "samspill er en fælles platform for musikfeltet: viden, arrangementer, netværk, "
            "kortlægninger og projekter ét sted.",
            "<p>samspill samler det, musikfeltet har brug for, med kort vej fra spørgsmål til "
            "konkrete svar. Platformen drives af fællesskabet selv.</p><h2>Hvem står bag?</h2>"
            "<p>Hver organisation har sin egen side og sine egne redaktører.</p>",
        ),
        "personvern": (
            "Privatlivspolitik",
            "Sådan behandler vi personoplysninger.",
            "<h2>Hvad vi gemmer</h2><p>Vi gemmer din e-mailadresse, dit navn og det, du selv "
            "vælger at udfylde. Din profil er privat, indtil du selv vælger at vise den.</p>"
            "<h2>Cookies</h2><p>Vi bruger kun nødvendige cookies: login, sprogvalg og beskyttelse "
            "mod forfalskede formularer.</p><h2>Dine rettigheder</h2><p>Du kan altid downloade "
            "dine data og slette din konto fra din profil.</p>",
        ),
        "tilgjengelighet": (
            "Tilgængelighedserklæring",
            "samspill skal kunne bruges af alle.",
            "<p>Siden er bygget til at opfylde WCAG 2.1 niveau AA. Alle sidetyper testes "
            "automatisk med axe-core i en rigtig browser, og alle formularer kan bruges med "
            "tastatur alene.</p>",
        ),
    },
    "en": {
        "": (
            "samspill",
            "Knowledge, events, networks and projects for the music sector in Norway and "
            "Denmark – in one place.",
            "<p>Concrete answers from the regional music offices, the industry's organisations "
            "and the municipalities that work together on music.</p>",
        ),
        "om": (
            "About samspill",
            "samspill is a shared platform for the music sector: knowledge, events, networks, "
            "surveys and projects in one place.",
            "<p>samspill gathers what the music sector needs, with a short way from a question "
            "to a concrete answer. The community itself runs it.</p><h2>Who is behind it?</h2>"
            "<p>Each organisation has its own page and its own editors.</p>",
        ),
        "personvern": (
            "Privacy",
            "How we handle personal data.",
            "<h2>What we store</h2><p>Your email address, your name and whatever you choose to "
            "fill in. Your profile is private until you choose to show it.</p><h2>Cookies</h2>"
            "<p>Only the necessary ones: signing in, your language and protection against forged "
            "forms.</p><h2>Your rights</h2><p>You can download your data and delete your account "
            "from your profile at any time.</p>",
        ),
        "tilgjengelighet": (
            "Accessibility statement",
            "samspill should work for everyone.",
            "<p>The site is built to meet WCAG 2.1 level AA. Every page type is tested "
            "automatically with axe-core in a real browser, and every form works with the "
            "keyboard alone.</p>",
        ),
    },
}


def _translate(page, language: str, title: str, lead: str, body: str) -> None:
    locale, _ = Locale.objects.get_or_create(language_code=language)
    if page.has_translation(locale):
        return
    translation = page.copy_for_translation(locale).specific
    translation.title = title
    translation.lead = lead
    setattr(translation, "intro" if isinstance(translation, HomePage) else "body", body)
    translation.save_revision().publish()


def _load_translations(home: HomePage) -> None:
    for language, pages in TRANSLATIONS.items():
        _translate(home, language, *pages[""])
        for page in StandardPage.objects.child_of(home):
            if page.slug in pages:
                _translate(page, language, *pages[page.slug])


def _load_pages() -> None:
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        home = HomePage(
            title="samspill",
            slug="samspill",
            lead=(
                "Kunnskap, arrangementer, nettverk og prosjekter for musikkfeltet i Norge og "
                "Danmark – på ett sted."
            ),
            intro=(
                "<p>Her finner du konkrete svar fra musikkontorene, organisasjonene i bransjen og "
                "kommunene som samarbeider om musikklivet.</p>"
            ),
        )
        root.add_child(instance=home)
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site:
            site.root_page = home
            site.site_name = "samspill"
            site.save()
        else:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="samspill",
            )
        # Wagtail's own placeholder page ("Welcome to your new Wagtail site!") goes.
        if old_root and old_root.specific_class is Page and old_root.pk != home.pk:
            old_root.delete()
    services.site_follow_settings()
    site = Site.objects.get(is_default_site=True)
    hub_settings = HubSettings.for_site(site)
    changed = False
    if not hub_settings.tagline:
        hub_settings.tagline = "Musikkfeltets felles plattform"
        hub_settings.operator = "Musikkontorene i Norge (demo)"
        hub_settings.contact_email = "post@samspill.test"
        changed = True
    for slug, title, setting, lead, body in PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = StandardPage(title=title, slug=slug, lead=lead, body=body)
            home.add_child(instance=page)
        if getattr(hub_settings, f"{setting}_id") is None:
            setattr(hub_settings, setting, page)
            changed = True
    if changed:
        hub_settings.save()
    _load_translations(home)


def build() -> list[str]:
    with transaction.atomic():
        _load_places()
        _load_audiences()
        _load_organisations()
        logins = _load_people()
        _load_pages()
    return logins
