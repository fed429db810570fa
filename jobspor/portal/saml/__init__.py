"""Login with MitID and MitID Erhverv through NemLog-in (OIOSAML 3, a SAML 2.0 profile), for both portals.

djangosaml2's views do the SAML protocol with pysaml2 (signed AuthnRequests, the response's signature, audience,
validity window and InResponseTo); ours add what OIOSAML 3 and Jobspor ask on top: the assertion itself must be
signed, each response and assertion is used once, the issuer is the IdP the request went to, the level of
assurance is at least Substantial, and the CPR or CVR in it names a citizen or company the jobcentre knows.
See docs/adr/0005-saml-nemlog-in.md."""

from .config import saml_configured

__all__ = ["saml_configured"]
