"""Demo parallel efforts (for 'Flere skal med' group 2 and 3 and other vulnerable citizens), rehabilitation-team
recommendations and underretninger for most group 3 cases (the rest show the warning). Bulk writes only."""

import datetime as dt

from jobspor.cases.models import Case

from .models import Notification, ParallelEffort, RehabRecommendation

EMAIL_DOMAIN = "horsens-samarbejde.example"  # RFC 2606: never a real mailbox
SECTORS = {"misbrugscenter": ("Rusmiddelcenter Horsens", 20), "egen_laege": ("Lægehuset", 22),
           "psykiatri": ("Distriktspsykiatrien", 14), "psykolog": ("Psykologhuset", 10),
           "familieafdeling": ("Børn og Familie", 8), "bostoette": ("Bostøtten", 12),
           "kriminalforsorg": ("Kriminalforsorgen Horsens", 5), "rehabiliteringsteam": ("Rehabiliteringsteamet", 9)}
DESCRIPTIONS = {
    "misbrugscenter": ["Ambulant alkoholbehandling", "Samtaleforløb om hash", "Substitutionsbehandling"],
    "egen_laege": ["Opfølgning på smerter i ryg", "Medicinjustering", "Lægeattest til jobcentret"],
    "psykiatri": ["Behandling for depression", "Angstforløb", "Udredning for ADHD"],
    "psykolog": ["Samtaleforløb om stress", "Forløb efter traume"],
    "familieafdeling": ["Familiebehandling", "Støtte til forældreskab"],
    "bostoette": ["Bostøtte §85 to gange om ugen", "Hjælp til økonomi og post"],
    "kriminalforsorg": ["Tilsyn under prøveløsladelse", "Samfundstjeneste"],
    "rehabiliteringsteam": ["Forelæggelse i rehabiliteringsteamet"],
}
NOTES = ["", "", "Borgeren har givet samtykke til at vi taler med behandleren.",
         "Mødetider koordineres, så de ikke støder sammen med praktikken.", "Fast kontakt hver anden uge."]
RECOMMENDATIONS = {"ressourceforloeb": 40, "jobafklaringsforloeb": 20, "fleksjob": 25, "foertidspension": 8,
                   "andet": 7}
RECIPIENTS = ["Socialafdelingen, Børn og Familie", "Socialforvaltningen, Voksenområdet", "Handicap og Psykiatri"]
REASONS = ["Borgeren kan ikke deltage i tilbud nu på grund af svær psykisk sygdom; behov for social indsats.",
           "Hjemløshed og misbrug: borgeren har brug for socialfaglig støtte før en beskæftigelsesrettet indsats.",
           "Bekymring for børnene i hjemmet; borgeren er ikke i stand til at deltage i aktiviteter nu."]


def demo_extend(*, rng, today, fake, say):
    sectors = list(SECTORS)
    weights = [SECTORS[s][1] for s in sectors]
    rec_kinds, rec_weights = list(RECOMMENDATIONS), list(RECOMMENDATIONS.values())
    efforts, recommendations, notifications = [], [], []
    cases = Case.objects.filter(closed__isnull=True).filter(fsm_group__in=[2, 3]).values_list("pk", "opened",
                                                                                               "fsm_group")
    others = Case.objects.filter(closed__isnull=True, target_group=2, fsm_group__isnull=True).values_list(
        "pk", "opened", "fsm_group")
    for case_id, opened, fsm in [*cases, *[c for c in others if rng.random() < 0.3]]:
        for _ in range(rng.choice((1, 1, 2, 2, 3)) if fsm else 1):
            sector = rng.choices(sectors, weights)[0]
            start = opened + dt.timedelta(days=rng.randint(0, max(0, (today - opened).days)))
            status = rng.choices(("planlagt", "i_gang", "afsluttet"), (15, 65, 20))[0]
            end = min(today, start + dt.timedelta(days=rng.randint(30, 200))) if status == "afsluttet" else None
            name = fake.name()
            login = "".join(ch for ch in name.split()[0].lower() if ch.isascii() and ch.isalpha()) or "kontakt"
            efforts.append(ParallelEffort(
                case_id=case_id, sector=sector, description=rng.choice(DESCRIPTIONS[sector]),
                contact_name=f"{name}, {SECTORS[sector][0]}", contact_phone=f"79 29 {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)}", contact_email=f"{login}@{EMAIL_DOMAIN}", status=status,
                start=None if status == "planlagt" else start, end=end, note=rng.choice(NOTES)))
        if fsm == 2 and rng.random() < 0.3:
            day = opened + dt.timedelta(days=rng.randint(0, max(0, (today - opened).days)))
            kind = rng.choices(rec_kinds, rec_weights)[0]
            recommendations.append(RehabRecommendation(
                case_id=case_id, date=day, recommendation=kind,
                text="Rehabiliteringsteamet anbefaler et tværfagligt forløb med fokus på små skridt mod "
                     "virksomhedspraktik." if kind != "foertidspension" else
                     "Rehabiliteringsteamet vurderer, at arbejdsevnen er varigt nedsat."))
        if fsm == 3 and rng.random() < 0.7:
            day = opened + dt.timedelta(days=rng.randint(0, min(30, max(0, (today - opened).days))))
            notifications.append(Notification(case_id=case_id, date=day, recipient=rng.choice(RECIPIENTS),
                                              reason=rng.choice(REASONS)))
    ParallelEffort.objects.bulk_create(efforts, batch_size=1000)
    RehabRecommendation.objects.bulk_create(recommendations, batch_size=1000)
    Notification.objects.bulk_create(notifications, batch_size=1000)
    return [(len(efforts), "parallel indsats", "parallelle indsatser"),
            (len(recommendations), "indstilling fra rehabiliteringsteamet", "indstillinger fra rehabiliteringsteamet"),
            (len(notifications), "underretning", "underretninger")]
