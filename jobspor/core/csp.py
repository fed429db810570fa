"""The Content-Security-Policy (django-csp): no inline script anywhere, so an injected <script> or on…= attribute
does not run, and no inline style (style-src 'self'), so an injected <style> or style="…" is not applied. The
policy itself is settings.CONTENT_SECURITY_POLICY; this middleware only adds the identity providers a form may lead
to.

A portal's "Log af" posts to Jobspor, which redirects to NemLog-in's single logout; browsers check that redirect
against the page's form-action. So the origins of the SAML IdPs' endpoints (NemLog-in's, KOMBIT's; read from
their metadata, kept while the files are unchanged), the OpenID provider's logout origin (staff "Log af" after a
login with the municipality's login) and JOBSPOR_CSP_FORM_ACTION join 'self' there.
PDFs get no policy (see process_response)."""

import os
from functools import lru_cache
from urllib.parse import urlsplit
from xml.etree import ElementTree

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

MD = "{urn:oasis:names:tc:SAML:2.0:metadata}"


@lru_cache(maxsize=8)
def _origins_of(files_and_mtimes: tuple) -> tuple[str, ...]:
    origins = set()
    for path, _mtime in files_and_mtimes:
        try:
            root = ElementTree.parse(path).getroot()
        except (OSError, ElementTree.ParseError):
            continue
        for descriptor in root.iter(f"{MD}IDPSSODescriptor"):
            for element in descriptor:
                location = urlsplit(element.get("Location", ""))
                if location.scheme in ("http", "https") and location.netloc:
                    origins.add(f"{location.scheme}://{location.netloc}")
    return tuple(sorted(origins))


def identity_provider_origins() -> list[str]:
    """The endpoints' origins of NemLog-in (when MitID is set up) and of KOMBIT's Context Handler (staff)."""
    from jobspor.portal.saml.config import idp_metadata_files, saml_configured

    paths = list(idp_metadata_files()) if saml_configured() else []
    kombit = getattr(settings, "JOBSPOR_KOMBIT_IDP_METADATA", "") or ""
    paths += [p.strip() for p in kombit.split(",") if p.strip()]
    files = tuple((p, os.path.getmtime(p)) for p in paths if os.path.isfile(p))
    return list(_origins_of(files)) if files else []


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        # A PDF runs no script of ours, and a policy on it can keep the browser's own viewer from showing it.
        if response.get("Content-Type", "").startswith("application/pdf"):
            response._csp_exempt = True
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        from jobspor.sso.oidc import logout_origins

        extra = [*identity_provider_origins(), *logout_origins(), *getattr(settings, "JOBSPOR_CSP_FORM_ACTION", [])]
        if extra and not report_only:
            update = dict(parts.update or {})
            update["form-action"] = [*update.get("form-action", []), *extra]
            parts.update = update
        return parts
