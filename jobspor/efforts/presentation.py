"""Danish labels for parallel-effort, rehabilitation-team and underretning events (see contacts.presentation)."""

from django.utils.translation import gettext_lazy as _

from .choices import EffortStatus, Recommendation, Sector

LABELS = {
    "sector": (_("Sektor"), dict(Sector.choices)),
    "description": (_("Indsats"), None),
    "contact_name": (_("Kontaktperson"), None),
    "contact_phone": (_("Telefon"), None),
    "contact_email": (_("E-mail"), None),
    "status": (_("Status"), dict(EffortStatus.choices)),
    "start": (_("Start"), None),
    "end": (_("Slut"), None),
    "recommendation": (_("Indstilling"), dict(Recommendation.choices)),
    "text": (_("Begrundelse"), None),
    "recipient": (_("Modtager"), None),
}
