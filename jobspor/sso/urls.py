"""Staff single sign-on with OpenID Connect (KOMBIT's SAML lives with the other SAML endpoints under /saml/)."""

from django.urls import path

from . import oidc

app_name = "sso"
urlpatterns = [
    path("log-ind/", oidc.OIDCLogin.as_view(), name="oidc_login"),
    path("callback/", oidc.OIDCCallback.as_view(), name="oidc_callback"),
]
