"""Staff single sign-on: OpenID Connect against the municipality's identity provider (Entra ID, AD FS) and SAML
through KOMBIT's Context Handler. Both map groups (or KOMBIT privileges) to Jobspor roles and teams through
GroupMapping rows an administrator keeps in Django's admin; see docs/sso.md."""
