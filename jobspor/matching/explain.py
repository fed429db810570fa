"""Why a citizen is matched with no opening — and what would help — in Danish sentences for the user.

An empty match list never stands alone: the Match tab and the Forløb tab show these reasons. They are
counted over the open openings exactly as the engine leaves them out (scoring.hard_requirements_failed and
the shared-word pre-filter of bounds.citizen_bounds), so the reasons name what really kept them out.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jobspor.jobs import geo

from . import bounds, scoring, vocabulary
from .text import dice, tokens


def _cv_exists(case) -> bool:
    from jobspor.cv.models import Cv

    return Cv.objects.filter(citizen_id=case.citizen_id).exists()


def why_no_openings(case, citizen: scoring.CitizenFacts, *, km: int, near_only: bool = False,
                    elsewhere: int = 0) -> list[str]:
    """Reasons there is no matching open opening for the citizen (within `km` if `near_only`), each saying what
    would help. `elsewhere`: matches farther away than `km` (then the first reason points to them)."""
    if not _cv_exists(case):
        return [_("Borgeren har intet CV endnu. Opret CV'et med opgaver, jobmål og timer, så kan borgeren "
                  "matches med job.")]
    if not (citizen.tasks or citizen.competencies or citizen.goals):
        return [_("CV'et har ingen opgaver endnu. Skriv de opgaver, borgeren har lavet eller gerne vil lave, og "
                  "et jobmål, så kan borgeren matches med job.")]
    rows = bounds.open_openings()["rows"]
    if not rows:
        return [_("Der er ingen åbne jobåbninger eller småjob lige nu. Opret en jobåbning hos en virksomhed, "
                  "der kan bruge borgerens opgaver.")]
    coords = geo.coordinates()
    home = coords.get(citizen.postal_code or "")
    limit = citizen.max_commute_km
    reach = min(limit, km) if (near_only and limit is not None) else (km if near_only else limit)
    reasons = []
    if home is None and reach is not None:
        reasons.append(_("Borgeren har intet kendt postnummer, så afstanden til job kan ikke beregnes. Ret "
                         "borgerens adresse."))
        return reasons
    lexicon = vocabulary.current()["lexicon"]
    have = set().union(*[tokens(t, lexicon) for t in citizen.tasks + citizen.competencies]) if (
        citizen.tasks or citizen.competencies) else set()
    goals = [tokens(g, lexicon) for g in citizen.goals]
    within, no_words, flex, licences, competencies = 0, 0, 0, set(), set()
    licence_jobs = competency_jobs = 0
    for _pk, title, tasks, _hours, licence, required, _wanted, code, kind in rows:
        where = coords.get(code or "")
        distance = geo.haversine_km(*home, *where) if home and where else None
        if reach is not None and (distance is None or distance > reach):
            continue
        within += 1
        if kind == scoring.FLEX_JOB and not citizen.fleksjob_visitated:
            flex += 1
            continue
        words = set().union(*[tokens(t, lexicon) for t in tasks]) if tasks else set()
        title_tokens = tokens(title, lexicon)
        if not (words & have) and not any(dice(title_tokens, g) >= scoring.TASK_THRESHOLD for g in goals):
            no_words += 1
            continue
        if not scoring._licence_ok(licence, citizen.driving_licence):
            licence_jobs += 1
            licences.add(licence)
            continue
        missing = [c for c in required or [] if not scoring._has(c, citizen.competencies + citizen.tasks, lexicon)]
        if missing:
            competency_jobs += 1
            competencies.update(missing)
    if within == 0:
        if elsewhere:
            reasons.append(ngettext(
                "Ingen åbne job inden for %(km)d km. %(n)d job længere væk passer – se dem på Match-fanen, eller "
                "find en virksomhed tættere på.",
                "Ingen åbne job inden for %(km)d km. %(n)d job længere væk passer – se dem på Match-fanen, eller "
                "find en virksomhed tættere på.", elsewhere) % {"km": reach, "n": elsewhere})
        else:
            reasons.append(_("Ingen åbne job inden for %(km)d km. Udvid borgerens grænse for transport på CV'et, "
                             "eller find en virksomhed tættere på.") % {"km": reach})
        return reasons
    if flex:
        reasons.append(ngettext(
            "%(n)d fleksjob er udeladt, fordi borgeren ikke er visiteret til fleksjob. Er borgeren visiteret, så "
            "registrér det på sagen.",
            "%(n)d fleksjob er udeladt, fordi borgeren ikke er visiteret til fleksjob. Er borgeren visiteret, så "
            "registrér det på sagen.", flex) % {"n": flex})
    if no_words:
        where = _("inden for %(km)d km") % {"km": reach} if reach is not None else _("i alt")
        reasons.append(ngettext(
            "%(n)d åbent job %(where)s har hverken opgaver eller titel, der ligner CV'ets. Tilføj flere opgaver "
            "eller et jobmål på CV'et.",
            "%(n)d åbne job %(where)s har hverken opgaver eller titel, der ligner CV'ets. Tilføj flere opgaver "
            "eller et jobmål på CV'et.", no_words) % {"n": no_words, "where": where})
    if licence_jobs:
        reasons.append(ngettext(
            "%(n)d job kræver kørekort (%(classes)s), som borgeren ikke har ifølge CV'et.",
            "%(n)d job kræver kørekort (%(classes)s), som borgeren ikke har ifølge CV'et.", licence_jobs)
            % {"n": licence_jobs, "classes": ", ".join(sorted(licences))})
    if competency_jobs:
        reasons.append(ngettext(
            "%(n)d job kræver en kompetence, borgeren ikke har ifølge CV'et (%(what)s).",
            "%(n)d job kræver en kompetence, borgeren ikke har ifølge CV'et (%(what)s).", competency_jobs)
            % {"n": competency_jobs, "what": ", ".join(sorted(competencies)[:5])})
    if elsewhere:
        reasons.insert(0, ngettext(
            "%(n)d job længere væk end %(km)d km passer – se dem på Match-fanen.",
            "%(n)d job længere væk end %(km)d km passer – se dem på Match-fanen.", elsewhere)
            % {"n": elsewhere, "km": km})
    if not reasons:
        reasons.append(_("Ingen åbne job passer til CV'et lige nu. Tilføj flere opgaver eller et jobmål på CV'et, "
                         "eller find en virksomhed nedenfor."))
    return reasons


def why_no_candidates(job) -> list[str]:
    """Why an opening has no candidates, in the words of the candidates page (for `jobspor match --job`)."""
    reasons = [_("Ingen aktive sager, du har adgang til, opfylder jobbets krav og matcher dets opgaver.")]
    if job.kind == scoring.FLEX_JOB:
        reasons.append(_("Et fleksjob tilbydes kun borgere, der er visiteret til fleksjob (registreret på sagen "
                         "eller på ledighedsydelse)."))
    if job.driving_licence or job.competencies_required:
        reasons.append(_("Jobbets krav til kørekort og kompetencer skal stå på borgerens CV."))
    return reasons
