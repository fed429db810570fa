"""The mentor catalogue: what a mentor may be asked to do, and what a mentor's task can *not* be.

Source: seed 000 (the jobcentre's definition of its core task, "kerneopgave"), target group 2 (udsatte
borgere), Hovedvej 3.2, the table "Opgaver / Mentorens fokus og opgaver / Mentorens opgave kan ikke være"
(dated 18-08-2015). The texts are the seed's own, lightly trimmed; the keys are ours.

"When a mentor is used … it is important to be very precise about which tasks the mentor is expected to
solve, and to follow up on them; and to be aware of which tasks the mentor cannot be expected to solve."
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SOURCE = _("Kilde: Jobcentrets kerneopgave, målgruppe 2 (udsatte borgere), Hovedvej 3.2, mentorskemaet.")


@dataclass(frozen=True)
class MentorArea:
    key: str
    name: str
    focus: str
    examples: tuple
    not_allowed: tuple


AREAS = (
    MentorArea(
        key="praktiske_opgaver",
        name=_("Praktiske opgaver"),
        focus=_("At hjælpe borgeren til at håndtere barrierer, der forhindrer deltagelse i forløbet."),
        examples=(
            _("At hjælpe borgeren med at få struktur på dagligdagen for at kunne møde i planlagte tilbud og "
              "aktiviteter"),
            _("At hjælpe borgeren i forhold til at kunne benytte offentlig transport"),
        ),
        not_allowed=(
            _("At håndtere praktiske opgaver for borgeren i hjemmet"),
            _("At stå for den generelle transport til aktiviteter – dvs. en form for \"taxaordning\""),
        ),
    ),
    MentorArea(
        key="kontakt",
        name=_("Kontakt"),
        focus=_("At støtte borgeren i kontakten til den koordinerende sagsbehandler og evt. andre fagpersoner i "
                "forløbet herunder den praktiserende læge."),
        examples=(
            _("At hjælpe til at formidle særlige behov ved opstarten i aktiviteter"),
            _("At hjælpe til at forstå indholdet i og meningen med aktiviteter i forløbet"),
            _("At hjælpe i dialogen med praktiserende læge som et led i, at borgeren opnår deltagelse i og "
              "fastholdelse i forløbet"),
        ),
        not_allowed=(
            _("At være en permanent støtte i forhold til en varig funktionsnedsættelse"),
            _("At \"overtage\" ordet for borgeren i kontakten til andre fagpersoner"),
            _("At søge bevillinger for borgeren"),
        ),
    ),
    MentorArea(
        key="ressourceafklaring",
        name=_("Ressourceafklaring"),
        focus=_("At hjælpe borgeren med at få fokus på ressourcer og udviklingsbehov og videreformidle dem til "
                "den koordinerende sagsbehandler."),
        examples=(
            _("At understøtte synliggørelse af ressourcer, udvikling og succeser i dialogen med borgeren"),
            _("At give input til den koordinerende sagsbehandler om borgers ressourcer og udvikling – sammen "
              "med borgeren"),
            _("At føre en logbog sammen med borgeren"),
        ),
        not_allowed=(
            _("At dokumentere eller vurdere borgerens arbejdsevne"),
        ),
    ),
    MentorArea(
        key="tillid_og_motivation",
        name=_("Tillid og motivation"),
        focus=_("At styrke borgerens tillid til systemet og motivere borgeren til at komme i job eller "
                "uddannelse."),
        examples=(
            _("At støtte i at se mening og retning i forløbet"),
            _("At støtte borgerens opnåelse af mål og delmål"),
            _("At motivere ved at tage udgangspunkt i borgerens ønsker og drømme – og de små skridt og succeser "
              "på vejen mod det langsigtede mål"),
        ),
        not_allowed=(
            _("At holde motiverende samtaler med fokus på generel livsforbedring"),
            _("At arbejde med delmål, der ikke er direkte knyttet til målet om job og uddannelse"),
        ),
    ),
    MentorArea(
        key="netvaerk",
        name=_("Netværk"),
        focus=_("At støtte borgeren i at bruge og udvide sit personlige netværk for at kunne indgå i forløbet og "
                "opnå tilknytning til arbejdsmarkedet eller uddannelse."),
        examples=(
            _("At hjælpe borgeren i gang med en fritidsaktivitet"),
            _("At støtte borgeren i kontakten til familiemedlemmer eller bekendte, som kan være en støtte og "
              "ressourceperson i forløbet"),
        ),
        not_allowed=(
            _("At indgå i borgerens sociale netværk – dvs. \"en ven\""),
            _("At være en generel støtte i borgerens tilgang til fritidstilbud"),
        ),
    ),
    MentorArea(
        key="sproglig_og_kulturel_stoette",
        name=_("Sproglig og kulturel støtte"),
        focus=_("At støtte borgeren i forhold til sproglige og kulturelle udfordringer for at undgå misforståelse "
                "og forbedre samarbejde mellem borgeren og indsatsens parter."),
        examples=(
            _("At være et vigtigt bindeled i overgangen til nye aktiviteter og ift. de spørgsmål og udfordringer, "
              "der kan opstå i starten"),
            _("At være opmærksom på og videreformidle evt. behov for supplerende aktiviteter til at tackle "
              "sproglige og kulturelle udfordringer i samråd med borgeren"),
        ),
        not_allowed=(
            _("At agere som borgerens \"tolk\" og en mere permanent formidler i forløbet"),
        ),
    ),
    MentorArea(
        key="personlige_udfordringer",
        name=_("Personlige udfordringer"),
        focus=_("At hjælpe borgeren med personlige udfordringer herunder familiemæssige udfordringer, bolig- "
                "og/eller økonomiproblemer."),
        examples=(
            _("At bistå ved møder i banken"),
            _("At hjælpe borgeren med at opsøge boligselskaber"),
        ),
        not_allowed=(
            _("At være en støtte i personlige udfordringer, der ikke optræder som hindringer for borgerens "
              "deltagelse i forløbet"),
            _("At \"tage over\" for borgeren og ikke lade borgeren føre ordet"),
        ),
    ),
)

BY_KEY = {area.key: area for area in AREAS}
AREA_CHOICES = [(area.key, area.name) for area in AREAS]


def areas_for(keys) -> list[MentorArea]:
    """The catalogue areas for the given keys, in catalogue order (unknown keys are left out)."""
    wanted = set(keys or ())
    return [area for area in AREAS if area.key in wanted]
