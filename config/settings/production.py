"""Production: every secret from the environment, secure cookies, HTTPS assumed in front."""

from .base import *  # noqa: F403

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
JOBSPOR_DEMO_LOGINS = False  # never a login without MitID in production, whatever the environment says
SAML_SESSION_COOKIE_SAMESITE = "None"  # NemLog-in posts the login back cross-site; the cookie is Secure here
