"""The uniform assessment of distance to the labour market (seed 000, Hovedvej 2.1 and 4.1).

The same questions for everyone, never the benefit type: each area is answered on a three-step
scale, 0 = a resource, 1 = some barrier, 2 = a major barrier. `suggest` turns the answers into a
suggested hovedmålgruppe with reasons in Danish; the caseworker decides.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

AREAS = {
    "education": (_("Uddannelse"), [
        _("Har en kompetencegivende uddannelse"),
        _("Påbegyndt eller kortere uddannelse"),
        _("Ingen uddannelse ud over grundskolen"),
    ]),
    "work_experience": (_("Erhvervserfaring"), [
        _("Betydelig erhvervserfaring"),
        _("Nogen erhvervserfaring"),
        _("Ingen eller meget lidt erhvervserfaring"),
    ]),
    "health": (_("Helbred"), [
        _("Ingen helbredsmæssige begrænsninger"),
        _("Begrænsninger der kan tages hensyn til på en arbejdsplads"),
        _("Væsentlige fysiske eller psykiske helbredsproblemer"),
    ]),
    "addiction": (_("Misbrug"), [
        _("Intet misbrug"),
        _("Tidligere eller begrænset misbrug"),
        _("Aktivt misbrug der påvirker hverdagen"),
    ]),
    "housing": (_("Bolig"), [
        _("Stabil bolig"),
        _("Usikker eller midlertidig bolig"),
        _("Hjemløs"),
    ]),
    "economy": (_("Økonomi"), [
        _("Styr på økonomien"),
        _("Økonomiske problemer"),
        _("Alvorlig gæld eller økonomisk krise"),
    ]),
    "family": (_("Familie"), [
        _("Familieforhold uden særlige problemer"),
        _("Belastende familieforhold"),
        _("Alvorlige familiemæssige problemer"),
    ]),
    "social_network": (_("Socialt netværk"), [
        _("Godt netværk"),
        _("Begrænset netværk"),
        _("Socialt isoleret"),
    ]),
    "language": (_("Sprog"), [
        _("Taler og forstår dansk uden problemer"),
        _("Nogen danskkundskaber"),
        _("Meget begrænset dansk"),
    ]),
    "motivation": (_("Motivation"), [
        _("Motiveret for job eller uddannelse"),
        _("Usikker motivation"),
        _("Lav motivation lige nu"),
    ]),
}

# A major barrier in one of these areas alone makes the citizen vulnerable (seed 000, hovedmålgruppe 2).
HEAVY_AREAS = ("health", "addiction", "housing")
# Complex problems "besides unemployment": counted together (seed 000: "Flere problemer optræder ofte samtidigt").
SOCIAL_AREAS = ("health", "addiction", "housing", "economy", "family", "social_network")
YOUNG_AGE_LIMIT = 30
SUPPORT_YEARS_LIMIT = 4
LOW_HOURS = 10


@dataclass
class Suggestion:
    group: int
    reasons: list[str] = field(default_factory=list)
    barrier_score: int = 0


def area_label(area: str, score: int) -> str:
    return str(AREAS[area][1][score])


def suggest(answers: dict, *, age: int | None, years_on_support: float | None) -> Suggestion:
    """Suggest hovedmålgruppe 1, 2 or 3 from the answers.

    `age` is used only for group 3 (education-ready *young*, under 30); `years_on_support` is seed 000's
    "maksimalt 4 år på sammenhængende forsørgelse" for group 1. The benefit type is never an input.
    """
    scores = {area: int(answers[area]) for area in AREAS}
    hours_now = int(answers.get("hours_now") or 0)
    total = sum(scores.values())
    reasons: list[str] = []

    heavy = [a for a in HEAVY_AREAS if scores[a] == 2]
    social_major = [a for a in SOCIAL_AREAS if scores[a] == 2]
    social_some = [a for a in SOCIAL_AREAS if scores[a] >= 1]

    vulnerable = False
    for area in heavy:
        reasons.append(str(_("Væsentlig barriere: %(area)s (%(answer)s).")
                           % {"area": AREAS[area][0], "answer": area_label(area, 2).lower()}))
        vulnerable = True
    if len(social_major) >= 2 and not heavy:
        vulnerable = True
    if len(social_some) >= 3:
        names = ", ".join(str(AREAS[a][0]).lower() for a in social_some)
        reasons.append(str(_("Flere samtidige problemer ud over ledighed: %(areas)s.") % {"areas": names}))
        vulnerable = True
    if hours_now < LOW_HOURS:
        reasons.append(str(_("Kan kun arbejde %(hours)s timer om ugen nu.") % {"hours": hours_now}))
        vulnerable = vulnerable or hours_now == 0 or total >= 8
    if total >= 10 and not vulnerable:
        reasons.append(str(_("Samlet mange barrierer (%(score)s point af 20).") % {"score": total}))
        vulnerable = True
    if years_on_support is not None and years_on_support > SUPPORT_YEARS_LIMIT:
        reasons.append(str(_("Over %(limit)s år på offentlig forsørgelse (%(years)s år).")
                           % {"limit": SUPPORT_YEARS_LIMIT, "years": f"{years_on_support:.1f}".replace(".", ",")}))
        if total >= 6:
            vulnerable = True

    if vulnerable:
        return Suggestion(2, reasons, total)

    young = age is not None and age < YOUNG_AGE_LIMIT
    if young and scores["education"] > 0 and answers.get("education_wish"):
        reasons.insert(0, str(_("Under %(age)s år uden kompetencegivende uddannelse og ønsker at påbegynde "
                                "en uddannelse inden for et år.") % {"age": YOUNG_AGE_LIMIT}))
        return Suggestion(3, reasons, total)

    if scores["education"] == 0:
        reasons.insert(0, str(_("Har en kompetencegivende uddannelse.")))
    if scores["work_experience"] == 0:
        reasons.insert(0, str(_("Betydelig erhvervserfaring.")))
    if scores["motivation"] == 0:
        reasons.append(str(_("Motiveret for job eller uddannelse.")))
    reasons.append(str(_("Ingen væsentlige barrierer ud over ledighed (%(score)s point af 20).") % {"score": total}))
    return Suggestion(1, reasons, total)
