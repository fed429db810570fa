"""Danish labels for the fields in contact, planned-action and parallel-effort events (the case history).
Added to audit.presentation.LABELS when the apps are ready, so the history reads in Danish."""

from django.utils.translation import gettext_lazy as _

from .choices import ContactKind

LABELS = {
    "date": (_("Dato"), None),
    "kind": (_("Kontaktform"), dict(ContactKind.choices)),
    "note": (_("Journalnotat"), None),
    "version": (_("Version"), None),
    "participants": (_("Andre medarbejdere"), None),
    "other_participants": (_("Andre deltagere"), None),
    "next_date": (_("Næste aftalte kontakt"), None),
    "next_kind": (_("Næste kontaktform"), dict(ContactKind.choices)),
    "title": (_("Handling"), None),
    "owner": (_("Ansvarlig"), None),
    "due": (_("Frist"), None),
    "done_on": (_("Udført"), None),
}


def labels_add(labels: dict) -> None:
    from jobspor.audit import presentation

    for key, value in labels.items():
        presentation.LABELS.setdefault(key, value)
