"""Danish labels for the CV's event payloads, shown in the case history (audit.presentation.LABELS)."""

from django.utils.translation import gettext_lazy as _

from .choices import LICENCE_CLASSES, ItemKind, Transport

CV_LABELS = {
    ItemKind.TASK.value: (_("Arbejdsopgave"), None),
    ItemKind.COMPETENCY.value: (_("Kompetence"), None),
    ItemKind.JOB_WISH.value: (_("Jobønske"), None),
    ItemKind.ACCOMMODATION.value: (_("Hensyn"), None),
    "experience": (_("Erfaring"), None),
    "job_goal": (_("Jobmål"), None),
    "language": (_("Sprog"), None),
    "statement": (_("Udtalelse"), None),
    "created": (_("CV oprettet"), None),
    "hours_now": (_("Timer pr. uge nu"), None),
    "hours_wanted": (_("Ønskede timer pr. uge"), None),
    "max_commute_km": (_("Højst transport (km)"), None),
    "transport": (_("Transportmidler"), None),
    "driving_licence": (_("Kørekort"), None),
}


def register_labels():
    """Add the CV's labels to the history's table of labels (keys the other apps do not use)."""
    from jobspor.audit.presentation import LABELS

    for key, label in CV_LABELS.items():
        LABELS.setdefault(key, label)


def transport_names(codes) -> list[str]:
    names = dict(Transport.choices)
    return [str(names.get(c, c)) for c in codes or ()]


def licence_text(classes) -> str:
    return ", ".join(c for c in LICENCE_CLASSES if c in (classes or ()))
