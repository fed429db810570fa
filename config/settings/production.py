"""Production: every secret from the environment, HTTPS only, secure cookies, HSTS (docs/deploy.md lists the
environment; `jobspor check --deploy` with it gives no warning, jobspor/core/tests/test_deploy_check.py)."""

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = False
# No default host in production: the installation's own name(s), e.g. jobspor.kommune.dk.
ALLOWED_HOSTS = [h for h in env("DJANGO_ALLOWED_HOSTS", required=True).split(",") if h]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Django behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (docs/deploy.md's nginx example).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("JOBSPOR_SSL_REDIRECT", True)
# HSTS: a year, subdomains too, and preload-ready. A municipality whose other subdomains still speak plain HTTP
# sets JOBSPOR_HSTS_INCLUDE_SUBDOMAINS=0 (check --deploy then says so).
SECURE_HSTS_SECONDS = int(env("JOBSPOR_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("JOBSPOR_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("JOBSPOR_HSTS_PRELOAD", True)
# The host-prefixed cookie names cannot be set over HTTP nor by a sibling subdomain.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
JOBSPOR_DEMO_LOGINS = False  # never a login without MitID in production, whatever the environment says
SAML_SESSION_COOKIE_SAMESITE = "None"  # NemLog-in posts the login back cross-site; the cookie is Secure here
