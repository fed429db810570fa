"""Test settings: fast hashing, in-memory e-mail; the database still comes from DATABASE_URL."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("JOBSPOR_LETTER_SENDER_CVR", "11111111")  # letters' MeMo sender in the tests

from .base import *  # noqa: E402,F403

DATA_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise warns when it is missing)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEBUG = False

# The test client builds the middleware for every Client; WhiteNoise then scans the static files each time
# (jobspor/testing/static.py). Same files, same headers, scanned once per process.
MIDDLEWARE = [("jobspor.testing.static.ScannedOnceWhiteNoiseMiddleware"
               if name == "whitenoise.middleware.WhiteNoiseMiddleware" else name) for name in MIDDLEWARE]  # noqa: F405
