"""Texts of the embedded sample corpus: fictional plans of fictional municipalities (99xx).

Written for planmine; no sentence comes from a real plan. Each document is a list of sections;
a section is (heading, blocks) and starts on a new page. A block is a paragraph string,
("table", rows) or ("twocol", [paragraphs]).
"""

from __future__ import annotations

MUNICIPALITIES = [
    ("9901", "Fjordvik", "Eksempelfylket"),
    ("9902", "Nordøy", "Eksempelfylket"),
    ("9903", "Heibygd", "Eksempelfylket"),
    ("9904", "Sjøvollen", "Eksempelfylket"),
    ("9905", "Vestmark", "Eksempelfylket"),
]

FJORDVIK_SAMFUNNSDEL = {
    "file": "9901_fjordvik_samfunnsdel_2024-2036.pdf",
    "kommunenummer": "9901",
    "kommune": "Fjordvik",
    "title": "Kommuneplanens samfunnsdel 2024–2036",
    "cover": ["Fjordvik kommune", "Kommuneplanens samfunnsdel 2024–2036", "Vedtatt av kommunestyret 14. mars 2024"],
    "sections": [
        ("1 Innledning", [
            "Kommuneplanens samfunnsdel er Fjordvik kommunes overordnede styringsdokument. Planen viser hvilke "
            "langsiktige utfordringer vi står overfor, hvilke mål vi har satt oss, og hvordan kommunen skal "
            "arbeide for å nå dem. Den skal følges opp gjennom handlingsdelen og økonomiplanen hvert år.",
            "Planen er utarbeidet etter reglene i plan- og bygningsloven. Det ble gjennomført en bred "
            "medvirkningsprosess med folkemøter i alle grendene, og ungdomsrådet har gitt innspill til "
            "målene for oppvekst. Medvirkning i planarbeidet er likevel noe annet enn det planen kaller "
            "samskaping, som handler om hvordan vi skal løse oppgavene sammen i årene som kommer.",
        ]),
        ("2 Utfordringsbildet", [
            "Fjordvik får flere eldre og færre i arbeidsfør alder. Fram mot 2036 ventes antallet innbyggere over "
            "80 år nesten å dobles, mens antallet unge voksne går ned. Kommunen kan ikke løse disse utfordringene "
            "alene, og knappe ressurser gjør samskaping med innbyggere, frivillige og næringsliv nødvendig for "
            "å opprettholde gode tjenester i hele kommunen.",
            ("table", [
                ["Aldersgruppe", "2024", "2030", "2036"],
                ["0–19 år", "1 410", "1 330", "1 270"],
                ["20–66 år", "4 050", "3 890", "3 760"],
                ["67–79 år", "1 020", "1 150", "1 240"],
                ["80 år og eldre", "390", "560", "740"],
            ]),
            "Tabellen viser befolkningsframskrivingen i hovedalternativet. Økningen i den eldste aldersgruppen "
            "gir et stort behov for helse- og omsorgstjenester, og samhandlingsreformen har allerede flyttet "
            "flere oppgaver fra sykehuset til kommunen.",
        ]),
        ("3 Kommunens rolle", [
            ("twocol", [
                "Fjordvik vil ta steget mot Kommune 3.0. Det betyr at kommunen går fra å være leverandør av "
                "ferdige tjenester til å være tilrettelegger og pådriver for samskaping med innbyggerne. "
                "Kommunen skal legge til rette for at gode ideer fra lokalsamfunnet kan prøves ut.",
                "I praksis skal hver sektor ha en kontaktperson for samskapingsprosesser, og ansatte skal få "
                "opplæring i å fasilitere møter der innbyggere, frivillige og fagfolk finner løsninger sammen. "
                "Kommunestyret skal hvert år få en oversikt over samskapingsprosjektene og hva de har gitt.",
                "Kommunen skal også være en arena der lag, foreninger og enkeltpersoner kan møtes. "
                "Biblioteket og kulturhuset blir viktige samskapingsarenaer, med åpne rom og enkel booking "
                "for alle som vil starte noe nytt for fellesskapet i kommunen vår.",
                "Den nye rollen krever tillit begge veier. Kommunen må tåle at resultatet blir et annet enn "
                "det administrasjonen hadde sett for seg, og innbyggerne må få vite hva som skjer med "
                "innspillene deres. Vi vil derfor publisere en enkel samskapingslogg på nettsidene.",
            ]),
        ]),
        ("4 Helse, omsorg og tjenester", [
            "I hjemmetjenesten skal brukere og pårørende være med på å samskape tjenestene. Gjennom "
            "hverdagsrehabilitering vil vi gjøre det mulig å bo lenger hjemme.",
            "Samskaping skal også være en vei til innovasjon: med tjenestedesign vil vi prøve ut nye "
            "løsninger for velferdsteknologi i et pilotprosjekt, og det som virker, tas i bruk i hele "
            "kommunen.",
            "Frivilligsentralen er en viktig partner. Sammen med lag og foreninger skal sentralen samskape "
            "aktivitetstilbud for eldre, og dugnadsånden i grendene skal brukes til besøksvenner og "
            "turgrupper. Kommunen skal gi frivilligheten forutsigbare rammer og en fast kontaktperson.",
        ]),
        ("5 Næringsutvikling", [
            "Verdiskaping i havbruk, reiseliv og fornybar energi er grunnlaget for arbeidsplassene i Fjordvik. "
            "Kommunen vil videreutvikle næringsforeningen og legge til rette for nye etableringer. "
            "Nye idrettsanlegg og nærmiljøanlegg ved skolene skal gjøre kommunen mer attraktiv for "
            "tilflyttere, og kommunen vil søke spillemidler for tre nye anlegg i planperioden.",
        ]),
    ],
}

FJORDVIK_SAMFUNNSDEL_2016 = {
    "file": "9901_fjordvik_samfunnsdel_2016-2028.pdf",
    "kommunenummer": "9901",
    "kommune": "Fjordvik",
    "title": "Kommuneplanens samfunnsdel 2016–2028",
    "cover": ["Fjordvik kommune", "Kommuneplanens samfunnsdel 2016–2028", "Vedtatt av kommunestyret 9. juni 2016"],
    "sections": [
        ("1 Innledning", [
            "Samfunnsdelen fra 2016 beskriver kommunens mål for en periode med vekst i havbruk og reiseliv. "
            "Kommunen skal gi gode tjenester til alle innbyggere og sikre en forsvarlig økonomi.",
        ]),
        ("2 Tjenester og frivillighet", [
            "Samproduksjon av tjenester med brukerne skal prøves ut i hjemmetjenesten, der brukere og "
            "pårørende deltar i planleggingen av hverdagen. Frivilligheten er viktig for kommunen, og "
            "frivilligsentralen får fast driftstilskudd i hele perioden.",
        ]),
    ],
}

FJORDVIK_PLANSTRATEGI = {
    "file": "9901_fjordvik_planstrategi_2024-2027.pdf",
    "kommunenummer": "9901",
    "kommune": "Fjordvik",
    "title": "Planstrategi 2024–2027",
    "cover": ["Fjordvik kommune", "Kommunal planstrategi 2024–2027", "Vedtatt 20. juni 2024"],
    "sections": [
        ("1 Om planstrategien", [
            "Den kommunale planstrategien skal vedtas i løpet av det første året i hver valgperiode. Den "
            "viser hvilke planer kommunestyret vil revidere eller utarbeide, og om kommuneplanen skal "
            "rulleres. Strategien bygger på kunnskapsgrunnlaget om befolkning, levekår og miljø.",
            "Samskaping er en av kommunens verdier, og den skal prege alt vi gjør i planperioden.",
        ]),
        ("2 Planbehov", [
            "Kommunestyret vil revidere temaplanen for helse og omsorg i 2025 og utarbeide en ny plan for "
            "kultur og idrett i 2026. Arealdelen av kommuneplanen videreføres uendret. Beredskapsplanen "
            "oppdateres årlig, og trafikksikkerhetsplanen rulleres i 2027.",
        ]),
    ],
}

NORDOY_SAMFUNNSDEL = {
    "file": "9902_nordoy_samfunnsdel_2023-2035.pdf",
    "kommunenummer": "9902",
    "kommune": "Nordøy",
    "title": "Kommuneplanen sin samfunnsdel 2023–2035",
    "cover": ["Nordøy kommune", "Kommuneplanen sin samfunnsdel 2023–2035", "Vedteke i kommunestyret 8. juni 2023"],
    "sections": [
        ("1 Innleiing", [
            "Samfunnsdelen er det øvste styringsdokumentet i Nordøy kommune. Han viser kva for mål vi har for "
            "utviklinga av lokalsamfunnet, og korleis kommunen skal arbeide for å nå dei. Planen skal "
            "følgjast opp gjennom handlingsdelen kvart år.",
            "Nordøy er ein øykommune med sterke fellesskap. Me vil byggje vidare på det, og samskaping med "
            "innbyggjarane skal vere ein raud tråd i arbeidet med planen.",
        ]),
        ("2 Lokaldemokrati og medverknad", [
            "Samskaping skal gje innbyggjarane reell påverknad på avgjerder som gjeld nærmiljøet deira. "
            "Ungdomsrådet og eldrerådet skal vere faste partnarar når kommunen lagar nye tiltak, og me vil "
            "halde opne folkemøte før store saker vert avgjorde. Grupper som sjeldan vert høyrde, skal få "
            "særleg merksemd i samskapinga, slik at lokaldemokratiet vert sterkare.",
            "Teaterlaget på Storøya sette i fjor opp ein samproduksjon saman med kulturskulen, og "
            "framsyninga vart sett av over tusen menneske.",
        ]),
        ("3 Bulyst og stadutvikling", [
            "Bulystteamet skal samskape møteplassar i sentrum og i grendene saman med innbyggjarane. Gode "
            "møteplassar gjev tilhøyrsle og gjer det meir attraktivt å busetje seg i kommunen. Me vil "
            "prioritere stadutvikling der grendeutvala sjølve tek initiativ, og kommunen skal stille med "
            "fagfolk og litt startkapital.",
            "Frivilligheita er ein berebjelke i Nordøy. Lag og organisasjonar skal inviterast inn i "
            "samskapande prosessar om fritidstilbod for barn og unge, og kommunen skal gjere det enklare å "
            "låne lokale og utstyr.",
        ]),
    ],
}

HEIBYGD_SAMFUNNSDEL_HTML = {
    "file": "9903_heibygd_samfunnsdel_2025-2037.html",
    "kommunenummer": "9903",
    "kommune": "Heibygd",
    "title": "Kommuneplanens samfunnsdel 2025–2037 – høringsutkast",
    "sections": [
        ("Innledning", [
            "Dette er høringsutkastet til ny samfunnsdel for Heibygd kommune. Utkastet er lagt ut til "
            "offentlig ettersyn, og alle kan sende innspill innen fristen som står i kunngjøringen.",
        ]),
        ("Verdiskaping og partnerskap", [
            "Heibygd vil samskape med næringslivet, universitetet og fylkeskommunen om en ny strategi for "
            "grønn omstilling. Et partnerskap med høgskolen skal gi studenter og forskere mulighet til å "
            "arbeide med reelle utfordringer i kommunen, og næringsklyngen for tre og bioenergi skal få en "
            "fast plass i arbeidet.",
            "Erfaringer fra Danmark viser at samskabelse mellom kommune, virksomheter og borgere kan gi "
            "varige arbeidsplasser. Vi vil lære av disse erfaringene gjennom et nordisk nettverk.",
        ]),
        ("Bolyst og lokalsamfunn", [
            "Bolystteamet skal samskape attraktive møteplasser i sentrum sammen med handelsstanden, "
            "ungdommen og beboerne. Stedsutvikling skal skje nedenfra, og lokalsamfunnene skal selv "
            "definere hva som gir tilhørighet der de bor.",
        ]),
        ("Innbyggerdialog", [
            "Innbyggerne skal få påvirke kommunens prioriteringer gjennom samskaping og en digital "
            "innbyggerdialog. Co-creation with residents is also the theme of an English summary of the "
            "plan, written for the many newcomers who work in the local industry.",
        ]),
    ],
}

HEIBYGD_HELSE = {
    "file": "9903_heibygd_temaplan_helse_omsorg_2024-2028.pdf",
    "kommunenummer": "9903",
    "kommune": "Heibygd",
    "title": "Temaplan for helse og omsorg 2024–2028",
    "cover": ["Heibygd kommune", "Temaplan for helse og omsorg 2024–2028", "Vedtatt 12. desember 2023"],
    "sections": [
        ("1 Bakgrunn", [
            "Samhandlingsreformen fra 2012 ga kommunene ansvar for flere pasienter etter utskrivning fra "
            "sykehus. Samtidig blir det flere eldre og færre yrkesaktive, og det økonomiske handlingsrommet "
            "blir mindre. Eldrebølgen krever at vi tenker nytt om hvordan tjenestene skal gis.",
        ]),
        ("2 Mål og strategier", [
            "Helse- og omsorgstjenestene skal utvikles medskapende sammen med brukerne. Samproduksjon av "
            "tjenester betyr at brukere og pårørende bidrar aktivt i egen hverdag, og at hjemmetjenesten "
            "bygger på det den enkelte selv mestrer. Leve hele livet-reformen skal gjennomføres i "
            "samskaping med eldre, pårørende og frivillige.",
            "Co-production of services is the approach of the new rehabilitation team, where users and "
            "carers help design the training programmes they take part in.",
            "Fordi ressursene er knappe, må samskaping være en del av svaret på framtidas omsorgsbehov, "
            "og vi vil følge med på om tiltakene gir bærekraftige tjenester.",
        ]),
    ],
}

SJOVOLLEN_SAMFUNNSDEL = {
    "file": "9904_sjovollen_samfunnsdel_2022-2034.pdf",
    "kommunenummer": "9904",
    "kommune": "Sjøvollen",
    "title": "Kommuneplanens samfunnsdel 2022–2034",
    "cover": ["Sjøvollen kommune", "Kommuneplanens samfunnsdel 2022–2034", "Vedtatt av kommunestyret 2. februar 2022"],
    "sections": [
        ("1 Innledning", [
            "Samfunnsdelen beskriver hvordan Sjøvollen skal utvikle seg fram mot 2034. Planen bygger på "
            "kunnskapsgrunnlaget og på innspill fra innbyggerne. Frivilligheten i kommunen er sterk, og "
            "idrettslagene driver et omfattende tilbud for barn og unge.",
        ]),
        ("2 Næring og arbeid", [
            "Verdiskaping i landbruket og i den lokale industrien skal økes. Kommunen vil samarbeide med "
            "næringsforeningen om markedsføring av ledige næringsarealer, og det skal bygges tre nye "
            "nærmiljøanlegg ved skolene i planperioden.",
            "Kommunen har nulltoleranse for korrupsjon. Medvirkning til økonomisk kriminalitet skal "
            "meldes, og internkontrollen skal styrkes i alle enheter.",
        ]),
        ("3 Oppvekst", [
            "Alle barn i Sjøvollen skal ha et trygt og godt oppvekstmiljø. Barnehagene og skolene skal "
            "samarbeide tett med helsestasjonen, og tidlig innsats skal prioriteres i alle tjenester.",
        ]),
    ],
}

VESTMARK_PLANPROGRAM = {
    "file": "9905_vestmark_planprogram_samfunnsdel_2025.pdf",
    "kommunenummer": "9905",
    "kommune": "Vestmark",
    "title": "Planprogram for kommuneplanens samfunnsdel – forslag",
    "cover": ["Vestmark kommune", "Planprogram for kommuneplanens samfunnsdel", "Forslag til offentlig ettersyn 2025"],
    "sections": [
        ("1 Formål", [
            "Planprogrammet beskriver hvordan arbeidet med ny samfunnsdel skal organiseres. Det omfatter "
            "framdrift, hvilke temaer som skal utredes, og opplegg for medvirkning etter plan- og "
            "bygningsloven § 5-1.",
        ]),
        ("2 Visjon og verdier", [
            "Vår visjon er samskaping for et godt liv i hele Vestmark.",
            "Den nye samfunnsdelen skal vise hvordan kommunen vil arbeide med klima, folkehelse og "
            "bosetting. Kommunedirektøren legger fram et forslag til mål i løpet av våren.",
        ]),
    ],
}

PDF_DOCUMENTS = [FJORDVIK_SAMFUNNSDEL, FJORDVIK_SAMFUNNSDEL_2016, FJORDVIK_PLANSTRATEGI, NORDOY_SAMFUNNSDEL, HEIBYGD_HELSE,
                 SJOVOLLEN_SAMFUNNSDEL, VESTMARK_PLANPROGRAM]
HTML_DOCUMENTS = [HEIBYGD_SAMFUNNSDEL_HTML]
