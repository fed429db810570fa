"""Initial standard texts (standardtekster) for journal notes.

Written for Jobspor by its developers as realistic examples of the short and longer texts a Danish
jobcentre uses daily (seed 001: "hundreds of them in practice"); not copied from any municipality.
Administrators edit, add and retire texts in the admin. (title, kind code or "", search words, text)"""

STANDARD_TEXTS = [
    ("Jobsamtale afholdt – fokus på job", "jobsamtale", "job samtale fokus ordinære timer",
     "Jobsamtale afholdt. Vi talte om borgerens jobønsker og konkrete muligheder for ordinære timer. "
     "Borgeren er motiveret for at komme i gang på en rigtig arbejdsplads."),
    ("Jobsamtale – CV gennemgået", "jobsamtale", "cv opgaver kompetencer",
     "CV'et er gennemgået sammen med borgeren. Vi har beskrevet konkrete arbejdsopgaver, borgeren kan "
     "løse, ud fra tidligere job, fritid og privatliv."),
    ("Jobmål aftalt", "jobsamtale", "jobmål jobønske realistisk",
     "Borgerens jobønsker er drøftet og omsat til et realistisk jobmål. Vi har aftalt, hvilke brancher og "
     "virksomheder der skal kontaktes."),
    ("Borger udeblev", "", "udeblevet udeblivelse mødte ikke",
     "Borgeren udeblev fra den aftalte samtale uden afbud. Der er sendt en besked med tilbud om ny tid."),
    ("Borger meldt afbud", "", "afbud syg aflyst",
     "Borgeren meldte afbud til samtalen. Ny tid er aftalt."),
    ("Aftale om næste kontakt", "", "næste aftale opfølgning",
     "Vi har aftalt næste kontakt. Borgeren ved, hvem der følger op, og hvordan jobcentret kan kontaktes "
     "i mellemtiden."),
    ("Opfølgning i virksomhedspraktik", "opfoelgning", "praktik virksomhed opfølgning timer",
     "Opfølgning på virksomhedspraktikken sammen med borgeren og virksomhedens kontaktperson. Vi "
     "gennemgik arbejdsopgaverne, og hvordan det går med fremmøde og samarbejde."),
    ("Opfølgning – opgaver mestres", "opfoelgning", "mestring opgaver skala ordinære timer",
     "Borgeren og virksomheden vurderer, at flere opgaver nu mestres. Vi har drøftet, hvordan de "
     "mestrede opgaver kan omsættes til ordinære timer."),
    ("Ordinære timer aftalt", "opfoelgning", "ordinære timer løn aftale",
     "Der er aftalt ordinære timer med virksomheden. Timetal og startdato er skrevet ind i "
     "arbejdsaftalen."),
    ("Opfølgning – ingen progression", "opfoelgning", "progression skift virksomhed",
     "Der er ikke sket progression i forløbet. Vi har drøftet en anden virksomhed eller andre opgaver, "
     "så forløbet fører mod ordinære timer."),
    ("Walk and talk gennemført", "walk_and_talk", "gåtur motion relation",
     "Samtalen blev holdt som walk and talk. Borgeren fortalte om hverdagen og om, hvad der skal til for at "
     "komme i gang."),
    ("Fællesmøde med samarbejdspartnere", "faellesmoede", "fællesmøde tværfaglig koordinering",
     "Fællesmøde med borgeren og samarbejdspartnere. Indsatserne er koordineret, så de kører parallelt og "
     "ikke efter hinanden."),
    ("Fællesmøde med misbrugscenter", "faellesmoede", "misbrug behandling rusmiddel",
     "Fællesmøde med misbrugscentret og borgeren. Behandlingen og den beskæftigelsesrettede indsats er "
     "afstemt, så mødetider passer sammen."),
    ("Virksomhedsbesøg sammen med borger", "virksomhedsbesoeg", "virksomhed besøg match",
     "Besøg på virksomheden sammen med borgeren. Vi så arbejdspladsen, mødte kommende kolleger og "
     "drøftede konkrete arbejdsopgaver og hensyn."),
    ("Arbejdsaftale underskrevet", "virksomhedsbesoeg", "arbejdsaftale underskrift",
     "Arbejdsaftalen er gennemgået og underskrevet af borger, virksomhed og jobcenter på stedet."),
    ("Telefonsamtale – kort status", "telefon", "telefon status opkald",
     "Kort telefonsamtale med borgeren om status. Der er ingen ændringer i aftalerne."),
    ("Telefonsamtale – ikke truffet", "telefon", "telefon forsøgt ikke truffet",
     "Forsøgt at ringe til borgeren uden at træffe. Der er lagt besked om at ringe tilbage."),
    ("Besked sendt til borger", "besked", "besked digital post sms",
     "Der er sendt en besked til borgeren med de aftaler, vi lavede."),
    ("Visitation – første samtale", "visitation", "visitation første samtale forventning",
     "Første samtale. Borgeren er orienteret om JobFirst-metoden: vi går efter en rigtig arbejdsplads fra "
     "start med ordinære timer som mål."),
    ("Visitation – 'Flere skal med'", "visitation", "flere skal med visitation gruppe",
     "Borgeren er visiteret i 'Flere skal med'. Visitationen bygger på borgerens afstand til "
     "arbejdsmarkedet, ikke på ydelsen."),
    ("Helbred drøftet", "", "helbred læge sygdom hensyn",
     "Vi drøftede borgerens helbred, og hvilke hensyn en arbejdsplads skal tage. Borgeren giver samtykke "
     "til, at vi kontakter egen læge."),
    ("Lægeattest indhentet", "", "lægeattest læge LÆ",
     "Der er indhentet lægeattest fra egen læge. Attesten indgår i vurderingen af borgerens muligheder."),
    ("Mentor aftalt", "", "mentor støtte opgaver",
     "Der er aftalt mentorstøtte med tydelige opgaver. Mentor hjælper med fremmøde og struktur i "
     "hverdagen, ikke med praktiske opgaver i hjemmet."),
    ("Småjob drøftet", "jobsamtale", "småjob få timer",
     "Vi drøftede småjob med få timer om ugen som en vej ind på arbejdsmarkedet. Borgeren er interesseret."),
    ("Økonomi ved ordinære timer", "jobsamtale", "økonomi beregning indkomst",
     "Vi gennemgik, hvad ordinære timer betyder for borgerens økonomi. Borgeren kan se, at det kan betale "
     "sig at arbejde."),
    ("Delmål fulgt op", "opfoelgning", "delmål plan progression",
     "Delmålene i planen er fulgt op. Vi har aftalt de næste små skridt."),
    ("Rehabiliteringsteam – forberedelse", "", "rehabiliteringsteam ressourceforløb",
     "Sagen forberedes til rehabiliteringsteamet. Borgeren er orienteret om mødet og om sin del af "
     "forberedelsen."),
    ("Bisidder deltog", "", "bisidder pårørende deltager",
     "Borgerens bisidder deltog i samtalen efter borgerens ønske."),
    ("Underretning sendt", "", "underretning socialforvaltning børn",
     "Der er sendt underretning til socialforvaltningen. Borgeren er orienteret."),
    ("Borger i job – opfølgning", "opfoelgning", "job efterværn livline",
     "Opfølgning efter jobstart. Borgeren trives, og vi har aftalt, at borgeren kan kontakte jobformidleren "
     "ved behov."),
    ("Sygemelding", "", "syg sygemeldt fravær",
     "Borgeren har meldt sig syg. Vi har aftalt at tale sammen, når borgeren er rask, og at aktiviteter "
     "holdes på pause."),
    ("Borger ønsker uddannelse", "jobsamtale", "uddannelse ung SU",
     "Borgeren ønsker at tage en uddannelse. Vi har drøftet muligheder og aftalt kontakt til "
     "uddannelsesvejledning."),
]
