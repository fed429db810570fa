"""Where a letter to the citizen goes. Digital Post finds the citizen by CPR number; a citizen without a CPR number or
exempt from Digital Post gets a paper letter, which needs a postal address. A letter that cannot be addressed is
refused before anything is sent or changed, with a Danish message saying what to fix."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import Channel


@dataclass(frozen=True)
class Address:
    channel: str
    name: str
    cpr: str  # "" for a paper letter to a citizen without a CPR number
    postal_lines: tuple[str, ...]  # street, "postal code town"; () when not known

    @property
    def text(self) -> str:
        return "\n".join(self.postal_lines)


def _postal_lines(citizen) -> tuple[str, ...]:
    if not citizen.address.strip() or citizen.postal_code_id is None:
        return ()
    return (citizen.address.strip(), str(citizen.postal_code))


def is_exempt(citizen) -> bool:
    from .models import DigitalPostExemption

    return DigitalPostExemption.objects.filter(citizen_id=citizen.pk).exists()


def letter_address(citizen) -> Address:
    """The citizen's address for a letter, or a ValidationError in Danish."""
    postal = _postal_lines(citizen)
    cpr = citizen.cpr if re.fullmatch(r"\d{10}", citizen.cpr or "") else ""
    exempt = is_exempt(citizen)
    if cpr and not exempt:
        return Address(channel=Channel.DIGITAL, name=citizen.name, cpr=cpr, postal_lines=postal)
    if postal:
        return Address(channel=Channel.PHYSICAL, name=citizen.name, cpr=cpr, postal_lines=postal)
    why = (_("%(name)s er fritaget for Digital Post") if exempt else
           _("%(name)s har intet CPR-nummer, så brevet kan ikke sendes som Digital Post")) % {"name": citizen.name}
    raise ValidationError(
        _("Brevet kan ikke sendes: %(why)s, og der er ingen postadresse (adresse og postnummer) på borgeren. "
          "Ret borgerens oplysninger, og send så brevet igen. Brevet er gemt som kladde.") % {"why": why},
        code="no_address")
