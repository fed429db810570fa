"""Demo contacts, journal notes, next agreed contacts and planned actions (see demo.generator.demo_extensions).

Every active case gets a short journal (a first visitation conversation, then job conversations, follow-ups,
calls …) written from the standard texts plus a specific sentence; its latest contact has the next agreed
contact. About one case in seven has had no contact for more than 30 days and most cases have an open planned
action (some overdue), so "Sager gået i stå" and "Mine opgaver" have something to show. Bulk writes only."""

import datetime as dt

from django.db import connection
from django.utils import timezone

from jobspor.cases.models import Case, CaseStaff
from jobspor.core.roles import Role

from .data.standard_texts import STANDARD_TEXTS
from .models import Contact, PlannedAction

ID_PREFIX = "DEMO-K"
CHUNK = 4000  # cases per write
STALLED_SHARE = 0.14  # last contact more than 30 days ago
NO_ACTION_SHARE = 0.12
DONE_ACTION_SHARE = 0.35
KIND_WEIGHTS = {"jobsamtale": 34, "opfoelgning": 24, "telefon": 14, "virksomhedsbesoeg": 9, "walk_and_talk": 6,
                "faellesmoede": 6, "besked": 7}
SPECIFICS = {
    "jobsamtale": [
        "Borgeren vil gerne prøve lager og logistik og har tidligere kørt truck.",
        "Vi talte om rengøring i de tidlige morgentimer, som passer med børnenes skoletider.",
        "Borgeren foreslog selv at spørge {company} om et par timer om ugen.",
        "Borgeren er usikker på egne evner, men lyste op ved snak om køkkenarbejde.",
        "Vi aftalte at tage kontakt til {company}, som mangler hænder i produktionen.",
        "Borgeren ønsker at starte med få timer og bygge op over de næste måneder.",
    ],
    "opfoelgning": [
        "Kontaktpersonen hos {company} fortæller, at borgeren møder stabilt og er vellidt.",
        "Borgeren klarer nu pakning og vareopfyldning selvstændigt.",
        "Fremmødet har været svingende; vi aftalte faste mødetider og en sms-påmindelse.",
        "{company} er åben for at tilbyde 5 ordinære timer om ugen fra næste måned.",
        "Borgeren er glad for kollegerne og vil gerne have flere opgaver.",
    ],
    "telefon": [
        "Borgeren ringede for at flytte næste samtale på grund af lægetid.",
        "Kort snak om opstarten hos {company} mandag.",
        "Borgeren bekræftede at have sendt ansøgningen.",
    ],
    "virksomhedsbesoeg": [
        "Vi mødte produktionslederen hos {company}, som viste rundt.",
        "Hos {company} blev opgaverne afstemt: opvask, klargøring og oprydning.",
    ],
    "walk_and_talk": [
        "Vi gik en tur ved åen; borgeren fortalte åbent om de sidste måneder.",
        "Turen gik fint, og borgeren havde selv foreslået ruten.",
    ],
    "faellesmoede": [
        "Deltagere: borgeren, misbrugskonsulent og jobformidler. Behandlingstider lægges om formiddagen.",
        "Bostøttemedarbejderen deltog; hun hjælper med struktur om morgenen.",
        "Psykiatrien deltog; planen tager hensyn til den nye medicin.",
    ],
    "besked": [
        "Sendt besked med tid og sted for næste møde.",
        "Sendt besked med kontaktoplysninger på {company}.",
    ],
    "visitation": [
        "Borgeren har tidligere arbejdet som pakkeriarbejder og savner at have noget at stå op til.",
        "Borgeren har været væk fra arbejdsmarkedet i flere år og er spændt på forløbet.",
        "Borgeren har erfaring fra butik og vil gerne tilbage til kundekontakt.",
    ],
}
OTHERS = ["", "", "", "", "", "", "borgerens bisidder", "virksomhedens kontaktperson", "egen læge", "bostøtten"]
ACTIONS = [
    "Ring til {company} om praktikplads", "Opdatér CV med borgeren", "Aftal virksomhedsbesøg hos {company}",
    "Følg op på fremmøde med kontaktpersonen", "Indhent lægeattest", "Forbered arbejdsaftale",
    "Drøft ordinære timer med {company}", "Send jobforslag til borgeren", "Book fællesmøde med misbrugscentret",
    "Afklar mentorstøtte", "Forbered sagen til rehabiliteringsteamet", "Følg op på delmål",
]


def _insert(model, fields, rows):
    """Plain executemany: at 200,000 contacts the ORM's per-object work costs more than the database."""
    if not rows:
        return
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(f).column) for f in fields)
    sql = (f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start:start + 5000])


CONTACT_FIELDS = ["external_id", "case", "employee", "date", "kind", "note", "note_version", "other_participants",
                  "next_date", "next_kind", "created_at", "updated_at"]
ACTION_FIELDS = ["case", "owner", "title", "due", "done_on", "created_at", "updated_at"]


def demo_extend(*, rng, today, fake, say):
    texts_by_kind = {}
    for _title, kind, _tags, text in STANDARD_TEXTS:
        texts_by_kind.setdefault(kind or "", []).append(text)
    companies = [fake.company() for _ in range(150)]
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    primary = dict(CaseStaff.objects.filter(is_primary=True, case__closed__isnull=True)
                   .values_list("case_id", "employee_id"))
    makker = dict(CaseStaff.objects.filter(role=Role.CASEWORKER, case__closed__isnull=True)
                  .values_list("case_id", "employee_id"))
    cases = list(Case.objects.filter(closed__isnull=True).order_by("pk").values_list("pk", "opened"))
    through = Contact.participants.through
    n_contacts = n_actions = serial = 0
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    day_value = connection.ops.adapt_datefield_value

    def note(kind):
        general = texts_by_kind.get(kind) or texts_by_kind[""]
        text = rng.choice(general)
        specific = rng.choice(SPECIFICS[kind]).format(company=rng.choice(companies))
        if rng.random() < 0.2:
            specific += " " + rng.choice(texts_by_kind[""])
        return f"{text} {specific}"

    for start in range(0, len(cases), CHUNK):
        contacts, participants, actions = [], [], []
        for case_id, opened in cases[start:start + CHUNK]:
            owner = primary.get(case_id)
            if owner is None:
                continue
            age = (today - opened).days
            stalled = rng.random() < STALLED_SHARE
            if stalled and age > 31:
                last = today - dt.timedelta(days=rng.randint(31, min(age, 150)))
            else:
                last = today - dt.timedelta(days=rng.randint(0, min(age, 28)))
            dates = [last]
            for _ in range(rng.choice((0, 1, 1, 2, 2, 3, 4))):
                earlier = dates[-1] - dt.timedelta(days=rng.randint(7, 35))
                if earlier < opened:
                    break
                dates.append(earlier)
            dates.reverse()
            for i, day in enumerate(dates):
                kind = "visitation" if i == 0 and day - opened < dt.timedelta(days=21) else \
                    rng.choices(kinds, weights)[0]
                serial += 1
                external_id = f"{ID_PREFIX}{serial:07d}"
                next_date, next_kind = None, ""
                if i == len(dates) - 1 and rng.random() < 0.9:
                    next_date = day_value(day + dt.timedelta(days=rng.choice((7, 14, 14, 21, 28))))
                    next_kind = rng.choices(kinds, weights)[0]
                contacts.append((external_id, case_id, owner, day_value(day), kind, note(kind), 1,
                                 rng.choice(OTHERS), next_date, next_kind, now, now))
                if case_id in makker and rng.random() < 0.15:
                    participants.append((external_id, makker[case_id]))
            if rng.random() >= NO_ACTION_SHARE:
                due = today + dt.timedelta(days=rng.randint(-12, 30))
                actions.append((case_id, owner, rng.choice(ACTIONS).format(company=rng.choice(companies)),
                                day_value(max(due, opened)), None, now, now))
            if rng.random() < DONE_ACTION_SHARE and age > 14:
                done = today - dt.timedelta(days=rng.randint(1, min(age, 60)))
                actions.append((case_id, owner, rng.choice(ACTIONS).format(company=rng.choice(companies)),
                                day_value(done), day_value(done), now, now))
        _insert(Contact, CONTACT_FIELDS, contacts)
        ids = {}
        wanted = [external_id for external_id, _e in participants]
        for start in range(0, len(wanted), 500):
            ids.update(Contact.objects.filter(external_id__in=wanted[start:start + 500])
                       .values_list("external_id", "pk"))
        through.objects.bulk_create([through(contact_id=ids[k], employee_id=e) for k, e in participants],
                                    batch_size=1000)
        _insert(PlannedAction, ACTION_FIELDS, actions)
        n_contacts += len(contacts)
        n_actions += len(actions)
    say(f"  {n_contacts} kontakter og {n_actions} planlagte handlinger …")
    return [(n_contacts, "kontakt", "kontakter"), (n_actions, "planlagt handling", "planlagte handlinger")]
