"""A password validator against the words Danish passwords are commonly built from (data/danish_passwords.txt):
"Sommer2026!" is refused because what is left without its digits and signs is "sommer"."""

import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WORDS_FILE = Path(__file__).parent / "data" / "danish_passwords.txt"


@cache
def danish_words() -> frozenset[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def core_of(password: str) -> str:
    """The password without digits, signs and spaces, lower-cased: "Sommer-2026!" → "sommer"."""
    return re.sub(r"[^a-zæøå]", "", password.casefold())


class DanishCommonPasswordValidator:
    def validate(self, password, user=None):
        core = core_of(password)
        words = danish_words()
        if core in words or any(core == word * 2 for word in words):
            raise ValidationError(
                _("Adgangskoden er bygget af et almindeligt ord (fx en årstid, en måned eller en by) med tal eller "
                  "tegn. Vælg en længere sætning af flere ord."), code="password_danish_common")

    def get_help_text(self):
        return _("Adgangskoden må ikke være et almindeligt ord som en årstid, en måned eller en by med tal eller "
                 "tegn efter.")
