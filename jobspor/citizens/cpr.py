"""CPR numbers: validated with python-stdnum; birth date and sex are derived, never typed."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError as StdnumError


def cpr_clean(value: str) -> str:
    """Return the 10 digits of a valid CPR number or raise a Danish ValidationError.

    The modulus-11 check is not required: CPR numbers issued after 2007 need not satisfy it."""
    raw = str(value or "").strip()
    try:
        return stdnum_cpr.validate(raw)
    except StdnumError:
        compact = stdnum_cpr.compact(raw)
        if not compact.isdigit() or len(compact) != 10:
            message = _("CPR-nummeret skal have 10 cifre (DDMMÅÅ-XXXX).")
        else:
            message = _("CPR-nummeret indeholder ikke en gyldig fødselsdato.")
        raise ValidationError(message, code="invalid_cpr") from None


def cpr_birth_date(cpr: str) -> dt.date:
    return stdnum_cpr.get_birth_date(cpr)


def cpr_sex(cpr: str) -> str:
    """'M' for an odd last digit, 'K' for an even one."""
    return "M" if int(cpr[-1]) % 2 else "K"


def cpr_mask(cpr: str) -> str:
    return f"{cpr[:6]}-xxxx" if cpr else ""


def cpr_format(cpr: str) -> str:
    return f"{cpr[:6]}-{cpr[6:]}" if cpr else ""
