"""Local development and `make run`: an insecure key is acceptable here, nowhere else."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "local-development-only-not-secret")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("JOBSPOR_DEMO_LOGINS", "1")  # the portals' demo logins (make run)
os.environ.setdefault("JOBSPOR_LETTER_SENDER_CVR", "11111111")  # a made-up sender CVR for letters in the outbox

from .base import *  # noqa: E402,F403

DATA_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns when it is missing)
