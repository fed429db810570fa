"""NemLog-in (SAML) endpoints under /saml/. Public: each checks what it receives itself."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import staff, views

app_name = "saml"
urlpatterns = [
    path("log-ind/", login_not_required(views.Login.as_view()), name="login"),
    path("acs/", login_not_required(views.AssertionConsumer.as_view()), name="acs"),
    path("log-af/", login_not_required(views.LogoutInit.as_view()), name="logout"),
    path("sls/", login_not_required(views.SingleLogout.as_view()), name="sls"),
    path("metadata/", login_not_required(views.Metadata.as_view()), name="metadata"),
    # Staff through KOMBIT's Context Handler (a second SP entity).
    path("medarbejder/log-ind/", login_not_required(staff.StaffLogin.as_view()), name="staff_login"),
    path("medarbejder/acs/", login_not_required(staff.StaffAssertionConsumer.as_view()), name="staff_acs"),
    path("medarbejder/metadata/", login_not_required(staff.StaffMetadata.as_view()), name="staff_metadata"),
]
