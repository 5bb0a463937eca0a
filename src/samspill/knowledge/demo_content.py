"""Demo content for the knowledge bank: topics, articles, FAQ entries and guides.

Data only. The texts are written for the demo hub from the facts in the project's domain notes
(organisations, rules and schemes in Norway and Denmark), in the spirit of Musikkhjemmekontoret,
the resource bank the regional music offices made during the pandemic. Amounts, thresholds and
scheme status change over time, so the entries that mention them have a six-month review interval.

Shapes:
- TOPICS: slug, title and intro in nb/da/en.
- ARTICLES: id, topic, language, owner (organisation slug), audiences (audience codes), title,
  summary, reviewed (ISO date), review_months, body as a list of (block_type, value) tuples that
  match `knowledge.blocks.ArticleBodyBlock`.
- FAQS: id, topic, language, owner, audiences, question, answer (rich text), reviewed,
  review_months.
- GUIDES: slug, title, intro, language, owner, steps (questions with options leading to other
  steps by key; results with a checklist, article/FAQ ids and links).
"""

TOPICS = [
    {
        "slug": "krise-og-kompensasjon",
        "title": {
            "nb": "Krise og kompensasjon",
            "da": "Krise og kompensation",
            "en": "Crisis and compensation",
        },
        "intro": {
            "nb": "Hva du gjør når konserter avlyses eller inntektene faller bort, og hva vi vet om "
            "kompensasjonsordninger – også dem som nå er avsluttet.",
            "da": "Hvad du gør, når koncerter aflyses, eller indtægterne forsvinder, og hvad vi ved "
            "om kompensationsordninger – også dem, der er lukket.",
            "en": "What to do when concerts are cancelled or income disappears, and what we know "
            "about compensation schemes, including those that have closed.",
        },
    },
    {
        "slug": "stotte-og-finansiering",
        "title": {
            "nb": "Støtte og finansiering",
            "da": "Støtte og finansiering",
            "en": "Grants and funding",
        },
        "intro": {
            "nb": "Stipender, tilskudd og garantier for musikere, arrangører og selskaper: hvem som "
            "gir hva, og hvordan du søker.",
            "da": "Legater, tilskud og puljer til musikere, arrangører og virksomheder: hvem der "
            "giver hvad, og hvordan du søger.",
            "en": "Grants, subsidies and guarantees for musicians, organisers and companies: who "
            "funds what, and how to apply.",
        },
    },
    {
        "slug": "skatt-og-status",
        "title": {
            "nb": "Skatt og status",
            "da": "Skat og status",
            "en": "Tax and status",
        },
        "intro": {
            "nb": "Selvstendig næringsdrivende, frilanser eller ansatt? Om ENK, MVA, skatt, "
            "sykepenger og pensjon for dem som lever av musikk.",
            "da": "Selvstændig, honorarmodtager eller ansat? Om CVR-nummer, moms, skat og sociale "
            "rettigheder for dem, der lever af musik.",
            "en": "Self-employed, freelancer or employee? Sole proprietorships, VAT, tax, sick pay "
            "and pension for people who make a living from music.",
        },
    },
    {
        "slug": "gi-ut-musikk",
        "title": {
            "nb": "Gi ut musikk",
            "da": "Udgiv musik",
            "en": "Releasing music",
        },
        "intro": {
            "nb": "Fra ferdig miks til utgivelse: distributør, ISRC, metadata, utgivelsesplan og "
            "promotering.",
            "da": "Fra færdigt mix til udgivelse: distributør, ISRC, metadata, udgivelsesplan og "
            "promovering.",
            "en": "From final mix to release day: distributors, ISRC codes, metadata, release "
            "plans and promotion.",
        },
    },
    {
        "slug": "nye-inntekter",
        "title": {
            "nb": "Nye inntekter",
            "da": "Nye indtægter",
            "en": "New revenue streams",
        },
        "intro": {
            "nb": "Strømmekonserter, merch, folkefinansiering, sync, undervisning og "
            "medlemsordninger: flere ben å stå på.",
            "da": "Streamede koncerter, merchandise, crowdfunding, sync, undervisning og "
            "medlemsordninger: flere ben at stå på.",
            "en": "Streamed concerts, merchandise, crowdfunding, sync, teaching and fan "
            "memberships: more than one leg to stand on.",
        },
    },
    {
        "slug": "rettigheter-og-vederlag",
        "title": {
            "nb": "Rettigheter og vederlag",
            "da": "Rettigheder og vederlag",
            "en": "Rights and royalties",
        },
        "intro": {
            "nb": "Slik fungerer TONO, Gramo, Koda og Gramex, og dette bør du passe på i kontrakter "
            "med plateselskap og musikkforlag.",
            "da": "Sådan fungerer Koda, Gramex, TONO og Gramo, og det skal du være opmærksom på i "
            "kontrakter med pladeselskaber og musikforlag.",
            "en": "How TONO, Gramo, Koda and Gramex work, and what to watch for in contracts with "
            "labels and music publishers.",
        },
    },
    {
        "slug": "konserter-live-og-strom",
        "title": {
            "nb": "Konserter – live og strøm",
            "da": "Koncerter – live og stream",
            "en": "Concerts – live and streamed",
        },
        "intro": {
            "nb": "Avtaler med arrangører, NKAs standardvilkår, lisenser for strømmekonserter og "
            "sikkerhet på arrangementer.",
            "da": "Aftaler med arrangører, standardkontrakter, licenser til streamede koncerter og "
            "sikkerhed ved arrangementer.",
            "en": "Agreements with organisers, the NKA standard terms, licences for streamed "
            "concerts, and safety at events.",
        },
    },
    {
        "slug": "kurs-og-webinarer",
        "title": {
            "nb": "Kurs og webinarer",
            "da": "Kurser og webinarer",
            "en": "Courses and webinars",
        },
        "intro": {
            "nb": "Kurs, webinarer og rådgivning fra musikkontorene og andre kompetansemiljøer, og "
            "hvordan du får mest ut av dem.",
            "da": "Kurser, webinarer og rådgivning fra musikkontorerne og andre videnmiljøer, og "
            "hvordan du får mest ud af dem.",
            "en": "Courses, webinars and advice from the regional music offices and other "
            "expert bodies, and how to get the most out of them.",
        },
    },
]


# Links used in several places (public home pages and pages named in the domain notes).
_SKATTEETATEN = {
    "title": "Skatteetaten",
    "url": "https://www.skatteetaten.no/",
    "description": "Skatt, skattekort, A-melding og merverdiavgift.",
}
_NAV = {
    "title": "NAV",
    "url": "https://www.nav.no/",
    "description": "Sykepenger, frivillig forsikring og grunnbeløpet (G).",
}
_ALTINN = {
    "title": "Altinn",
    "url": "https://www.altinn.no/",
    "description": "Skjemaer og innrapportering til det offentlige, blant annet "
    "Samordnet registermelding.",
}
_BRREG = {
    "title": "Brønnøysundregistrene",
    "url": "https://www.brreg.no/",
    "description": "Enhetsregisteret, Foretaksregisteret og oppslag på organisasjonsnummer.",
}
_TONO = {
    "title": "TONO",
    "url": "https://www.tono.no/",
    "description": "Vederlagsbyrå for komponister, tekstforfattere og musikkforlag.",
}
_GRAMO = {
    "title": "Gramo",
    "url": "https://www.gramo.no/",
    "description": "Vederlagsbyrå for utøvende musikere og plateprodusenter.",
}
_MVA_GRENSE = {
    "title": "Skatteetaten: Registrering i Merverdiavgiftsregisteret",
    "url": "https://www.skatteetaten.no/rettskilder/type/handboker/merverdiavgiftshandboken/"
    "gjeldende/M-2/M-2-1/",
    "description": "Merverdiavgiftshåndboken om grensen for registrering.",
}
_FORETAKSREGISTERET = {
    "title": "Brønnøysundregistrene: Registreringsplikt i Foretaksregisteret",
    "url": "https://www.brreg.no/enkeltpersonforetak/registreringsplikt-i-foretaksregisteret/",
    "description": "Når et enkeltpersonforetak må registreres i Foretaksregisteret.",
}
_SYKEPENGER_ALTINN = {
    "title": "Altinn: Sykepenger for selvstendig næringsdrivende",
    "url": "https://info.altinn.no/starte-og-drive/arbeidsforhold/sykdom/"
    "sykepenger-for-selvstendig-naringsdrivende/",
    "description": "Hvordan sykepengene beregnes, og hva frivillig forsikring gir.",
}
_FONO = {
    "title": "FONO",
    "url": "https://fono.no/om-fono/",
    "description": "Foreningen for uavhengige norske plateselskaper.",
}
_MUSIC_NORWAY = {
    "title": "Music Norway",
    "url": "https://musicnorway.no/om-music-norway",
    "description": "Det norske musikkfeltets eksportkontor.",
}
_CREO_ORGANISASJONER = {
    "title": "Creo: Organisasjoner for artister og musikere",
    "url": "https://creokultur.no/creos-artisthjelp/organisasjoner/",
    "description": "Oversikt over fagforbund og interesseorganisasjoner i musikkfeltet.",
}
_TONO_STROMMING = {
    "title": "TONO: Direktesending av musikk på nett",
    "url": "https://www.tono.no/tono-guiden-for-direktesending-av-musikk-pa-nett/",
    "description": "TONOs veiledning for strømmekonserter og andre direktesendinger.",
}
_DMF = {
    "title": "Dansk Musiker Forbund (DMF)",
    "url": "https://www.dmf.dk/",
    "description": "Fagforening for musikere med rådgivning om kontrakter, skat og a-kasse.",
}
_SKAT = {
    "title": "Skattestyrelsen",
    "url": "https://skat.dk/",
    "description": "Skat, moms og registrering for selvstændige.",
}
_KODA = {
    "title": "Koda",
    "url": "https://www.koda.dk/",
    "description": "Forvaltningsselskab for komponister, sangskrivere og musikforlag.",
}
_GRAMEX = {
    "title": "Gramex",
    "url": "https://www.gramex.dk/",
    "description": "Forvaltningsselskab for udøvende kunstnere og producenter.",
}


ARTICLES = [
    # --- Skatt og status ------------------------------------------------------------------------
    {
        "id": "demo-enk-og-ansatt",
        "topic": "skatt-og-status",
        "language": "nb",
        "owner": "brak",
        "audiences": ["self-employed", "employee"],
        "title": "Jeg er både selvstendig næringsdrivende og ansatt. Hva gjelder for meg?",
        "summary": "Mange musikere har en deltidsstilling og driver eget enkeltpersonforetak ved "
        "siden av. Her er hva det betyr for skatt, MVA, sykepenger og pensjon, og hva du bør "
        "ordne selv.",
        "reviewed": "2026-09-15",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>Det er vanlig i musikkfeltet å kombinere: en stilling i kulturskolen, et "
                "orkester eller et kor, og samtidig konserter, innspillinger og låtskriving "
                "gjennom eget enkeltpersonforetak (ENK). Da har du to roller på én gang – "
                "arbeidstaker for den ene inntekten og selvstendig næringsdrivende for den andre. "
                "Rollene følger hvert sitt regelsett, og det lønner seg å holde dem tydelig "
                "adskilt.</p>",
            ),
            ("heading", "Det er de faktiske forholdene som avgjør"),
            (
                "text",
                "<p>Folketrygdloven skiller mellom tre måter å være knyttet til arbeidet på:</p>"
                "<ul><li><strong>Arbeidstaker</strong>: du arbeider i en annens tjeneste og får "
                "lønn.</li><li><strong>Frilanser</strong>: du tar oppdrag utenfor et "
                "ansettelsesforhold og får betalt som lønn, men driver ikke næring.</li>"
                "<li><strong>Selvstendig næringsdrivende</strong>: du driver en virksomhet "
                "jevnlig, for egen regning og risiko.</li></ul><p>Hva du og oppdragsgiveren "
                "kaller forholdet, er ikke avgjørende – det er hvordan arbeidet faktisk er "
                "organisert. Den som betaler, har ansvaret for å behandle det riktig, men du er "
                "tjent med å vite hva som gjelder.</p>",
            ),
            ("heading", "Skatt og MVA: to inntekter, to regelsett"),
            (
                "text",
                "<p>Lønnen fra stillingen får du med forskuddstrekk som før. Inntekten i "
                "enkeltpersonforetaket fører du selv i skattemeldingen for næringsdrivende, og "
                "du betaler forskuddsskatt på overskuddet. Oppdater skattekortet når "
                "næringsinntekten øker, så slipper du restskatt.</p><p>Merverdiavgift (MVA) "
                "gjelder bare næringsdelen. Mye av det musikere gjør, er unntatt – for eksempel "
                "kunstnerisk fremføring av verk – men salg av varer og en del tjenester er ikke "
                "det. Les artikkelen om MVA for musikere før du sender den første fakturaen.</p>",
            ),
            (
                "qa",
                {
                    "question": "Kan jeg fakturere fra ENK-et for oppdrag jeg gjør for min egen "
                    "arbeidsgiver?",
                    "answer": "<p>Som hovedregel nei. Oppdrag som ligger innenfor eller tett opp "
                    "til stillingen din, vil normalt høre til arbeidsforholdet og skal lønnes. "
                    "Et ekstraoppdrag av en helt annen art kan vurderes annerledes, men da må det "
                    "være reelt at du bærer risikoen selv. Er du i tvil, avklar med arbeidsgiveren "
                    "og få det skriftlig.</p>",
                },
            ),
            ("heading", "Sykepenger når du har både lønn og næringsinntekt"),
            (
                "text",
                "<p>Som selvstendig næringsdrivende får du i utgangspunktet 80 prosent av "
                "beregningsgrunnlaget fra dag 17, begrenset oppad til 6 G (seks ganger "
                "grunnbeløpet i folketrygden). Har du både lønn og næringsinntekt, beregner NAV "
                "sykepengene etter reglene for arbeidstakere. Det kan slå ulikt ut, avhengig av "
                "hvor stor del av inntekten som kommer fra stillingen. Frivillig forsikring hos "
                "NAV kan gi bedre dekning for næringsdelen.</p>",
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Tallene endres",
                    "text": "<p>Grunnbeløpet (G) justeres hvert år fra 1. mai, og reglene for "
                    "sykepenger og pensjon kan endres. Sjekk alltid gjeldende satser hos NAV før "
                    "du tar beslutninger.</p>",
                },
            ),
            ("heading", "Pensjon: arbeidsgiveren dekker bare sin del"),
            (
                "text",
                "<p>Arbeidsgiveren sparer til tjenestepensjon av lønnen din. For "
                "næringsinntekten finnes det ingen obligatorisk tjenestepensjon, så der må du "
                "selv vurdere en pensjonsordning for selvstendig næringsdrivende. Se egen "
                "artikkel om sykepenger og pensjon.</p>",
            ),
            (
                "checklist",
                {
                    "title": "Sjekk dette når du har begge roller",
                    "items": [
                        "Hold en egen bankkonto for enkeltpersonforetaket",
                        "Oppdater skattekortet når du venter overskudd i ENK-et",
                        "Avklar om næringsdelen er MVA-pliktig eller unntatt",
                        "Vurder frivillig sykepengeforsikring hos NAV",
                        "Sett av til pensjon av næringsinntekten",
                        "Ta vare på avtaler som viser hvem som bærer risikoen i hvert oppdrag",
                    ],
                },
            ),
            (
                "links",
                {
                    "title": "Les mer hos andre",
                    "links": [_NAV, _SKATTEETATEN, _SYKEPENGER_ALTINN],
                },
            ),
        ],
    },
    {
        "id": "demo-starte-enk",
        "topic": "skatt-og-status",
        "language": "nb",
        "owner": "star",
        "audiences": ["self-employed", "start-up", "student"],
        "title": "Slik starter du et enkeltpersonforetak (ENK)",
        "summary": "Enkeltpersonforetak er den vanligste måten å drive som selvstendig musiker "
        "på. Registreringen er gratis og tar kort tid – her er det du må vite før og etter.",
        "reviewed": "2026-02-02",
        "review_months": 12,
        "body": [
            (
                "text",
                "<p>Et enkeltpersonforetak (ENK) er en enkel organisasjonsform der du og "
                "virksomheten er juridisk den samme. Du får et eget organisasjonsnummer "
                "(org.nr.) og kan fakturere for konserter, innspillinger, låtskriving og "
                "undervisning. Samtidig hefter du personlig for gjelden i foretaket.</p>",
            ),
            ("heading", "Passer ENK for deg?"),
            (
                "text",
                "<p>ENK passer når du driver musikkvirksomhet jevnlig, for egen regning og "
                "risiko – med flere oppdragsgivere, egen markedsføring og eget utstyr. Tar du "
                "bare enkeltoppdrag av og til, er det ofte mer naturlig at oppdragsgiveren "
                "betaler deg som frilanser. Husk at det er de faktiske forholdene som avgjør om "
                "du er næringsdrivende, ikke om du har et org.nr.</p>",
            ),
            ("heading", "Registrering i Enhetsregisteret"),
            (
                "text",
                "<p>Du registrerer foretaket i Enhetsregisteret hos Brønnøysundregistrene "
                "gjennom Samordnet registermelding i Altinn. Registreringen er gratis, og du får "
                "et organisasjonsnummer. Foretaksnavnet må inneholde etternavnet ditt, for "
                "eksempel «Hansen Musikk» eller «Lydverksted Kari Hansen».</p><p>Registrering i "
                "Foretaksregisteret koster et gebyr og er bare påkrevd i visse tilfeller, blant "
                "annet hvis du driver videresalg av varer eller har flere enn fem ansatte som "
                "jobber over 20 timer i uka.</p>",
            ),
            (
                "qa",
                {
                    "question": "Må jeg registrere meg i Merverdiavgiftsregisteret samtidig?",
                    "answer": "<p>Bare hvis du har avgiftspliktig omsetning over grensen. Mye av "
                    "det musikere gjør, er unntatt fra merverdiavgift. Vurder det når du "
                    "registrerer foretaket, og følg med på omsetningen etterpå. Se artikkelen om "
                    "MVA for musikere.</p>",
                },
            ),
            ("heading", "Etter registreringen"),
            (
                "checklist",
                {
                    "title": "De første ukene",
                    "items": [
                        "Opprett en egen bankkonto for foretaket",
                        "Velg et regnskapsprogram eller en regnskapsfører",
                        "Lag en fakturamal med org.nr., navn og adresse",
                        "Oppdater skattekortet med forventet næringsinntekt",
                        "Sett av penger til skatt hver gang du får betalt",
                        "Vurder frivillig forsikring for sykepenger hos NAV",
                    ],
                },
            ),
            ("heading", "Når bør du vurdere AS i stedet?"),
            (
                "text",
                "<p>Et aksjeselskap (AS) skiller din private økonomi fra selskapets og kan passe "
                "når risikoen er større, eller når det er flere eiere eller ansatte – for "
                "eksempel i et plateselskap eller et bookingbyrå. Det krever mer administrasjon. "
                "For de fleste som starter som selvstendig musiker, er ENK et godt første "
                "steg.</p>",
            ),
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=Hn3vT8sWq2E",
                    "title": "Kortkurs: Registrer ENK på et kvarter",
                    "caption": "Demoopptak som viser Samordnet registermelding steg for steg.",
                },
            ),
            (
                "links",
                {
                    "title": "Les mer hos andre",
                    "links": [
                        {
                            "title": "Brønnøysundregistrene: Slik registrerer du et "
                            "enkeltpersonforetak",
                            "url": "https://www.brreg.no/enkeltpersonforetak-nn/"
                            "slik-registrerer-du-eit-enkeltpersonforetak/",
                            "description": "Veiledning til registrering i Enhetsregisteret.",
                        },
                        _FORETAKSREGISTERET,
                        _ALTINN,
                    ],
                },
            ),
        ],
    },
    {
        "id": "demo-mva-for-musikere",
        "topic": "skatt-og-status",
        "language": "nb",
        "owner": "oks",
        "audiences": ["self-employed", "company", "organiser-venue"],
        "title": "MVA for musikere: hva er unntatt, og når må du registrere deg?",
        "summary": "Konserter og kunstnerisk fremføring er unntatt fra merverdiavgift, men ikke "
        "alt musikere selger. Her er reglene du oftest møter, og grensen for registrering.",
        "reviewed": "2026-07-01",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>Merverdiavgift (MVA) er en avgift på omsetning av varer og tjenester. "
                "Musikkfeltet har flere viktige unntak, og mange musikere skal derfor ikke "
                "beregne MVA på det meste de fakturerer. Men unntakene er presise, og det er lett "
                "å trå feil når du selger noe mer enn selve fremføringen.</p>",
            ),
            ("heading", "Dette er unntatt"),
            (
                "text",
                "<ul><li><strong>Billetter til konserter</strong>, også når konserten strømmes "
                "(merverdiavgiftsloven § 3-7 første ledd).</li><li><strong>Kunstnerisk "
                "fremføring av et åndsverk</strong>, inkludert tjenester som er en integrert del "
                "av fremføringen (§ 3-7 andre ledd). Ren utleie av utstyr er ikke omfattet.</li>"
                "<li><strong>Opphavspersonens egen utnyttelse</strong> av opphavsretten til egne "
                "verk, for eksempel når du som komponist lisensierer låten din (§ 3-7 fjerde "
                "ledd).</li></ul>",
            ),
            ("heading", "Dette er som regel avgiftspliktig"),
            (
                "text",
                "<p>Salg av merch, plater og andre varer, utleie av lydanlegg uten fremføring og "
                "tjenester som studioproduksjon for andre, lydteknikk eller konsulentarbeid er "
                "normalt ikke omfattet av unntakene. Selger du slikt, må du følge med på "
                "omsetningen.</p>",
            ),
            ("heading", "Når må du registrere deg?"),
            (
                "text",
                "<p>Du må registrere deg i Merverdiavgiftsregisteret når avgiftspliktig "
                "omsetning og uttak til sammen overstiger 50 000 kroner i løpet av en periode på "
                "tolv måneder. For veldedige og allmennyttige organisasjoner er grensen 140 000 "
                "kroner. Omsetning som er unntatt, teller ikke med.</p><p>Registreringen gjøres i "
                "Altinn. Når du er registrert, skal du legge MVA på avgiftspliktige fakturaer og "
                "levere MVA-melding, og du får fradrag for inngående MVA på innkjøp til den "
                "avgiftspliktige delen av virksomheten.</p>",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Blandet virksomhet",
                    "text": "<p>Har du både unntatt og avgiftspliktig omsetning, må du fordele "
                    "innkjøpene mellom delene. Du får ikke fradrag for MVA på utstyr som bare "
                    "brukes i den unntatte virksomheten, for eksempel til konsertene dine.</p>",
                },
            ),
            (
                "qa",
                {
                    "question": "Skal jeg ta MVA når jeg spiller i et band som arrangøren booker?",
                    "answer": "<p>Nei, så lenge det du leverer er en kunstnerisk fremføring. "
                    "Leier du i tillegg ut lydanlegg som en egen tjeneste, uten at det er en "
                    "integrert del av konserten, kan den delen være avgiftspliktig.</p>",
                },
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Beløpene kan endres",
                    "text": "<p>Grensene gjelder slik de var da artikkelen sist ble gjennomgått. "
                    "Sjekk Skatteetatens merverdiavgiftshåndbok for gjeldende regler.</p>",
                },
            ),
            (
                "links",
                {
                    "title": "Les mer hos andre",
                    "links": [
                        _MVA_GRENSE,
                        {
                            "title": "Skatteetaten: Unntaket for billetter til konserter",
                            "url": "https://www.skatteetaten.no/nn/rettskjelder/type/handboker/"
                            "merverdiavgiftshandboken/gjeldende/M-3/M-3-7/M-3-7.3/",
                            "description": "Merverdiavgiftshåndboken om § 3-7 første ledd.",
                        },
                        _ALTINN,
                    ],
                },
            ),
        ],
    },
    {
        "id": "demo-a-melding-honorar",
        "topic": "skatt-og-status",
        "language": "nb",
        "owner": "most",
        "audiences": ["organiser-venue", "municipality", "company"],
        "title": "Arrangør: slik betaler du musikere riktig – A-melding eller faktura?",
        "summary": "Som arrangør må du vurdere om musikeren er frilanser eller selvstendig "
        "næringsdrivende. Frilanshonorarer skal rapporteres i A-meldingen. Slik gjør du det.",
        "reviewed": "2025-12-10",
        "review_months": 12,
        "body": [
            (
                "text",
                "<p>Når du booker musikere til en konsert, må du bestemme hvordan de skal få "
                "betalt. Enten fakturerer musikeren fra sitt eget foretak, eller så betaler du "
                "honoraret som lønn til en frilanser. Valget er ikke fritt: det er de faktiske "
                "forholdene som avgjør, og det er du som betaler, som har ansvaret for å gjøre "
                "det riktig.</p>",
            ),
            ("heading", "Frilanser eller næringsdrivende?"),
            (
                "text",
                "<p>En <strong>frilanser</strong> tar oppdrag utenfor et ansettelsesforhold, men "
                "driver ikke egen næring. Honoraret behandles som lønn. En <strong>selvstendig "
                "næringsdrivende</strong> driver jevnlig, for egen regning og risiko, og sender "
                "faktura med org.nr. At musikeren har et organisasjonsnummer, er et tegn, men "
                "ikke et bevis – spør hvordan vedkommende driver.</p>",
            ),
            ("heading", "Når honoraret er lønn: A-melding"),
            (
                "text",
                "<p>Honorarer til frilansere rapporterer du i A-meldingen, den månedlige "
                "meldingen til Skatteetaten, NAV og SSB som sendes via Altinn eller fra "
                "lønnssystemet. I praksis må du:</p><ol><li>hente skattekortet til musikeren og "
                "gjøre forskuddstrekk,</li><li>rapportere honoraret i A-meldingen for måneden det "
                "utbetales,</li><li>beregne og betale arbeidsgiveravgift,</li><li>betale inn "
                "forskuddstrekket innen fristen.</li></ol><p>Du trenger navn, fødselsnummer, "
                "adresse og kontonummer fra musikeren. Be om dette i god tid før konserten, og "
                "oppbevar opplysningene trygt.</p>",
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": "Bruk et lønnssystem",
                    "text": "<p>Arrangerer du konserter jevnlig, lønner det seg å bruke et "
                    "lønnssystem som sender A-meldingen direkte. Mindre arrangører og frivillige "
                    "foreninger kan få hjelp av en regnskapsfører eller gå sammen med andre om "
                    "lønnskjøringen.</p>",
                },
            ),
            ("heading", "Når musikeren fakturerer"),
            (
                "text",
                "<p>Får du faktura fra et enkeltpersonforetak eller et selskap, betaler du den "
                "som en vanlig utgift og rapporterer ikke noe i A-meldingen. Sjekk at org.nr. "
                "stemmer i Enhetsregisteret. Kunstnerisk fremføring er unntatt fra MVA, så det "
                "skal normalt ikke stå MVA på fakturaen for selve konserten.</p>",
            ),
            (
                "qa",
                {
                    "question": "Bandet vil ha hele honoraret samlet til én konto. Går det?",
                    "answer": "<p>Bare hvis bandet fakturerer fra et foretak, for eksempel et ENK "
                    "eller et AS som står for bandets virksomhet. Skal musikerne lønnes som "
                    "frilansere, må hver enkelt rapporteres med sitt eget honorar, fordi "
                    "forskuddstrekk og arbeidsgiveravgift er knyttet til personen.</p>",
                },
            ),
            (
                "checklist",
                {
                    "title": "Sjekkliste for arrangøren",
                    "items": [
                        "Avklar før konserten om hver musiker fakturerer eller skal lønnes",
                        "Innhent navn, fødselsnummer, adresse og kontonummer for frilansere",
                        "Lag en skriftlig avtale med honorar, tidspunkt og vilkår",
                        "Rapporter honoraret i A-meldingen for utbetalingsmåneden",
                        "Betal forskuddstrekk og arbeidsgiveravgift innen fristen",
                        "Slett personopplysninger du ikke lenger trenger",
                    ],
                },
            ),
            ("links", {"title": "Les mer hos andre", "links": [_SKATTEETATEN, _ALTINN, _BRREG]}),
        ],
    },
    {
        "id": "demo-sykepenger-og-pensjon",
        "topic": "skatt-og-status",
        "language": "nb",
        "owner": "tempo",
        "audiences": ["self-employed"],
        "title": "Sykepenger og pensjon når du er selvstendig næringsdrivende",
        "summary": "Som selvstendig næringsdrivende har du et tynnere sikkerhetsnett enn en "
        "ansatt. Her er hva NAV dekker, hvordan du kan forsikre deg bedre, og hvorfor du bør "
        "spare til pensjon selv.",
        "reviewed": "2026-06-10",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>Som ansatt får du sykepenger fra første dag og tjenestepensjon fra "
                "arbeidsgiveren. Som selvstendig næringsdrivende må du selv sørge for mye av "
                "dette. For musikere med ujevn inntekt er det lett å utsette, men et brukket "
                "håndledd eller en lang sykdomsperiode kan få store følger for økonomien.</p>",
            ),
            ("heading", "Sykepenger fra NAV"),
            (
                "text",
                "<p>Selvstendig næringsdrivende får i utgangspunktet sykepenger fra dag 17, og "
                "da 80 prosent av beregningsgrunnlaget. Grunnlaget bygger på næringsinntekten og "
                "er begrenset oppad til 6 G. De første 16 dagene dekker du selv.</p><p>Har du "
                "både lønn og næringsinntekt, beregnes sykepengene etter reglene for "
                "arbeidstakere.</p>",
            ),
            (
                "qa",
                {
                    "question": "Hva betyr G?",
                    "answer": "<p>G er grunnbeløpet i folketrygden, et beløp NAV bruker til å "
                    "beregne mange ytelser. Det justeres hvert år fra 1. mai. Når det står at "
                    "sykepengegrunnlaget er begrenset til 6 G, betyr det seks ganger "
                    "grunnbeløpet. Gjeldende beløp finner du hos NAV.</p>",
                },
            ),
            ("heading", "Frivillig forsikring"),
            (
                "text",
                "<p>NAV tilbyr frivillig forsikring som gir bedre dekning, for eksempel "
                "sykepenger tidligere i sykeperioden eller med høyere dekningsgrad. Forsikringen "
                "koster en premie og gjelder først når den er tegnet, så den må være på plass før "
                "du blir syk. Regn ut hva det vil koste deg å være uten inntekt i to–tre uker, "
                "og sammenlign med premien.</p>",
            ),
            ("heading", "Pensjon: ingen obligatorisk tjenestepensjon"),
            (
                "text",
                "<p>Selvstendig næringsdrivende har ingen obligatorisk tjenestepensjon (OTP). "
                "Du tjener opp alderspensjon i folketrygden av næringsinntekten, men uten en "
                "tjenestepensjon i tillegg blir pensjonen lavere enn for en ansatt med samme "
                "inntekt.</p><p>Det finnes egne pensjonsordninger for selvstendig "
                "næringsdrivende, der innskudd knyttet til næringsinntekt opp til 12 G kan gi "
                "skattefradrag. Kildene oppgir ulike satser og grenser, og reglene endres, så "
                "sjekk med pensjonsleverandøren og Skatteetaten før du bestemmer deg.</p>",
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Tallene endres hvert år",
                    "text": "<p>G justeres 1. mai hvert år, og satser for sykepenger, "
                    "forsikring og pensjon kan endres. Denne artikkelen gjennomgås derfor "
                    "hvert halvår.</p>",
                },
            ),
            (
                "checklist",
                {
                    "title": "Ditt sikkerhetsnett",
                    "items": [
                        "Bygg en buffer som dekker minst de første 16 sykedagene",
                        "Vurder frivillig sykepengeforsikring hos NAV",
                        "Sjekk hvilke forsikringer fagforbundet ditt kan tilby",
                        "Opprett en pensjonsordning for selvstendig næringsdrivende",
                        "Sett opp et fast månedlig sparebeløp, også i magre måneder",
                    ],
                },
            ),
            (
                "links",
                {"title": "Les mer hos andre", "links": [_NAV, _SYKEPENGER_ALTINN, _SKATTEETATEN]},
            ),
        ],
    },
    # --- Gi ut musikk ---------------------------------------------------------------------------
    {
        "id": "demo-gi-ut-musikk",
        "topic": "gi-ut-musikk",
        "language": "nb",
        "owner": "most",
        "audiences": ["self-employed", "company", "student"],
        "title": "Hvordan gi ut musikk nå?",
        "summary": "En praktisk gjennomgang av utgivelse i dag: fra valg av distributør og "
        "registrering av rettigheter til utgivelsesplan og promotering.",
        "reviewed": "2026-01-20",
        "review_months": 12,
        "body": [
            (
                "text",
                "<p>Det har aldri vært enklere å få musikk ut på strømmetjenestene, og sjelden "
                "vanskeligere å bli hørt. En god utgivelse handler derfor like mye om planlegging "
                "som om selve musikken. Under koronapandemien flyttet mye av lanseringsarbeidet "
                "over på nett, og mange av grepene fra den tiden – digitale releasekonserter og "
                "tettere kontakt med fansen – har blitt værende.</p>",
            ),
            ("heading", "Velg hvordan musikken skal ut"),
            (
                "text",
                "<p>Du har i hovedsak tre veier:</p><ul><li><strong>Plateselskap</strong>: "
                "selskapet tar seg av distribusjon, ofte også finansiering og promotering, mot en "
                "andel av inntektene. Les kontrakten nøye.</li><li><strong>Digital "
                "distributør</strong>: du laster opp selv og beholder rettighetene til "
                "innspillingen. Distributørene tar enten en fast avgift eller en andel av "
                "inntektene.</li><li><strong>Eget selskap</strong>: du starter et lite "
                "plateselskap og samarbeider med en distributør. Da eier du innspillingene og "
                "står for alt arbeidet.</li></ul><p>Uavhengige norske plateselskaper er "
                "organisert i FONO, et godt sted å begynne hvis du leter etter et selskap som "
                "passer musikken din.</p>",
            ),
            ("heading", "Registrer rettighetene før utgivelsen"),
            (
                "text",
                "<p>For at pengene skal finne veien tilbake til deg, må både verket og "
                "innspillingen være registrert:</p><ul><li><strong>TONO</strong> forvalter "
                "rettighetene til låten på vegne av komponist, tekstforfatter og forlag. Meld inn "
                "verkene med riktige andeler.</li><li><strong>Gramo</strong> forvalter vederlag "
                "til utøvere og plateselskap når innspillingen spilles på radio og offentlig. "
                "Sørg for at alle som spiller på innspillingen, er registrert.</li><li><strong>"
                "ISRC</strong> er en unik kode for hver innspilling. Distributøren kan som regel "
                "tildele den, men koden må være riktig og følge sporet overalt.</li></ul>",
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": "Fordel låtandelene før du slipper",
                    "text": "<p>Bli enige om fordelingen av låtandeler mens alle husker hvem som "
                    "gjorde hva, og skriv det ned. Det er mye vanskeligere å bli enige etter at "
                    "låten har begynt å tjene penger.</p>",
                },
            ),
            ("heading", "Lag en utgivelsesplan"),
            (
                "text",
                "<p>Planlegg baklengs fra utgivelsesdatoen. Lever til distributøren i god tid – "
                "gjerne fire til seks uker før – så du rekker å pitche låten til spillelister og "
                "redaksjoner. Mange slipper flere singler før et album for å bygge publikum "
                "gradvis.</p>",
            ),
            (
                "checklist",
                {
                    "title": "Utgivelsesplanen din",
                    "items": [
                        "Ferdig master og omslag i riktig format",
                        "Metadata: artistnavn, titler, bidragsytere og ISRC",
                        "Verkene meldt inn til TONO, innspillingen registrert hos Gramo",
                        "Utgivelsesdato satt og levert til distributøren i god tid",
                        "Pressemelding, bilder og kort biografi klar",
                        "Plan for innhold i sosiale medier før og etter slipp",
                        "Releasekonsert eller strømmekonsert avtalt",
                    ],
                },
            ),
            ("heading", "Promotering uten stort budsjett"),
            (
                "text",
                "<p>Bruk kreftene på kanalene der publikummet ditt faktisk er. En e-postliste "
                "med fans er verdt mer enn mange følgere du ikke når. Kontakt lokale medier og "
                "radio, og bruk musikkontoret i regionen din til råd om nettverk, "
                "showcasemuligheter og lansering. Vil du satse internasjonalt, har Music Norway "
                "kunnskap og virkemidler for eksport.</p>",
            ),
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=Qm7xR2pLk4A",
                    "title": "Webinar: Fra ferdig miks til utgivelsesdag",
                    "caption": "Opptak fra et demowebinar om utgivelsesplaner, metadata og "
                    "pitching.",
                },
            ),
            (
                "links",
                {"title": "Les mer hos andre", "links": [_FONO, _TONO, _GRAMO, _MUSIC_NORWAY]},
            ),
        ],
    },
    {
        "id": "demo-metadata-og-isrc",
        "topic": "gi-ut-musikk",
        "language": "nb",
        "owner": "brak",
        "audiences": ["self-employed", "company"],
        "title": "Metadata og ISRC: slik finner pengene frem til deg",
        "summary": "Feil eller manglende metadata er en av de vanligste grunnene til at "
        "royalties havner feil. Slik holder du orden på koder, navn og andeler.",
        "reviewed": "2025-11-01",
        "review_months": 24,
        "body": [
            (
                "text",
                "<p>Metadata er opplysningene som følger musikken: hvem som har skrevet låten, "
                "hvem som spiller, hvem som eier innspillingen og hvilke koder som identifiserer "
                "den. Strømmetjenester, radiokanaler og vederlagsbyråer bruker disse dataene når "
                "de fordeler penger. Er de feil, kan vederlag bli liggende ufordelt eller havne "
                "hos feil person.</p>",
            ),
            ("heading", "ISRC og ISWC"),
            (
                "text",
                "<p><strong>ISRC</strong> (International Standard Recording Code) identifiserer "
                "én bestemt innspilling. En ny innspilling, en remiks eller en liveversjon skal "
                "ha sin egen ISRC. Distributøren kan som regel tildele koden, men du bør ta vare "
                "på den og bruke den samme koden overalt.</p><p><strong>ISWC</strong> "
                "identifiserer selve verket, altså låten. Den tildeles når verket registreres hos "
                "et forvaltningsselskap som TONO.</p>",
            ),
            (
                "qa",
                {
                    "question": "Vi har spilt inn låten på nytt. Kan vi bruke samme ISRC?",
                    "answer": "<p>Nei. ISRC følger innspillingen, ikke låten. En ny "
                    "innspilling, en remiks eller en liveversjon skal ha egen kode. Låten har "
                    "fortsatt samme ISWC.</p>",
                },
            ),
            ("heading", "Hva metadataene skal inneholde"),
            (
                "checklist",
                {
                    "title": "Minimum for hver innspilling",
                    "items": [
                        "Artistnavn, skrevet likt overalt",
                        "Låttittel og eventuell versjon, for eksempel «akustisk»",
                        "ISRC",
                        "Komponister og tekstforfattere med andeler",
                        "Alle medvirkende musikere og rollene deres",
                        "Eier av innspillingen (produsent eller plateselskap)",
                        "Utgivelsesdato og plateselskap",
                    ],
                },
            ),
            ("heading", "Split sheet: skriv ned hvem som eier hva"),
            (
                "text",
                "<p>Når flere skriver en låt sammen, bør dere fylle ut et enkelt skjema – et "
                "såkalt split sheet – med hvem som bidro og hvordan andelene fordeles. Signer "
                "mens alle er samlet. Skjemaet brukes når verket meldes inn til TONO, og det kan "
                "spare dere for konflikter senere.</p>",
            ),
            ("heading", "Sjekk etter utgivelsen"),
            (
                "text",
                "<p>Kontroller noen dager etter slipp at navn, krediteringer og koder vises "
                "riktig på strømmetjenestene. Sjekk også at verket er registrert hos TONO, og at "
                "du står oppført som utøver hos Gramo. Feil er enklest å rette tidlig, før "
                "vederlagene for perioden er fordelt.</p>",
            ),
            ("links", {"title": "Les mer hos andre", "links": [_TONO, _GRAMO, _FONO]}),
        ],
    },
    # --- Nye inntekter --------------------------------------------------------------------------
    {
        "id": "demo-nye-inntektsstrommer",
        "topic": "nye-inntekter",
        "language": "nb",
        "owner": "tempo",
        "audiences": ["self-employed", "company", "start-up"],
        "title": "Hvordan skape nye inntektsstrømmer?",
        "summary": "Konsertinntektene er sårbare, og strømmeinntektene er små for de fleste. "
        "Slik kan du bygge flere ben å stå på, og dette må du passe på med skatt, MVA og "
        "rettigheter.",
        "reviewed": "2026-04-10",
        "review_months": 12,
        "body": [
            (
                "text",
                "<p>Da konsertene stoppet opp under pandemien, ble det tydelig hvor avhengige "
                "mange musikere var av én type inntekt. Mange prøvde noe nytt: strømmekonserter, "
                "medlemsordninger, undervisning på nett. Noe var midlertidig, men mye har blitt en "
                "fast del av økonomien. Her er en oversikt over de vanligste inntektene utenom "
                "konserter og strømming.</p>",
            ),
            ("heading", "Strømmekonserter og digitale arrangementer"),
            (
                "text",
                "<p>En strømmekonsert med billettsalg kan gi inntekter fra publikum langt "
                "utenfor din egen by. Billettinntekter fra konserter er unntatt fra "
                "merverdiavgift, også når konserten strømmes. Husk at fremføring av musikk på "
                "nett krever lisens fra TONO. Les mer i artikkelen om strømmekonserter.</p>",
            ),
            ("heading", "Merch, fysiske utgivelser og folkefinansiering"),
            (
                "text",
                "<p>T-skjorter, vinyl og signerte plakater gir ofte bedre margin enn strømming. "
                "Men salg av varer er ikke unntatt fra MVA slik kunstnerisk fremføring er, og "
                "varesalget teller med når du vurderer om du har passert grensen for "
                "registrering. Driver du videresalg av varer, må enkeltpersonforetaket også "
                "registreres i Foretaksregisteret.</p><p>Folkefinansiering (crowdfunding) passer "
                "godt for et konkret prosjekt som et album. Gjør det klart hva støttespillerne "
                "får, og regn med kostnadene til belønninger og frakt før du setter "
                "målbeløpet.</p>",
            ),
            ("heading", "Sync, undervisning og medlemsordninger"),
            (
                "text",
                "<p><strong>Sync</strong> betyr at musikken din brukes i film, TV, reklame eller "
                "spill. Da må både eieren av innspillingen og rettighetshaverne til låten gi "
                "tillatelse, så det lønner seg å ha oversikt over rettighetene og kontaktinfo "
                "klar. Et musikkforlag kan hjelpe deg å finne slike muligheter.</p><p><strong>"
                "Undervisning</strong> – privattimer, workshops eller kurs på nett – gir en "
                "jevnere inntekt. Avklar om oppdraget skal lønnes som frilans eller faktureres "
                "fra ditt eget foretak.</p><p><strong>Medlemsordninger</strong>, der fans betaler "
                "et fast beløp i måneden for eksklusivt innhold, gir forutsigbarhet, men krever "
                "at du leverer jevnlig. Start i det små, og lov bare det du faktisk klarer å "
                "holde.</p>",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Sjekk skatt og MVA før du starter",
                    "text": "<p>Nye inntekter kan endre hvordan du bør organisere deg. Selger du "
                    "varer eller tjenester som ikke er unntatt, kan du bli MVA-pliktig. Snakk med "
                    "en regnskapsfører eller musikkontoret ditt hvis du er usikker.</p>",
                },
            ),
            (
                "qa",
                {
                    "question": "Hvilken ny inntekt bør jeg begynne med?",
                    "answer": "<p>Begynn med den som ligger nærmest det du allerede gjør, og som "
                    "du har et publikum for. Har du en trofast lokal fanskare, kan merch og en "
                    "medlemsordning fungere. Har du erfaring som pedagog, er undervisning ofte "
                    "raskest i gang. Prøv i liten skala i tre til seks måneder, og mål hva det "
                    "faktisk gir etter kostnader.</p>",
                },
            ),
            (
                "checklist",
                {
                    "title": "Før du lanserer en ny inntektskilde",
                    "items": [
                        "Regn på kostnader, tidsbruk og forventet inntekt",
                        "Avklar om inntekten er MVA-pliktig",
                        "Sjekk at du har rettighetene til musikken du bruker",
                        "Bestem om inntekten skal gå gjennom ENK-et eller utbetales som lønn",
                        "Sett en dato for å vurdere om det lønner seg",
                    ],
                },
            ),
            (
                "links",
                {
                    "title": "Les mer hos andre",
                    "links": [_SKATTEETATEN, _TONO, _FORETAKSREGISTERET],
                },
            ),
        ],
    },
    {
        "id": "demo-merch-og-crowdfunding",
        "topic": "nye-inntekter",
        "language": "nb",
        "owner": "sorf",
        "audiences": ["self-employed", "company"],
        "title": "Merch og folkefinansiering: praktiske råd",
        "summary": "Merch og folkefinansiering kan gi både inntekt og nærhet til publikum. Slik "
        "regner du på det, og dette må du vite om MVA og registrering.",
        "reviewed": "2026-06-25",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>For mange artister er merchbordet etter konserten en viktig inntekt, og "
                "folkefinansiering har gjort det mulig å finansiere album direkte med hjelp fra "
                "publikum. Begge deler krever at du tenker som en liten butikk: innkjøp, lager, "
                "frakt og regnskap.</p>",
            ),
            ("heading", "Regn på merch før du bestiller"),
            (
                "text",
                "<p>Start med få produkter i små opplag. Regn ut hva hvert produkt koster med "
                "frakt og gebyrer, og sett en pris som gir fortjeneste også når du selger færre "
                "enn du håper. Trykk på bestilling (print on demand) gir mindre risiko, men "
                "lavere margin. Ta med betalingsterminal og vekslepenger, og før salget inn i "
                "regnskapet etter hver konsert.</p>",
            ),
            ("heading", "MVA og Foretaksregisteret"),
            (
                "text",
                "<p>Salg av varer er avgiftspliktig, i motsetning til billetter og kunstnerisk "
                "fremføring. Passerer den avgiftspliktige omsetningen 50 000 kroner i løpet av "
                "tolv måneder, må du registrere deg i Merverdiavgiftsregisteret. Videresalg av "
                "varer gjør også at et enkeltpersonforetak må registreres i "
                "Foretaksregisteret.</p>",
            ),
            (
                "qa",
                {
                    "question": "Kan jeg selge merch under en strømmekonsert?",
                    "answer": "<p>Ja, mange legger inn en lenke til nettbutikken i sendingen. "
                    "Husk at det er to ulike salg: billetten er unntatt fra MVA, mens varesalget "
                    "er avgiftspliktig.</p>",
                },
            ),
            ("heading", "Folkefinansiering"),
            (
                "text",
                "<p>En kampanje fungerer best når den har et konkret mål – et album, en turné, "
                "en musikkvideo – og når du allerede har et publikum som vil hjelpe. Velg "
                "belønninger du faktisk klarer å levere, og ta med kostnadene til produksjon og "
                "frakt i målbeløpet. Hold støttespillerne oppdatert underveis; det er de som blir "
                "de mest lojale fansen dine.</p><p>Hvordan pengene skal behandles i skatt og MVA, "
                "avhenger av hva støttespillerne får igjen. Sjekk med en regnskapsfører før du "
                "lanserer.</p>",
            ),
            (
                "checklist",
                {
                    "title": "Før kampanjen går live",
                    "items": [
                        "Sett et realistisk mål og en tydelig tidsfrist",
                        "Regn med alle kostnader til belønningene",
                        "Lag en kort video som forklarer prosjektet",
                        "Planlegg oppdateringer gjennom hele kampanjen",
                        "Avklar skatt og MVA for belønningene",
                    ],
                },
            ),
            ("links", {"title": "Les mer hos andre", "links": [_MVA_GRENSE, _FORETAKSREGISTERET]}),
        ],
    },
    # --- Rettigheter og vederlag ----------------------------------------------------------------
    {
        "id": "demo-tono-og-gramo",
        "topic": "rettigheter-og-vederlag",
        "language": "nb",
        "owner": "sorf",
        "audiences": ["self-employed", "company", "organiser-venue"],
        "title": "TONO og Gramo: hva er forskjellen?",
        "summary": "TONO og Gramo forvalter ulike rettigheter og betaler ut til ulike personer. "
        "Slik vet du hvor du skal melde deg inn, og hva arrangører må betale for.",
        "reviewed": "2026-05-05",
        "review_months": 12,
        "body": [
            (
                "text",
                "<p>Mange blander sammen TONO og Gramo. Kort fortalt handler TONO om "
                "<em>låten</em> og Gramo om <em>innspillingen</em>. Den samme sangen kan gi "
                "vederlag fra begge – til ulike personer, eller til deg i flere roller.</p>",
            ),
            ("heading", "TONO: verket"),
            (
                "text",
                "<p>TONO representerer komponister, tekstforfattere og musikkforlag. Når en låt "
                "fremføres offentlig – på konsert, på radio eller i en butikk – skal det betales "
                "vederlag for bruken av verket. TONO gir lisens til bruken og fordeler pengene "
                "til dem som har skrevet låten.</p><p>Skriver du egne låter, bør du melde deg inn "
                "og registrere verkene med riktige andeler. Spiller du konserter med egne låter, "
                "bør du også rapportere dem, så pengene havner riktig.</p>",
            ),
            ("heading", "Gramo: innspillingen"),
            (
                "text",
                "<p>Gramo representerer utøvende musikere og produsenter, det vil si "
                "plateselskapene eller den som har finansiert innspillingen. Gramo krever inn "
                "vederlag når innspilt musikk spilles på radio, TV og offentlig, og fordeler det "
                "til dem som spiller på innspillingen og til den som eier den.</p><p>Merk at "
                "innspillingen må ha blitt spilt på radio før Gramo betaler ut noe. At låten "
                "ligger på strømmetjenestene, gir ikke i seg selv Gramo-vederlag.</p>",
            ),
            ("heading", "Hva må arrangører betale for?"),
            (
                "text",
                "<ul><li>Konserter med bare levende musikk: lisens fra TONO.</li><li>Innspilt "
                "musikk i offentlige lokaler, for eksempel før og etter konserten: både TONO og "
                "Gramo.</li><li>Strømmekonserter: egen lisens fra TONO, se artikkelen om "
                "strømmekonserter.</li></ul>",
            ),
            (
                "qa",
                {
                    "question": "Jeg har skrevet og spilt inn låten selv. Får jeg penger fra "
                    "begge?",
                    "answer": "<p>Ja, i prinsippet. Som låtskriver får du vederlag gjennom TONO, "
                    "og som utøver – og eier av innspillingen, hvis du har finansiert den – "
                    "gjennom Gramo. Det forutsetter at du er registrert begge steder, og at "
                    "musikken faktisk brukes på en måte som utløser vederlag.</p>",
                },
            ),
            (
                "checklist",
                {
                    "title": "Sjekkliste for låtskrivere og utøvere",
                    "items": [
                        "Meld deg inn i TONO hvis du skriver musikk eller tekst",
                        "Registrer alle verk med riktige andeler og medopphavere",
                        "Registrer deg hos Gramo som utøver",
                        "Sørg for at innspillingen registreres med ISRC og alle medvirkende",
                        "Rapporter konsertene dine til TONO",
                    ],
                },
            ),
            (
                "links",
                {
                    "title": "Les mer hos andre",
                    "links": [
                        {
                            "title": "TONO: Spørsmål og svar for kunder",
                            "url": "https://www.tono.no/en/faq_category/tono-faq-for-customers/"
                            "page/3/",
                            "description": "Når arrangører trenger lisens fra TONO.",
                        },
                        {
                            "title": "Gramo: Spørsmål og svar",
                            "url": "https://www.gramo.no/sporsmal-svar/category/Generelt",
                            "description": "Hvem Gramo representerer, og når det utbetales "
                            "vederlag.",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "id": "demo-kontrakter-og-forlag",
        "topic": "rettigheter-og-vederlag",
        "language": "nb",
        "owner": "star",
        "audiences": ["self-employed", "company"],
        "title": "Kontrakter med plateselskap og musikkforlag: hva bør du se etter?",
        "summary": "En plate- eller forlagskontrakt kan binde deg i mange år. Her er "
        "spørsmålene du bør stille før du signerer, og hvor du kan få hjelp.",
        "reviewed": "2025-12-05",
        "review_months": 24,
        "body": [
            (
                "text",
                "<p>Når et plateselskap eller et musikkforlag vil jobbe med deg, er det et godt "
                "tegn. Men kontrakten avgjør hvem som eier hva, hvordan inntektene deles og hvor "
                "lenge du er bundet. Les den nøye, og signer ikke noe du ikke forstår.</p>",
            ),
            ("heading", "Platekontrakt: innspillingen"),
            (
                "text",
                "<p>En platekontrakt handler om rettighetene til innspillingen, ofte kalt "
                "masteren. Sentrale spørsmål er:</p><ul><li>Hvem eier innspillingene, og går de "
                "eventuelt tilbake til deg etter en tid?</li><li>Hvor stor andel av inntektene "
                "får du, og hvilke kostnader trekkes fra først?</li><li>Hvor mange utgivelser "
                "forplikter du deg til, og for hvor lang tid?</li><li>Gjelder avtalen hele "
                "verden eller bestemte land?</li></ul>",
            ),
            ("heading", "Forlagskontrakt: låtene"),
            (
                "text",
                "<p>Et musikkforlag arbeider med låtene dine: registrering, innkreving av "
                "vederlag fra utlandet, sync og samarbeid med andre låtskrivere. Til gjengjeld "
                "får forlaget en andel av inntektene fra verkene. Spør hvor lenge forlaget har "
                "rettighetene, hva det konkret vil gjøre med låtene, og om du kan få rettighetene "
                "tilbake hvis ingenting skjer.</p>",
            ),
            (
                "qa",
                {
                    "question": "Må jeg ha et forlag for å få penger fra TONO?",
                    "answer": "<p>Nei. Som medlem av TONO får du din egen andel av vederlaget "
                    "utbetalt direkte. Et forlag kan jobbe aktivt med låtene dine og hjelpe med "
                    "inntekter fra utlandet, men tar en andel for det.</p>",
                },
            ),
            ("heading", "Hvem kan hjelpe?"),
            (
                "text",
                "<p>Du trenger ikke stå alene. Fagforbund og interesseorganisasjoner som Creo, "
                "GramArt, Norsk Artistforbund, NOPA og Norsk Komponistforening gir råd til "
                "medlemmene sine – spør organisasjonen din hva slags hjelp den tilbyr. "
                "Uavhengige plateselskaper er organisert i FONO, og musikkontoret i regionen din "
                "kan hjelpe deg å forstå hovedpunktene i en avtale.</p>",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Ikke signer under tidspress",
                    "text": "<p>En seriøs motpart gir deg tid til å lese kontrakten og få råd. "
                    "Blir du presset til å signere raskt, er det et faresignal.</p>",
                },
            ),
            (
                "links",
                {"title": "Les mer hos andre", "links": [_CREO_ORGANISASJONER, _FONO, _TONO]},
            ),
        ],
    },
    # --- Konserter – live og strøm --------------------------------------------------------------
    {
        "id": "demo-strommekonserter",
        "topic": "konserter-live-og-strom",
        "language": "nb",
        "owner": "ryk",
        "audiences": ["self-employed", "organiser-venue", "company"],
        "title": "Strømmekonserter: lisens, billetter og praktiske valg",
        "summary": "En strømmekonsert er en konsert, men med egne regler for rettigheter. Her er "
        "det du må avklare med TONO, det som gjelder for billettsalget, og hvordan du lager en "
        "sending folk vil betale for.",
        "reviewed": "2026-08-20",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>Strømmekonserter ble for alvor vanlige under koronapandemien, og mange "
                "artister og arrangører fortsetter med dem: som et tillegg til fysiske "
                "konserter, for å nå publikum langt unna, eller som releasekonsert. Teknisk er "
                "terskelen lav. Rettighetene og økonomien krever mer planlegging.</p>",
            ),
            ("heading", "Lisens fra TONO"),
            (
                "text",
                "<p>Når musikk fremføres på nett, trenger du tillatelse fra rettighetshaverne "
                "til låtene. TONO har gitt lisens til direktesendte konserter siden 1996. "
                "Hovedtariffen er 12 prosent av omsetningen, med et minstebeløp som avhenger av "
                "arrangementet. Spiller du bare egne låter, må du likevel avklare lisensen, fordi "
                "TONO forvalter rettighetene på vegne av alle medlemmene – også deg.</p><p>Våren "
                "2020 ble ikke-kommersielle sendinger på enkelte plattformer regnet som dekket "
                "av TONOs avtaler med plattformene, og det kom en midlertidig koronatariff. Det "
                "var en unntakssituasjon. Sjekk alltid TONOs veiledning for hva som gjelder "
                "nå.</p>",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Innspilt musikk i sendingen",
                    "text": "<p>Spiller du av innspilt musikk i sendingen, for eksempel i "
                    "pausen, trenger du også tillatelse for selve innspillingen, ikke bare for "
                    "låten. Det enkleste er å holde sendingen til levende musikk.</p>",
                },
            ),
            ("heading", "Billetter og MVA"),
            (
                "text",
                "<p>Billetter til konserter er unntatt fra merverdiavgift, også når konserten "
                "strømmes. Selger du i tillegg merch, kan den delen være avgiftspliktig. Velg en "
                "billettløsning som gir deg god oversikt over salget, fordi TONO-vederlaget "
                "beregnes ut fra omsetningen.</p>",
            ),
            ("heading", "Avtaler med musikere og teknikere"),
            (
                "text",
                "<p>Er du arrangør, gjelder de samme pliktene som ved en fysisk konsert: "
                "musikere som ikke fakturerer fra eget foretak, skal ha honoraret rapportert i "
                "A-meldingen. Avtal også skriftlig hvem som eier opptaket, hvor lenge det kan "
                "ligge ute, og om det kan selges videre.</p>",
            ),
            (
                "checklist",
                {
                    "title": "Før sendingen",
                    "items": [
                        "Søk om lisens fra TONO og ha settlisten klar",
                        "Avklar rettighetene til opptaket og hvor lenge sendingen skal ligge ute",
                        "Test lyd, bilde og nettforbindelse på stedet",
                        "Ha en reserveplan hvis sendingen faller ut",
                        "Lag skriftlige avtaler med alle medvirkende",
                        "Ta vare på salgstallene til rapporteringen",
                    ],
                },
            ),
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=Zk4bN7cRd1M",
                    "title": "Teknisk oppsett for strømmekonserter",
                    "caption": "Demo: lyd, kamera og nettverk for en liten strømmekonsert.",
                },
            ),
            (
                "links",
                {
                    "title": "Les mer hos andre",
                    "links": [
                        _TONO_STROMMING,
                        {
                            "title": "Skatteetaten: Unntaket for billetter til konserter",
                            "url": "https://www.skatteetaten.no/nn/rettskjelder/type/handboker/"
                            "merverdiavgiftshandboken/gjeldende/M-3/M-3-7/M-3-7.3/",
                            "description": "Billetter til konserter er unntatt, også når "
                            "konserten strømmes.",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "id": "demo-konsertavtale",
        "topic": "konserter-live-og-strom",
        "language": "nb",
        "owner": "sorf",
        "audiences": ["organiser-venue", "self-employed", "company"],
        "title": "Konsertavtalen: dette bør stå i den",
        "summary": "En god konsertavtale forebygger konflikter om honorar, kapasitet og "
        "avlysning. Standardvilkårene fra Norske Konsertarrangører er et godt utgangspunkt.",
        "reviewed": "2025-10-15",
        "review_months": 24,
        "body": [
            (
                "text",
                "<p>Mange konserter avtales fortsatt på e-post eller telefon. Det går bra helt "
                "til noe går galt. En skriftlig konsertavtale gjør det klart hva hver part har "
                "lovet, og gjør det lettere å løse uenigheter uten å ødelegge samarbeidet.</p>",
            ),
            ("heading", "NKAs standardvilkår"),
            (
                "text",
                "<p>Norske Konsertarrangører (NKA) har laget anbefalte generelle betingelser for "
                "konsertavtaler. To eksempler:</p><ul><li>Arrangøren kan ikke ensidig endre "
                "kapasiteten på konserten.</li><li>Når arrangøren er ukjent for artisten, kan "
                "artisten kreve sikkerhet, for eksempel forskudd eller garanti.</li></ul><p>Mange "
                "bruker vilkårene som vedlegg til en kort avtale der de konkrete punktene fylles "
                "inn.</p>",
            ),
            ("heading", "Punktene du må ha med"),
            (
                "checklist",
                {
                    "title": "I konsertavtalen",
                    "items": [
                        "Dato, sted, spilletid og lengden på konserten",
                        "Honorar, eventuell billettandel og betalingstidspunkt",
                        "Om musikerne fakturerer eller skal lønnes via A-meldingen",
                        "Teknisk rider, backline og lydtekniker",
                        "Reise, overnatting og mat",
                        "Kapasitet og billettpris",
                        "Avlysning, force majeure og flytting av dato",
                        "Opptak, strømming og bruk av bilder",
                    ],
                },
            ),
            ("heading", "Honorar og betaling"),
            (
                "text",
                "<p>Skriv tydelig om honoraret er fast, en andel av billettinntektene eller en "
                "kombinasjon – og hvilke utgifter som trekkes fra før en eventuell deling. Avtal "
                "når betalingen skal skje. Kunstnerisk fremføring er unntatt fra merverdiavgift, "
                "så det skal normalt ikke legges MVA på honoraret for selve konserten.</p>",
            ),
            (
                "qa",
                {
                    "question": "Hvem skal betale TONO-vederlaget?",
                    "answer": "<p>Det er arrangøren som skal ha lisens fra TONO for konserten. "
                    "Strømmes konserten, trengs det egen lisens for sendingen. Skriv uansett i "
                    "avtalen hvem som står for rapporteringen og betalingen.</p>",
                },
            ),
            ("heading", "Når arrangøren er ny for deg"),
            (
                "text",
                "<p>Slå opp arrangøren i Enhetsregisteret, snakk med andre artister som har "
                "spilt der, og be om forskudd eller garanti hvis du er usikker. Musikkontoret i "
                "regionen din kan gi råd om vanlige vilkår og om hvordan du går frem.</p>",
            ),
            ("links", {"title": "Les mer hos andre", "links": [_BRREG, _CREO_ORGANISASJONER]}),
        ],
    },
    {
        "id": "demo-sikkerhet-pa-konserter",
        "topic": "konserter-live-og-strom",
        "language": "nb",
        "owner": "ryk",
        "audiences": ["organiser-venue", "municipality"],
        "title": "Sikkerhet på konserter: planlegging for små og store arrangører",
        "summary": "Publikumssikkerhet handler om planlegging, ikke bare om vakter. Her er de "
        "viktigste spørsmålene å stille før dørene åpner, enten du venter 50 eller 5 000 "
        "gjester.",
        "reviewed": "2025-10-01",
        "review_months": 12,
        "body": [
            (
                "text",
                "<p>Som arrangør har du ansvar for at publikum, artister og frivillige er trygge. "
                "Kravene varierer med størrelsen på arrangementet og stedet, og kommunen, "
                "brannvesenet og politiet kan ha egne krav. Det viktigste grepet er likevel det "
                "samme for alle: tenk gjennom hva som kan gå galt, og bestem på forhånd hva dere "
                "gjør da.</p>",
            ),
            ("heading", "Risikovurdering"),
            (
                "text",
                "<p>Lag en enkel risikovurdering før hvert arrangement. Gå gjennom lokalet og "
                "programmet, og still spørsmål som:</p><ul><li>Hvor mange kan være i lokalet "
                "samtidig, og hvordan teller vi?</li><li>Hvor er nødutgangene, og er de "
                "frie?</li><li>Hva gjør vi ved brann, strømbrudd, trengsel eller en alvorlig "
                "skade?</li><li>Hvem har myndighet til å stoppe konserten hvis noe skjer?</li>"
                "</ul><p>Skriv ned svarene, og del dem med alle som jobber på "
                "arrangementet.</p>",
            ),
            ("heading", "Roller og beskjeder"),
            (
                "text",
                "<p>Utpek en sikkerhetsansvarlig for hvert arrangement. Sørg for at artisten og "
                "lydteknikeren vet hvordan en stoppbeskjed gis, og at det finnes en kort tekst "
                "som kan leses fra scenen ved evakuering. Alle i mannskapet må vite hvem de "
                "rapporterer til.</p>",
            ),
            ("heading", "Trygghet for publikum"),
            (
                "text",
                "<p>Sikkerhet handler også om trygghet: tiltak mot trakassering, et tydelig sted "
                "å henvende seg, god belysning ved inn- og utgang og tilgang på drikkevann. "
                "Universell utforming gjør at flere kan delta trygt – tenk på plass til "
                "rullestoler, rømningsveier alle kan bruke og informasjon som er lett å "
                "forstå.</p>",
            ),
            (
                "checklist",
                {
                    "title": "Før dørene åpner",
                    "items": [
                        "Kapasiteten er kjent, og tellingen er organisert",
                        "Nødutgangene er merket og frie",
                        "Sikkerhetsansvarlig er utpekt og kjent for alle",
                        "Stoppbeskjed og evakueringstekst er avtalt med scenen",
                        "Førstehjelpsutstyr er på plass",
                        "Nødvendige tillatelser fra kommune, brannvesen eller politi er avklart",
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Ta kontakt med kommunen tidlig",
                    "text": "<p>Kravene til tillatelser varierer mellom kommuner og mellom typer "
                    "arrangementer, særlig for utendørskonserter og arrangementer med skjenking. "
                    "Ta kontakt tidlig, så rekker du å oppfylle dem.</p>",
                },
            ),
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=Tr5wGx9mJ2Q",
                    "title": "Risikovurdering for små spillesteder",
                    "caption": "Demoopptak: en gjennomgang av risikovurdering på 20 minutter.",
                },
            ),
        ],
    },
    # --- Krise og kompensasjon ------------------------------------------------------------------
    {
        "id": "demo-avlyste-konserter",
        "topic": "krise-og-kompensasjon",
        "language": "nb",
        "owner": "star",
        "audiences": ["self-employed", "organiser-venue", "company"],
        "title": "Når konserten avlyses: en kriseplan for musikere og arrangører",
        "summary": "Avlysninger skjer – på grunn av sykdom, vær, svakt billettsalg eller større "
        "kriser. Med riktige avtaler og en enkel kriseplan står du sterkere når det skjer.",
        "reviewed": "2026-03-20",
        "review_months": 12,
        "body": [
            (
                "text",
                "<p>Koronapandemien viste hvor sårbart konsertlivet er. Nesten alle arrangementer "
                "forsvant på kort tid, og mange musikere og arrangører sto uten inntekter. Men "
                "avlysninger skjer også i normale tider: en musiker blir syk, et uvær stenger "
                "veien, eller billettsalget er for svakt. Den som har tenkt gjennom situasjonen "
                "på forhånd, har flere valg når den oppstår.</p>",
            ),
            ("heading", "Start med avtalen"),
            (
                "text",
                "<p>Det viktigste krisetiltaket er en skriftlig avtale som sier hva som skjer "
                "ved avlysning. Norske Konsertarrangører (NKA) har laget anbefalte "
                "standardvilkår for konsertavtaler som mange bruker som utgangspunkt. Avtalen "
                "bør si noe om:</p><ul><li>hvem som kan avlyse, og innen hvilken frist,</li><li>"
                "hva som skal betales ved avlysning fra hver av partene,</li><li>hva som regnes "
                "som force majeure, altså hendelser ingen av partene rår over,</li><li>om "
                "konserten kan flyttes til en ny dato i stedet.</li></ul>",
            ),
            ("heading", "Når det skjer"),
            (
                "checklist",
                {
                    "title": "Kriseplan ved avlysning",
                    "items": [
                        "Varsle motparten skriftlig så raskt som mulig",
                        "Les avtalen og finn ut hvilke punkter som gjelder",
                        "Informer publikum om refusjon eller ny dato",
                        "Avbestill reise og overnatting, og ta vare på kvitteringene",
                        "Dokumenter tapte inntekter og påløpte kostnader",
                        "Vurder om konserten kan gjennomføres som strømmekonsert",
                    ],
                },
            ),
            (
                "qa",
                {
                    "question": "Har jeg krav på honorar når arrangøren avlyser?",
                    "answer": "<p>Det kommer an på avtalen. Uten en skriftlig avtale er det "
                    "vanskelig å kreve noe. Står det i avtalen hva som skal betales ved "
                    "avlysning, er det utgangspunktet. Skyldes avlysningen force majeure, faller "
                    "kravet ofte bort. Kontakt fagforbundet ditt eller musikkontoret for råd i "
                    "den konkrete saken.</p>",
                },
            ),
            ("heading", "Dokumentasjon er gull verdt"),
            (
                "text",
                "<p>Under pandemien kom det kompensasjonsordninger for avlyste arrangementer, og "
                "for å få kompensasjon måtte man kunne vise hva som var avtalt og hva som gikk "
                "tapt. Ordningene er avsluttet, men lærdommen gjelder fortsatt: ta vare på "
                "kontrakter, e-poster, budsjetter og kvitteringer. Kommer det nye ordninger i en "
                "fremtidig krise, er det dette du må kunne legge frem.</p>",
            ),
            ("heading", "Forsikring og buffer"),
            (
                "text",
                "<p>Arrangører kan vurdere avlysningsforsikring for større arrangementer. Les "
                "vilkårene nøye og sjekk hva som er unntatt, for eksempel om smittsomme "
                "sykdommer er dekket. For musikere er en økonomisk buffer og flere inntektskilder "
                "den beste forsikringen.</p>",
            ),
            ("links", {"title": "Les mer hos andre", "links": [_CREO_ORGANISASJONER]}),
        ],
    },
    {
        "id": "demo-koronaordninger-erfaringer",
        "topic": "krise-og-kompensasjon",
        "language": "nb",
        "owner": "most",
        "audiences": ["organiser-venue", "self-employed", "company"],
        "title": "Kompensasjonsordningene under pandemien – og hva vi lærte",
        "summary": "Under koronapandemien fikk kulturfeltet egne kompensasjons- og "
        "stimuleringsordninger. De er avsluttet, men erfaringene er nyttige hvis en ny krise "
        "rammer.",
        "reviewed": "2025-09-10",
        "review_months": 12,
        "body": [
            (
                "text",
                "<p>Da samfunnet stengte ned i mars 2020, forsvant konsertinntektene nesten over "
                "natten. Musikkbransjen organiserte seg raskt: musikkontorene samlet informasjon "
                "og svar i ressursbanken Musikkhjemmekontoret, og Musikkindustriens Næringsråd "
                "kartla tapene og arbeidet for ordninger som passet bransjen.</p>",
            ),
            ("heading", "Ordningene som fantes"),
            (
                "text",
                "<ul><li><strong>Kompensasjonsordningen for avlyste arrangementer</strong> ga "
                "kompensasjon til arrangører og underleverandører. Den ble først forvaltet av "
                "Kulturrådet og ble fra november 2021 flyttet til Lotteri- og "
                "stiftelsestilsynet.</li><li><strong>Stimuleringsordningen</strong> skulle få "
                "arrangementer i gang igjen. For perioden juli–oktober 2021 ble artisthonoraret "
                "som kunne regnes med, begrenset til 50 000 kroner per arrangement.</li></ul><p>"
                "Begge ordningene er avsluttet, og det er ikke mulig å søke på dem i dag.</p>",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Ikke søk på gamle ordninger",
                    "text": "<p>Du kan fortsatt finne omtaler og søknadsskjemaer fra pandemien "
                    "på nett. De gjelder ikke lenger. Sjekk alltid dato og status før du bruker "
                    "tid på en ordning.</p>",
                },
            ),
            ("heading", "Hva vi lærte"),
            (
                "text",
                "<p>Ordningene kom raskt, men de krevde dokumentasjon: for å få kompensasjon "
                "måtte man vise hva som var avtalt, og hva som gikk tapt. Særlig for dem med "
                "blandet inntekt – lønn, frilanshonorarer og næringsinntekt – kan det være "
                "vanskelig å se hvilken ordning som gjelder. Et tydelig skille mellom rollene "
                "gjør det enklere.</p><p>Krisen viste også verdien av samarbeid. Bransjen sto "
                "sterkere når organisasjonene kunne legge frem felles tall og snakke med én "
                "stemme.</p>",
            ),
            ("heading", "Slik forbereder du deg på neste krise"),
            (
                "checklist",
                {
                    "title": "Beredskap i hverdagen",
                    "items": [
                        "Bruk skriftlige avtaler med punkter om avlysning",
                        "Hold regnskapet oppdatert måned for måned",
                        "Skill tydelig mellom lønn, frilanshonorar og næringsinntekt",
                        "Ta vare på budsjettene for planlagte arrangementer",
                        "Meld deg på nyhetsbrev fra musikkontoret og bransjeorganisasjonene dine",
                    ],
                },
            ),
            (
                "qa",
                {
                    "question": "Hvor finner jeg informasjon om nye ordninger hvis en ny krise "
                    "kommer?",
                    "answer": "<p>Følg med hos Kulturdirektoratet, musikkontoret i regionen din "
                    "og bransjeorganisasjonene. Her på samspill oppdaterer redaksjonen temaet "
                    "«Krise og kompensasjon» når nye ordninger blir kjent.</p>",
                },
            ),
            (
                "links",
                {
                    "title": "Les mer hos andre",
                    "links": [
                        {
                            "title": "Kulturdirektoratet: Kompensasjonsordningen for "
                            "underleverandører",
                            "url": "https://kulturdirektoratet.no/stotteordning/-/vis/"
                            "kompensasjonsordning-for-underleverandorer",
                            "description": "Omtale av den avsluttede ordningen.",
                        },
                        {
                            "title": "Musikkindustriens Næringsråd: Statusrapport våren 2020",
                            "url": "https://www.musikkindustrien.no/2020/04/01/"
                            "statusrapport-fra-musikkindustriens-naeringsrad-uke-14/",
                            "description": "Bransjens egen statusrapport fra de første ukene "
                            "av krisen.",
                        },
                    ],
                },
            ),
        ],
    },
    # --- Støtte og finansiering -----------------------------------------------------------------
    {
        "id": "demo-kulturradet-stipend",
        "topic": "stotte-og-finansiering",
        "language": "nb",
        "owner": "brak",
        "audiences": ["self-employed", "student"],
        "title": "Stipend fra Statens kunstnerstipend og støtte fra Kulturrådet",
        "summary": "Arbeidsstipend og diversestipend er blant de viktigste ordningene for "
        "enkeltmusikere. Slik fungerer de, og dette bør du vite før fristen i oktober.",
        "reviewed": "2026-09-01",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>Mange sier «Kulturrådet» om all statlig kulturstøtte. Siden 1. januar 2023 "
                "heter den statlige etaten Kulturdirektoratet, mens Kulturrådet er rådet som "
                "forvalter Norsk kulturfond. Kulturdirektoratet er også sekretariat for Statens "
                "kunstnerstipend, som er ordningen de fleste enkeltmusikere søker på.</p>",
            ),
            ("heading", "Arbeidsstipend"),
            (
                "text",
                "<p>Arbeidsstipend gis for ett til fem år og skal gjøre det mulig å arbeide "
                "kunstnerisk over tid. Stipendet er skattepliktig. Søknadene behandles av "
                "komiteer for de ulike kunstnergruppene – det er 23 slike komiteer – og "
                "konkurransen er hard.</p>",
            ),
            ("heading", "Diversestipend"),
            (
                "text",
                "<p>Diversestipend er mindre stipender på inntil 100 000 kroner. Stipendet "
                "rapporteres til skattemyndighetene, men det trekkes ikke skatt når det "
                "utbetales. Spør Skatteetaten eller en regnskapsfører om hvordan det skal føres "
                "i skattemeldingen din.</p>",
            ),
            ("heading", "Frist og krav"),
            (
                "text",
                "<p>Søknadsfristen er i midten av oktober. Studenter som studerer mer enn 50 "
                "prosent, kan ikke få stipend. Les kravene for din kunstnergruppe, og beskriv "
                "konkret hva du vil bruke stipendet til.</p>",
            ),
            (
                "callout",
                {
                    "kind": "tip",
                    "title": "Skriv for en travel komité",
                    "text": "<p>Komiteen leser mange søknader. Vær konkret: Hva skal du gjøre, "
                    "når, og hvorfor er det viktig for den kunstneriske utviklingen din? Legg "
                    "ved lenker til musikk som viser hvor du står nå.</p>",
                },
            ),
            (
                "qa",
                {
                    "question": "Hva er forskjellen på Statens kunstnerstipend og Norsk "
                    "kulturfond?",
                    "answer": "<p>Statens kunstnerstipend gir stipend til enkeltkunstnere. Norsk "
                    "kulturfond, som forvaltes av Kulturrådet, gir tilskudd til kunstneriske "
                    "prosjekter og tiltak. Begge administreres av Kulturdirektoratet, men de har "
                    "egne ordninger, krav og frister.</p>",
                },
            ),
            (
                "checklist",
                {
                    "title": "Før du søker",
                    "items": [
                        "Les kravene for din kunstnergruppe",
                        "Beskriv prosjektet og tidsplanen konkret",
                        "Lag et realistisk budsjett hvis ordningen krever det",
                        "Legg ved lenker til relevant musikk",
                        "Send inn i god tid før fristen",
                        "Sjekk at du ikke studerer mer enn 50 prosent",
                    ],
                },
            ),
            (
                "links",
                {
                    "title": "Les mer hos andre",
                    "links": [
                        {
                            "title": "Kulturdirektoratet: Arbeidsstipend",
                            "url": "https://www.kulturradet.no/stotteordning/-/vis/arbeidsstipend",
                            "description": "Krav, varighet og frist for arbeidsstipend.",
                        },
                        {
                            "title": "Kulturdirektoratet: Diversestipend",
                            "url": "https://www.kulturradet.no/stotteordning/-/vis/diversestipend",
                            "description": "Krav og frist for diversestipend.",
                        },
                        {
                            "title": "Kulturdirektoratet",
                            "url": "https://www.kulturdirektoratet.no/",
                            "description": "Oversikt over støtteordninger fra Norsk kulturfond "
                            "og andre fond.",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "id": "demo-ffuk-og-musikkfondene",
        "topic": "stotte-og-finansiering",
        "language": "nb",
        "owner": "oks",
        "audiences": ["self-employed", "organiser-venue", "company"],
        "title": "FFUK, Musikkfondene og andre støtteordninger for musikere",
        "summary": "Utenom statens stipender finnes det flere fond som støtter konserter, "
        "turneer, bestillingsverk og utstyr. Her er de viktigste, og hva de krever.",
        "reviewed": "2026-04-20",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>Støttesystemet for musikk i Norge består av mange ordninger med ulike formål "
                "og frister. Det lønner seg å kjenne de viktigste, og å søke der prosjektet ditt "
                "passer best. Flere ordninger krever at du søker før prosjektet starter, så "
                "søknadene må inn i planen tidlig.</p>",
            ),
            ("heading", "Fond for utøvende kunstnere (FFUK)"),
            (
                "text",
                "<p>FFUK støtter honorarer til profesjonelle utøvende kunstnere som bor og i "
                "hovedsak arbeider i Norge. Prosjektstøtte til konserter og turneer gis som "
                "underskuddsgaranti: pengene utbetales etter at du har levert rapport og "
                "regnskap. Søknaden må være kommet inn før prosjektet starter.</p><p>Fra 2023 kan "
                "FFUK også støtte lanseringskonserter, men bare for album som FFUK har støttet, "
                "og det er innført delvis refusjon for grønne reiser.</p>",
            ),
            ("heading", "Musikkfondene"),
            (
                "text",
                "<p>Det norske komponistfond gir bestillingshonorar for ny musikk, med frister "
                "omtrent i mars og oktober. Komponistenes vederlagsfond gir arbeids-, reise-, "
                "utstyrs- og fordypningsstipend. Mange omtaler disse samlet som "
                "«Musikkfondet».</p>",
            ),
            ("heading", "TONO-stipendet og kulturelle midler"),
            (
                "text",
                "<p>Inntil 10 prosent av TONOs inntekter går til kulturelle formål: "
                "TONO-stipendet, Unge Talenter og gruppeforeningene NOPA, Norsk "
                "Komponistforening og Musikkforleggerne. For TONO-stipendet er det normalt et "
                "krav at du har hatt en gjennomsnittlig avregning fra TONO på minst 5 000 kroner "
                "i året de siste tre årene.</p>",
            ),
            ("heading", "Utstyr og lokaler: Kulturrom"),
            (
                "text",
                "<p>Kulturrom, tidligere Musikkutstyrsordningen (MUO), er en nasjonal ordning "
                "som gir tilskudd til utstyr for fremføring og øving, til akustikk og bygg og "
                "til øvingsbokser. Sjekk hvem som kan søke på de ulike delene av ordningen.</p>",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Søk før du starter",
                    "text": "<p>FFUKs prosjektstøtte krever at søknaden er sendt før prosjektet "
                    "begynner, og underskuddsgarantien betyr at du må kunne legge ut for "
                    "utgiftene selv. Planlegg både søknader og likviditet fra starten.</p>",
                },
            ),
            (
                "links",
                {
                    "title": "Les mer hos andre",
                    "links": [
                        {
                            "title": "Fond for utøvende kunstnere",
                            "url": "https://www.ffuk.no/hjem.60435.no.html",
                            "description": "Prosjektstøtte, frister og krav.",
                        },
                        {
                            "title": "Musikkfondene: Det norske komponistfond",
                            "url": "https://www.musikkfondene.no/fondene/det-norske-komponistfond/"
                            "sokerveiledning/",
                            "description": "Søkerveiledning for bestillingshonorar.",
                        },
                        {
                            "title": "TONO: Kulturelle midler",
                            "url": "https://www.tono.no/om-tono/kulturelle-midler/",
                            "description": "TONO-stipendet og andre tildelinger.",
                        },
                        {
                            "title": "Altinn: Musikkutstyrsordningen (Kulturrom)",
                            "url": "https://info.altinn.no/nn/starte-og-drive/stotteordningar/"
                            "musikkutstyrsordninga-muo/",
                            "description": "Tilskudd til utstyr, akustikk og øvingslokaler.",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "id": "demo-innovasjon-og-oppstart",
        "topic": "stotte-og-finansiering",
        "language": "nb",
        "owner": "most",
        "audiences": ["start-up", "company"],
        "title": "Finansiering for oppstartsselskaper i musikkbransjen",
        "summary": "Bygger du et musikkteknologiselskap eller en ny tjeneste for bransjen? "
        "Innovasjon Norge kan gi tilskudd, men kravet er innovasjon – ikke ny kunst.",
        "reviewed": "2026-03-15",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>Musikkfeltet har mange gode ideer til nye tjenester, apper og "
                "forretningsmodeller. Støtteordningene for kultur er likevel i hovedsak rettet "
                "mot kunstnerisk produksjon, så gründere i skjæringspunktet mellom musikk og "
                "teknologi må ofte se mot næringsrettede virkemidler. Der er Innovasjon Norge en "
                "sentral aktør.</p>",
            ),
            ("heading", "Oppstartstilskudd"),
            (
                "text",
                "<p>Innovasjon Norges oppstartstilskudd 2 kan dekke inntil 50 prosent av "
                "godkjente kostnader, med inntil 1 million kroner utbetalt i milepæler. "
                "Ordningen er for selskaper som er yngre enn tre år, unntaksvis fem. Du må ha et "
                "registrert selskap med organisasjonsnummer.</p>",
            ),
            ("heading", "Innovasjon er kravet"),
            (
                "text",
                "<p>Kriteriene for kulturell og kreativ næring bygger på EØS-regler. Prosjektet "
                "må innebære innovasjon – et nytt produkt, en ny tjeneste eller en ny "
                "forretningsmodell. Innovasjon i selve kunstformen, som en ny sjanger eller et "
                "nytt kunstnerisk uttrykk, regnes ikke med. Beskriv derfor hva som er nytt for "
                "markedet, ikke for publikum.</p>",
            ),
            (
                "qa",
                {
                    "question": "Kan et nytt plateselskap få oppstartstilskudd?",
                    "answer": "<p>Et ungt selskap kan søke, men det må vise at noe ved "
                    "virksomheten er innovativt – for eksempel en ny måte å nå publikum på eller "
                    "en ny tjeneste. Det holder ikke at musikken er ny og god.</p>",
                },
            ),
            ("heading", "Andre aktører og nettverk"),
            (
                "text",
                "<p>Music Norway arbeider med eksport av norsk musikk og med kunnskap om feltet, "
                "og kan være relevant når du skal ut i verden. Musikkontorene kan hjelpe deg å "
                "finne nettverk og samarbeidspartnere i regionen. Kulturdirektoratets tidligere "
                "ordning «Kreativ næring – næringsutvikling» ble avviklet i 2023, så ikke legg "
                "planer etter den.</p>",
            ),
            (
                "checklist",
                {
                    "title": "Før du søker Innovasjon Norge",
                    "items": [
                        "Beskriv problemet du løser, og for hvem",
                        "Forklar hva som er nytt sammenlignet med det som finnes",
                        "Lag en budsjett- og milepælsplan",
                        "Sjekk at selskapet er yngre enn tre år",
                        "Vis hvordan dere finansierer resten av kostnadene",
                    ],
                },
            ),
            (
                "links",
                {
                    "title": "Les mer hos andre",
                    "links": [
                        {
                            "title": "Innovasjon Norge: Oppstartstilskudd 2",
                            "url": "https://www.innovasjonnorge.no/tjeneste/oppstartstilskudd-2",
                            "description": "Vilkår, beløp og søknad.",
                        },
                        {
                            "title": "Innovasjon Norge: Kvalifikasjoner",
                            "url": "https://www.innovasjonnorge.no/artikkel/kvalifikasjoner",
                            "description": "Kriteriene for kulturell og kreativ næring.",
                        },
                        _MUSIC_NORWAY,
                    ],
                },
            ),
        ],
    },
    # --- Kurs og webinarer ----------------------------------------------------------------------
    {
        "id": "demo-kurs-og-webinarer",
        "topic": "kurs-og-webinarer",
        "language": "nb",
        "owner": "ryk",
        "audiences": ["self-employed", "student", "organiser-venue", "company"],
        "title": "Kurs og webinarer fra musikkontorene",
        "summary": "De sju regionale musikkontorene tilbyr kurs, rådgivning og nettverk for hele "
        "det profesjonelle musikkfeltet. Slik finner du tilbudene og får mest ut av dem.",
        "reviewed": "2026-08-01",
        "review_months": 12,
        "body": [
            (
                "text",
                "<p>Musikkontorene er regionale kompetansesentre for musikk: Brak, STAR, ØKS, "
                "Tempo, Sørf, MØST og RYK. De jobber for hele det profesjonelle musikkfeltet, "
                "uansett sjanger, med kurs, rådgivning, nettverk og næringsutvikling i sin "
                "region. Under koronapandemien gikk kontorene sammen om ressursbanken "
                "Musikkhjemmekontoret, med svar på akutte spørsmål og kurs og webinarer på nett. "
                "Det digitale formatet har vist seg å nå folk over hele landet.</p>",
            ),
            ("heading", "Hva slags kurs finnes?"),
            (
                "text",
                "<p>Temaene følger det musikere og arrangører faktisk spør om, for eksempel:</p>"
                "<ul><li>økonomi, skatt og MVA for musikere,</li><li>utgivelse, metadata og "
                "promotering,</li><li>rettigheter, kontrakter, TONO og Gramo,</li><li>"
                "søknadsskriving for stipender og tilskudd,</li><li>booking, turnéplanlegging og "
                "arrangørarbeid,</li><li>lydteknikk og strømmekonserter.</li></ul><p>Noen kurs "
                "varer én kveld, andre går over flere samlinger. Pris, plassantall og "
                "påmeldingsfrist står i hver kursbeskrivelse.</p>",
            ),
            ("heading", "Slik melder du deg på"),
            (
                "text",
                "<p>Kurs og webinarer publiseres som arrangementer her på samspill. Trykk «Meld "
                "deg på», så får du en bekreftelse på e-post med lenke til det digitale møtet "
                "eller adressen til kurslokalet. Er kurset fullt, kan du sette deg på venteliste "
                "og få beskjed hvis du får plass. Kan du ikke komme likevel, meld deg av, så "
                "får noen andre plassen.</p>",
            ),
            ("heading", "Få mest ut av et webinar"),
            (
                "checklist",
                {
                    "title": "Før, under og etter",
                    "items": [
                        "Les programmet og noter to–tre spørsmål du vil ha svar på",
                        "Test lyd og kamera i god tid hvis det er et interaktivt verksted",
                        "Bruk chatten eller spørsmålsfunksjonen – andre lurer ofte på det samme",
                        "Skriv ned konkrete neste steg for din egen situasjon",
                        "Se opptaket på nytt hvis det blir lagt ut",
                        "Ta kontakt med musikkontoret for oppfølging av det som gjelder deg",
                    ],
                },
            ),
            ("heading", "Rådgivning én til én"),
            (
                "text",
                "<p>I tillegg til kurs gir musikkontorene rådgivning. Her kan du få hjelp med en "
                "konkret søknad, en kontrakt eller en utgivelsesplan. Ta kontakt med kontoret i "
                "regionen din, og send gjerne relevante dokumenter på forhånd, så blir samtalen "
                "mer konkret.</p>",
            ),
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=Lp8sY3gTf6K",
                    "title": "Slik fungerer et webinar på samspill",
                    "caption": "Kort demovideo om påmelding, venteliste og opptak.",
                },
            ),
            (
                "links",
                {
                    "title": "Musikkontorene",
                    "links": [
                        {
                            "title": "Brak",
                            "url": "https://brak.no/",
                            "description": "Musikkontoret for Vestland.",
                        },
                        {
                            "title": "Tempo",
                            "url": "https://tmpo.no/",
                            "description": "Musikkontoret for Trøndelag og Møre og Romsdal.",
                        },
                        {
                            "title": "MØST og ØKS",
                            "url": "https://www.musikkontoret.no/",
                            "description": "Felles nettsted for musikkontorene på Østlandet.",
                        },
                        {
                            "title": "RYK",
                            "url": "https://www.ryk.no/",
                            "description": "Rytmisk kompetansenettverk i Nord.",
                        },
                    ],
                },
            ),
        ],
    },
    {
        "id": "demo-musikkontorene",
        "topic": "kurs-og-webinarer",
        "language": "nb",
        "owner": "tempo",
        "audiences": ["self-employed", "organiser-venue", "company", "start-up", "municipality"],
        "title": "Musikkontorene: hvem dekker hvor, og hva kan de hjelpe med?",
        "summary": "De sju regionale musikkontorene gir kurs, rådgivning og nettverk til "
        "musikkfeltet i hele landet. Her er en oversikt over kontorene og hvordan du bruker dem.",
        "reviewed": "2026-02-20",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>Musikkontorene er sju regionale kompetansesentre for musikk. De er åpne for "
                "hele det profesjonelle musikkfeltet – artister, låtskrivere, arrangører, "
                "selskaper og byråer – uansett sjanger. Siden 2017 har Kulturrådet hatt en egen "
                "tilskuddsordning for de regionale kompetansesentrene, med en forventning om at "
                "de tar regionalt ansvar og er åpne for hele feltet.</p>",
            ),
            ("heading", "De sju kontorene"),
            (
                "text",
                "<ul><li><strong>Brak</strong> (Bergen): Vestland.</li><li><strong>STAR</strong> "
                "(Stavanger): Rogaland.</li><li><strong>Sørf</strong> (Kristiansand): Agder.</li>"
                "<li><strong>ØKS</strong> (Drammen): Buskerud, Vestfold og Telemark.</li><li>"
                "<strong>MØST</strong> (Oslo): Oslo, Akershus, Østfold og Innlandet.</li><li>"
                "<strong>Tempo</strong> (Trondheim): Trøndelag og Møre og Romsdal.</li><li>"
                "<strong>RYK</strong> (Tromsø): Nordland, Troms og Finnmark, og Svalbard.</li>"
                "</ul><p>Oversikten bygger på fylkesinndelingen fra 2024. Kontakt kontoret hvis "
                "du er usikker på hvem som dekker din kommune.</p>",
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Ikke det samme som fylkesmusikkrådet",
                    "text": "<p>Musikkontorene må ikke forveksles med fylkesmusikkrådene, som er "
                    "regionledd i Norsk musikkråd og Musikkens studieforbund og jobber med det "
                    "frivillige og amatørbaserte musikklivet.</p>",
                },
            ),
            ("heading", "Hva kan musikkontoret hjelpe med?"),
            (
                "text",
                "<ul><li><strong>Rådgivning</strong> om økonomi, rettigheter, søknader, "
                "utgivelse og turné.</li><li><strong>Kurs og webinarer</strong>, ofte i "
                "samarbeid med andre kontorer.</li><li><strong>Nettverk</strong>: samlinger, "
                "bransjetreff og kontakt med arrangører og selskaper.</li><li><strong>"
                "Næringsutvikling</strong> i regionen, for eksempel prosjekter for spillesteder "
                "og selskaper.</li></ul>",
            ),
            (
                "qa",
                {
                    "question": "Kan jeg bruke et musikkontor i en annen region?",
                    "answer": "<p>Det kommer an på tilbudet. For kurs og webinarer står det i "
                    "kursbeskrivelsen hvem tilbudet er for; spør kontoret hvis du er usikker. "
                    "For rådgivning og regionale tiltak er det naturlig å starte med kontoret "
                    "der du bor eller har virksomheten din.</p>",
                },
            ),
            ("heading", "Slik får du mest ut av kontakten"),
            (
                "checklist",
                {
                    "title": "Før du tar kontakt",
                    "items": [
                        "Beskriv kort hvem du er og hva du jobber med",
                        "Formuler ett konkret spørsmål eller behov",
                        "Send med relevante dokumenter, som en kontrakt eller et søknadsutkast",
                        "Spør om kommende kurs som passer for deg",
                        "Meld deg på nyhetsbrevet for regionen din",
                    ],
                },
            ),
            (
                "links",
                {
                    "title": "Musikkontorene på nett",
                    "links": [
                        {
                            "title": "Brak",
                            "url": "https://brak.no/",
                            "description": "Vestland.",
                        },
                        {
                            "title": "Tempo",
                            "url": "https://tmpo.no/",
                            "description": "Trøndelag og Møre og Romsdal.",
                        },
                        {
                            "title": "MØST og ØKS",
                            "url": "https://www.musikkontoret.no/",
                            "description": "Oslo, Akershus, Østfold, Innlandet, Buskerud, "
                            "Vestfold og Telemark.",
                        },
                        {
                            "title": "RYK",
                            "url": "https://www.ryk.no/",
                            "description": "Nordland, Troms og Finnmark.",
                        },
                    ],
                },
            ),
        ],
    },
    # --- Dansk ----------------------------------------------------------------------------------
    {
        "id": "demo-da-moms-for-musikere",
        "topic": "skatt-og-status",
        "language": "da",
        "owner": "koge-lydvaerk",
        "audiences": ["self-employed", "organiser-venue"],
        "title": "Moms for musikere i Danmark",
        "summary": "Kunstnerisk arbejde er fritaget for moms efter momslovens § 13, men ikke alt, "
        "hvad musikere sælger. Her er reglerne for honorarer, billetter og merchandise.",
        "reviewed": "2026-07-15",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>Som musiker i Danmark skal du som udgangspunkt ikke lægge moms på dit "
                "honorar for at spille. Men fritagelsen gælder kun selve det kunstneriske "
                "arbejde, og der er faldgruber – især når du selv arrangerer koncerter eller "
                "sælger merchandise.</p>",
            ),
            ("heading", "Fritagelsen i ML § 13"),
            (
                "text",
                "<p>Momslovens § 13, stk. 1, nr. 7, fritager vederlag for at komponere, skrive og "
                "udføre andet kunstnerisk arbejde, herunder for udøvende kunstnere. Når en "
                "arrangør hyrer dig til en koncert, skal du derfor ikke opkræve moms af "
                "honoraret.</p><p>Bagsiden er, at du ikke har fradrag for moms på indkøb, der "
                "bruges til den fritagne virksomhed – fx instrumenter og udstyr, som kun bruges "
                "til koncerter.</p>",
            ),
            ("heading", "Når du selv er arrangør"),
            (
                "text",
                "<p>Det er arrangøren, der betaler moms af billetindtægterne. Står du selv for "
                "koncerten og sælger billetterne, er du arrangør – og så skal du betale moms af "
                "billetsalget. Det gælder også, hvis du lejer et spillested og selv sælger "
                "billetter.</p>",
            ),
            (
                "qa",
                {
                    "question": "Jeg fakturerer koncerter gennem mit firma. Skal der moms på?",
                    "answer": "<p>Nej, ikke for selve koncerten, når det er kunstnerisk arbejde. "
                    "Sælger firmaet også andre ydelser, fx leje af lydudstyr uden optræden, kan "
                    "de være momspligtige.</p>",
                },
            ),
            ("heading", "Registrering og grænse"),
            (
                "text",
                "<p>Du skal momsregistreres, når din momspligtige omsætning overstiger 50.000 kr. "
                "inden for en periode på 12 måneder. Fritaget omsætning, som honorarer for "
                "kunstnerisk arbejde, tæller ikke med. Salg af merchandise og plader og fx "
                "udlejning af udstyr er som udgangspunkt momspligtigt.</p>",
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Ændring for forvaltningsselskaberne",
                    "text": "<p>Lovforslag L 82 (2024-25) gør forvaltningsselskaberne "
                    "momspligtige, når de giver licens. Kunstnernes egen fritagelse bevares. "
                    "Hold øje med, hvordan ændringen bliver gennemført i praksis.</p>",
                },
            ),
            (
                "checklist",
                {
                    "title": "Tjek din momssituation",
                    "items": [
                        "Hold honorarer for kunstnerisk arbejde adskilt fra andre indtægter",
                        "Følg din momspligtige omsætning over 12 måneder",
                        "Betal moms af billetsalget, når du selv er arrangør",
                        "Tag ikke momsfradrag for udstyr, der kun bruges til fritaget arbejde",
                        "Spørg DMF eller en revisor, hvis du er i tvivl",
                    ],
                },
            ),
            ("links", {"title": "Læs mere hos andre", "links": [_SKAT, _DMF]}),
        ],
    },
    {
        "id": "demo-da-selvstaendig-eller-honorarmodtager",
        "topic": "skatt-og-status",
        "language": "da",
        "owner": "koge-lydvaerk",
        "audiences": ["self-employed", "employee", "student"],
        "title": "Selvstændig eller honorarmodtager? Sådan er reglerne for musikere",
        "summary": "Din status afgør, hvordan du beskattes, og hvilke sociale rettigheder du "
        "har. Her er forskellen, og det skal du være opmærksom på, hvis du ikke har et "
        "CVR-nummer.",
        "reviewed": "2026-05-10",
        "review_months": 12,
        "body": [
            (
                "text",
                "<p>Mange musikere i Danmark har en blandet økonomi: lidt løn som ansat, "
                "honorarer for koncerter og måske rettighedsindtægter fra Koda og Gramex. Det er "
                "ikke altid klart, om man er selvstændigt erhvervsdrivende eller "
                "honorarmodtager, og forskellen har betydning for både skat og sociale "
                "rettigheder.</p>",
            ),
            ("heading", "Hvad afgør din status?"),
            (
                "text",
                "<p>Om du er selvstændig, afhænger især af, om du bærer en økonomisk risiko, og "
                "om du lægger en væsentlig arbejdsindsats i virksomheden. Har du egne kunder, "
                "investerer du i udstyr og markedsfører dig selv, peger det mod selvstændig. "
                "Får du honorarer for enkeltopgaver uden egentlig virksomhed, er du typisk "
                "honorarmodtager.</p>",
            ),
            ("heading", "Honorarer uden CVR-nummer"),
            (
                "text",
                "<p>Du behøver ikke et CVR-nummer for at modtage honorarer. En freelancekomponist "
                "kan fx have B-indkomst og trække udgifter fra via oplysningsskemaet hos "
                "skattemyndighederne. Det er en enkel løsning, hvis du kun har få honorarer ved "
                "siden af andet arbejde.</p>",
            ),
            (
                "qa",
                {
                    "question": "Kan jeg være både ansat og selvstændig?",
                    "answer": "<p>Ja. Mange musikere har et job som underviser eller i et "
                    "orkester og driver samtidig egen virksomhed. Lønnen er A-indkomst, mens "
                    "overskuddet i virksomheden opgøres for sig. Vær opmærksom på, at reglerne "
                    "for dagpenge og forsikringer kan afhænge af, hvad der er dit "
                    "hovederhverv.</p>",
                },
            ),
            ("heading", "Sociale rettigheder"),
            (
                "text",
                "<p>Som selvstændig er du ikke automatisk dækket ved sygdom, barsel eller "
                "ledighed. Du skal selv tage stilling til fx en forsikring mod sygdom og til "
                "medlemskab af en a-kasse. Bemærk også, at indtægter fra rettigheder – fx "
                "Koda- og Gramex-penge – ikke tæller som »indkomst« i det sociale system.</p>",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Blandet A- og B-indkomst",
                    "text": "<p>Coronakrisen viste, hvor svært det kan være at passe ind i "
                    "ordningerne med en blandet indkomst. Kompensationen til freelancere krævede "
                    "bl.a. en gennemsnitlig indtægt på mindst 10.000 kr. om måneden, heraf mindst "
                    "5.000 kr. i B-indkomst, og et forventet tab på mindst 30 procent. Ordningen "
                    "er lukket, men det er en god idé at have styr på, hvordan dine indtægter "
                    "fordeler sig.</p>",
                },
            ),
            (
                "checklist",
                {
                    "title": "Kom godt i gang",
                    "items": [
                        "Vurder, om du bærer en reel økonomisk risiko",
                        "Beslut, om du har brug for et CVR-nummer",
                        "Hold A-indkomst, B-indkomst og rettighedsindtægter adskilt",
                        "Undersøg din dækning ved sygdom og ledighed",
                        "Få rådgivning hos DMF eller din a-kasse",
                    ],
                },
            ),
            (
                "links",
                {
                    "title": "Læs mere hos andre",
                    "links": [
                        {
                            "title": "Komponistforeningen: CVR eller CPR?",
                            "url": "https://komponistforeningen.dk/cvr-eller-cpr",
                            "description": "Honorarer med og uden CVR-nummer.",
                        },
                        {
                            "title": "Artisten: Selvstændig som hovederhverv",
                            "url": "https://www.artisten.dk/A-kasse/Selvst%C3%A6ndig/"
                            "Selvst%C3%A6ndig-som-hovederhverv",
                            "description": "Hvornår man regnes som selvstændig, og hvad det "
                            "betyder.",
                        },
                        _SKAT,
                        _DMF,
                    ],
                },
            ),
        ],
    },
    {
        "id": "demo-da-dagpenge-og-udgivelse",
        "topic": "gi-ut-musikk",
        "language": "da",
        "owner": "koge-lydvaerk",
        "audiences": ["self-employed", "student"],
        "title": "Kan jeg udgive musik, mens jeg får dagpenge?",
        "summary": "Siden 2018 kan en udgivelse tælle som fritidsbeskæftigelse eller "
        "formueforvaltning, så du kan beholde dine dagpenge. Her er betingelserne og de "
        "praktiske trin.",
        "reviewed": "2026-08-05",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>Mange musikere har perioder på dagpenge mellem job. Tidligere kunne det være "
                "risikabelt at udgive musik i sådan en periode, fordi udgivelsen kunne blive "
                "betragtet som selvstændig virksomhed. Siden oktober 2018 har reglerne været "
                "klarere.</p>",
            ),
            ("heading", "To måder at udgive på"),
            (
                "text",
                "<ul><li><strong>Fritidsbeskæftigelse</strong>: udgivelsen kan behandles som "
                "fritidsbeskæftigelse, hvis omsætningen er højst 50.000 kr., og du ikke har et "
                "CVR-nummer.</li><li><strong>Formueforvaltning</strong>: bruger du under ca. 5 "
                "timer om måneden på udgivelsen, kan den betragtes som forvaltning af dine "
                "rettigheder frem for arbejde.</li></ul><p>Hvilken ramme du falder ind under, "
                "har betydning for, hvordan udgivelsen påvirker dine dagpenge.</p>",
            ),
            ("heading", "Tal med din a-kasse først"),
            (
                "text",
                "<p>Kontakt din a-kasse, før du udgiver. Beskriv, hvor meget tid du bruger, hvad "
                "du forventer at tjene, og om du har et CVR-nummer. A-kassen vurderer din "
                "konkrete situation, så du mindsker risikoen for at skulle betale dagpenge "
                "tilbage.</p>",
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Grænserne kan ændre sig",
                    "text": "<p>Beløbsgrænser og timetal i dagpengereglerne bliver justeret. "
                    "Tjek de gældende regler hos DMF eller din a-kasse, før du udgiver.</p>",
                },
            ),
            ("heading", "Selve udgivelsen"),
            (
                "text",
                "<p>Udgivelsen følger de samme trin som ellers: Vælg en distributør, sørg for "
                "ISRC-koder og korrekte metadata, og registrér værkerne hos Koda og optagelsen "
                "hos Gramex, så vederlaget kan finde frem til dig. Udgiver du som "
                "formueforvaltning, så notér løbende, hvor meget tid du bruger.</p>",
            ),
            (
                "checklist",
                {
                    "title": "Før udgivelsen",
                    "items": [
                        "Kontakt a-kassen og beskriv udgivelsen",
                        "Vurder, om du holder dig under omsætningsgrænsen",
                        "Opret ikke et CVR-nummer uden at tale med a-kassen først",
                        "Før logbog over den tid, du bruger",
                        "Registrér værker hos Koda og optagelser hos Gramex",
                    ],
                },
            ),
            (
                "links",
                {
                    "title": "Læs mere hos andre",
                    "links": [
                        {
                            "title": "DMF: Dagpenge og musikudgivelse",
                            "url": "https://www.dmf.dk/raadgivning/akasse/dagpengeogmusikudgivelse/",
                            "description": "Vejledning om udgivelse, mens du får dagpenge.",
                        },
                        _KODA,
                        _GRAMEX,
                    ],
                },
            ),
        ],
    },
    {
        "id": "demo-da-koda-og-gramex",
        "topic": "rettigheter-og-vederlag",
        "language": "da",
        "owner": "koge-lydvaerk",
        "audiences": ["self-employed", "company", "organiser-venue"],
        "title": "Koda og Gramex: hvem betaler hvad?",
        "summary": "Koda forvalter rettighederne til værket, Gramex til optagelsen. Her er, "
        "hvordan du bliver medlem, hvad det koster, og hvornår pengene kommer.",
        "reviewed": "2026-06-01",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>I Danmark deler to forvaltningsselskaber en stor del af musikkens vederlag "
                "mellem sig. Koda tager sig af komponister, sangskrivere og musikforlag. Gramex "
                "tager sig af de udøvende kunstnere og producenterne bag optagelserne. Skriver "
                "og indspiller du selv, skal du typisk være tilknyttet begge.</p>",
            ),
            ("heading", "Koda: værket"),
            (
                "text",
                "<p>Koda forvalter rettighederne for komponister, sangskrivere og forlag, når "
                "musikken bliver brugt – fx i radio, på streamingtjenester og ved koncerter. "
                "Medlemskabet omfatter også NCB, som tager sig af de mekaniske rettigheder, fx "
                "når musik kopieres til plader. Det koster et engangsbeløb på 650 kr. at blive "
                "medlem som komponist og 3.500 kr. som forlag.</p>",
            ),
            ("heading", "Gramex: optagelsen"),
            (
                "text",
                "<p>Gramex betaler vederlag til udøvende kunstnere og producenter, når "
                "indspillet musik bliver brugt offentligt. Sørg for, at alle medvirkende på en "
                "optagelse er registreret, og at optagelsen er anmeldt med korrekte "
                "oplysninger.</p>",
            ),
            (
                "qa",
                {
                    "question": "Jeg har et lille pladeselskab. Hvad skal jeg gøre?",
                    "answer": "<p>Som producent skal du registrere dine optagelser hos Gramex, så "
                    "vederlaget for offentlig brug kan blive udbetalt. Arbejder du også med "
                    "sangskriveres værker som forlag, kan du blive medlem af Koda som "
                    "forlag.</p>",
                },
            ),
            ("heading", "Organisationer for sangskrivere og komponister"),
            (
                "text",
                "<p>Ud over Koda har sangskrivere og komponister deres egne "
                "interesseorganisationer: Autor (tidligere DJBFA), DPA og DKF. De varetager "
                "medlemmernes interesser og kan være et godt sted at få råd og netværk.</p>",
            ),
            (
                "checklist",
                {
                    "title": "Sådan kommer du i gang",
                    "items": [
                        "Meld dig ind i Koda, hvis du skriver musik eller tekst",
                        "Anmeld dine værker med korrekte andele",
                        "Registrér dig hos Gramex som udøver",
                        "Sørg for, at dine optagelser har ISRC og korrekte medvirkende",
                        "Overvej medlemskab af en organisation for sangskrivere",
                    ],
                },
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Beløbene kan ændre sig",
                    "text": "<p>Indmeldelsesgebyrer og regler bliver justeret. Tjek de aktuelle "
                    "beløb hos Koda, før du melder dig ind.</p>",
                },
            ),
            (
                "links",
                {
                    "title": "Læs mere hos andre",
                    "links": [
                        {
                            "title": "Koda: Bliv medlem",
                            "url": "https://www.koda.dk/music-creators/join-koda",
                            "description": "Medlemskab for komponister og sangskrivere.",
                        },
                        {
                            "title": "Koda: Medlemskab for forlag",
                            "url": "https://www.koda.dk/forlag/forlagshandbogen/"
                            "forlagsmedlemskab/medlemskab",
                            "description": "Forlagshåndbogen om medlemskab.",
                        },
                        _GRAMEX,
                    ],
                },
            ),
        ],
    },
    {
        "id": "demo-da-stotte-og-netvaerk",
        "topic": "stotte-og-finansiering",
        "language": "da",
        "owner": "koge-lydvaerk",
        "audiences": ["self-employed", "company", "organiser-venue"],
        "title": "Støtte og rådgivning til musikere i Danmark",
        "summary": "Statens Kunstfond, ROSA, Promus og MXD tilbyder hver især støtte, "
        "rådgivning og netværk. Her er en oversigt over, hvem der gør hvad.",
        "reviewed": "2026-09-20",
        "review_months": 6,
        "body": [
            (
                "text",
                "<p>Det danske støttesystem for rytmisk musik består af statslige puljer og en "
                "række organisationer, der rådgiver, skaber netværk og i nogle tilfælde uddeler "
                "midler. Det kan være svært at overskue, så her er de vigtigste aktører.</p>",
            ),
            ("heading", "Statens Kunstfond og Slots- og Kulturstyrelsen"),
            (
                "text",
                "<p>Statens Kunstfonds Projektstøtteudvalg for Musik behandler puljer til bl.a. "
                "festivaler, orkestre, bands og ensembler, internationale udviklings- og "
                "netværksaktiviteter samt arbejdslegater til komponister og sangskrivere. Slots- "
                "og Kulturstyrelsen (SLKS) administrerer ordningerne. Vær opmærksom på, at "
                "ansøgernes navne bliver offentliggjort.</p>",
            ),
            ("heading", "ROSA og de andre genreorganisationer"),
            (
                "text",
                "<p>ROSA – Dansk Rock Samråd blev stiftet i 1981 og ligger i Aarhus. ROSA er en "
                "af fire genreorganisationer, der støttes af Statens Kunstfond; de andre er "
                "JazzDanmark, Tempi (folk, roots og verdensmusik) og SNYK (ny og eksperimenterende "
                "musik). ROSA tilbyder rådgivning, information og netværk, indsamler viden og "
                "data og uddeler bl.a. støtte til international transport.</p>",
            ),
            (
                "qa",
                {
                    "question": "Jeg spiller jazz. Er ROSA også for mig?",
                    "answer": "<p>ROSA dækker rock og anden rytmisk musik. Som jazzmusiker vil "
                    "JazzDanmark typisk være din genreorganisation. Folk og verdensmusik hører "
                    "under Tempi, og ny og eksperimenterende musik under SNYK.</p>",
                },
            ),
            ("heading", "Promus og MXD"),
            (
                "text",
                "<p><strong>Promus</strong> er produktionscenter for rytmisk musik i Aarhus. "
                "Promus tilbyder sparring og rådgivning, en mentorordning for nye kunstnere og "
                "Promus Publishing Academy i samarbejde med Koda og de danske musikforlag.</p>"
                "<p><strong>MXD – Music Export Denmark</strong> blev stiftet i 2005 for at støtte "
                "eksport af professionel rytmisk musik. Bag MXD står bl.a. IFPI Danmark, Koda, "
                "Roskilde Festival og ROSA.</p>",
            ),
            (
                "checklist",
                {
                    "title": "Før du søger",
                    "items": [
                        "Find den pulje, der passer til dit projekt",
                        "Læs kriterierne og tjek ansøgningsfristen",
                        "Husk, at dit navn bliver offentliggjort som ansøger",
                        "Få sparring hos ROSA, Promus eller DMF",
                        "Planlæg eksportaktiviteter i dialog med MXD",
                    ],
                },
            ),
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=Vd2kP9xNa7U",
                    "title": "Sådan skriver du en god ansøgning til en musikpulje",
                    "caption": "Demooptagelse fra et webinar om ansøgninger og budgetter.",
                },
            ),
            (
                "links",
                {
                    "title": "Læs mere hos andre",
                    "links": [
                        {
                            "title": "Slots- og Kulturstyrelsen: Arbejdslegater, musik",
                            "url": "https://slks.dk/tilskud/stamside/tilskud/arbejdslegater-musik/",
                            "description": "Arbejdslegater til komponister og sangskrivere.",
                        },
                        {
                            "title": "Statens Kunstfond: Festivaler",
                            "url": "https://kunst.dk/for-ansoegere/soeg-tilskud/festivaler",
                            "description": "Tilskud til musikfestivaler.",
                        },
                        {
                            "title": "ROSA",
                            "url": "https://www.rosa.org/omrosa",
                            "description": "Dansk Rock Samråd.",
                        },
                        {
                            "title": "Promus",
                            "url": "https://promus.dk/om-promus/",
                            "description": "Produktionscenter for rytmisk musik i Aarhus.",
                        },
                        {
                            "title": "MXD – Music Export Denmark",
                            "url": "https://mxd.dk/",
                            "description": "Eksport af dansk rytmisk musik.",
                        },
                    ],
                },
            ),
        ],
    },
]


FAQS = [
    {
        "id": "demo-faq-mva-grense",
        "topic": "skatt-og-status",
        "language": "nb",
        "owner": "star",
        "audiences": ["self-employed"],
        "question": "Når må jeg registrere meg i Merverdiavgiftsregisteret?",
        "answer": "<p>Du må registrere deg når avgiftspliktig omsetning og uttak til sammen "
        "passerer 50 000 kroner i løpet av en periode på tolv måneder. For veldedige og "
        "allmennyttige organisasjoner er grensen 140 000 kroner.</p><p>Det er bare "
        "avgiftspliktig omsetning som teller. Billetter til konserter, honorar for kunstnerisk "
        "fremføring og opphavspersonens egen utnyttelse av opphavsretten til egne verk er "
        "unntatt fra merverdiavgift og regnes ikke med. Salg av merch og plater, utleie av "
        "utstyr og studiotjenester for andre teller derimot med.</p><p>Registreringen gjør du i "
        "Altinn. Følg med på omsetningen fortløpende: grensen gjelder for en hvilken som helst "
        "periode på tolv måneder, ikke bare kalenderåret.</p>",
        "reviewed": "2026-03-01",
        "review_months": 6,
    },
    {
        "id": "demo-faq-frilanser-eller-enk",
        "topic": "skatt-og-status",
        "language": "nb",
        "owner": "tempo",
        "audiences": ["self-employed", "organiser-venue"],
        "question": "Arrangøren vil at jeg skal sende faktura. Må jeg ha ENK for å få betalt?",
        "answer": "<p>Nei. Har du ikke et enkeltpersonforetak, kan arrangøren betale deg som "
        "frilanser. Da behandles honoraret som lønn: arrangøren trekker skatt etter "
        "skattekortet ditt, rapporterer honoraret i A-meldingen og betaler "
        "arbeidsgiveravgift.</p><p>Det er de faktiske forholdene som avgjør om du er frilanser "
        "eller selvstendig næringsdrivende, ikke hva dere blir enige om. Driver du jevnlig, for "
        "egen regning og risiko – med flere oppdragsgivere, eget utstyr og egen markedsføring – "
        "er det naturlig å starte et ENK og fakturere. Tar du bare enkeltoppdrag av og til, er "
        "frilans ofte riktig. Arrangøren har ansvaret for å velge riktig, så forklar hvordan du "
        "jobber.</p>",
        "reviewed": "2026-04-01",
        "review_months": 12,
    },
    {
        "id": "demo-faq-foretaksregisteret",
        "topic": "skatt-og-status",
        "language": "nb",
        "owner": "star",
        "audiences": ["self-employed", "start-up"],
        "question": "Må enkeltpersonforetaket mitt registreres i Foretaksregisteret?",
        "answer": "<p>Som regel ikke. Alle enkeltpersonforetak kan registreres gratis i "
        "Enhetsregisteret via Samordnet registermelding i Altinn, og det gir deg et "
        "organisasjonsnummer.</p><p>Registrering i Foretaksregisteret koster et gebyr og er bare "
        "påkrevd i bestemte tilfeller, blant annet når du driver videresalg av varer, eller når "
        "foretaket har flere enn fem ansatte som arbeider mer enn 20 timer i uka. For en "
        "musiker som fakturerer konserter, innspillinger og undervisning, er Enhetsregisteret "
        "som regel nok. Begynner du å kjøpe inn og selge videre varer, for eksempel merch eller "
        "plater, bør du sjekke reglene hos Brønnøysundregistrene på nytt.</p>",
        "reviewed": "2025-12-20",
        "review_months": 12,
    },
    {
        "id": "demo-faq-firmanavn-enk",
        "topic": "skatt-og-status",
        "language": "nb",
        "owner": "star",
        "audiences": ["self-employed", "start-up"],
        "question": "Hva kan enkeltpersonforetaket mitt hete?",
        "answer": "<p>Navnet på et enkeltpersonforetak må inneholde etternavnet ditt. Du kan "
        "legge til andre ord, for eksempel «Hansen Musikk» eller «Lydverksted Kari Hansen», men "
        "du kan ikke registrere et rent artistnavn alene som foretaksnavn.</p><p>Artistnavnet "
        "kan du likevel bruke i markedsføring, på plakater og på strømmetjenestene – det er bare "
        "det registrerte navnet i Enhetsregisteret som må ha med etternavnet. Velg et navn som "
        "er lett å kjenne igjen på en faktura, så arrangører og regnskapsførere ser hvem det "
        "gjelder. Vil du ha et foretaksnavn uten etternavn, må du velge en annen "
        "organisasjonsform, for eksempel aksjeselskap.</p>",
        "reviewed": "2026-01-10",
        "review_months": 24,
    },
    {
        "id": "demo-faq-sykepenger-dag-17",
        "topic": "skatt-og-status",
        "language": "nb",
        "owner": "tempo",
        "audiences": ["self-employed"],
        "question": "Hva får jeg i sykepenger som selvstendig næringsdrivende?",
        "answer": "<p>Uten tilleggsforsikring får du sykepenger fra NAV fra og med dag 17 av "
        "sykefraværet. Sykepengene utgjør 80 prosent av beregningsgrunnlaget, som bygger på "
        "næringsinntekten din, og grunnlaget er begrenset oppad til 6 G. G er grunnbeløpet i "
        "folketrygden, og det justeres 1. mai hvert år. De første 16 dagene må du dekke "
        "selv.</p><p>NAV tilbyr frivillig forsikring som gir bedre dekning, men den må være "
        "tegnet før du blir syk. Har du også lønnsinntekt, beregnes sykepengene etter reglene "
        "for arbeidstakere. Sjekk gjeldende satser hos NAV.</p>",
        "reviewed": "2026-07-05",
        "review_months": 6,
    },
    {
        "id": "demo-faq-billett-mva",
        "topic": "konserter-live-og-strom",
        "language": "nb",
        "owner": "oks",
        "audiences": ["organiser-venue", "self-employed"],
        "question": "Skal det være MVA på billetter til konserter og strømmekonserter?",
        "answer": "<p>Nei. Billetter til konserter er unntatt fra merverdiavgift etter "
        "merverdiavgiftsloven § 3-7 første ledd, og unntaket gjelder også når konserten "
        "strømmes. Honoraret til musikerne for den kunstneriske fremføringen er også "
        "unntatt.</p><p>Det betyr samtidig at du ikke får fradrag for inngående MVA på kostnader "
        "som bare gjelder den unntatte delen. Selger du andre ting i forbindelse med konserten – "
        "mat og drikke, merch eller utleie av utstyr – må du vurdere hver del for seg, fordi de "
        "kan være avgiftspliktige. Sjekk Skatteetatens merverdiavgiftshåndbok, eller spør en "
        "regnskapsfører hvis du har blandet virksomhet.</p>",
        "reviewed": "2026-06-15",
        "review_months": 6,
    },
    {
        "id": "demo-faq-strommekonsert-tono",
        "topic": "konserter-live-og-strom",
        "language": "nb",
        "owner": "ryk",
        "audiences": ["organiser-venue", "self-employed"],
        "question": "Hva koster TONO-lisens for en strømmekonsert?",
        "answer": "<p>TONO har gitt lisens til direktesendte konserter på nett siden 1996. "
        "Hovedtariffen er 12 prosent av omsetningen, med et minstebeløp som avhenger av "
        "arrangementet.</p><p>Våren 2020, under koronapandemien, fantes det en midlertidig "
        "koronatariff, og ikke-kommersielle sendinger på enkelte plattformer ble regnet som "
        "dekket av TONOs avtaler med plattformene. Det var en unntaksordning, og du kan ikke "
        "regne med at den gjelder i dag.</p><p>Les TONOs veiledning for direktesending før du "
        "setter billettprisen, så får du vederlaget med i budsjettet. Spiller du av innspilt "
        "musikk i sendingen, må også rettighetene til innspillingen avklares.</p>",
        "reviewed": "2026-09-10",
        "review_months": 6,
    },
    {
        "id": "demo-faq-tono-livekonsert",
        "topic": "rettigheter-og-vederlag",
        "language": "nb",
        "owner": "most",
        "audiences": ["organiser-venue"],
        "question": "Trenger vi lisens fra både TONO og Gramo for en konsert?",
        "answer": "<p>Ikke hvis det bare er levende musikk. En konsert der musikken bare "
        "fremføres live, krever lisens fra TONO, som representerer komponister, tekstforfattere "
        "og musikkforlag. Gramo representerer utøvere og produsenter av innspillinger og kommer "
        "bare inn når innspilt musikk brukes offentlig.</p><p>Spiller dere innspilt musikk før "
        "konserten, i pausen eller etterpå, trengs det vanligvis lisens fra både TONO og Gramo. "
        "Strømmes konserten, gjelder egne vilkår hos TONO. Spør TONO og Gramo om hvilke "
        "tariffer som passer for ditt spillested eller arrangement.</p>",
        "reviewed": "2026-03-10",
        "review_months": 12,
    },
    {
        "id": "demo-faq-gramo-utbetaling",
        "topic": "rettigheter-og-vederlag",
        "language": "nb",
        "owner": "sorf",
        "audiences": ["self-employed"],
        "question": "Låten min er strømmet mange ganger. Hvorfor har jeg ikke fått penger fra "
        "Gramo?",
        "answer": "<p>Gramo fordeler vederlag når innspilt musikk brukes i kringkasting og "
        "offentlig, for eksempel på radio. Strømming gir inntekter via distributøren eller "
        "plateselskapet ditt, ikke via Gramo. En innspilling må ha blitt spilt på radio før "
        "Gramo betaler ut noe.</p><p>Sjekk også at du er registrert hos Gramo som utøver, og at "
        "innspillingen er registrert med ISRC og alle medvirkende. Mangler noe av dette, kan "
        "pengene bli liggende. Låtskriverdelen av vederlaget kommer fra TONO, ikke fra "
        "Gramo.</p>",
        "reviewed": "2026-02-15",
        "review_months": 12,
    },
    {
        "id": "demo-faq-organisasjoner",
        "topic": "rettigheter-og-vederlag",
        "language": "nb",
        "owner": "star",
        "audiences": ["self-employed", "company", "organiser-venue"],
        "question": "Hvilke organisasjoner kan jeg melde meg inn i som musiker?",
        "answer": "<p>Det avhenger av rollen din. Creo er fagforbundet for kunst og kultur i LO. "
        "GramArt organiserer plateartister, og Norsk Artistforbund er en "
        "interesseorganisasjon for artister. Komponister og låtskrivere har NOPA og Norsk Komponistforening. Driver du "
        "et uavhengig plateselskap med minst to utgivelser, kan du bli medlem av FONO. "
        "Konsertarrangører har Norske Konsertarrangører (NKA).</p><p>Organisasjonene gir råd, "
        "jobber for medlemmenes interesser og kan hjelpe med kontrakter. Merk at TONO og Gramo "
        "er vederlagsbyråer, ikke interesseorganisasjoner – dem bør du være registrert hos i "
        "tillegg, slik at du får betalt for bruken av musikken din.</p>",
        "reviewed": "2026-05-30",
        "review_months": 12,
    },
    {
        "id": "demo-faq-ffuk-frist",
        "topic": "stotte-og-finansiering",
        "language": "nb",
        "owner": "oks",
        "audiences": ["self-employed"],
        "question": "Kan jeg søke FFUK om støtte til en turné som allerede har startet?",
        "answer": "<p>Nei. Søknaden om prosjektstøtte fra Fond for utøvende kunstnere (FFUK) må "
        "være kommet inn før prosjektet starter.</p><p>Støtten til konserter og turneer gis som "
        "underskuddsgaranti. Du får altså ikke pengene på forhånd, men etter at prosjektet er "
        "gjennomført og du har sendt inn rapport og regnskap. Planlegg derfor likviditeten: du "
        "må kunne legge ut for utgiftene. FFUK støtter honorarer til profesjonelle utøvere som "
        "bor og i hovedsak arbeider i Norge. Sjekk søknadsfristene hos FFUK, og legg dem inn i "
        "turnéplanen fra starten.</p>",
        "reviewed": "2026-07-20",
        "review_months": 6,
    },
    {
        "id": "demo-faq-diversestipend",
        "topic": "stotte-og-finansiering",
        "language": "nb",
        "owner": "brak",
        "audiences": ["self-employed"],
        "question": "Må jeg skatte av diversestipend?",
        "answer": "<p>Diversestipend fra Statens kunstnerstipend er på inntil 100 000 kroner. "
        "Stipendet rapporteres til skattemyndighetene, men det trekkes ikke skatt når det "
        "utbetales. Arbeidsstipend, som gis for ett til fem år, er derimot skattepliktig.</p>"
        "<p>Hvordan diversestipendet skal føres i skattemeldingen din, bør du sjekke med "
        "Skatteetaten eller en regnskapsfører, og ta vare på dokumentasjonen for hva pengene er "
        "brukt til. Søknadsfristen for Statens kunstnerstipend er i midten av oktober, og "
        "Kulturdirektoratet er sekretariat for ordningen.</p>",
        "reviewed": "2026-09-01",
        "review_months": 6,
    },
    {
        "id": "demo-faq-student-stipend",
        "topic": "stotte-og-finansiering",
        "language": "nb",
        "owner": "tempo",
        "audiences": ["student"],
        "question": "Kan jeg søke kunstnerstipend mens jeg studerer?",
        "answer": "<p>Ikke hvis du studerer mer enn 50 prosent. Statens kunstnerstipend er ikke "
        "tilgjengelig for studenter over denne grensen. Studerer du 50 prosent eller mindre, kan "
        "du søke på lik linje med andre, så lenge du oppfyller kravene for din "
        "kunstnergruppe.</p><p>Er du i siste del av utdanningen, les vilkårene for hvordan "
        "studiesituasjonen vurderes før du søker, og planlegg mot fristen i midten av oktober. "
        "I mellomtiden kan andre ordninger være aktuelle, for eksempel støtte til konkrete "
        "prosjekter. Musikkontoret i regionen din kan hjelpe deg å finne ut hva som "
        "passer.</p>",
        "reviewed": "2026-08-15",
        "review_months": 6,
    },
    {
        "id": "demo-faq-koronaordninger",
        "topic": "krise-og-kompensasjon",
        "language": "nb",
        "owner": "most",
        "audiences": ["organiser-venue", "self-employed", "company"],
        "question": "Kan jeg fortsatt søke kompensasjon for konserter som ble avlyst under "
        "pandemien?",
        "answer": "<p>Nei. Kompensasjonsordningen for avlyste arrangementer og "
        "stimuleringsordningen for kultursektoren er begge avsluttet.</p><p>Kompensasjonsordningen "
        "for arrangører og underleverandører ble først forvaltet av Kulturrådet og flyttet til "
        "Lotteri- og stiftelsestilsynet fra november 2021. Stimuleringsordningen begrenset "
        "artisthonoraret som kunne regnes med, til 50 000 kroner per arrangement for perioden "
        "juli–oktober 2021.</p><p>Du kan fortsatt finne gamle veiledninger og skjemaer på nett, "
        "men de gjelder ikke lenger. Har du spørsmål om en sak som ble behandlet mens "
        "ordningene var åpne, må du kontakte den som forvaltet ordningen.</p>",
        "reviewed": "2026-01-05",
        "review_months": 12,
    },
    {
        "id": "demo-faq-isrc",
        "topic": "gi-ut-musikk",
        "language": "nb",
        "owner": "brak",
        "audiences": ["self-employed", "company"],
        "question": "Hva er ISRC, og trenger jeg det?",
        "answer": "<p>ISRC (International Standard Recording Code) er en unik kode for hver "
        "innspilling. Strømmetjenester, radio og vederlagsbyråer bruker den til å holde styr på "
        "hvilken innspilling som er spilt, og hvem som skal ha betalt.</p><p>Ja, du trenger den: "
        "uten ISRC er det vanskelig å få vederlag for innspillingen. Gir du ut via en digital "
        "distributør, kan distributøren som regel tildele koder. Har innspillingen allerede en "
        "ISRC, skal du bruke den samme. En ny innspilling, en remiks eller en liveversjon skal "
        "ha sin egen kode. Før kodene inn i en oversikt du tar vare på, sammen med titler og "
        "medvirkende.</p>",
        "reviewed": "2026-03-30",
        "review_months": 24,
    },
    {
        "id": "demo-faq-hvilket-musikkontor",
        "topic": "kurs-og-webinarer",
        "language": "nb",
        "owner": "most",
        "audiences": [
            "self-employed",
            "employee",
            "organiser-venue",
            "company",
            "start-up",
            "municipality",
            "student",
        ],
        "question": "Hvilket musikkontor hører jeg til?",
        "answer": "<p>Det avhenger av hvor du bor eller har virksomheten din. Brak dekker "
        "Vestland, STAR Rogaland og Sørf Agder. ØKS dekker Buskerud, Vestfold og Telemark, og "
        "MØST dekker Oslo, Akershus, Østfold og Innlandet. Tempo holder til i Trondheim og "
        "dekker Trøndelag og Møre og Romsdal, mens RYK dekker Nordland, Troms og Finnmark, og "
        "Svalbard.</p><p>Oversikten bygger på fylkesinndelingen fra 2024. Er du usikker, ta "
        "kontakt med kontoret som ligger nærmest deg. Musikkontorene er ikke det samme som "
        "fylkesmusikkrådene, som jobber med det frivillige musikklivet.</p>",
        "reviewed": "2026-06-20",
        "review_months": 6,
    },
    {
        "id": "demo-faq-merch-mva",
        "topic": "nye-inntekter",
        "language": "nb",
        "owner": "sorf",
        "audiences": ["self-employed", "company"],
        "question": "Må jeg ta MVA på merch?",
        "answer": "<p>Salg av merch, som T-skjorter, plakater og plater, er salg av varer og "
        "omfattes ikke av unntakene for konsertbilletter og kunstnerisk fremføring. Er du "
        "registrert i Merverdiavgiftsregisteret, skal du legge MVA på merchsalget.</p><p>Er du "
        "ikke registrert, må du følge med på om den avgiftspliktige omsetningen passerer 50 000 "
        "kroner i løpet av tolv måneder; da må du registrere deg. Selger du merch og billett "
        "sammen i en pakke, må prisen som regel fordeles mellom den unntatte billetten og det "
        "avgiftspliktige produktet. Husk også at videresalg av varer gjør at et ENK må "
        "registreres i Foretaksregisteret.</p>",
        "reviewed": "2026-06-30",
        "review_months": 6,
    },
    # --- Dansk ----------------------------------------------------------------------------------
    {
        "id": "demo-faq-da-momsgraense",
        "topic": "skatt-og-status",
        "language": "da",
        "owner": "koge-lydvaerk",
        "audiences": ["self-employed"],
        "question": "Hvornår skal jeg momsregistreres som musiker?",
        "answer": "<p>Du skal momsregistreres, når din momspligtige omsætning overstiger "
        "50.000 kr. inden for en periode på 12 måneder. Honorarer for kunstnerisk arbejde – fx "
        "når du bliver hyret til at spille en koncert – er fritaget efter momslovens § 13, "
        "stk. 1, nr. 7, og tæller ikke med.</p><p>Det gør derimod salg af merchandise og plader "
        "og fx udlejning af udstyr. Står du selv som arrangør og sælger billetter, skal der "
        "betales moms af billetindtægterne. Hold løbende øje med omsætningen, og tal med en "
        "revisor eller DMF, hvis du både har fritaget og momspligtig omsætning.</p>",
        "reviewed": "2026-08-25",
        "review_months": 6,
    },
    {
        "id": "demo-faq-da-cvr-nummer",
        "topic": "skatt-og-status",
        "language": "da",
        "owner": "koge-lydvaerk",
        "audiences": ["self-employed", "student"],
        "question": "Skal jeg have et CVR-nummer for at få honorarer?",
        "answer": "<p>Nej, ikke nødvendigvis. En freelancekomponist eller -musiker kan modtage "
        "honorarer som B-indkomst uden CVR-nummer og trække udgifter fra via oplysningsskemaet "
        "hos skattemyndighederne.</p><p>Om du bør registrere en virksomhed, afhænger af, om du "
        "reelt driver selvstændig virksomhed: Bærer du en økonomisk risiko, og lægger du en "
        "væsentlig arbejdsindsats i den? Bemærk, at et CVR-nummer kan få betydning for dine "
        "dagpenge, hvis du bliver ledig – fx hvis du udgiver musik i en ledighedsperiode. Tal "
        "med din a-kasse eller DMF, før du registrerer dig.</p>",
        "reviewed": "2026-04-15",
        "review_months": 12,
    },
    {
        "id": "demo-faq-da-koda-indmeldelse",
        "topic": "rettigheter-og-vederlag",
        "language": "da",
        "owner": "koge-lydvaerk",
        "audiences": ["self-employed", "company"],
        "question": "Hvad koster det at blive medlem af Koda?",
        "answer": "<p>Det koster et engangsbeløb på 650 kr. at blive medlem af Koda som "
        "komponist eller sangskriver. Musikforlag betaler 3.500 kr. for at blive medlem. "
        "Medlemskabet omfatter også NCB, som forvalter de mekaniske rettigheder.</p><p>Når du "
        "er medlem, skal du anmelde dine værker med korrekte andele, så Koda kan fordele "
        "pengene, når musikken bliver brugt. Beløbene kan ændre sig, så tjek de aktuelle priser "
        "hos Koda, før du melder dig ind. Er du også udøver på dine egne optagelser, skal du "
        "desuden registrere dig hos Gramex.</p>",
        "reviewed": "2026-06-05",
        "review_months": 6,
    },
    {
        "id": "demo-faq-da-moms-honorar",
        "topic": "konserter-live-og-strom",
        "language": "da",
        "owner": "koge-lydvaerk",
        "audiences": ["self-employed", "organiser-venue"],
        "question": "Skal jeg lægge moms på mit honorar, når jeg spiller koncert?",
        "answer": "<p>Nej. Honorarer for kunstnerisk arbejde, herunder optræden som udøvende "
        "kunstner, er fritaget for moms efter momslovens § 13, stk. 1, nr. 7. Når en arrangør "
        "hyrer dig eller dit band, skal der derfor ikke lægges moms på honoraret. Det er "
        "arrangøren, der betaler moms af billetindtægterne.</p><p>Til gengæld kan du ikke "
        "fradrage moms på indkøb, der bruges til det fritagne arbejde. Arrangerer du selv "
        "koncerten og sælger billetterne, er du arrangør og skal betale moms af billetsalget. "
        "Brug gerne DMF's standardkontrakt, så vilkårene for jobbet er klare.</p>",
        "reviewed": "2026-03-05",
        "review_months": 12,
    },
    {
        "id": "demo-faq-da-dagpenge-udgivelse",
        "topic": "gi-ut-musikk",
        "language": "da",
        "owner": "koge-lydvaerk",
        "audiences": ["self-employed"],
        "question": "Mister jeg mine dagpenge, hvis jeg udgiver en single?",
        "answer": "<p>Ikke nødvendigvis. Siden oktober 2018 kan en musikudgivelse tælle som "
        "fritidsbeskæftigelse, hvis omsætningen er højst 50.000 kr., og du ikke har et "
        "CVR-nummer. Den kan også betragtes som formueforvaltning, hvis du bruger under ca. 5 "
        "timer om måneden på den.</p><p>Hvilken ramme der gælder, har betydning for, hvordan "
        "udgivelsen påvirker dine dagpenge. Kontakt din a-kasse, før du udgiver, og beskriv, "
        "hvor meget tid du bruger, og hvad du forventer at tjene. DMF har en vejledning om "
        "dagpenge og musikudgivelse, og grænserne kan blive justeret, så tjek de gældende "
        "regler.</p>",
        "reviewed": "2026-07-25",
        "review_months": 6,
    },
]


GUIDES = [
    {
        "slug": "selvstendig-ansatt-eller-begge",
        "title": "Selvstendig næringsdrivende, ansatt eller begge?",
        "intro": "Svar på noen få spørsmål om hvordan du jobber og får betalt, så får du en "
        "sjekkliste for skatt, MVA, sykepenger og pensjon som passer din situasjon. Veiviseren "
        "gir en pekepinn – det er alltid de faktiske forholdene som avgjør.",
        "language": "nb",
        "owner": "tempo",
        "steps": [
            {
                "key": "start",
                "kind": "question",
                "question": "Hvordan får du betalt for det meste av musikkarbeidet ditt i dag?",
                "help": "Velg det som gjelder for den største delen av inntekten din.",
                "options": [
                    {
                        "label": "Jeg har en stilling og får lønn fra en arbeidsgiver",
                        "next": "har-stilling",
                    },
                    {
                        "label": "Jeg får honorar for enkeltoppdrag, uten eget foretak",
                        "next": "enkeltoppdrag",
                    },
                    {
                        "label": "Jeg fakturerer fra eget foretak (ENK eller AS)",
                        "next": "eget-foretak",
                    },
                ],
            },
            {
                "key": "har-stilling",
                "kind": "question",
                "question": "Tar du også musikkoppdrag ved siden av stillingen?",
                "help": "For eksempel konserter, innspillinger eller undervisning for andre enn "
                "arbeidsgiveren din.",
                "options": [
                    {"label": "Nei, bare stillingen", "next": "ansatt"},
                    {
                        "label": "Ja, av og til, og oppdragsgiveren betaler meg som lønn",
                        "next": "frilanser",
                    },
                    {"label": "Ja, jevnlig og for egen regning og risiko", "next": "begge"},
                ],
            },
            {
                "key": "enkeltoppdrag",
                "kind": "question",
                "question": "Driver du jevnlig, for egen regning og risiko – med flere "
                "oppdragsgivere, eget utstyr og egen markedsføring?",
                "options": [
                    {
                        "label": "Ja, det er en fast del av hvordan jeg jobber",
                        "next": "selvstendig",
                    },
                    {"label": "Nei, det er enkeltstående oppdrag", "next": "frilanser"},
                ],
            },
            {
                "key": "eget-foretak",
                "kind": "question",
                "question": "Har du i tillegg en stilling der du får lønn?",
                "options": [
                    {"label": "Ja", "next": "begge"},
                    {"label": "Nei", "next": "selvstendig"},
                ],
            },
            {
                "key": "ansatt",
                "kind": "result",
                "title": "Du er arbeidstaker",
                "text": "<p>Arbeidsgiveren din trekker skatt, betaler arbeidsgiveravgift, "
                "rapporterer lønnen i A-meldingen og har ansvaret for tjenestepensjonen. Du har "
                "rett til sykepenger etter reglene for arbeidstakere. Begynner du å ta oppdrag "
                "ved siden av, bør du gå gjennom veiviseren på nytt.</p>",
                "checklist": [
                    "Sjekk at skattekortet stemmer med forventet inntekt",
                    "Se at lønnen er rapportert riktig hos Skatteetaten",
                    "Spør arbeidsgiveren hvilken pensjonsordning du har",
                    "Avklar med arbeidsgiveren før du tar oppdrag som ligner stillingen din",
                ],
                "articles": ["demo-enk-og-ansatt", "demo-faq-frilanser-eller-enk"],
                "links": [_SKATTEETATEN, _NAV],
            },
            {
                "key": "frilanser",
                "kind": "result",
                "title": "Du er trolig frilanser i oppdragene",
                "text": "<p>Når du tar enkeltoppdrag uten å drive egen næring, skal "
                "oppdragsgiveren betale honoraret som lønn: trekke skatt etter skattekortet, "
                "rapportere i A-meldingen og betale arbeidsgiveravgift. Du trenger verken eget "
                "foretak eller MVA-registrering for dette.</p>",
                "checklist": [
                    "Gi oppdragsgiveren navn, fødselsnummer, adresse og kontonummer",
                    "Sjekk at honorarene er rapportert riktig i A-meldingen",
                    "Oppdater skattekortet hvis frilansinntektene øker",
                    "Be om en skriftlig avtale for hvert oppdrag",
                    "Vurder ENK hvis oppdragene blir mange og jevnlige",
                ],
                "articles": [
                    "demo-faq-frilanser-eller-enk",
                    "demo-a-melding-honorar",
                    "demo-starte-enk",
                ],
                "links": [_SKATTEETATEN, _ALTINN],
            },
            {
                "key": "selvstendig",
                "kind": "result",
                "title": "Du er selvstendig næringsdrivende",
                "text": "<p>Du driver for egen regning og risiko og fakturerer fra eget "
                "foretak. Da har du selv ansvaret for regnskap, forskuddsskatt og eventuell "
                "MVA, og du må sørge for ditt eget sikkerhetsnett ved sykdom og i "
                "alderdommen.</p>",
                "checklist": [
                    "Registrer ENK i Enhetsregisteret hvis du ikke har gjort det",
                    "Avklar om noe av omsetningen er MVA-pliktig",
                    "Betal forskuddsskatt og sett av penger til skatt",
                    "Vurder frivillig sykepengeforsikring hos NAV",
                    "Opprett en pensjonsordning for selvstendig næringsdrivende",
                    "Hold egen bankkonto og oppdatert regnskap",
                ],
                "articles": [
                    "demo-starte-enk",
                    "demo-mva-for-musikere",
                    "demo-sykepenger-og-pensjon",
                ],
                "links": [
                    {
                        "title": "Brønnøysundregistrene: Slik registrerer du et "
                        "enkeltpersonforetak",
                        "url": "https://www.brreg.no/enkeltpersonforetak-nn/"
                        "slik-registrerer-du-eit-enkeltpersonforetak/",
                        "description": "Registrering i Enhetsregisteret.",
                    },
                    _MVA_GRENSE,
                    _NAV,
                ],
            },
            {
                "key": "begge",
                "kind": "result",
                "title": "Du er både ansatt og selvstendig næringsdrivende",
                "text": "<p>Du har to roller med hvert sitt regelsett. Lønnen håndteres av "
                "arbeidsgiveren, mens næringsinntekten er ditt ansvar. Har du både lønn og "
                "næringsinntekt, beregnes sykepengene etter reglene for arbeidstakere. Hold "
                "rollene tydelig adskilt.</p>",
                "checklist": [
                    "Hold egen bankkonto for foretaket",
                    "Oppdater skattekortet med både lønn og forventet næringsinntekt",
                    "Avklar om næringsdelen er MVA-pliktig",
                    "Ikke fakturer arbeidsgiveren for arbeid som hører til stillingen",
                    "Sett av til pensjon av næringsinntekten",
                    "Vurder frivillig forsikring for næringsdelen",
                ],
                "articles": [
                    "demo-enk-og-ansatt",
                    "demo-sykepenger-og-pensjon",
                    "demo-faq-sykepenger-dag-17",
                ],
                "links": [_NAV, _SKATTEETATEN, _SYKEPENGER_ALTINN],
            },
        ],
    },
    {
        "slug": "jeg-skal-gi-ut-musikk",
        "title": "Jeg skal gi ut musikk",
        "intro": "Noen spørsmål om utgivelsen din gir deg en sjekkliste for rettigheter, "
        "metadata og planlegging – enten du gir ut selv eller sammen med et plateselskap.",
        "language": "nb",
        "owner": "most",
        "steps": [
            {
                "key": "start",
                "kind": "question",
                "question": "Hvem står for utgivelsen?",
                "options": [
                    {"label": "Et plateselskap gir ut musikken", "next": "plateselskap"},
                    {"label": "Jeg gir ut selv, via en digital distributør", "next": "egne-laater"},
                ],
            },
            {
                "key": "egne-laater",
                "kind": "question",
                "question": "Er alle låtene skrevet av deg eller bandet?",
                "help": "Har du skrevet sammen med andre, regnes det også som egne låter – men "
                "avklar andelene.",
                "options": [
                    {"label": "Ja, bare egne låter", "next": "tidslinje"},
                    {"label": "Nei, én eller flere er andres låter (cover)", "next": "cover"},
                ],
            },
            {
                "key": "tidslinje",
                "kind": "question",
                "question": "Hvor lang tid er det til ønsket utgivelsesdato?",
                "options": [
                    {"label": "Mer enn seks uker", "next": "god-tid"},
                    {"label": "Seks uker eller mindre", "next": "kort-tid"},
                ],
            },
            {
                "key": "plateselskap",
                "kind": "result",
                "title": "Utgivelse med plateselskap",
                "text": "<p>Plateselskapet tar seg vanligvis av distribusjon, ISRC og levering "
                "til strømmetjenestene. Ditt ansvar er å passe på rettighetene dine som "
                "låtskriver og utøver, og å forstå kontrakten du har signert.</p>",
                "checklist": [
                    "Les kontrakten nøye og få råd før du signerer",
                    "Meld inn låtene dine til TONO med riktige andeler",
                    "Registrer deg hos Gramo som utøver",
                    "Be plateselskapet om ISRC og metadata for utgivelsen",
                    "Avtal hvem som gjør hva i promoteringen",
                ],
                "articles": [
                    "demo-kontrakter-og-forlag",
                    "demo-tono-og-gramo",
                    "demo-faq-gramo-utbetaling",
                ],
                "links": [_FONO, _TONO, _GRAMO],
            },
            {
                "key": "cover",
                "kind": "result",
                "title": "Utgivelse med coverlåter",
                "text": "<p>Når du spiller inn andres låter, eier du innspillingen, men ikke "
                "verket. Låtskriverne skal ha sin del, og rettighetene må være avklart før "
                "utgivelsen. For fysiske eksemplarer trengs det som regel en mekanisk lisens "
                "gjennom NCB, som forvalter de mekaniske rettighetene i Norden. Spør "
                "distributøren hvordan coverlåter håndteres på strømmetjenestene.</p>",
                "checklist": [
                    "Finn ut hvem som har skrevet låten, og hvem som er forlag",
                    "Spør distributøren hvordan coverlåter håndteres",
                    "Skaff mekanisk lisens for fysiske eksemplarer",
                    "Krediter låtskriverne riktig i metadataene",
                    "Ikke endre tekst eller melodi uten tillatelse fra rettighetshaverne",
                ],
                "articles": ["demo-gi-ut-musikk", "demo-metadata-og-isrc", "demo-tono-og-gramo"],
                "links": [_TONO, _GRAMO],
            },
            {
                "key": "god-tid",
                "kind": "result",
                "title": "Du har god tid – bruk den",
                "text": "<p>Med mer enn seks uker igjen rekker du å gjøre alt i riktig "
                "rekkefølge: registrere rettighetene, levere til distributøren i god tid og "
                "pitche til spillelister og medier.</p>",
                "checklist": [
                    "Gjør ferdig master, omslag og metadata",
                    "Lever til distributøren minst fire uker før utgivelsen",
                    "Meld inn verkene til TONO og registrer innspillingen hos Gramo",
                    "Pitch til spillelister, radio og lokale medier",
                    "Planlegg innhold i sosiale medier før og etter slipp",
                    "Avtal en releasekonsert eller strømmekonsert",
                ],
                "articles": ["demo-gi-ut-musikk", "demo-metadata-og-isrc", "demo-faq-isrc"],
                "links": [_MUSIC_NORWAY, _FONO],
            },
            {
                "key": "kort-tid",
                "kind": "result",
                "title": "Det haster – prioriter det viktigste",
                "text": "<p>Med kort tid igjen er det viktigste at musikken kommer riktig ut, "
                "med korrekte metadata. Vurder å flytte datoen noen uker hvis du vil rekke å "
                "pitche til spillelister og medier – det er ofte verdt det.</p>",
                "checklist": [
                    "Lever til distributøren så fort som mulig",
                    "Dobbeltsjekk artistnavn, titler, ISRC og krediteringer",
                    "Meld inn verkene til TONO",
                    "Prioriter dine egne kanaler og e-postlisten til fansen",
                    "Vurder å flytte utgivelsesdatoen",
                ],
                "articles": ["demo-gi-ut-musikk", "demo-faq-isrc"],
                "links": [_TONO, _GRAMO],
            },
        ],
    },
]
