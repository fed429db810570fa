"""The English catalogue: chosen by the language cookie only; Danish otherwise (ADR 0001)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parents[3]
MO = ROOT / "jobspor" / "locale" / "en" / "LC_MESSAGES" / "django.mo"
LOGIN = "/konto/login/"
LOG_IN_EN = re.compile(r"\bLog in\b")  # "Log in" is a prefix of Danish "Log ind"


@pytest.fixture(scope="module", autouse=True)
def compiled_messages():
    """Compile the .po catalogues to .mo (as `make install` does); a no-op when they are up to date."""
    before = MO.stat().st_mtime if MO.exists() else None
    subprocess.run([sys.executable, "scripts/compile_messages.py"], cwd=ROOT, check=True)
    assert MO.exists()
    if MO.stat().st_mtime != before:
        trans_real._translations = {}  # drop catalogues Django loaded before the .mo existed
        trans_real._default = None


@pytest.mark.django_db
def test_language_cookie_en_shows_english_login(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(LOGIN).content.decode()
    assert LOG_IN_EN.search(html)
    assert "Log ind" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("accept_language", [None, "en"])
def test_without_cookie_login_is_danish(client, accept_language):
    headers = {"accept-language": accept_language} if accept_language else {}
    html = client.get(LOGIN, headers=headers).content.decode()
    assert "Log ind" in html
    assert not LOG_IN_EN.search(html)
