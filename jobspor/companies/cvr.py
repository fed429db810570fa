"""CVR numbers (Danish company register), validated with python-stdnum (modulus 11)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.dk import cvr as stdnum_cvr
from stdnum.exceptions import ValidationError as StdnumError


def cvr_clean(value) -> str:
    """The 8 digits of a valid CVR number, or a Danish ValidationError."""
    raw = str(value or "").strip()
    try:
        return stdnum_cvr.validate(raw)
    except StdnumError:
        compact = stdnum_cvr.compact(raw)
        if not compact.isdigit() or len(compact) != 8:
            message = _("Et CVR-nummer har 8 cifre.")
        elif compact.startswith("0"):
            message = _("Et CVR-nummer kan ikke begynde med 0.")
        else:
            message = _("CVR-nummeret er ikke gyldigt (kontrolcifferet passer ikke).")
        raise ValidationError(message, code="invalid_cvr") from None


def p_number_clean(value) -> str:
    """A P-number (production unit): 10 digits."""
    digits = "".join(str(value or "").split())
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError(_("Et P-nummer har 10 cifre."), code="invalid_p_number")
    return digits
