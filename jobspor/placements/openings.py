"""Open openings and small jobs near the citizen whose tasks overlap the citizen's CV tasks: for the conversation
(a simple filter; ranking comes with matching). Tasks are compared as Danish-normalised keys."""

from django.db.models import Q

from jobspor.core.danish_text import phrase_key
from jobspor.cv.choices import ItemKind
from jobspor.cv.models import CvItem
from jobspor.jobs.choices import JobStatus
from jobspor.jobs.geo import codes_within, distance_km
from jobspor.jobs.models import JobOpening

DEFAULT_KM = 25
LIMIT = 10


def openings_for_case(*, case, limit=LIMIT) -> dict:
    """{"km": radius, "tasks": the citizen's task count, "openings": [opening with .overlap and .km]}."""
    citizen = case.citizen
    items = list(CvItem.objects.filter(cv__citizen=citizen, kind=ItemKind.TASK).values_list("key", "text"))
    km = getattr(getattr(citizen, "cv", None), "max_commute_km", None) if hasattr(citizen, "cv") else None
    km = km or DEFAULT_KM
    result = {"km": km, "tasks": len(items), "openings": [], "no_postal_code": not citizen.postal_code_id}
    if not items or not citizen.postal_code_id:
        return result
    keys = {key for key, _text in items if key}
    codes = codes_within(citizen.postal_code_id, km)
    queryset = (JobOpening.objects.filter(status=JobStatus.OPEN)
                .filter(Q(postal_code__in=codes) | Q(postal_code__isnull=True, company__postal_code__in=codes))
                .select_related("company", "postal_code").order_by("-posted", "-id"))
    found = []
    for opening in queryset[:2000]:
        overlap = [task for task in opening.tasks if phrase_key(task) in keys]
        if overlap:
            opening.overlap = overlap
            code = opening.postal_code_id or opening.company.postal_code_id
            opening.km = distance_km(citizen.postal_code_id, code) if code else None
            found.append(opening)
    found.sort(key=lambda o: (-len(o.overlap), o.km if o.km is not None else 999))
    result["openings"] = found[:limit]
    return result
